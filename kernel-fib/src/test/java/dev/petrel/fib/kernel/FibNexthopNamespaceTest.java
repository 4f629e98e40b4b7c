package dev.petrel.fib.kernel;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.fib.Fib;
import dev.petrel.fib.FibSettings;
import dev.petrel.rib.FibEntry;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Prefix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The FIB with the real kernel's nexthop objects, in a namespace of our own: a thousand ECMP routes through one
 * group, all of it gone after the withdrawal, and someone else's object untouched.
 */
class FibNexthopNamespaceTest {
    @Test
    void thousandEcmpRoutesShareOneGroupAndLeaveNothingBehind() throws Exception {
        TestNamespace.assumeUsable();
        try (TestNamespace ns = TestNamespace.create()) {
            ns.ip("link", "add", "a0", "type", "veth", "peer", "name", "a1");
            ns.ip("link", "set", "lo", "up");
            ns.ip("link", "set", "a0", "up");
            ns.ip("link", "set", "a1", "up");
            ns.ip("addr", "add", "10.255.1.1/24", "dev", "a0");
            ns.ip("addr", "add", "10.255.2.1/24", "dev", "a1");
            ns.ip("nexthop", "add", "id", "5", "via", "10.255.1.9", "dev", "a0"); // someone else's
            Fib fib = new Fib(FibSettings.DEFAULT.withVerifyInterval(Duration.ofHours(1)),
                    RtNetlinkKernel.open(ns.name, 1 << 22), null, null).start(List.of());
            try {
                FibEntry ecmp = new FibEntry(List.of(NextHop.of("10.255.1.2"), NextHop.of("10.255.2.2")), -1, "tor");
                List<Prefix> prefixes = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    prefixes.add(new Ipv4Prefix(0x0aff0000 | (100 + i / 256) << 8 | (i % 256), 32));
                }
                for (Prefix p : prefixes) {
                    fib.changed(p, ecmp);
                }
                await("1000 installed", () -> installed(fib) == 1000);
                String objects = ns.ip("nexthop", "show");
                List<String> ours = objects.lines().filter(l -> l.contains("proto bgp") || l.contains("proto 186"))
                        .toList();
                assertEquals(3, ours.size(), objects);
                assertEquals(1, ours.stream().filter(l -> l.contains("group")).count(), objects);
                assertTrue(objects.lines().anyMatch(l -> l.startsWith("id 5 ")), objects);
                String routes = ns.ip("route", "show", "proto", "186");
                long withNhid = routes.lines().filter(l -> l.contains(" nhid ")).count();
                assertEquals(1000, withNhid, "every route through the group");
                assertTrue(fib.diff().missing().isEmpty() && fib.diff().different().isEmpty(),
                        "the kernel's copy is what the FIB wants");
                for (Prefix p : prefixes) {
                    fib.changed(p, null);
                }
                await("withdrawn", () -> installed(fib) == 0 && ns.ip("route", "show", "proto", "186").isBlank());
                await("our objects gone", () -> ns.ip("nexthop", "show").lines()
                        .noneMatch(l -> l.contains("proto bgp") || l.contains("proto 186")));
                assertTrue(ns.ip("nexthop", "show").lines().anyMatch(l -> l.startsWith("id 5 ")),
                        "the foreign object stays");
                assertTrue(fib.query(f -> f.counts().errors()).get().isEmpty());
            } finally {
                fib.close();
            }
        }
    }

    static long installed(Fib fib) {
        try {
            return fib.query(f -> f.counts().installed()).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
