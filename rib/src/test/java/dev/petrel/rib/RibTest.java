package dev.petrel.rib;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.MpReach;
import dev.petrel.wire.MpUnreach;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.Notification;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Ipv6Prefix;
import dev.petrel.wire.nlri.PrefixList;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RibTest {
    static final long LOCAL_AS = 65000;
    Rib rib;

    @BeforeEach
    void start() {
        rib = new Rib(RibSettings.of(LOCAL_AS, 0x0a0000fe)).start();
    }

    @AfterEach
    void stop() {
        rib.close();
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static SessionContext ours(PeerType type, long peerAs) {
        return new SessionContext(true, false, Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), Set.of(), Set.of(),
                Set.of(), type, LOCAL_AS, peerAs, false);
    }

    /** A peer that is up, with a sink decoding what it is sent as that peer would. */
    record Peer(RibPeer handle, TestSink sink) {}

    Peer peer(String name, String address, long as, String local) {
        return peer(PeerRibConfig.all(name, ip(address), as, as == LOCAL_AS ? PeerType.INTERNAL : PeerType.EXTERNAL), local);
    }

    Peer peer(PeerRibConfig c, String local) {
        return peer(c, local, false);
    }

    Peer peer(PeerRibConfig c, String local, boolean enhancedRefresh) {
        RibPeer h = rib.addPeer(c);
        return new Peer(h, up(h, c, local, enhancedRefresh));
    }

    /** Brings {@code h} up (again) with a fresh sink that decodes what it is sent as the peer would. */
    TestSink up(RibPeer h, PeerRibConfig c, String local, boolean enhancedRefresh) {
        SessionContext ctx = ours(c.peerType(), c.remoteAs());
        SessionContext theirs = new SessionContext(true, false, ctx.families(), Set.of(), Set.of(), Set.of(),
                c.peerType(), c.remoteAs(), LOCAL_AS, c.peerType() == PeerType.EXTERNAL);
        TestSink sink = new TestSink(theirs);
        rib.peerUp(h, new SessionInfo(ctx, Integer.toUnsignedLong(ip(c.address().getHostAddress()).hashCode()),
                ip(local), enhancedRefresh), sink);
        return sink;
    }

    /** Waits until the RIB has processed everything queued and flushed what it produced. */
    void sync() throws Exception {
        for (int i = 0; i < 3; i++) {
            rib.query(v -> null).get(5, TimeUnit.SECONDS);
        }
    }

    static PathAttributes attrs(String nextHop, long... path) {
        return PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(path)).nextHop(nextHop).build();
    }

    static Update announce(PathAttributes a, String... prefixes) {
        Ipv4Prefix[] ps = new Ipv4Prefix[prefixes.length];
        for (int i = 0; i < ps.length; i++) {
            String[] s = prefixes[i].split("/");
            ps[i] = Ipv4Prefix.of(s[0], Integer.parseInt(s[1]));
        }
        return Update.announce(a, PrefixList.of(ps));
    }

    static Update withdraw(String... prefixes) {
        Ipv4Prefix[] ps = new Ipv4Prefix[prefixes.length];
        for (int i = 0; i < ps.length; i++) {
            String[] s = prefixes[i].split("/");
            ps[i] = Ipv4Prefix.of(s[0], Integer.parseInt(s[1]));
        }
        return new Update(PrefixList.of(ps), null, null, null, null);
    }

    @Test
    void anEbgpRouteIsSentOnToAnotherEbgpPeerWithOurAsAndOurAddress() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        Peer b = peer("b", "10.255.2.2", 65002, "10.255.2.1");
        PathAttributes in = attrs("10.255.1.2", 65001, 65100).toBuilder().med(50).localPref(300).build();
        rib.routes(a.handle(), announce(in, "192.0.2.0/24", "198.51.100.0/24"), ErrorAction.NONE);
        sync();
        List<Update> got = b.sink().updates();
        Update u = got.stream().filter(x -> !x.nlri().isEmpty()).findFirst().orElseThrow();
        assertEquals(2, u.nlri().size());
        assertEquals(AsPath.sequence(65000, 65001, 65100), u.attributes().asPath());
        assertEquals("10.255.2.1", dev.petrel.wire.nlri.Ipv4.format(u.attributes().nextHop()));
        assertEquals(-1, u.attributes().med(), "a MED learned from a neighbouring AS is not passed on");
        assertEquals(-1, u.attributes().localPref(), "no LOCAL_PREF towards eBGP");
        // a gets nothing back: the path holds its AS
        assertTrue(a.sink().updates().stream().allMatch(x -> x.nlri().isEmpty()));
    }

    @Test
    void withdrawalReachesTheOtherPeerAndTheTablesEmpty() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        Peer b = peer("b", "10.255.2.2", 65002, "10.255.2.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        rib.routes(a.handle(), withdraw("192.0.2.0/24"), ErrorAction.NONE);
        sync();
        List<Update> got = b.sink().updates();
        assertEquals(Ipv4Prefix.of("192.0.2.0", 24), got.get(got.size() - 1).withdrawn().get(0));
        MemoryReport m = rib.query(RibView::memory).get();
        assertEquals(0, m.paths());
        assertEquals(0, m.prefixes(), "the prefix id is released once its withdrawal went out");
        assertEquals(0, m.attributeSets(), "no attribute set is left referenced");
    }

    @Test
    void peerDownWithdrawsEverythingItSent() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        Peer b = peer("b", "10.255.2.2", 65002, "10.255.2.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24", "192.0.2.128/25"), ErrorAction.NONE);
        sync();
        b.sink().clear();
        rib.peerDown(a.handle(), "test");
        sync();
        int withdrawn = b.sink().updates().stream().mapToInt(u -> u.withdrawn().size()).sum();
        assertEquals(2, withdrawn);
        assertEquals(0, rib.query(v -> v.memory().attributeSets()).get());
    }

    @Test
    void aLaterPeerGetsTheTableAndThenEndOfRib() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        Peer b = peer("b", "10.255.2.2", 65002, "10.255.2.1");
        sync();
        List<Update> got = b.sink().updates();
        int firstEor = -1;
        int route = -1;
        for (int i = 0; i < got.size(); i++) {
            if (got.get(i).endOfRib() != null && firstEor < 0 && got.get(i).endOfRib().equals(Family.IPV4_UNICAST)) {
                firstEor = i;
            }
            if (!got.get(i).nlri().isEmpty()) {
                route = i;
            }
        }
        assertTrue(route >= 0 && firstEor > route, "the route, then End-of-RIB: " + got);
    }

    @Test
    void ibgpRoutesAreNotSentToOtherIbgpPeersButEbgpOnesAreWithLocalPref() throws Exception {
        Peer i1 = peer("i1", "10.255.1.2", LOCAL_AS, "10.255.1.1");
        Peer i2 = peer("i2", "10.255.2.2", LOCAL_AS, "10.255.2.1");
        Peer e = peer("e", "10.255.3.2", 65003, "10.255.3.1");
        rib.routes(i1.handle(), announce(attrs("10.255.1.2", 65010), "192.0.2.0/24"), ErrorAction.NONE);
        rib.routes(e.handle(), announce(attrs("10.255.3.2", 65003), "198.51.100.0/24"), ErrorAction.NONE);
        sync();
        List<Update> toI2 = i2.sink().updates();
        assertTrue(toI2.stream().noneMatch(u -> u.nlri().toList().contains(Ipv4Prefix.of("192.0.2.0", 24))));
        Update fromE = toI2.stream().filter(u -> !u.nlri().isEmpty()).findFirst().orElseThrow();
        assertEquals(100, fromE.attributes().localPref());
        assertEquals("10.255.3.2", dev.petrel.wire.nlri.Ipv4.format(fromE.attributes().nextHop()),
                "next hop unchanged towards iBGP");
        assertEquals(AsPath.sequence(65003), fromE.attributes().asPath());
    }

    @Test
    void asLoopIsHeldButNotUsedUnlessAllowed() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001, LOCAL_AS), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        RouteEntry r = rib.query(v -> v.route(Ipv4Prefix.of("192.0.2.0", 24))).get();
        assertNull(r.best());
        assertTrue(r.paths().get(0).ineligible().startsWith("AS loop"), r.paths().get(0).ineligible());
        PeerRibConfig c = PeerRibConfig.all("a", ip("10.255.1.2"), 65001, PeerType.EXTERNAL);
        rib.reconfigure(a.handle(), new PeerRibConfig(c.name(), c.address(), c.remoteAs(), c.peerType(),
                c.importPolicies(), c.exportPolicies(), 1, c.nextHop(), c.maxPrefixes(), c.limitAction()));
        sync();
        assertNotNull(rib.query(v -> v.route(Ipv4Prefix.of("192.0.2.0", 24))).get().best(),
                "allow-own-as 1 re-applied from Adj-RIB-In, no refresh needed");
    }

    @Test
    void aPrefixTwiceInOneUpdateKeepsItsAttributeSetReferenced() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24", "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertNotNull(rib.query(v -> v.route(Ipv4Prefix.of("192.0.2.0", 24))).get().best());
        assertEquals(1, rib.query(v -> v.memory().attributeSets()).get(), "the one set the path holds");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24", "198.51.100.0/24",
                "192.0.2.0/24"), ErrorAction.NONE);
        rib.routes(a.handle(), withdraw("192.0.2.0/24", "198.51.100.0/24"), ErrorAction.NONE);
        sync();
        MemoryReport m = rib.query(RibView::memory).get();
        assertEquals(0, m.paths());
        assertEquals(0, m.attributeSets(), "every reference given back, none twice");
    }

    @Test
    void treatAsWithdrawRemovesTheEarlierVersion() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001, 65002), "192.0.2.0/24"),
                ErrorAction.TREAT_AS_WITHDRAW);
        sync();
        assertNull(rib.query(v -> v.route(Ipv4Prefix.of("192.0.2.0", 24))).get());
    }

    @Test
    void routeLimitResetSendsCeaseOneWithTheLimit() throws Exception {
        PeerRibConfig c = PeerRibConfig.all("a", ip("10.255.1.2"), 65001, PeerType.EXTERNAL);
        c = new PeerRibConfig(c.name(), c.address(), c.remoteAs(), c.peerType(), c.importPolicies(),
                c.exportPolicies(), 0, c.nextHop(), Map.of(Family.IPV4_UNICAST, 2), LimitAction.RESET);
        Peer a = peer(c, "10.255.1.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/26", "192.0.2.64/26"), ErrorAction.NONE);
        sync();
        assertNull(a.sink().reset);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.128/26"), ErrorAction.NONE);
        sync();
        Notification n = a.sink().reset;
        assertNotNull(n);
        assertEquals(Notification.CEASE, n.code());
        assertEquals(1, n.subcode());
        assertArrayEquals(new byte[] {0, 1, 1, 0, 0, 0, 2}, n.data().toByteArray());
    }

    @Test
    void routeLimitRejectHoldsTheExtraRoutesIneligible() throws Exception {
        PeerRibConfig c = PeerRibConfig.all("a", ip("10.255.1.2"), 65001, PeerType.EXTERNAL);
        c = new PeerRibConfig(c.name(), c.address(), c.remoteAs(), c.peerType(), c.importPolicies(),
                c.exportPolicies(), 0, c.nextHop(), Map.of(Family.IPV4_UNICAST, 1), LimitAction.REJECT);
        Peer a = peer(c, "10.255.1.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/26", "192.0.2.64/26"), ErrorAction.NONE);
        sync();
        RouteCounts counts = rib.query(RibView::counts).get();
        RouteCounts.PeerCount pc = counts.peers().stream().filter(x -> x.family().equals(Family.IPV4_UNICAST))
                .findFirst().orElseThrow();
        assertEquals(2, pc.received());
        assertEquals(1, pc.accepted());
        assertNull(a.sink().reset);
    }

    @Test
    void ipv6RoutesGoInMpReachWithOurAddressAsNextHop() throws Exception {
        Peer a = peer("a", "fd00:255::2", 65001, "fd00:255::1");
        Peer b = peer("b", "fd00:255:1::2", 65002, "fd00:255:1::1");
        PathAttributes pa = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001)).build();
        Update u = new Update(null, pa, null, new MpReach(Family.IPV6_UNICAST, NextHop.of("fd00:255::2"),
                PrefixList.of(Ipv6Prefix.of("2001:db8::", 32))), null);
        rib.routes(a.handle(), u, ErrorAction.NONE);
        sync();
        Update got = b.sink().updates().stream().filter(x -> x.mpReach() != null).findFirst().orElseThrow();
        assertEquals(NextHop.of("fd00:255:1::1"), got.mpReach().nextHop());
        assertEquals(Ipv6Prefix.of("2001:db8::", 32), got.mpReach().nlri().get(0));
        b.sink().clear();
        rib.routes(a.handle(), new Update(null, null, null, null, new MpUnreach(Family.IPV6_UNICAST,
                PrefixList.of(Ipv6Prefix.of("2001:db8::", 32)))), ErrorAction.NONE);
        sync();
        assertTrue(b.sink().updates().stream().anyMatch(x -> x.mpUnreach() != null && !x.mpUnreach().withdrawn().isEmpty()));
    }

    @Test
    void peersWithTheSameSettingsShareOneUpdateGroup() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        Peer b1 = peer("b1", "10.255.2.2", 65002, "10.255.2.1");
        Peer b2 = peer("b2", "10.255.2.3", 65002, "10.255.2.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(2, rib.query(v -> v.groupCount()).get(), "a alone, b1 and b2 together");
        // A peer joining while a change is pending may get a route twice (its walk and the group's flush): the same
        // routes, not necessarily the same messages.
        assertEquals(announced(b1.sink()), announced(b2.sink()));
    }

    private static java.util.Set<String> announced(TestSink s) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Update u : s.updates()) {
            for (var p : u.nlri().toList()) {
                out.add(p + " " + u.attributes());
            }
        }
        return out;
    }

    @Test
    void peersAreKnownByNameInTheOrderTheyWereAdded() throws Exception {
        peer("tor2", "10.255.2.2", 65002, "10.255.2.1");
        peer("tor1", "10.255.1.2", 65001, "10.255.1.1");
        assertEquals(List.of("tor2", "tor1"), rib.query(RibView::peerNames).get(5, TimeUnit.SECONDS));
        assertTrue(rib.query(v -> v.hasPeer("tor1")).get(5, TimeUnit.SECONDS));
        assertFalse(rib.query(v -> v.hasPeer("tor3")).get(5, TimeUnit.SECONDS));
    }

    @Test
    void localRoutesAreAdvertisedWithOurNextHop() throws Exception {
        Peer b = peer("b", "10.255.2.2", 65002, "10.255.2.1");
        rib.originate(Ipv4Prefix.of("10.244.1.0", 26), PathAttributes.builder().origin(Origin.IGP).build(), null);
        sync();
        Update u = b.sink().updates().stream().filter(x -> !x.nlri().isEmpty()).findFirst().orElseThrow();
        assertEquals(AsPath.sequence(65000), u.attributes().asPath());
        assertEquals("10.255.2.1", dev.petrel.wire.nlri.Ipv4.format(u.attributes().nextHop()));
    }

    @Test
    void enhancedRefreshFromThePeerSweepsWhatItDidNotResend() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24", "198.51.100.0/24"),
                ErrorAction.NONE);
        rib.routeRefresh(a.handle(), new dev.petrel.wire.RouteRefresh(Family.IPV4_UNICAST,
                dev.petrel.wire.RouteRefresh.BORR));
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertNotNull(rib.query(v -> v.route(Ipv4Prefix.of("198.51.100.0", 24))).get(), "stale, still there");
        rib.routeRefresh(a.handle(), new dev.petrel.wire.RouteRefresh(Family.IPV4_UNICAST,
                dev.petrel.wire.RouteRefresh.EORR));
        sync();
        assertNull(rib.query(v -> v.route(Ipv4Prefix.of("198.51.100.0", 24))).get(), "not re-sent: swept at EoRR");
        assertNotNull(rib.query(v -> v.route(Ipv4Prefix.of("192.0.2.0", 24))).get());
    }

    @Test
    void aRouteRefreshRequestResendsTheTable() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        Peer b = peer("b", "10.255.2.2", 65002, "10.255.2.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        b.sink().clear();
        rib.routeRefresh(b.handle(), new dev.petrel.wire.RouteRefresh(Family.IPV4_UNICAST,
                dev.petrel.wire.RouteRefresh.NORMAL));
        sync();
        assertTrue(b.sink().updates().stream().anyMatch(u -> u.nlri().toList().contains(Ipv4Prefix.of("192.0.2.0", 24))));
    }

    @Test
    void enhancedRefreshMarkersAreWrittenAsRouteRefreshesForTheSessionToCount() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        Peer b = peer(PeerRibConfig.all("b", ip("10.255.2.2"), 65002, PeerType.EXTERNAL), "10.255.2.1", true);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        int before = b.sink().routeRefreshWrites;
        rib.routeRefresh(b.handle(), new dev.petrel.wire.RouteRefresh(Family.IPV4_UNICAST,
                dev.petrel.wire.RouteRefresh.NORMAL));
        sync();
        assertEquals(2, b.sink().routeRefreshWrites - before, "BoRR and EoRR, not as UPDATE writes");
    }

    @Test
    void everyBatchThatChangesSomethingIsTimedAndQueriesAloneAreNot() throws Exception {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        rib.onDecisionRun(n -> {
            runs.incrementAndGet();
            nanos.addAndGet(n);
        });
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        int afterRoutes = runs.get();
        assertTrue(afterRoutes >= 1, "the peer and its routes were decided on");
        assertTrue(nanos.get() > 0);
        rib.query(v -> null).get(5, TimeUnit.SECONDS);
        assertEquals(afterRoutes, runs.get(), "a scrape's query is not a decision run");
    }

    @Test
    void anExportPolicyChangeSendsOnlyTheDifference() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        Peer b = peer("b", "10.255.2.2", 65002, "10.255.2.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24", "198.51.100.0/24"),
                ErrorAction.NONE);
        sync();
        b.sink().clear();
        dev.petrel.rib.policy.Policy only = new dev.petrel.rib.policy.Policy("only-192", List.of(
                dev.petrel.rib.policy.Rule.accept(List.of(dev.petrel.rib.policy.Match.PrefixMatch.of(
                        Ipv4Prefix.of("192.0.2.0", 24), dev.petrel.rib.policy.Match.PrefixMatch.Operator.EQUAL)),
                        List.of())));
        PeerRibConfig c = PeerRibConfig.all("b", ip("10.255.2.2"), 65002, PeerType.EXTERNAL);
        rib.reconfigure(b.handle(), new PeerRibConfig(c.name(), c.address(), c.remoteAs(), c.peerType(),
                c.importPolicies(), Map.of(Family.IPV4_UNICAST, only, Family.IPV6_UNICAST, only), 0, c.nextHop(),
                Map.of(), null));
        sync();
        List<Update> got = b.sink().updates();
        assertTrue(got.stream().anyMatch(u -> u.withdrawn().toList().contains(Ipv4Prefix.of("198.51.100.0", 24))),
                "the route the new policy refuses is withdrawn: " + got);
        assertTrue(got.stream().noneMatch(u -> u.withdrawn().toList().contains(Ipv4Prefix.of("192.0.2.0", 24))));
        assertNull(b.sink().reset);
    }

    @Test
    void aRouteOriginatedBeforeAnyPeerIsUpReachesThePeersWhenTheyComeUp() throws Exception {
        rib.originate(Ipv4Prefix.of("10.244.1.0", 26), PathAttributes.builder().origin(Origin.IGP)
                .asPath(AsPath.EMPTY).build(), null);
        sync();
        Peer b = peer("b", "10.255.2.2", 65002, "10.255.2.1");
        sync();
        Update u = b.sink().updates().stream().filter(x -> !x.nlri().isEmpty()).findFirst().orElseThrow();
        assertEquals(AsPath.sequence(65000), u.attributes().asPath());
    }

    // ---- The kernel FIB feed ------------------------------------------------------------------------------------

    /** What a FIB would be told, in order. */
    static final class FibRecorder implements FibListener {
        final Map<dev.petrel.wire.nlri.Prefix, FibEntry> now = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> converged = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void changed(dev.petrel.wire.nlri.Prefix prefix, FibEntry entry) {
            calls.incrementAndGet();
            if (entry == null) {
                now.remove(prefix);
            } else {
                now.put(prefix, entry);
            }
        }

        @Override
        public void peerConverged(String peer) {
            converged.add(peer);
        }
    }

    @Test
    void theFibGetsPeerBestPathsNotLocalOnesAndTheirWithdrawals() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        rib.originate(Ipv4Prefix.of("10.244.1.0", 26), attrs("10.255.1.1"), null);
        FibRecorder fib = new FibRecorder();
        rib.attachFib(fib, dev.petrel.rib.policy.Policy.ALL);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "198.51.100.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(Set.of(Ipv4Prefix.of("192.0.2.0", 24), Ipv4Prefix.of("198.51.100.0", 24)), fib.now.keySet(),
                "the table at attach, then changes; the local route is not for the kernel");
        FibEntry e = fib.now.get(Ipv4Prefix.of("192.0.2.0", 24));
        assertEquals(List.of(NextHop.of("10.255.1.2")), e.nextHops());
        assertEquals(-1, e.priority());
        assertEquals("a", e.peer());
        rib.routes(a.handle(), withdraw("192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertFalse(fib.now.containsKey(Ipv4Prefix.of("192.0.2.0", 24)));
        rib.peerDown(a.handle(), "test");
        sync();
        assertTrue(fib.now.isEmpty());
    }

    @Test
    void theKernelExportPolicyFiltersAndSetsThePriority() throws Exception {
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        var policy = new dev.petrel.rib.policy.Policy("kernel", List.of(
                dev.petrel.rib.policy.Rule.reject(List.of(dev.petrel.rib.policy.Match.PrefixMatch.of(
                        Ipv4Prefix.of("192.0.2.0", 24), dev.petrel.rib.policy.Match.PrefixMatch.Operator.EQUAL))),
                dev.petrel.rib.policy.Rule.accept(List.of(), List.of(new dev.petrel.rib.policy.Action.SetKernelPriority(
                        512)))));
        FibRecorder fib = new FibRecorder();
        rib.attachFib(fib, policy);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24", "198.51.100.0/24"),
                ErrorAction.NONE);
        sync();
        assertEquals(Set.of(Ipv4Prefix.of("198.51.100.0", 24)), fib.now.keySet());
        assertEquals(512, fib.now.get(Ipv4Prefix.of("198.51.100.0", 24)).priority());
        rib.kernelExport(dev.petrel.rib.policy.Policy.ALL);
        sync();
        assertEquals(2, fib.now.size(), "a new kernel export policy re-evaluates every best path");
        assertEquals(-1, fib.now.get(Ipv4Prefix.of("198.51.100.0", 24)).priority());
    }

    @Test
    void theFibGetsTheEcmpSetAndEndOfRibOncePerPeer() throws Exception {
        rib.close();
        rib = new Rib(new RibSettings(LOCAL_AS, 0x0a0000fe, DecisionOptions.DEFAULT.withMaxPaths(4), 100, 0, 0)).start();
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        Peer b = peer("b", "10.255.2.2", 65001, "10.255.2.1");
        FibRecorder fib = new FibRecorder();
        rib.attachFib(fib, dev.petrel.rib.policy.Policy.ALL);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        rib.routes(b.handle(), announce(attrs("10.255.2.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(Set.of(NextHop.of("10.255.1.2"), NextHop.of("10.255.2.2")),
                Set.copyOf(fib.now.get(Ipv4Prefix.of("192.0.2.0", 24)).nextHops()));
        rib.endOfRib(a.handle(), Family.IPV4_UNICAST);
        sync();
        assertEquals(List.of(), fib.converged, "a has not sent End-of-RIB for IPv6 yet");
        rib.endOfRib(a.handle(), Family.IPV6_UNICAST);
        rib.endOfRib(a.handle(), Family.IPV6_UNICAST);
        sync();
        assertEquals(List.of("a"), fib.converged);
        rib.routes(b.handle(), withdraw("192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(List.of(NextHop.of("10.255.1.2")), fib.now.get(Ipv4Prefix.of("192.0.2.0", 24)).nextHops());
    }

    @Test
    void awaitingEndOfRibListsEachFamilyUntilItsEndOfRib() throws Exception {
        assertNull(rib.query(v -> v.awaitingEndOfRib("a")).get(5, TimeUnit.SECONDS), "no such peer");
        Peer a = peer("a", "10.255.1.2", 65001, "10.255.1.1");
        assertEquals(List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST),
                rib.query(v -> v.awaitingEndOfRib("a")).get(5, TimeUnit.SECONDS));
        rib.endOfRib(a.handle(), Family.IPV6_UNICAST);
        assertEquals(List.of(Family.IPV4_UNICAST), rib.query(v -> v.awaitingEndOfRib("a")).get(5, TimeUnit.SECONDS));
        rib.endOfRib(a.handle(), Family.IPV4_UNICAST);
        assertEquals(List.of(), rib.query(v -> v.awaitingEndOfRib("a")).get(5, TimeUnit.SECONDS));
        rib.peerDown(a.handle(), "test");
        assertNull(rib.query(v -> v.awaitingEndOfRib("a")).get(5, TimeUnit.SECONDS), "down: no session");
    }

    @Test
    void learnedKernelRoutesAreCandidatesWithTheirInterface() throws Exception {
        Peer b = peer("b", "10.255.2.2", 65002, "10.255.2.1");
        var onlyCali = new dev.petrel.rib.policy.Policy("cali", List.of(dev.petrel.rib.policy.Rule.accept(
                List.of(new dev.petrel.rib.policy.Match.InterfaceMatch("cali*", false)), List.of())));
        PeerRibConfig c = PeerRibConfig.all("b", ip("10.255.2.2"), 65002, PeerType.EXTERNAL);
        rib.reconfigure(b.handle(), new PeerRibConfig(c.name(), c.address(), c.remoteAs(), c.peerType(),
                c.importPolicies(), Map.of(Family.IPV4_UNICAST, onlyCali, Family.IPV6_UNICAST, onlyCali), 0,
                c.nextHop(), c.maxPrefixes(), c.limitAction()));
        PathAttributes a = PathAttributes.builder().origin(Origin.INCOMPLETE).asPath(AsPath.EMPTY).build();
        rib.learn(Ipv4Prefix.of("10.244.1.5", 32), a, null, "cali1234", -1);
        rib.learn(Ipv4Prefix.of("10.96.0.10", 32), a, null, "kube-ipvs0", -1);
        sync();
        List<dev.petrel.wire.nlri.Prefix> sent = b.sink().updates().stream().flatMap(u -> u.nlri().toList().stream())
                .map(p -> (dev.petrel.wire.nlri.Prefix) p).toList();
        assertEquals(List.of(Ipv4Prefix.of("10.244.1.5", 32)), sent);
        rib.unlearn(Ipv4Prefix.of("10.244.1.5", 32));
        sync();
        assertEquals(Ipv4Prefix.of("10.244.1.5", 32), b.sink().updates().getLast().withdrawn().get(0));
    }

    @Test
    void aLinkLocalOnlyNextHopReachesTheFibWithTheSessionsAddress() throws Exception {
        Peer a = peer("a", "fd00:255::2", 65001, "fd00:255::1");
        FibRecorder fib = new FibRecorder();
        rib.attachFib(fib, dev.petrel.rib.policy.Policy.ALL);
        PathAttributes pa = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001)).build();
        rib.routes(a.handle(), new Update(null, pa, null, new MpReach(Family.IPV6_UNICAST, NextHop.of("fe80::2"),
                PrefixList.of(Ipv6Prefix.of("2001:db8::", 32))), null), ErrorAction.NONE);
        rib.routes(a.handle(), new Update(null, pa, null, new MpReach(Family.IPV6_UNICAST, NextHop.of("fd00:255::2"),
                PrefixList.of(Ipv6Prefix.of("2001:db8:1::", 48))), null), ErrorAction.NONE);
        sync();
        FibEntry e = fib.now.get(Ipv6Prefix.of("2001:db8::", 32));
        assertEquals(List.of(ip("fd00:255::1")), e.sessionAddresses(), "the interface is the session's");
        assertNull(fib.now.get(Ipv6Prefix.of("2001:db8:1::", 48)).sessionAddresses(), "a global next hop needs none");
    }
}
