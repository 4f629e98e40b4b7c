package dev.petrel.rib;

import static dev.petrel.rib.RibTest.announce;
import static dev.petrel.rib.RibTest.attrs;
import static dev.petrel.rib.RibTest.ip;
import static dev.petrel.rib.RibTest.ours;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.rib.policy.Action;
import dev.petrel.rib.policy.Match;
import dev.petrel.rib.policy.NextHopAction;
import dev.petrel.rib.policy.Policy;
import dev.petrel.rib.policy.Rule;
import dev.petrel.rib.policy.Verdict;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4;
import dev.petrel.wire.nlri.Ipv4Prefix;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 4456 in the RIB: the client/non-client matrix, ORIGINATOR_ID, CLUSTER_LIST and its loop check. */
class RouteReflectionTest {
    static final long LOCAL_AS = RibTest.LOCAL_AS;
    static final long ROUTER_ID = 0x0a0000fe; // 10.0.0.254
    static final long CLUSTER_ID = 0x0a0000c8; // 10.0.0.200
    static final Ipv4Prefix P = Ipv4Prefix.of("192.0.2.0", 24);
    Rib rib;

    @AfterEach
    void stop() {
        if (rib != null) {
            rib.close();
        }
    }

    void start(long clusterId) {
        rib = new Rib(new RibSettings(LOCAL_AS, ROUTER_ID, DecisionOptions.DEFAULT, Candidate.DEFAULT_LOCAL_PREF, 0, 0,
                clusterId)).start();
    }

    record Peer(RibPeer handle, TestSink sink) {}

    Peer ibgp(String name, String address, String local, boolean client) {
        return up(PeerRibConfig.all(name, ip(address), LOCAL_AS, PeerType.INTERNAL).withRouteReflectorClient(client),
                local);
    }

    /** The peer's BGP Identifier is its address. */
    Peer up(PeerRibConfig c, String local) {
        RibPeer h = rib.addPeer(c);
        SessionContext ctx = ours(c.peerType(), c.remoteAs());
        SessionContext theirs = new SessionContext(true, false, ctx.families(), Set.of(), Set.of(), Set.of(),
                c.peerType(), c.remoteAs(), LOCAL_AS, c.peerType() == PeerType.EXTERNAL);
        TestSink sink = new TestSink(theirs);
        rib.peerUp(h, new SessionInfo(ctx, id(c.address().getHostAddress()), ip(local), false), sink);
        return new Peer(h, sink);
    }

    static long id(String dotted) {
        return Integer.toUnsignedLong(Ipv4.read(ip(dotted).getAddress(), 0));
    }

    void sync() throws Exception {
        for (int i = 0; i < 3; i++) {
            rib.query(v -> null).get(5, TimeUnit.SECONDS);
        }
    }

    /** The attributes {@code p} was last sent for {@link #P}, or null when it was never sent it. */
    static PathAttributes got(Peer p) {
        PathAttributes a = null;
        for (Update u : p.sink().updates()) {
            if (u.nlri().toList().contains(P)) {
                a = u.attributes();
            }
        }
        return a;
    }

    static PathAttributes learned() {
        return attrs("10.255.1.2", 65010).toBuilder().localPref(200).med(5).build();
    }

