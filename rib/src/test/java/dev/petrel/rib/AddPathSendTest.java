package dev.petrel.rib;

import static dev.petrel.rib.RibTest.LOCAL_AS;
import static dev.petrel.rib.RibTest.announce;
import static dev.petrel.rib.RibTest.attrs;
import static dev.petrel.rib.RibTest.ip;
import static dev.petrel.rib.RibTest.withdraw;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.rib.policy.Action;
import dev.petrel.rib.policy.Match;
import dev.petrel.rib.policy.Policy;
import dev.petrel.rib.policy.Rule;
import dev.petrel.rib.policy.Verdict;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.MpReach;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.RouteRefresh;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv6Prefix;
import dev.petrel.wire.nlri.PrefixList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ADD-PATH send (RFC 7911): what a peer that negotiated it is sent, decoded as that peer would (with path
 * identifiers), and replayed into the table the peer would hold: (prefix, path id) to attributes.
 */
class AddPathSendTest {
    static final Set<Family> BOTH = Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST);
    static final String P = "192.0.2.0/24";
    Rib rib;

    @BeforeEach
    void start() {
        rib = new Rib(RibSettings.of(LOCAL_AS, 0x0a0000fe)).start();
    }

    @AfterEach
    void stop() {
        rib.close();
    }

    record Peer(RibPeer handle, TestSink sink) {}

    /** An eBGP peer; {@code addPaths} {@link PeerRibConfig#ADD_PATH_OFF} negotiates no ADD-PATH send. */
    Peer peer(String name, String address, long as, String local, int addPaths) {
        PeerType type = as == LOCAL_AS ? PeerType.INTERNAL : PeerType.EXTERNAL;
        return peer(PeerRibConfig.all(name, ip(address), as, type).withAddPathSend(addPaths), local);
    }

    Peer peer(PeerRibConfig c, String local) {
        RibPeer h = rib.addPeer(c);
        Set<Family> send = c.addPathSend() == PeerRibConfig.ADD_PATH_OFF ? Set.of() : BOTH;
        SessionContext ctx = new SessionContext(true, false, BOTH, Set.of(), send, Set.of(), c.peerType(), LOCAL_AS,
                c.remoteAs(), false);
        TestSink sink = new TestSink(ctx.reversed());
        rib.peerUp(h, new SessionInfo(ctx, Integer.toUnsignedLong(c.address().hashCode()), ip(local), false), sink);
        return new Peer(h, sink);
    }

    void sync() throws Exception {
        for (int i = 0; i < 3; i++) {
            rib.query(v -> null).get(5, TimeUnit.SECONDS);
        }
    }

    /** The table the peer holds after everything it was sent: "prefix path N" (or "prefix") to attributes. */
    static Map<String, PathAttributes> table(TestSink s) {
        Map<String, PathAttributes> t = new LinkedHashMap<>();
        for (Update u : s.updates()) {
            for (PrefixList l : lists(u, false)) {
                for (int i = 0; i < l.size(); i++) {
                    assertNotNull(t.remove(l.text(i)), "withdrawn without being announced: " + l.text(i));
                }
            }
            for (PrefixList l : lists(u, true)) {
                for (int i = 0; i < l.size(); i++) {
                    t.put(l.text(i), u.attributes());
                }
            }
        }
        return t;
    }

    private static List<PrefixList> lists(Update u, boolean reach) {
        List<PrefixList> out = new ArrayList<>();
        if (reach) {
            out.add(u.nlri());
            if (u.mpReach() != null) {
                out.add(u.mpReach().nlri());
            }
        } else {
            out.add(u.withdrawn());
            if (u.mpUnreach() != null) {
                out.add(u.mpUnreach().withdrawn());
            }
        }
        return out;
    }

    /** The path ids the peer holds for {@code prefix}, with the first AS of each path's AS_PATH after ours. */
    static Map<Long, Long> paths(TestSink s, String prefix) {
        Map<Long, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, PathAttributes> e : table(s).entrySet()) {
            if (e.getKey().startsWith(prefix + " path ")) {
                long id = Long.parseLong(e.getKey().substring((prefix + " path ").length()));
                out.put(id, e.getValue().asPath().segments().get(0).asns().get(1));
            }
        }
        return out;
    }

    /** A mark in the peer's messages: what came after it is "since". */
    static int mark(Peer p) {
        return p.sink().updates().size();
    }

    /** Every (prefix, path id) announced since {@code from} (a {@link #mark}). */
    static List<String> announced(TestSink s, int from) {
        List<String> out = new ArrayList<>();
        List<Update> us = s.updates();
        for (Update u : us.subList(from, us.size())) {
            for (PrefixList l : lists(u, true)) {
                for (int i = 0; i < l.size(); i++) {
                    out.add(l.text(i));
                }
            }
        }
        return out;
    }

    static List<String> withdrawn(TestSink s, int from) {
        List<String> out = new ArrayList<>();
        List<Update> us = s.updates();
        for (Update u : us.subList(from, us.size())) {
            for (PrefixList l : lists(u, false)) {
                for (int i = 0; i < l.size(); i++) {
                    out.add(l.text(i));
                }
            }
        }
        return out;
    }

    static long idOf(Map<Long, Long> paths, long as) {
        return paths.entrySet().stream().filter(e -> e.getValue() == as).findFirst().orElseThrow().getKey();
    }

    /** Three eBGP sources of the same prefix; a's path is the shortest, then b's, then x's. */
    Peer[] threeSources() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1", 0);
        Peer b = peer("b", "10.255.2.2", 65002, "10.255.2.1", 0);
        Peer x = peer("x", "10.255.5.2", 65005, "10.255.5.1", 0);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), P), ErrorAction.NONE);
        rib.routes(b.handle(), announce(attrs("10.255.2.2", 65002, 65100), P), ErrorAction.NONE);
        rib.routes(x.handle(), announce(attrs("10.255.5.2", 65005, 65100, 65101), P), ErrorAction.NONE);
        return new Peer[] {a, b, x};
    }

    void assertClean() throws Exception {
        MemoryReport m = rib.query(RibView::memory).get();
        assertEquals(0, m.paths());
        assertEquals(0, m.prefixes(), "every prefix id released once its withdrawals went out");
        assertEquals(0, m.attributeSets(), "no attribute set left referenced");
    }

    @Test
    void aReflectedPathIsNotSentBackToTheClientItCameFromNorWithdrawnFromIt() throws Exception {
        Peer[] c = new Peer[3];
        for (int i = 0; i < 3; i++) {
            PeerRibConfig cfg = PeerRibConfig.all("c" + i, ip("10.255.1." + (2 + i)), LOCAL_AS, PeerType.INTERNAL)
                    .withAddPathSend(Integer.MAX_VALUE).withRouteReflectorClient(true);
            c[i] = peer(cfg, "10.255.1.1");
        }
        sync();
        assertEquals(c[0].handle().group, c[2].handle().group, "one update group");
        rib.routes(c[0].handle(), announce(attrs("10.255.1.2", 65010).toBuilder().localPref(100).build(), P),
                ErrorAction.NONE);
        rib.routes(c[1].handle(), announce(attrs("10.255.1.3", 65020).toBuilder().localPref(100).build(), P),
                ErrorAction.NONE);
        sync();
        assertEquals(List.of(65020L), reflected(c[0]), "c0: c1's path only");
        assertEquals(List.of(65010L), reflected(c[1]), "c1: c0's path only");
        assertEquals(Set.of(65010L, 65020L), Set.copyOf(reflected(c[2])), "c2: both");
        // table() fails on a withdrawal of a path the peer was never sent.
        rib.routes(c[0].handle(), withdraw(P), ErrorAction.NONE);
        sync();
        assertEquals(List.of(65020L), reflected(c[0]));
        assertEquals(List.of(), reflected(c[1]));
        assertEquals(List.of(65020L), reflected(c[2]));
    }

    /** The first AS of each path the peer holds for {@link #P} (reflected: no AS of ours in front). */
    static List<Long> reflected(Peer p) {
        List<Long> out = new ArrayList<>();
        for (Map.Entry<String, PathAttributes> e : table(p.sink()).entrySet()) {
            if (e.getKey().startsWith(P + " path ")) {
                out.add(e.getValue().asPath().segments().get(0).asns().get(0));
            }
        }
        return out;
    }

    @Test
    void anAddPathPeerGetsEveryPathWithItsOwnIdAPlainPeerTheBest() throws Exception {
        Peer c = peer("c", "10.255.3.2", 65003, "10.255.3.1", PeerRibConfig.ADD_PATH_ALL);
        Peer d = peer("d", "10.255.4.2", 65004, "10.255.4.1", PeerRibConfig.ADD_PATH_OFF);
        threeSources();
        sync();
        Map<Long, Long> got = paths(c.sink(), P);
        assertEquals(Set.of(65001L, 65002L, 65005L), new HashSet<>(got.values()), "every path: " + got);
        assertEquals(3, got.size(), "distinct ids");
        assertEquals(List.of(65001L, 65002L, 65005L), List.copyOf(got.values()), "in decision order");
        Map<String, PathAttributes> plain = table(d.sink());
        assertEquals(Set.of(P), plain.keySet(), "the plain peer: one path, no path id");
        assertEquals(AsPath.sequence(65000, 65001), plain.get(P).asPath());
        assertEquals(1, rib.query(v -> v.counts()).get().peers().stream()
                .filter(x -> x.peer().equals("c") && x.family().equals(Family.IPV4_UNICAST)).findFirst()
                .orElseThrow().advertised(), "counted once per prefix");
    }

    @Test
    void theBestNLimitIsKeptAsPathsComeAndGo() throws Exception {
        Peer c = peer("c", "10.255.3.2", 65003, "10.255.3.1", 2);
        Peer[] s = threeSources();
        sync();
        Map<Long, Long> got = paths(c.sink(), P);
        assertEquals(List.of(65001L, 65002L), List.copyOf(got.values()), "the best two: " + got);
        long a = idOf(got, 65001);
        long b = idOf(got, 65002);
        int m = mark(c);
        rib.routes(s[0].handle(), withdraw(P), ErrorAction.NONE);
        sync();
        List<String> w = withdrawn(c.sink(), m);
        assertEquals(List.of(P + " path " + a), w, "exactly the best path's id");
        List<String> ann = announced(c.sink(), m);
        assertEquals(1, ann.size(), "x's path comes in as the second best: " + ann);
        assertFalse(ann.contains(P + " path " + b), "b's path did not change");
        m = mark(c);
        // back: a's path is new (a new id) and pushes x out again
        rib.routes(s[0].handle(), announce(attrs("10.255.1.2", 65001), P), ErrorAction.NONE);
        sync();
        assertEquals(1, withdrawn(c.sink(), m).size());
        assertEquals(1, announced(c.sink(), m).size());
    }

    @Test
    void aWithdrawnPathIsWithdrawnByItsIdAloneAndAChangedOneKeepsItsId() throws Exception {
        Peer c = peer("c", "10.255.3.2", 65003, "10.255.3.1", PeerRibConfig.ADD_PATH_ALL);
        Peer[] s = threeSources();
        sync();
        Map<Long, Long> before = paths(c.sink(), P);
        long a = idOf(before, 65001);
        long b = idOf(before, 65002);
        int m = mark(c);
        rib.routes(s[1].handle(), withdraw(P), ErrorAction.NONE);
        sync();
        assertEquals(List.of(P + " path " + b), withdrawn(c.sink(), m));
        assertEquals(List.of(), announced(c.sink(), m), "nothing else changed");
        m = mark(c);
        // a's path changes (a longer AS_PATH, now the worst): the same id, announced again, nothing withdrawn
        rib.routes(s[0].handle(), announce(attrs("10.255.1.2", 65001, 65200, 65201, 65202), P), ErrorAction.NONE);
        sync();
        assertEquals(List.of(P + " path " + a), announced(c.sink(), m));
        assertEquals(List.of(), withdrawn(c.sink(), m));
        m = mark(c);
        rib.routes(s[0].handle(), withdraw(P), ErrorAction.NONE);
        rib.routes(s[2].handle(), withdraw(P), ErrorAction.NONE);
        sync();
        assertEquals(2, withdrawn(c.sink(), m).size());
        assertTrue(table(c.sink()).isEmpty());
        assertClean();
    }

    @Test
    void aMemberJoiningLateIsWalkedEveryPathWithTheSameIds() throws Exception {
        Peer c = peer("c", "10.255.3.2", 65003, "10.255.3.1", PeerRibConfig.ADD_PATH_ALL);
        threeSources();
        sync();
        Peer e = peer("e", "10.255.3.3", 65003, "10.255.3.1", PeerRibConfig.ADD_PATH_ALL);
        sync();
        assertEquals(paths(c.sink(), P), paths(e.sink(), P), "the late member holds what the first one does");
        assertEquals(3, paths(e.sink(), P).size());
        assertTrue(e.sink().updates().stream().anyMatch(u -> u.endOfRib() != null), "End-of-RIB after the walk");
        // a ROUTE-REFRESH walks again: the same paths, the same ids
        int m = mark(e);
        rib.routeRefresh(e.handle(), new RouteRefresh(Family.IPV4_UNICAST, RouteRefresh.NORMAL));
        sync();
        assertEquals(new HashSet<>(paths(c.sink(), P).keySet().stream().map(id -> P + " path " + id).toList()),
                new HashSet<>(announced(e.sink(), m)));
    }

    @Test
    void exportRulesApplyPerPath() throws Exception {
        // An export policy refusing a's path (its AS_PATH starts with 65001), adding a community to the others:
        // not a cacheable export, so the group records the sets it sent.
        Policy p = new Policy("no-65001", List.of(
                Rule.reject(List.of(new Match.AsPathPrefixMatch(List.of(65001L)))),
                Rule.accept(List.of(), List.of(new Action.AddCommunities(List.of(Community.of(65000, 7)))))),
                Verdict.REJECT);
        PeerRibConfig cc = PeerRibConfig.all("c", ip("10.255.3.2"), 65003, PeerType.EXTERNAL);
        cc = new PeerRibConfig(cc.name(), cc.address(), cc.remoteAs(), cc.peerType(), cc.importPolicies(),
                Map.of(Family.IPV4_UNICAST, p, Family.IPV6_UNICAST, p), 0, cc.nextHop(), Map.of(), null,
                PeerRibConfig.ADD_PATH_ALL);
        Peer c = peer(cc, "10.255.3.1");
        Peer[] s = threeSources();
        // and a path carrying NO_EXPORT is not sent to eBGP either
        Peer y = peer("y", "10.255.6.2", 65006, "10.255.6.1", 0);
        rib.routes(y.handle(), announce(attrs("10.255.6.2", 65006).toBuilder()
                .communities(List.of(new Community(Exporter.NO_EXPORT))).build(), P), ErrorAction.NONE);
        sync();
        Map<Long, Long> got = paths(c.sink(), P);
        assertEquals(List.of(65002L, 65005L), List.copyOf(got.values()), "a's and y's paths are not sent: " + got);
        assertTrue(table(c.sink()).values().stream().allMatch(a -> a.hasCommunity(Community.of(65000, 7).value())));
        // a late member of the same group is walked the recorded (policy-made) sets
        Peer e = peer(new PeerRibConfig("e", ip("10.255.3.3"), cc.remoteAs(), cc.peerType(), cc.importPolicies(),
                cc.exportPolicies(), 0, cc.nextHop(), Map.of(), null, PeerRibConfig.ADD_PATH_ALL), "10.255.3.1");
        sync();
        assertEquals(table(c.sink()), table(e.sink()));
        assertEquals(got.size(), rib.query(v -> v.ribOut("c", Family.IPV4_UNICAST, 10)).get().stream()
                .filter(r -> got.containsKey(r.pathId())).count(), "show rib-out lists each path with its id");
        // the export of the other paths changes nothing when a's path goes
        int m = mark(c);
        rib.routes(s[0].handle(), withdraw(P), ErrorAction.NONE);
        sync();
        assertEquals(List.of(), announced(c.sink(), m));
        assertEquals(List.of(), withdrawn(c.sink(), m));
        for (Peer q : List.of(s[1], s[2], y)) {
            rib.routes(q.handle(), withdraw(P), ErrorAction.NONE);
        }
        sync();
        assertTrue(table(c.sink()).isEmpty());
        assertClean();
    }

    @Test
    void anExportPolicyChangeWithdrawsOnlyThePathsNowRefused() throws Exception {
        Peer c = peer("c", "10.255.3.2", 65003, "10.255.3.1", PeerRibConfig.ADD_PATH_ALL);
        threeSources();
        sync();
        long a = idOf(paths(c.sink(), P), 65001);
        int m = mark(c);
        Policy p = new Policy("no-65001", List.of(Rule.reject(List.of(new Match.AsPathPrefixMatch(List.of(65001L))))),
                Verdict.ACCEPT);
        PeerRibConfig cc = c.handle().config;
        rib.reconfigure(c.handle(), new PeerRibConfig(cc.name(), cc.address(), cc.remoteAs(), cc.peerType(),
                cc.importPolicies(), Map.of(Family.IPV4_UNICAST, p, Family.IPV6_UNICAST, p), 0, cc.nextHop(),
                Map.of(), null, cc.addPathSend()));
        sync();
        assertEquals(List.of(P + " path " + a), withdrawn(c.sink(), m), "only a's path");
        assertNull(c.sink().reset);
    }

    @Test
    void ipv6PathsGoInMpReachWithTheirIds() throws Exception {
        Peer c = peer("c", "fd00:255:3::2", 65003, "fd00:255:3::1", PeerRibConfig.ADD_PATH_ALL);
        Peer a = peer("a", "fd00:255::2", 65001, "fd00:255::1", 0);
        Peer b = peer("b", "fd00:255:1::2", 65002, "fd00:255:1::1", 0);
        for (Peer q : List.of(a, b)) {
            long as = q == a ? 65001 : 65002;
            PathAttributes pa = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(as)).build();
            rib.routes(q.handle(), new Update(null, pa, null, new MpReach(Family.IPV6_UNICAST,
                    NextHop.of(q == a ? "fd00:255::2" : "fd00:255:1::2"), PrefixList.of(Ipv6Prefix.of("2001:db8::",
                    32))), null), ErrorAction.NONE);
        }
        sync();
        Map<Long, Long> got = paths(c.sink(), "2001:db8::/32");
        assertEquals(Set.of(65001L, 65002L), new HashSet<>(got.values()), "both paths: " + table(c.sink()));
        assertTrue(c.sink().updates().stream().filter(u -> u.mpReach() != null)
                .allMatch(u -> u.mpReach().nextHop().equals(NextHop.of("fd00:255:3::1"))));
        rib.peerDown(a.handle(), "test");
        sync();
        assertEquals(Set.of(65002L), new HashSet<>(paths(c.sink(), "2001:db8::/32").values()));
    }

    @Test
    void theRankerGivesDecisionOrderAndLeavesNoMark() {
        Source s1 = new Source(1, "a", Source.Kind.PEER, PeerType.EXTERNAL, 65001, 1, ip("10.255.1.2"));
        Source s2 = new Source(2, "b", Source.Kind.PEER, PeerType.EXTERNAL, 65002, 2, ip("10.255.2.2"));
        Source s3 = new Source(3, "x", Source.Kind.PEER, PeerType.EXTERNAL, 65005, 3, ip("10.255.5.2"));
        Path a = path(s1, 65001);
        Path b = path(s2, 65002, 65100);
        Path x = path(s3, 65005, 65100, 65101);
        Path ineligible = path(s3, 65005);
        ineligible.flag(Path.ELIGIBLE, false);
        // list order: x, ineligible, b, a
        x.next = ineligible;
        ineligible.next = b;
        b.next = a;
        BestPath.Ranker r = new BestPath.Ranker();
        assertEquals(3, r.rank(x, DecisionOptions.DEFAULT, Integer.MAX_VALUE));
        assertEquals(List.of(a, b, x), List.of(r.get(0), r.get(1), r.get(2)));
        assertEquals(2, r.rank(x, DecisionOptions.DEFAULT, 2));
        assertEquals(List.of(a, b), List.of(r.get(0), r.get(1)));
        for (Path p = x; p != null; p = p.next) {
            assertEquals(0, p.meta & Path.RANKED, "no path is left marked");
        }
    }

    private static Path path(Source s, long... as) {
        Path p = new Path(s, 0);
        p.attributes = attrs("10.255.9.9", as);
        p.flag(Path.ELIGIBLE, true);
        return p;
    }
}
