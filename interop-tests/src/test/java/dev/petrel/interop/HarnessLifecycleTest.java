package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.daemon.exec.CommandResult;
import dev.petrel.daemon.exec.Exec;
import dev.petrel.interop.harness.Hosts;
import dev.petrel.interop.harness.ManagedProcess;
import dev.petrel.interop.harness.KernelCounters;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.RoutedHosts;
import dev.petrel.interop.harness.TestNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The harness's own plumbing: namespaces, links, processes, cleanup. */
@Tag("interop")
class HarnessLifecycleTest {

    @BeforeEach
    void requireInterop() {
        InteropSupport.requireInterop();
    }

    @Test
    void networkCreatesAddressedLinkAndCloseRemovesEverything() throws Exception {
        TestNetwork net = TestNetwork.create("lifecycle");
        Netns a;
        Netns b;
        Path work = net.workDir();
        try {
            Hosts hosts = Hosts.pair(net);
            a = hosts.a();
            b = hosts.b();
            assertTrue(a.name().length() <= 15 && hosts.link().aIf().length() <= 15, hosts::toString);
            assertTrue(a.exists() && b.exists());
            String addrs = a.ip("-o", "addr", "show", "dev", hosts.link().aIf()).orThrow().stdout();
            assertTrue(addrs.contains(hosts.aAddress(false) + "/30"), addrs);
            assertTrue(addrs.contains(hosts.aAddress(true) + "/64"), addrs);
            assertFalse(addrs.contains("tentative"), addrs);
            assertTrue(hosts.aAddress(false).startsWith("10.255."), hosts::toString);
            assertTrue(hosts.aAddress(true).startsWith("fd00:255:"), hosts::toString);
            CommandResult lo = a.exec("ip", "-o", "link", "show", "lo");
            assertTrue(lo.stdout().contains("UP"), lo::describe);
            assertTrue(Files.isDirectory(work));
        } finally {
            net.close();
        }
        assertFalse(a.exists(), "netns a still exists");
        assertFalse(b.exists(), "netns b still exists");
        assertFalse(Files.exists(work), "work dir still exists");
        net.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> net.netns("c"));
    }

    @Test
    void routedHostsReachEachOtherThroughTheRouter() {
        TestNetwork net = TestNetwork.create("routed");
        RoutedHosts h;
        try {
            h = RoutedHosts.create(net);
            assertEquals("1", h.r().execOk("cat", "/proc/sys/net/ipv4/ip_forward").stdout().strip());
            assertEquals("1", h.r().execOk("cat", "/proc/sys/net/ipv6/conf/all/forwarding").stdout().strip());
            for (boolean v6 : new boolean[] {false, true}) {
                String family = v6 ? "-6" : "-4";
                String aToB = h.a().ip(family, "route", "get", h.bAddress(v6)).orThrow().stdout();
                assertTrue(aToB.contains("via " + h.routerAddressTowardsA(v6)), aToB);
                String bToA = h.b().ip(family, "route", "get", h.aAddress(v6)).orThrow().stdout();
                assertTrue(bToA.contains("via " + h.routerAddressTowardsB(v6)), bToA);
            }
            // Something really crosses r: a TCP connect from a to b (nothing listens: refused by b's kernel, an
            // answer that only comes back through r) moves r's forwarded-datagram counter.
            KernelCounters before = KernelCounters.read(h.r());
            CommandResult refused = h.a().exec("bash", "-c", "exec 3<>/dev/tcp/" + h.bAddress(false) + "/179");
            assertTrue(refused.stderr().contains("refused"), refused::describe);
            long forwarded = KernelCounters.read(h.r()).since(before, "IpForwDatagrams");
            assertTrue(forwarded >= 2, () -> "IpForwDatagrams grew by " + forwarded);
        } finally {
            net.close();
        }
        assertFalse(h.a().exists() || h.r().exists() || h.b().exists(), "a namespace survived");
    }

    @Test
    void managedProcessRunsInNamespaceAndStopsByPid() {
        try (TestNetwork net = TestNetwork.create("process")) {
            Netns ns = net.netns("p");
            // The process sees the namespace (its own lo only) and its output goes to the log file.
            ManagedProcess p = net.start("sleeper", ns,
                    List.of("sh", "-c", "ip -o link show; echo ready-$((40+2)); exec sleep 600"));
            // (the log's first line is the command itself, hence the computed marker)
            dev.petrel.interop.harness.Await.until("sleeper logged its start", Duration.ofSeconds(10), p::log,
                    l -> l.contains("ready-42"));
            assertTrue(p.log().contains("lo:") && !p.log().contains("eth0"), p::log);
            assertTrue(p.isAlive());
            long pid = p.pid();
            assertTrue(ProcessHandle.of(pid).isPresent());
            p.stop(Duration.ofSeconds(5));
            assertFalse(p.isAlive());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void stopEscalatesToSigkillAndReachesDescendants() {
        try (TestNetwork net = TestNetwork.create("sigkill")) {
            Netns ns = net.netns("k");
            // Ignores SIGTERM and has a child of its own.
            ManagedProcess p = net.start("stubborn", ns,
                    List.of("sh", "-c", "trap '' TERM; sleep 600 & echo kid=$!; wait"));
            dev.petrel.interop.harness.Await.until("child started", Duration.ofSeconds(10), p::log,
                    l -> l.lines().anyMatch(x -> x.startsWith("kid=")));
            long child = Long.parseLong(p.log().lines().filter(l -> l.startsWith("kid=")).findFirst()
                    .orElseThrow().substring(4).strip());
            long started = System.nanoTime();
            p.stop(Duration.ofMillis(500));
            assertFalse(p.isAlive());
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos());
            dev.petrel.interop.harness.Await.until("child " + child + " gone", Duration.ofSeconds(5),
                    () -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
        }
    }

    @Test
    void execReportsStatusAndTimesOut() {
        CommandResult ok = Exec.run("sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, ok.exitCode());
        assertEquals("out", ok.stdout().strip());
        assertEquals("err", ok.stderr().strip());
        CommandResult slow = Exec.run(List.of("sleep", "30"), Duration.ofMillis(300));
        assertTrue(slow.timedOut(), slow::describe);
        assertFalse(slow.ok());
    }
}
