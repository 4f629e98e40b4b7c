package dev.petrel.rib;

import static dev.petrel.rib.RibTest.LOCAL_AS;
import static dev.petrel.rib.RibTest.announce;
import static dev.petrel.rib.RibTest.attrs;
import static dev.petrel.rib.RibTest.ip;
import static dev.petrel.rib.RibTest.ours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.MpReach;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Ipv6Prefix;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Petrel as receiving speaker (RFC 4724 §4.2): a restarting peer's routes stay, stale and still used (by the
 * other peers and the kernel), until it is back and has sent its End-of-RIB; then what it did not send again goes.
 * They also go when it is not back within its restart time, when it sends no End-of-RIB in time, when it did not
 * preserve forwarding (F bit), when it comes back as another source, and when it is removed.
 */
class StaleRoutesTest {
    static final Prefix P1 = Ipv4Prefix.of("192.0.2.0", 24);
    static final Prefix P2 = Ipv4Prefix.of("198.51.100.0", 24);
    static final Set<Family> V4 = Set.of(Family.IPV4_UNICAST);
    static final Duration LONG = Duration.ofSeconds(600);

    private final RibTest t = new RibTest();
    Rib rib;
    RibTest.Peer a;
    RibTest.Peer b;
    final RibTest.FibRecorder fib = new RibTest.FibRecorder();
    final PeerRibConfig aConfig = PeerRibConfig.all("a", ip("10.255.1.2"), 65001, PeerType.EXTERNAL);

