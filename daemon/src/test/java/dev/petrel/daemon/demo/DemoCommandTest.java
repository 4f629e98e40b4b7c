package dev.petrel.daemon.demo;

import dev.petrel.daemon.exec.Exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code petrel demo} in both modes and checks what it prints: the namespace cluster as root (skipped, with the
 * reason, where namespaces cannot be made), and the loopback cluster with its dry-run FIB anywhere.
 */
class DemoCommandTest {
    @Test
    void asRootTheNodesInstallEachOthersBlocksAndAPodPingsAPodOnTheOtherNode() throws Exception {
        String why = Privilege.whyNoNamespaces();
        Assumptions.assumeTrue(why == null, "the namespace demo needs root and `ip netns`: " + why);
        Set<Long> before = descendants();

        String out = run(new DemoCommand());

        assertTrue(out.startsWith("Petrel demo (root)"), out);
        assertTrue(section(out, "n1's peers").matches("(?s)\\s*rr +Established\\s*"), out);
        assertTrue(section(out, "n2's peers").matches("(?s)\\s*rr +Established\\s*"), out);
        assertTrue(section(out, "routes Petrel installed in n1's kernel").contains("10.244.2.0/26 via 10.255.200.2 "),
                "n1's kernel routes n2's block via n2:\n" + out);
        assertTrue(section(out, "routes Petrel installed in n2's kernel").contains("10.244.1.0/26 via 10.255.200.1 "),
                "n2's kernel routes n1's block via n1:\n" + out);
        assertTrue(section(out, "ping from pod2").contains("1 received")
                || section(out, "ping from pod2").contains("reply from 10.244.1.5"), out);
        String ping = out.lines().filter(l -> l.startsWith("ping: ")).findFirst().orElseThrow();
        assertTrue(ping.startsWith("ping: ok: "), out);
        assertTrue(Files.readString(Path.of("README.md")).contains(ping),
                "README.md quotes a line the demo no longer prints:\n" + ping);
        if (Exec.onPath("bird") && Exec.onPath("birdc")) {
            String bird = section(out, "the ToR's view: birdc show route");
            assertTrue(bird.contains("10.244.1.0/26") && bird.contains("10.244.2.0/26"),
                    "BIRD learned both pod blocks:\n" + out);
        }
        assertTrue(out.contains("torn down: 4 processes stopped") || out.contains("torn down: 3 processes stopped"),
                out);
        assertEquals(List.of(), Namespaces.existing(), "no pdemo-* namespace is left");
        Set<Long> left = descendants();
        left.removeAll(before);
        assertEquals(Set.of(), left, "no child process is left");
    }

    @Test
    void asRootFrrCanPlayTheTopOfRackSwitch() throws Exception {
        String why = Privilege.whyNoNamespaces();
        Assumptions.assumeTrue(why == null, "the namespace demo needs root and `ip netns`: " + why);
        Assumptions.assumeTrue(FrrTor.installed(), "FRR is not installed");
        Set<Long> before = descendants();
        DemoCommand demo = new DemoCommand();
        demo.tor = "frr";

        String out = run(demo);

        assertTrue(out.contains("top-of-rack switch pdemo-tor 10.255.200.254 (FRR, AS 65001)"), out);
        String tor = section(out, "the ToR's view: vtysh -c 'show bgp ipv4 unicast' (FRR ");
        assertTrue(tor.contains("10.244.1.0/26") && tor.contains("10.244.2.0/26"), "FRR learned both blocks:\n" + out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("ping: ok: ")), out);
        assertTrue(out.contains("torn down: 5 processes stopped"), "two node agents, the reflector, zebra, bgpd:\n"
                + out);
        assertEquals(List.of(), Namespaces.existing(), "no pdemo-* namespace is left");
        Set<Long> left = descendants();
        left.removeAll(before);
        assertEquals(Set.of(), left, "no child process is left");
    }

    @Test
    void onLoopbackTheSameClusterRunsWithTheFibInDryRunMode() throws Exception {
        DemoCommand demo = new DemoCommand();
        demo.loopback = true;

        String out = run(demo);

        assertTrue(out.startsWith("Petrel demo (loopback)"), out);
        assertTrue(out.contains("The kernel FIB is in dry-run mode: nothing is written to the kernel"), out);
        assertTrue(section(out, "n1's peers").matches("(?s)\\s*rr +Established\\s*"), out);
        assertTrue(section(out, "n2's peers").matches("(?s)\\s*rr +Established\\s*"), out);
        assertTrue(section(out, "routes n1's kernel FIB \"installed\"")
                .matches("(?s).*10\\.244\\.2\\.0/26 +via 10\\.255\\.200\\.2 \\(dry run\\).*"), out);
        assertTrue(section(out, "routes n2's kernel FIB \"installed\"")
                .matches("(?s).*10\\.244\\.1\\.0/26 +via 10\\.255\\.200\\.1 \\(dry run\\).*"), out);
        assertTrue(section(out, "rr$ petrel show peers").matches("(?s).*nodes/127\\.0\\.0\\.1 .*Established.*"), out);
        assertTrue(out.contains("nothing was written to the kernel and no ping was possible"), out);
    }

    private static String run(DemoCommand demo) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = demo.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, out);
        return out;
    }

    /** The lines after {@code == TITLE...} up to the next blank line. */
    private static String section(String out, String title) {
        int start = out.indexOf("\n== " + title);
        assertTrue(start >= 0, "no section \"" + title + "\" in:\n" + out);
        String rest = out.substring(out.indexOf('\n', start + 1) + 1);
        int end = rest.indexOf("\n\n");
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