    @Test
    void aClientsRouteIsReflectedToClientsAndNonClientsUnchangedButForOriginatorIdAndClusterList() throws Exception {
        start(CLUSTER_ID);
        Peer c1 = ibgp("c1", "10.255.1.2", "10.255.1.1", true);
        Peer c2 = ibgp("c2", "10.255.2.2", "10.255.2.1", true);
        Peer n1 = ibgp("n1", "10.255.3.2", "10.255.3.1", false);
        // next-hop self does not apply to a reflected route (RFC 4456 §10)
        PeerRibConfig all = PeerRibConfig.all("n2", ip("10.255.4.2"), LOCAL_AS, PeerType.INTERNAL);
        Peer n2 = up(new PeerRibConfig(all.name(), all.address(), all.remoteAs(), all.peerType(), all.importPolicies(),
                all.exportPolicies(), 0, NextHopMode.SELF, all.maxPrefixes(), all.limitAction()), "10.255.4.1");
        Peer e = up(PeerRibConfig.all("e", ip("10.255.5.2"), 65005, PeerType.EXTERNAL), "10.255.5.1");
        rib.routes(c1.handle(), announce(learned(), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        for (Peer p : List.of(c2, n1, n2)) {
            PathAttributes a = got(p);
            assertNotNull(a, p.handle().name() + " is sent the route");
            assertEquals(id("10.255.1.2"), a.originatorId(), "ORIGINATOR_ID: the client's BGP Identifier");
            assertEquals(List.of(CLUSTER_ID), a.clusterList());
            assertEquals("10.255.1.2", Ipv4.format(a.nextHop()), "next hop unchanged");
            assertEquals(AsPath.sequence(65010), a.asPath());
            assertEquals(200, a.localPref());
            assertEquals(5, a.med());
        }
        assertEquals(List.of(), aboutP(c1), "not sent back to the client it came from (as BIRD)");
        PathAttributes toE = got(e);
        assertNotNull(toE);
        assertEquals(-1, toE.originatorId(), "no RFC 4456 attributes towards eBGP");
        assertEquals(List.of(), toE.clusterList());
        assertEquals(AsPath.sequence(LOCAL_AS, 65010), toE.asPath());
    }

    /** What {@code p} was sent about {@link #P}, in order: "+ORIGINATOR_ID" for an announcement, "-" a withdrawal. */
    static List<String> aboutP(Peer p) {
        List<String> out = new java.util.ArrayList<>();
        for (Update u : p.sink().updates()) {
            if (u.withdrawn().toList().contains(P)) {
                out.add("-");
            }
            if (u.nlri().toList().contains(P)) {
                out.add("+" + Ipv4.format((int) u.attributes().originatorId()));
            }
        }
        return out;
    }

    /** Three clients sharing one update group (same local address and policies), their End-of-RIB sent. */
    List<Peer> groupOfClients() throws Exception {
        List<Peer> c = List.of(ibgp("c1", "10.255.1.2", "10.255.1.1", true),
                ibgp("c2", "10.255.1.3", "10.255.1.1", true), ibgp("c3", "10.255.1.4", "10.255.1.1", true));
        sync();
        return c;
    }

    PathAttributes from(String client, int localPref) {
        return attrs(client, 65010).toBuilder().localPref(localPref).build();
    }

    @Test
    void aClientsRouteGoesToTheOtherMembersOfItsGroupAndNotBackToIt() throws Exception {
        start(CLUSTER_ID);
        List<Peer> c = groupOfClients();
        assertEquals(c.get(0).handle().group, c.get(2).handle().group, "one update group");
        rib.routes(c.get(0).handle(), announce(from("10.255.1.2", 100), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(List.of(), aboutP(c.get(0)));
        assertEquals(List.of("+10.255.1.2"), aboutP(c.get(1)));
        assertEquals(List.of("+10.255.1.2"), aboutP(c.get(2)));
        assertEquals(1, c.get(1).sink().prefixes, "counted: one route, to each of the others");
        assertEquals(0, c.get(0).sink().prefixes);
        // show rib-out says what each was sent: the others have the route, its source does not
        assertEquals(0, ribOut(c.get(0)), "show rib-out of the source");
        assertEquals(1, ribOut(c.get(1)));
        assertEquals(1, ribOut(c.get(2)));
        // Its withdrawal: to the others only, as it never had the route.
        rib.routes(c.get(0).handle(), RibTest.withdraw("192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(List.of(), aboutP(c.get(0)));
        assertEquals(List.of("+10.255.1.2", "-"), aboutP(c.get(1)));
        assertEquals(List.of("+10.255.1.2", "-"), aboutP(c.get(2)));
    }

    @Test
    void whenAClientsOwnRouteBecomesBestItIsWithdrawnFromThatClientAloneAndBackWhenItLoses() throws Exception {
        start(CLUSTER_ID);
        List<Peer> c = groupOfClients();
        rib.routes(c.get(1).handle(), announce(from("10.255.1.3", 100), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(List.of("+10.255.1.3"), aboutP(c.get(0)));
        // c1's own route wins: c1 is no longer sent a route for P, so what it had is withdrawn; c2 and c3 get c1's.
        rib.routes(c.get(0).handle(), announce(from("10.255.1.2", 200), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(List.of("+10.255.1.3", "-"), aboutP(c.get(0)));
        assertEquals(List.of("+10.255.1.2"), aboutP(c.get(1)));
        assertEquals(List.of("+10.255.1.3", "+10.255.1.2"), aboutP(c.get(2)));
        // c2's route wins again: c1 is sent it; c2 had c1's, which is withdrawn from it alone.
        rib.routes(c.get(1).handle(), announce(from("10.255.1.3", 300), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(List.of("+10.255.1.3", "-", "+10.255.1.3"), aboutP(c.get(0)));
        assertEquals(List.of("+10.255.1.2", "-"), aboutP(c.get(1)));
        assertEquals(List.of("+10.255.1.3", "+10.255.1.2", "+10.255.1.3"), aboutP(c.get(2)));
    }

    @Test
    void aClientJoiningLaterIsSentEveryRouteButItsOwn() throws Exception {
        start(CLUSTER_ID);
        List<Peer> c = groupOfClients();
        rib.routes(c.get(0).handle(), announce(from("10.255.1.2", 100), "192.0.2.0/24"), ErrorAction.NONE);
        rib.routes(c.get(1).handle(), announce(from("10.255.1.3", 100), "198.51.100.0/24"), ErrorAction.NONE);
        sync();
        // c1 leaves and comes back while its route is still there (the RIB has not yet seen it withdrawn): the
        // walk of the group's table for it skips its own.
        Peer c4 = ibgp("c4", "10.255.1.5", "10.255.1.1", true);
        sync();
        assertEquals(List.of("+10.255.1.2"), aboutP(c4));
        assertEquals(0, c.get(0).sink().updates().stream().filter(u -> u.nlri().toList().contains(P)).count());
        Ipv4Prefix q = Ipv4Prefix.of("198.51.100.0", 24);
        assertTrue(c.get(0).sink().updates().stream().anyMatch(u -> u.nlri().toList().contains(q)));
        assertTrue(c.get(1).sink().updates().stream().noneMatch(u -> u.nlri().toList().contains(q)));
    }

    @Test
    void aNonClientsRouteIsReflectedToClientsOnly() throws Exception {
        start(CLUSTER_ID);
        Peer c1 = ibgp("c1", "10.255.1.2", "10.255.1.1", true);
        Peer n1 = ibgp("n1", "10.255.3.2", "10.255.3.1", false);
        Peer n2 = ibgp("n2", "10.255.4.2", "10.255.4.1", false);
        rib.routes(n1.handle(), announce(attrs("10.255.3.2", 65010).toBuilder().localPref(100).build(),
                "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        PathAttributes a = got(c1);
        assertNotNull(a);
        assertEquals(id("10.255.3.2"), a.originatorId());
        assertEquals(List.of(CLUSTER_ID), a.clusterList());
        assertEquals("10.255.3.2", Ipv4.format(a.nextHop()));
        assertNull(got(n2), "not to another non-client (RFC 4271 §9.2)");
        assertNull(got(n1));
    }

    @Test
    void anOriginatorIdAlreadySetIsKeptAndTheClusterIdIsPrepended() throws Exception {
        start(CLUSTER_ID);
        Peer c1 = ibgp("c1", "10.255.1.2", "10.255.1.1", true);
        Peer c2 = ibgp("c2", "10.255.2.2", "10.255.2.1", true);
        PathAttributes in = learned().toBuilder().originatorId(0x0a090909).clusterList(List.of(0x0a080808L)).build();
        rib.routes(c1.handle(), announce(in, "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        PathAttributes a = got(c2);
        assertNotNull(a);
        assertEquals(0x0a090909L, a.originatorId());
        assertEquals(List.of(CLUSTER_ID, 0x0a080808L), a.clusterList());
    }

    @Test
    void aRouteWithOurClusterIdInItsClusterListIsNotEligible() throws Exception {
        start(CLUSTER_ID);
        Peer c1 = ibgp("c1", "10.255.1.2", "10.255.1.1", true);
        Peer n1 = ibgp("n1", "10.255.3.2", "10.255.3.1", false);
        PathAttributes in = learned().toBuilder().originatorId(0x0a090909)
                .clusterList(List.of(0x0a080808L, CLUSTER_ID)).build();
        rib.routes(n1.handle(), announce(in, "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        RouteEntry r = rib.query(v -> v.route(P)).get();
        assertNull(r.best());
        String why = "CLUSTER_LIST holds our cluster ID 10.0.0.200 (RFC 4456 §8)";
        assertEquals(why, r.paths().get(0).ineligible());
        RouteExplanation x = rib.query(v -> v.explain(P)).get();
        assertEquals("not eligible: " + why, x.candidates().get(0).reason());
        assertNull(got(c1));
    }

    @Test
    void theClusterIdIsTheRouterIdUnlessSet() throws Exception {
        start(0);
        Peer c1 = ibgp("c1", "10.255.1.2", "10.255.1.1", true);
        Peer c2 = ibgp("c2", "10.255.2.2", "10.255.2.1", true);
        rib.routes(c1.handle(), announce(learned(), "192.0.2.0/24"), ErrorAction.NONE);
        PathAttributes loop = learned().toBuilder().clusterList(List.of(ROUTER_ID)).build();
        rib.routes(c2.handle(), announce(loop, "198.51.100.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(List.of(ROUTER_ID), got(c2).clusterList());
        assertNull(rib.query(v -> v.route(Ipv4Prefix.of("198.51.100.0", 24))).get().best());
    }

    @Test
    void aWithdrawalFromAClientReachesEveryoneItWasReflectedTo() throws Exception {
        start(CLUSTER_ID);
        Peer c1 = ibgp("c1", "10.255.1.2", "10.255.1.1", true);
        Peer n1 = ibgp("n1", "10.255.3.2", "10.255.3.1", false);
        rib.routes(c1.handle(), announce(learned(), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertNotNull(got(n1));
        rib.routes(c1.handle(), RibTest.withdraw("192.0.2.0/24"), ErrorAction.NONE);
        sync();
        List<Update> u = n1.sink().updates();
        assertTrue(u.get(u.size() - 1).withdrawn().toList().contains(P));
        MemoryReport m = rib.query(RibView::memory).get();
        assertEquals(0, m.attributeSets(), "no reflected attribute set is left referenced");
    }

    @Test
    void exportPolicyFiltersAReflectedRouteButItsChangesApplyOnlyToRoutesNotReflected() throws Exception {
        start(CLUSTER_ID);
        Policy p = new Policy("no-65020", List.of(
                Rule.reject(List.of(new Match.AsPathPrefixMatch(List.of(65020L)))),
                Rule.accept(List.of(), List.of(new Action.SetLocalPref(50), new Action.SetMed(9),
                        new Action.SetNextHop(NextHopAction.SELF)))), Verdict.REJECT);
        PeerRibConfig all = PeerRibConfig.all("n1", ip("10.255.3.2"), LOCAL_AS, PeerType.INTERNAL);
        Peer n1 = up(new PeerRibConfig(all.name(), all.address(), all.remoteAs(), all.peerType(), all.importPolicies(),
                Map.of(Family.IPV4_UNICAST, p, Family.IPV6_UNICAST, p), 0, all.nextHop(), Map.of(), null), "10.255.3.1");
        Peer c1 = ibgp("c1", "10.255.1.2", "10.255.1.1", true);
        Peer e = up(PeerRibConfig.all("e", ip("10.255.5.2"), 65005, PeerType.EXTERNAL), "10.255.5.1");
        rib.routes(c1.handle(), announce(learned(), "192.0.2.0/24"), ErrorAction.NONE);
        rib.routes(c1.handle(), announce(attrs("10.255.1.2", 65020).toBuilder().localPref(100).build(),
                "203.0.113.0/24"), ErrorAction.NONE);
        rib.routes(e.handle(), announce(attrs("10.255.5.2", 65005), "198.51.100.0/24"), ErrorAction.NONE);
        sync();
        PathAttributes a = got(n1);
        assertNotNull(a);
        assertEquals(200, a.localPref(), "reflected: LOCAL_PREF as it came");
        assertEquals(5, a.med());
        assertEquals("10.255.1.2", Ipv4.format(a.nextHop()));
        assertEquals(List.of(CLUSTER_ID), a.clusterList());
        List<Update> u = n1.sink().updates();
        assertTrue(u.stream().noneMatch(x -> x.nlri().toList().contains(Ipv4Prefix.of("203.0.113.0", 24))),
                "the policy's reject holds for a reflected route");
        PathAttributes fromE = u.stream().filter(x -> x.nlri().toList().contains(Ipv4Prefix.of("198.51.100.0", 24)))
                .findFirst().orElseThrow().attributes();
        assertEquals(50, fromE.localPref(), "an eBGP-learned route: the policy applies as before");
        assertEquals(9, fromE.med());
        assertEquals("10.255.3.1", Ipv4.format(fromE.nextHop()));
        assertEquals(-1, fromE.originatorId());
    }

    private long ribOut(Peer p) throws Exception {
        String name = p.handle().name;
        return rib.query(v -> v.ribOut(name, dev.petrel.wire.Family.IPV4_UNICAST, 100)).get().size();
    }
}
