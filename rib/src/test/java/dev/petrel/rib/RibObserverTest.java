package dev.petrel.rib;

import static dev.petrel.rib.RibTest.LOCAL_AS;
import static dev.petrel.rib.RibTest.announce;
import static dev.petrel.rib.RibTest.attrs;
import static dev.petrel.rib.RibTest.ip;
import static dev.petrel.rib.RibTest.ours;
import static dev.petrel.rib.RibTest.withdraw;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.rib.policy.Action;
import dev.petrel.rib.policy.Match;
import dev.petrel.rib.policy.Policy;
import dev.petrel.rib.policy.Rule;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.MpReach;
import dev.petrel.wire.MpUnreach;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Ipv6Prefix;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RibObserver}: a snapshot and then every change, no gap, no duplicate; and reading holds
 * ({@link Rib#holdReading}).
 */
class RibObserverTest {
    static final List<Family> FAMILIES = List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST);
    /** RibTest's RIB and peers, without running its tests again. */
    private final RibTest t = new RibTest();
    Rib rib;

    @BeforeEach
    void start() {
        t.start();
        rib = t.rib;
    }

    @AfterEach
    void stop() {
        t.stop();
    }

    RibTest.Peer peer(PeerRibConfig c, String local) {
        return t.peer(c, local);
    }

    TestSink up(RibPeer h, PeerRibConfig c, String local) {
        return t.up(h, c, local, false);
    }

    RibTest.Peer peer(String name, String address, long as, String local) {
        return peer(PeerRibConfig.all(name, ip(address), as, PeerType.EXTERNAL), local);
    }

    void sync() throws Exception {
        t.sync();
    }

    /** Polls {@code condition} until it holds, for at most five seconds. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting: " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** What a subscriber sees of a best path: what {@link RibObserver#bestChanged} promises to report changes of. */
    record Best(String source, long pathId, PathAttributes attributes, NextHop nextHop, int kernelPriority) {
        static Best of(PathEntry e) {
            return new Best(e.source(), e.pathId(), e.attributes(), e.nextHop(), e.kernelPriority());
        }
    }

    /** An Adj-RIB-In path without what the events do not keep up to date (the best flag, the stale mark). */
    static PathEntry adj(PathEntry e) {
        return new PathEntry(e.source(), e.kind(), e.pathId(), e.received(), e.attributes(), e.nextHop(), false,
                e.eligible(), e.ineligible(), false, e.kernelPriority());
    }

    static String key(String peer, Prefix prefix, long pathId) {
        return peer + " " + prefix + " " + pathId;
    }

    /**
     * The tables as a subscriber knows them: its snapshot with every event replayed onto it. Records as problems an
     * event that changes nothing (a duplicate or a no-op) or removes what was not there (a gap); the RIB thread
     * cannot fail a test itself.
     */
    static class Replay implements RibObserver {
        final Map<Prefix, Best> best = new HashMap<>();
        final Map<String, PathEntry> adjIn = new HashMap<>();
        final Set<String> endOfRib = new HashSet<>();
        /** The peers the RIB knew at the snapshot. */
        final Set<String> peers = new HashSet<>();
        final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        /** Every callback after the snapshot, in order. */
        final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile int snapshotBest = -1;

        @Override
        public void attached(RibView view) {
            if (snapshotBest >= 0) {
                problems.add("attached twice");
            }
            for (Family f : FAMILIES) {
                for (RouteEntry e : view.bestRoutes(f)) {
                    if (e.paths().size() != 1 || !e.best().best()) {
                        problems.add("bestRoutes entry not just its best path: " + e);
                    }
                    best.put(e.prefix(), Best.of(e.best()));
                }
            }
            for (String peer : view.peerNames()) {
                peers.add(peer);
                for (Family f : FAMILIES) {
                    for (RouteEntry e : view.ribIn(peer, f, Integer.MAX_VALUE)) {
                        for (PathEntry p : e.paths()) {
                            adjIn.put(key(peer, e.prefix(), p.pathId()), adj(p));
                        }
                    }
                }
                for (Family f : view.endOfRibReceived(peer)) {
                    endOfRib.add(peer + " " + f);
                }
            }
            snapshotBest = best.size();
        }

        @Override
        public void bestChanged(Prefix prefix, PathEntry e) {
            log.add("best " + prefix + " " + (e == null ? "-" : e.source()));
            if (e == null) {
                if (best.remove(prefix) == null) {
                    problems.add("best of " + prefix + " removed without being held");
                }
                return;
            }
            if (!e.best() || e.attributes() == null) {
                problems.add("a best path that is not one: " + e);
            }
            if (Best.of(e).equals(best.put(prefix, Best.of(e)))) {
                problems.add("best of " + prefix + " reported unchanged: " + e);
            }
        }

        @Override
        public void adjRibInChanged(String peer, Prefix prefix, long pathId, PathEntry after) {
            log.add("adj " + key(peer, prefix, pathId) + " " + (after == null ? "-" : "+"));
            String k = key(peer, prefix, pathId);
            if (after == null) {
                if (adjIn.remove(k) == null) {
                    problems.add("path " + k + " removed without being held");
                }
                return;
            }
            if (after.pathId() != pathId || !after.source().equals(peer)) {
                problems.add("an entry that is not the path's: " + k + " " + after);
            }
            if (adj(after).equals(adjIn.put(k, adj(after)))) {
                problems.add("path " + k + " reported unchanged: " + after);
            }
        }

        @Override
        public void endOfRib(String peer, Family family) {
            log.add("eor " + peer + " " + family);
            if (!endOfRib.add(peer + " " + family)) {
                problems.add("End-of-RIB of " + peer + " " + family + " reported twice");
            }
        }
    }

    /** The tables as they are, read the way a new subscriber would. */
    Replay now() throws Exception {
        return rib.query(v -> {
            Replay r = new Replay();
            r.attached(v);
            return r;
        }).get(10, TimeUnit.SECONDS);
    }

    void assertSameTables(Replay expected, Replay seen, String who) {
        assertEquals(List.of(), seen.problems, who);
        assertEquals(Map.of(), difference(expected.best, seen.best), who + ": Loc-RIB");
        assertEquals(Map.of(), difference(expected.adjIn, seen.adjIn), who + ": Adj-RIB-In");
        // The events say when End-of-RIB arrives, not when a session that sent it ends: a subscriber forgets a removed
        // peer's by itself (the churn removes one).
        Set<String> eor = new HashSet<>(seen.endOfRib);
        eor.removeIf(x -> !expected.peers.contains(x.substring(0, x.indexOf(' '))));
        assertEquals(expected.endOfRib, eor, who + ": End-of-RIB");
    }

    /** Where two tables differ: key to "expected / seen" (null for absent). A short message for a big table. */
    static <K, V> Map<K, String> difference(Map<K, V> expected, Map<K, V> seen) {
        Map<K, String> out = new HashMap<>();
        Set<K> keys = new HashSet<>(expected.keySet());
        keys.addAll(seen.keySet());
        for (K k : keys) {
            if (!java.util.Objects.equals(expected.get(k), seen.get(k))) {
                out.put(k, expected.get(k) + " / " + seen.get(k));
            }
        }
        return out;
    }

    // ---- Snapshot and changes ---------------------------------------------------------------------------------

    static final Policy REJECT_10_1 = new Policy("no-10.1", List.of(
            Rule.reject(List.of(Match.PrefixMatch.of(Ipv4Prefix.of("10.1.0.0", 16), Match.PrefixMatch.Operator.IN))),
            Rule.accept(List.of(), List.of(new Action.SetMed(7)))));

    /** What c's import policy becomes in the churn: other prefixes rejected, another MED set. */
    static final Policy REJECT_10_2 = new Policy("no-10.2", List.of(
            Rule.reject(List.of(Match.PrefixMatch.of(Ipv4Prefix.of("10.2.0.0", 16), Match.PrefixMatch.Operator.IN))),
            Rule.accept(List.of(), List.of(new Action.SetMed(9)))));

    static PeerRibConfig withImport(PeerRibConfig c, Policy p) {
        return new PeerRibConfig(c.name(), c.address(), c.remoteAs(), c.peerType(),
                Map.of(Family.IPV4_UNICAST, p, Family.IPV6_UNICAST, p), c.exportPolicies(), c.allowOwnAs(),
                c.nextHop(), c.maxPrefixes(), c.limitAction());
    }

    @Test
    void observersAttachedMidStreamEndWithTheFinalTablesUnderChurn() throws Exception {
        PeerRibConfig cc = withImport(PeerRibConfig.all("c", ip("10.255.3.2"), 65003, PeerType.EXTERNAL),
                REJECT_10_1);
        PeerRibConfig bc = PeerRibConfig.all("b", ip("10.255.2.2"), 65002, PeerType.EXTERNAL);
        RibTest.Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        RibTest.Peer b = peer(bc, "10.255.2.1");
        RibTest.Peer c = peer(cc, "10.255.3.1");
        Replay early = new Replay();
        Replay late = new Replay();
        Replay gone = new Replay();
        AtomicInteger done = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> feederFailed = new java.util.concurrent.atomic.AtomicReference<>();
        int ops = 12_000;
        Random r = new Random(20261207);
        Thread feeder = new Thread(() -> {
            RibPeer[] handles = {a.handle(), b.handle(), c.handle()};
            String[] hops = {"10.255.1.2", "10.255.2.2", "10.255.3.2"};
            long[] ases = {65001, 65002, 65003};
            for (int op = 0; op < ops; op++) {
                switch (op) {
                    case 4000 -> rib.peerDown(b.handle(), "churn");
                    case 5000 -> up(b.handle(), bc, "10.255.2.1");
                    case 6000 -> rib.endOfRib(a.handle(), Family.IPV4_UNICAST);
                    case 7000 -> rib.reconfigure(c.handle(), withImport(cc, REJECT_10_2));
                    case 8000 -> rib.originate(Ipv4Prefix.of("10.1.7.0", 24), attrs("10.255.1.1"), null);
                    case 9000 -> rib.removePeer(a.handle());
                    case 10_000 -> rib.withdrawLocal(Ipv4Prefix.of("10.1.7.0", 24));
                    default -> { }
                }
                int who = r.nextInt(3);
                int n = 1 + r.nextInt(16);
                List<Prefix> ps = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int x = r.nextInt(600);
                    ps.add(Ipv4Prefix.of("10." + (x / 256) + "." + (x % 256) + ".0", 24));
                }
                int kind = r.nextInt(10);
                boolean v6 = r.nextInt(8) == 0;
                Update u;
                if (v6) {
                    List<Prefix> six = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        six.add(Ipv6Prefix.of("2001:db8:" + Integer.toHexString(r.nextInt(200)) + "::", 48));
                    }
                    PrefixList l = PrefixList.of(six.toArray(Prefix[]::new));
                    u = kind < 3 ? new Update(null, null, null, null, new MpUnreach(Family.IPV6_UNICAST, l))
                            : new Update(null, PathAttributes.builder().origin(Origin.IGP).asPath(
                                    AsPath.sequence(path(ases[who], r))).build(), null,
                                    new MpReach(Family.IPV6_UNICAST, NextHop.of("fd00:255:" + who + "::2"), l), null);
                } else if (kind < 3) {
                    u = new Update(PrefixList.of(ps.toArray(Prefix[]::new)), null, null, null, null);
                } else {
                    PathAttributes at = attrs(hops[who], path(ases[who], r)).toBuilder().med(r.nextInt(3)).build();
                    if (who == 1) {
                        // ADD-PATH from b: two paths per prefix, told apart by their path ids
                        long[] ids = new long[n];
                        for (int i = 0; i < n; i++) {
                            ids[i] = 1 + r.nextInt(2);
                        }
                        u = Update.announce(at, PrefixList.of(ps, ids));
                    } else {
                        u = Update.announce(at, PrefixList.of(ps.toArray(Prefix[]::new)));
                    }
                }
                rib.routes(handles[who], u, ErrorAction.NONE); // false (the queue is full) only asks us to slow
                done.set(op + 1);
            }
        }, "churn");
        feeder.setUncaughtExceptionHandler((t, e) -> feederFailed.set(e));
        feeder.start();
        await(() -> done.get() >= 2500 || feederFailed.get() != null, "the churn to get going");
        assertNull(feederFailed.get());
        rib.observe(early);
        rib.observe(gone);
        await(() -> done.get() >= 6500, "the churn to go on");
        rib.observe(late);
        rib.unobserve(gone);
        feeder.join(60_000);
        assertFalse(feeder.isAlive());
        assertNull(feederFailed.get());
        sync();
        Replay end = now();
        assertTrue(early.snapshotBest > 0, "attached mid-stream: the snapshot holds routes");
        assertTrue(early.log.size() > 1000, "and many changes followed: " + early.log.size());
        assertTrue(late.snapshotBest > 0 && late.log.size() > 100);
        assertTrue(early.log.stream().anyMatch(x -> x.startsWith("eor a ")), "a's End-of-RIB was seen");
        assertTrue(end.best.size() > 100, "the tables are not empty at the end: " + end.best.size());
        assertTrue(end.adjIn.values().stream().anyMatch(p -> p.attributes() == null && p.received() != null),
                "paths rejected by policy are in the Adj-RIB-In with their received attributes");
        assertSameTables(end, early, "observer attached early");
        assertSameTables(end, late, "observer attached late");
        assertEquals(List.of(), gone.problems);
        assertTrue(end.adjIn.keySet().stream().noneMatch(k -> k.startsWith("a ")), "a was removed");
    }

    /** An AS_PATH of 1 to 3 ASes starting at {@code first}: so that the best path moves between the peers. */
    static long[] path(long first, Random r) {
        long[] p = new long[1 + r.nextInt(3)];
        p[0] = first;
        for (int i = 1; i < p.length; i++) {
            p[i] = 64512 + i;
        }
        return p;
    }

    @Test
    void aReAnnouncementThatChangesNothingIsNotReported() throws Exception {
        RibTest.Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        PathAttributes x = attrs("10.255.1.2", 65001);
        rib.routes(a.handle(), announce(x, "192.0.2.0/24"), ErrorAction.NONE);
        Replay o = new Replay();
        rib.observe(o);
        rib.routes(a.handle(), announce(x, "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(1, o.snapshotBest);
        assertEquals(List.of(), o.log, "the same route again is no news");

        // LOCAL_PREF from an eBGP peer is dropped before policy: what was received changed, the best path did not.
        rib.routes(a.handle(), announce(x.toBuilder().localPref(300).build(), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(List.of("adj a 192.0.2.0/24 0 +"), o.log);

        o.log.clear();
        rib.routes(a.handle(), announce(x.toBuilder().med(5).build(), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(List.of("adj a 192.0.2.0/24 0 +", "best 192.0.2.0/24 a"), o.log,
                "a changed route: the Adj-RIB-In, then the best path it makes");
        o.log.clear();
        rib.routes(a.handle(), withdraw("192.0.2.0/24"), ErrorAction.NONE);
        rib.routes(a.handle(), withdraw("192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(List.of("adj a 192.0.2.0/24 0 -", "best 192.0.2.0/24 -"), o.log, "one withdrawal, once");
        assertSameTables(now(), o, "observer");
    }

    @Test
    void aLocalRouteOriginatedAgainUnchangedIsNotReported() throws Exception {
        Replay o = new Replay();
        rib.observe(o);
        rib.originate(Ipv4Prefix.of("10.244.1.0", 26), attrs("10.255.1.1"), null);
        rib.originate(Ipv4Prefix.of("10.244.1.0", 26), attrs("10.255.1.1"), null);
        sync();
        assertEquals(List.of("best 10.244.1.0/26 local"), o.log, "local routes have no Adj-RIB-In");
        rib.originate(Ipv4Prefix.of("10.244.1.0", 26), attrs("10.255.1.1", 65000), null);
        rib.withdrawLocal(Ipv4Prefix.of("10.244.1.0", 26));
        sync();
        assertEquals(List.of("best 10.244.1.0/26 local", "best 10.244.1.0/26 local", "best 10.244.1.0/26 -"), o.log);
        assertSameTables(now(), o, "observer");
    }

    @Test
    void theAdjRibInIsReportedBeforeAndAfterPolicyAndAgainWhenPolicyChanges() throws Exception {
        PeerRibConfig cc = withImport(PeerRibConfig.all("c", ip("10.255.3.2"), 65003, PeerType.EXTERNAL),
                REJECT_10_1);
        RibTest.Peer c = peer(cc, "10.255.3.1");
        Map<String, PathEntry> adj = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> bests = new CopyOnWriteArrayList<>();
        RibObserver o = new RibObserver() {
            @Override
            public void attached(RibView view) {}

            @Override
            public void bestChanged(Prefix prefix, PathEntry best) {
                bests.add(prefix + " " + (best == null ? "-" : best.attributes().med()));
            }

            @Override
            public void adjRibInChanged(String peer, Prefix prefix, long pathId, PathEntry after) {
                adj.put(peer + " " + prefix, after);
            }
        };
        rib.observe(o);
        PathAttributes x = attrs("10.255.3.2", 65003);
        rib.routes(c.handle(), announce(x, "10.1.2.0/24", "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        PathEntry rejected = adj.get("c 10.1.2.0/24");
        assertEquals(x, rejected.received(), "as received");
        assertNull(rejected.attributes(), "rejected by import policy");
        assertFalse(rejected.eligible());
        assertTrue(rejected.ineligible().contains("no-10.1"), rejected.ineligible());
        PathEntry accepted = adj.get("c 192.0.2.0/24");
        assertEquals(x, accepted.received());
        assertEquals(7, accepted.attributes().med(), "after the policy's set med");
        assertTrue(accepted.eligible() && accepted.best());
        assertEquals(List.of("192.0.2.0/24 7"), bests, "no best path for the rejected one");

        RouteEntry inView = rib.query(v -> v.ribIn("c", Family.IPV4_UNICAST, 10)).get().stream()
                .filter(e -> e.prefix().equals(Ipv4Prefix.of("10.1.2.0", 24))).findFirst().orElseThrow();
        assertEquals(x, inView.paths().get(0).received(), "ribIn shows the rejected path too");
        assertNull(inView.paths().get(0).attributes());

        bests.clear();
        adj.clear();
        rib.reconfigure(c.handle(), withImport(cc, Policy.ALL));
        sync();
        assertEquals(x, adj.get("c 10.1.2.0/24").attributes(), "accepted now, unchanged");
        assertEquals(-1, adj.get("c 192.0.2.0/24").attributes().med(), "the med is no longer set");
        assertEquals(Set.of("10.1.2.0/24 -1", "192.0.2.0/24 -1"), Set.copyOf(bests));
        assertEquals(2, bests.size());

        bests.clear();
        adj.clear();
        rib.reconfigure(c.handle(), withImport(cc, Policy.ALL));
        sync();
        assertEquals(Map.of(), adj, "the same policy again changes nothing");
        assertEquals(List.of(), bests);
    }

    @Test
    void endOfRibComesAfterTheRoutesSentBeforeItAndOncePerSession() throws Exception {
        RibTest.Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        Replay o = new Replay();
        rib.observe(o);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "198.51.100.0/24"), ErrorAction.NONE);
        rib.endOfRib(a.handle(), Family.IPV4_UNICAST);
        rib.endOfRib(a.handle(), Family.IPV4_UNICAST);
        sync();
        assertEquals(List.of("adj a 192.0.2.0/24 0 +", "best 192.0.2.0/24 a", "adj a 198.51.100.0/24 0 +",
                "best 198.51.100.0/24 a", "eor a " + Family.IPV4_UNICAST), o.log);
        assertEquals(List.of(Family.IPV4_UNICAST), rib.query(v -> v.endOfRibReceived("a")).get());
        Replay later = new Replay();
        rib.observe(later);
        sync();
        assertEquals(Set.of("a " + Family.IPV4_UNICAST), later.endOfRib, "a later observer's snapshot has it");
        assertSameTables(now(), o, "observer");

        rib.peerDown(a.handle(), "test");
        sync();
        assertEquals(List.of(), rib.query(v -> v.endOfRibReceived("a")).get(), "a new session starts over");
        assertEquals(List.of(), rib.query(v -> v.endOfRibReceived("nobody")).get());
    }

    @Test
    void noCallbackAfterUnobserve() throws Exception {
        RibTest.Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        Replay o = new Replay();
        rib.observe(o);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        rib.unobserve(o);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "198.51.100.0/24"), ErrorAction.NONE);
        rib.endOfRib(a.handle(), Family.IPV4_UNICAST);
        rib.peerDown(a.handle(), "test");
        sync();
        assertEquals(List.of("adj a 192.0.2.0/24 0 +", "best 192.0.2.0/24 a"), o.log);
    }

    @Test
    void onlyTheKindsAnObserverWantsAreBuiltAndTold() throws Exception {
        RibTest.Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        java.util.concurrent.atomic.AtomicBoolean wantBest = new java.util.concurrent.atomic.AtomicBoolean(false);
        Replay o = new Replay() {
            @Override
            public boolean wantsBestPaths() {
                return wantBest.get();
            }

            @Override
            public boolean wantsAdjRibIn() {
                return false;
            }
        };
        rib.observe(o);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        wantBest.set(true);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "198.51.100.0/24"), ErrorAction.NONE);
        rib.endOfRib(a.handle(), Family.IPV4_UNICAST);
        sync();
        // no Adj-RIB-In event at all, no best path before it was wanted; End-of-RIB is always told
        assertEquals(List.of("best 198.51.100.0/24 a", "eor a " + Family.IPV4_UNICAST), o.log);
    }

    @Test
    void anObserverThatThrowsIsDetachedAndTheRibGoesOn() throws Exception {
        RibTest.Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        AtomicInteger calls = new AtomicInteger();
        rib.observe(new RibObserver() {
            @Override
            public void attached(RibView view) {}

            @Override
            public void bestChanged(Prefix prefix, PathEntry best) {
                calls.incrementAndGet();
                throw new IllegalStateException("a bug in a subscriber");
            }
        });
        Replay o = new Replay();
        rib.observe(o);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24", "198.51.100.0/24"),
                ErrorAction.NONE);
        sync();
        assertEquals(1, calls.get(), "told once, then detached");
        assertSameTables(now(), o, "the other observer");
        assertEquals(2, o.best.size());
    }

    // ---- Reading holds ----------------------------------------------------------------------------------------

    @Test
    void aReadingHoldPausesThePeersUntilTheLastHolderReleases() throws Exception {
        RibTest.Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        Object h1 = new Object();
        Object h2 = new Object();
        assertTrue(rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE));
        rib.holdReading(h1);
        rib.holdReading(h1);
        rib.holdReading(h2);
        assertFalse(rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "198.51.100.0/24"),
                ErrorAction.NONE), "held: the session should stop reading");
        sync();
        assertNotNull(rib.query(v -> v.route(Ipv4Prefix.of("198.51.100.0", 24))).get(),
                "what was sent is still taken");
        assertEquals(0, a.sink().resumed, "not resumed while held, though the queue is empty");
        rib.releaseReading(h1);
        rib.releaseReading(h1);
        sync();
        assertEquals(0, a.sink().resumed, "h2 still holds");
        rib.releaseReading(h2);
        await(() -> a.sink().resumed == 1, "the paused peer to be resumed without another UPDATE");
        assertTrue(rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "203.0.113.0/24"),
                ErrorAction.NONE));
        sync();
        assertEquals(1, a.sink().resumed, "resumed once");
    }
}
