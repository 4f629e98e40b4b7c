package dev.petrel.rr;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.ListenRange;
import dev.petrel.config.PetrelConfig;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Range matching, per-range limits, names and removal, without sockets. */
class DynamicNeighborsTest {
    private static List<ListenRange> ranges(String... ranges) {
        String text = "petrel { router-id = \"10.255.0.1\", local-as = 64512\n"
                + "  peer-templates { nodes { remote-as = internal, route-reflector-client = true } }\n"
                + "  listen-ranges = [ " + String.join(", ", ranges) + " ] }";
        ConfigResult r = ConfigLoader.parse(text, "test.conf", Map.of());
        if (!(r instanceof ConfigResult.Valid v)) {
            return fail(r.errors().toString());
        }
        PetrelConfig c = v.config();
        return c.listenRanges();
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void theMostSpecificRangeWinsWhateverTheOrder() throws Exception {
        ListenRanges r = new ListenRanges(ranges(
                "{ name = wide, prefix = \"10.255.0.0/16\", template = nodes }",
                "{ name = rack1, prefix = \"10.255.1.0/24\", template = nodes }",
                "{ name = v6, prefix = \"fd00:255:1::/64\", template = nodes }"));
        assertEquals("rack1", r.match(ip("10.255.1.9")).name());
        assertEquals("wide", r.match(ip("10.255.2.9")).name());
        assertEquals("v6", r.match(ip("fd00:255:1::9")).name());
        assertNull(r.match(ip("10.254.1.9")));
        assertNull(r.match(ip("fd00:255:2::9")));
    }

    @Test
    void aPeerIsMadeOncePerAddressFromItsRangesPrototype() throws Exception {
        DynamicNeighbors<String> d = new DynamicNeighbors<>(ranges(
                "{ prefix = \"10.255.1.0/24\", template = nodes, hold-time = 30s }"));
        List<String> made = new ArrayList<>();
        var a = d.admit(ip("10.255.1.5"), c -> {
            made.add(c.name());
            return "peer-" + c.address().getHostAddress();
        });
        var accepted = assertInstanceOf(DynamicNeighbors.Admission.Accepted.class, a);
        assertTrue(accepted.fresh());
        assertEquals("peer-10.255.1.5", accepted.entry().peer());
        assertEquals("nodes/10.255.1.5", accepted.entry().config().name());
        assertTrue(accepted.entry().config().passive());
        assertTrue(accepted.entry().config().ribOptions().routeReflectorClient());
        assertEquals(30, accepted.entry().config().holdTime().toSeconds());
        var again = assertInstanceOf(DynamicNeighbors.Admission.Accepted.class,
                d.admit(ip("10.255.1.5"), c -> fail("a second connection goes to the same peer")));
        assertFalse(again.fresh());
        assertEquals(List.of("nodes/10.255.1.5"), made);
        assertEquals(1, d.count("nodes"));
    }

    @Test
    void aFullRangeRefusesUntilAPeerIsRemovedAndCountsTheRefusals() throws Exception {
        DynamicNeighbors<String> d = new DynamicNeighbors<>(ranges(
                "{ prefix = \"10.255.1.0/24\", template = nodes, max-peers = 2 }",
                "{ name = other, prefix = \"10.255.2.0/24\", template = nodes, max-peers = 1 }"));
        d.admit(ip("10.255.1.1"), c -> "one");
        d.admit(ip("10.255.1.2"), c -> "two");
        var full = assertInstanceOf(DynamicNeighbors.Admission.Full.class, d.admit(ip("10.255.1.3"), c -> "three"));
        assertEquals("nodes", full.range().name());
        assertEquals(1, d.refusedFull("nodes"));
        assertInstanceOf(DynamicNeighbors.Admission.Accepted.class, d.admit(ip("10.255.2.1"), c -> "other"),
                "each range has its own limit");
        assertEquals(0, d.refusedFull("other"));

        assertFalse(d.remove(ip("10.255.1.1"), "not-one"), "only the peer that holds the address is removed");
        assertTrue(d.remove(ip("10.255.1.1"), "one"));
        assertFalse(d.remove(ip("10.255.1.1"), "one"), "removed once");
        assertEquals(1, d.count("nodes"));
        var fresh = assertInstanceOf(DynamicNeighbors.Admission.Accepted.class,
                d.admit(ip("10.255.1.3"), c -> "three"));
        assertTrue(fresh.fresh());
        assertEquals(List.of("two", "other", "three"), d.peers().stream().map(DynamicNeighbors.Entry::peer).toList());
    }

    @Test
    void anAddressInNoRangeIsRefusedAndCounted() throws Exception {
        DynamicNeighbors<String> d = new DynamicNeighbors<>(ranges(
                "{ prefix = \"10.255.1.0/24\", template = nodes }"));
        assertInstanceOf(DynamicNeighbors.Admission.Outside.class, d.admit(ip("10.255.3.1"), c -> fail("made")));
        assertInstanceOf(DynamicNeighbors.Admission.Outside.class, d.admit(ip("fd00::1"), c -> fail("made")));
        assertEquals(2, d.refusedOutside());
        assertTrue(d.peers().isEmpty());
    }

    @Test
    void ipv6NamesAreInTheirShortForm() throws Exception {
        ListenRange r = ranges("{ name = v6, prefix = \"fd00:255:1::/64\", template = nodes }").get(0);
        assertEquals("v6/fd00:255:1::a", DynamicNeighbors.name(r, ip("fd00:255:1:0:0:0:0:a")));
    }

    @Test
    void concurrentConnectionsNeverOverfillARange() throws Exception {
        DynamicNeighbors<Integer> d = new DynamicNeighbors<>(ranges(
                "{ prefix = \"10.255.0.0/16\", template = nodes, max-peers = 50 }"));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 100; i++) {
                    try {
                        d.admit(InetAddress.getByAddress(new byte[] {10, (byte) 255, (byte) base, (byte) i}),
                                c -> 1);
                    } catch (java.net.UnknownHostException e) {
                        throw new AssertionError(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(50, d.count("nodes"));
        assertEquals(350, d.refusedFull("nodes"));
    }

    /** A reload: kept peers move to the new prototype, dropped and range-less ones are returned, counts by name. */
    @Test
    void reconfigureKeepsDropsAndRecounts() throws Exception {
        DynamicNeighbors<String> d = new DynamicNeighbors<>(ranges(
                "{ name = a, prefix = \"10.255.1.0/24\", template = nodes, max-peers = 3 }",
                "{ name = b, prefix = \"10.255.2.0/24\", template = nodes }"));
        for (String ip : List.of("10.255.1.1", "10.255.1.2", "10.255.2.1")) {
            d.admit(ip(ip), c -> c.name());
        }
        List<ListenRange> next = ranges(
                "{ name = a, prefix = \"10.255.1.0/24\", template = nodes, max-peers = 1, hold-time = 30s }");
        var dropped = d.reconfigure(next, (e, r) -> e.config().address().getHostAddress().equals("10.255.1.2"));
        assertEquals(List.of("a/10.255.1.2", "b/10.255.2.1"), dropped.stream().map(e -> e.peer()).toList());
        assertEquals(List.of("a/10.255.1.1"), d.peers().stream().map(e -> e.peer()).toList());
        assertEquals(30, d.peers().get(0).config().holdTime().toSeconds(), "the kept peer's new prototype");
        assertSame(next.get(0), d.peers().get(0).range());
        assertEquals(1, d.count("a"));
        assertThrows(IllegalArgumentException.class, () -> d.count("b"));
        assertInstanceOf(DynamicNeighbors.Admission.Full.class, d.admit(ip("10.255.1.3"), c -> c.name()),
                "max-peers 1 reached");
        assertInstanceOf(DynamicNeighbors.Admission.Outside.class, d.admit(ip("10.255.2.9"), c -> c.name()),
                "range b is gone");
        assertFalse(d.remove(ip("10.255.1.2"), dropped.get(0).peer()), "forgotten by the reload already");
        assertTrue(d.remove(ip("10.255.1.1"), d.peers().get(0).peer()), "the kept entry is still that peer's");
        assertEquals(0, d.count("a"));
    }
}