    @BeforeEach
    void start() throws Exception {
        t.start();
        rib = t.rib;
        rib.attachFib(fib, dev.petrel.rib.policy.Policy.ALL);
        a = t.peer(aConfig, "10.255.1.1");
        b = t.peer("b", "10.255.2.2", 65002, "10.255.2.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24", "198.51.100.0/24"),
                ErrorAction.NONE);
        rib.endOfRib(a.handle(), Family.IPV4_UNICAST);
        t.sync();
        b.sink().clear();
    }

    @AfterEach
    void stop() {
        t.stop();
    }

    /** a's session comes back: same router ID, preserving forwarding in {@code preserved}. */
    TestSink back(long routerId, Set<Family> preserved) {
        SessionContext ctx = ours(PeerType.EXTERNAL, 65001);
        SessionContext theirs = new SessionContext(true, false, ctx.families(), Set.of(), Set.of(), Set.of(),
                PeerType.EXTERNAL, 65001, LOCAL_AS, true);
        TestSink sink = new TestSink(theirs);
        rib.peerUp(a.handle(), new SessionInfo(ctx, routerId, ip("10.255.1.1"), false, null, preserved), sink);
        return sink;
    }

    TestSink back(Set<Family> preserved) {
        return back(Integer.toUnsignedLong(ip("10.255.1.2").hashCode()), preserved); // RibTest's router ID for a
    }

    PathEntry path(Prefix p) throws Exception {
        RouteEntry r = rib.query(v -> v.route(p)).get(5, TimeUnit.SECONDS);
        return r == null || r.paths().isEmpty() ? null : r.paths().get(0);
    }

    int withdrawnToB() {
        return b.sink().updates().stream().mapToInt(u -> u.withdrawn().size()).sum();
    }

    /** Waits (bounded) for the RIB's clock to act: observable state, not a timed assertion. */
    void awaitGone(Prefix p) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (path(p) != null) {
            assertTrue(System.nanoTime() < end, p + " still there");
            Thread.sleep(50);
        }
    }

    @Test
    void keptStaleThroughTheRestartAndWhatIsNotSentAgainGoesAtEndOfRib() throws Exception {
        rib.peerDown(a.handle(), "connection reset", new StaleRetention(V4, LONG, LONG));
        t.sync();
        assertTrue(path(P1).stale() && path(P2).stale());
        assertTrue(path(P1).best(), "still used");
        assertEquals(0, withdrawnToB(), "the other peers see nothing of the restart");
        assertEquals(Set.of(P1, P2), fib.now.keySet(), "nor does the kernel");

        back(V4);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        t.sync();
        assertFalse(path(P1).stale(), "sent again: fresh");
        assertTrue(path(P2).stale(), "not yet sent again: stale until End-of-RIB");
        int fibCalls = fib.calls.get();

        rib.endOfRib(a.handle(), Family.IPV4_UNICAST);
        t.sync();
        assertNotNull(path(P1));
        assertNull(path(P2));
        assertEquals(1, withdrawnToB());
        assertEquals(Set.of(P1), fib.now.keySet());
        assertEquals(fibCalls + 1, fib.calls.get(), "the kernel hears of the gone route only");
    }

    @Test
    void notBackWithinItsRestartTimeTheStaleRoutesGo() throws Exception {
        rib.peerDown(a.handle(), "connection reset", new StaleRetention(V4, Duration.ofSeconds(1), LONG));
        awaitGone(P1);
        assertNull(path(P2));
        assertTrue(fib.now.isEmpty());
        assertEquals(0, rib.query(v -> v.memory().attributeSets()).get(), "nothing of a is left referenced");
    }

    @Test
    void backButNoEndOfRibInTimeTheStaleRoutesGoAndTheFreshOnesStay() throws Exception {
        rib.peerDown(a.handle(), "connection reset", new StaleRetention(V4, LONG, Duration.ofSeconds(1)));
        back(V4);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        awaitGone(P2);
        assertNotNull(path(P1));
        assertFalse(path(P1).stale());
    }

    @Test
    void backWithoutTheFBitTheStaleRoutesGoAtOnce() throws Exception {
        rib.peerDown(a.handle(), "connection reset", new StaleRetention(V4, LONG, LONG));
        back(Set.of());
        t.sync();
        assertNull(path(P1));
        assertNull(path(P2));
        assertEquals(2, withdrawnToB());
    }

    @Test
    void backWithAnotherRouterIdTheStaleRoutesGoAtOnce() throws Exception {
        rib.peerDown(a.handle(), "connection reset", new StaleRetention(V4, LONG, LONG));
        back(0x0aff0199L, V4);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        t.sync();
        assertNull(path(P2));
        assertFalse(path(P1).stale());
        assertEquals(1, rib.query(v -> v.route(P1)).get().paths().size(), "one path: the old one went");
    }

    @Test
    void familiesNotKeptGoWhenTheSessionEnds() throws Exception {
        PathAttributes pa = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001)).build();
        rib.routes(a.handle(), new Update(null, pa, null, new MpReach(Family.IPV6_UNICAST, NextHop.of("fd00:255::2"),
                PrefixList.of(Ipv6Prefix.of("2001:db8::", 32))), null), ErrorAction.NONE);
        t.sync();
        assertNotNull(path(Ipv6Prefix.of("2001:db8::", 32)));
        rib.peerDown(a.handle(), "connection reset", new StaleRetention(V4, LONG, LONG));
        t.sync();
        assertNull(path(Ipv6Prefix.of("2001:db8::", 32)), "IPv6 was not listed: gone");
        assertTrue(path(P1).stale());
    }

    @Test
    void aRemovedPeersStaleRoutesGo() throws Exception {
        rib.peerDown(a.handle(), "connection reset", new StaleRetention(V4, LONG, LONG));
        rib.removePeer(a.handle());
        t.sync();
        assertNull(path(P1));
        assertNull(path(P2));
        assertEquals(0, rib.query(v -> v.memory().attributeSets()).get());
    }

    @Test
    void aSecondRestartBeforeEndOfRibDropsWhatIsStillStaleFromTheFirst() throws Exception {
        rib.peerDown(a.handle(), "connection reset", new StaleRetention(V4, LONG, LONG));
        back(V4);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        rib.peerDown(a.handle(), "connection reset again", new StaleRetention(V4, LONG, LONG));
        t.sync();
        // RFC 4724 §4.2 "consecutive restarts": P2, never re-sent, goes; P1, re-sent, is kept again
        assertTrue(path(P1).stale());
        assertNull(path(P2));
        assertEquals(1, withdrawnToB());
        back(V4);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        rib.endOfRib(a.handle(), Family.IPV4_UNICAST);
        t.sync();
        assertFalse(path(P1).stale());
        assertEquals(1, withdrawnToB(), "only P2 went");
    }

    @Test
    void aFreshPathOfAnotherPeerWinsOverAStaleOneAtTheTieBreaker() throws Exception {
        // c sends P1 with an AS_PATH as long as a's and a's router ID: everything ties down to the peer address,
        // where a (10.255.1.2) wins while fresh; a stale path loses just before that step
        PeerRibConfig cc = PeerRibConfig.all("c", ip("10.255.3.2"), 65003, PeerType.EXTERNAL);
        RibPeer c = rib.addPeer(cc);
        SessionContext ctx = ours(PeerType.EXTERNAL, 65003);
        rib.peerUp(c, new SessionInfo(ctx, Integer.toUnsignedLong(ip("10.255.1.2").hashCode()), ip("10.255.3.1"),
                false), new TestSink(new SessionContext(true, false, ctx.families(), Set.of(), Set.of(), Set.of(),
                        PeerType.EXTERNAL, 65003, LOCAL_AS, true)));
        rib.routes(c, announce(attrs("10.255.3.2", 65003), "192.0.2.0/24"), ErrorAction.NONE);
        t.sync();
        assertEquals("a", rib.query(v -> v.route(P1)).get().best().source());
        rib.peerDown(a.handle(), "connection reset", new StaleRetention(V4, LONG, LONG));
        t.sync();
        assertEquals("c", rib.query(v -> v.route(P1)).get().best().source(), "re-decided when a's turned stale");
        assertEquals(2, rib.query(v -> v.route(P1)).get().paths().size(), "a's is kept");
    }

    @Test
    void theRouteLimitCountsOnlyFreshRoutesWhileTheStaleOnesAwaitEndOfRib() throws Exception {
        // a2 may send 2 prefixes (REJECT beyond); it had P1 and P2, restarts, and comes back with P3 and P1
        PeerRibConfig c = PeerRibConfig.all("a2", ip("10.255.4.2"), 65004, PeerType.EXTERNAL);
        c = new PeerRibConfig(c.name(), c.address(), c.remoteAs(), c.peerType(), c.importPolicies(),
                c.exportPolicies(), 0, c.nextHop(), java.util.Map.of(Family.IPV4_UNICAST, 2), LimitAction.REJECT);
        RibTest.Peer a2 = t.peer(c, "10.255.4.1");
        Prefix p3 = Ipv4Prefix.of("203.0.113.0", 24);
        rib.routes(a2.handle(), announce(attrs("10.255.4.2", 65004), "10.1.0.0/24", "10.2.0.0/24"), ErrorAction.NONE);
        rib.peerDown(a2.handle(), "connection reset", new StaleRetention(V4, LONG, LONG));
        SessionContext ctx = ours(PeerType.EXTERNAL, 65004);
        rib.peerUp(a2.handle(), new SessionInfo(ctx, Integer.toUnsignedLong(ip("10.255.4.2").hashCode()),
                ip("10.255.4.1"), false, null, V4), new TestSink(new SessionContext(true, false, ctx.families(),
                        Set.of(), Set.of(), Set.of(), PeerType.EXTERNAL, 65004, LOCAL_AS, true)));
        rib.routes(a2.handle(), announce(attrs("10.255.4.2", 65004), "203.0.113.0/24", "10.1.0.0/24"),
                ErrorAction.NONE);
        t.sync();
        PathEntry third = path(p3);
        assertTrue(third.eligible(), "2 fresh routes: within the limit, the stale one does not count: " + third);
        rib.endOfRib(a2.handle(), Family.IPV4_UNICAST);
        t.sync();
        assertNull(path(Ipv4Prefix.of("10.2.0.0", 24)), "swept");
        RouteCounts.PeerCount pc = rib.query(RibView::counts).get().peers().stream()
                .filter(x -> x.peer().equals("a2") && x.family().equals(Family.IPV4_UNICAST)).findFirst().orElseThrow();
        assertEquals(2, pc.received());
        assertEquals(2, pc.accepted());
    }

    @Test
    void aReconfiguredPeersStaleRoutesGo() throws Exception {
        rib.peerDown(a.handle(), "connection reset", new StaleRetention(V4, LONG, LONG));
        t.sync();
        assertNotNull(path(P1));
        rib.reconfigure(a.handle(), PeerRibConfig.all("a", ip("10.255.1.2"), 65009, PeerType.EXTERNAL));
        t.sync();
        assertNull(path(P1));
        assertNull(path(P2));
    }

    @Test
    void withoutRetentionEverythingGoesAsBefore() throws Exception {
        rib.peerDown(a.handle(), "Hard Reset received", StaleRetention.NONE);
        t.sync();
        assertNull(path(P1));
        assertEquals(2, withdrawnToB());
    }
}
