package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.interop.harness.Announcement;
import dev.petrel.interop.harness.Await;
import dev.petrel.interop.harness.BgpPath;
import dev.petrel.interop.harness.KernelRoutes;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.Petrel;
import dev.petrel.interop.harness.PetrelConf;
import dev.petrel.interop.harness.TestNetwork;
import dev.petrel.speaker.PeerStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * ADD-PATH (RFC 7911) from Petrel the route reflector to its clients, so that ECMP survives reflection: one
 * subclass per daemon ({@link #startRouter}). Without it a reflector passes on its best path only, and a client
 * behind it sees one next hop where the network has two.
 *
 * <p>Five namespaces on one LAN, all AS {@value #AS}: a (Petrel, {@code cluster-id = }{@value #CLUSTER_ID}, every
 * other host its client), c1 and c2 (both announce {@value #P}: two next hops), d (offers to receive ADD-PATH;
 * Petrel {@code add-path-send = all}) and e (Petrel {@code add-path-send = all} too, but e does not offer to
 * receive: FRR {@code disable-addpath-rx}, BIRD without {@code add paths rx}). d and e run iBGP multipath (FRR
 * {@code maximum-paths ibgp 4}). All of the same daemon. The scenarios share the topology and run in order.
 *
 * <p>FRR 8.4's e sends an ADD-PATH capability with Send/Receive 0, which RFC 7911 §4 says to ignore: that e's
 * session comes up at all is part of the test.
 */
abstract class ReflectorAddPathScenarios extends LanScenarios {

    static final Duration QUIET = Duration.ofSeconds(2);
    static final long AS = 65040;
    static final String CLUSTER_ID = "10.255.0.140";
    static final String P = "10.255.247.0/24";

    Netns a;
    Netns c1;
    Netns c2;
    Netns d;
    Netns e;
    Petrel petrel;
    Router rc1;
    Router rc2;
    Router rd;
    Router re;

    /** Starts BIRD or FRR in {@code ns} as {@code spec} says. */
    abstract Router startRouter(TestNetwork net, Netns ns, Router.Spec spec);

    @BeforeAll
    void startTopology() {
        LanTopology t = open("a", "c1", "c2", "d", "e");
        a = t.host("a");
        c1 = t.host("c1");
        c2 = t.host("c2");
        d = t.host("d");
        e = t.host("e");
        Router.Neighbor toPetrel = new Router.Neighbor("petrel", addr(a), AS, true, true);
        Router.Neighbor fromPetrel = new Router.Neighbor("petrel", addr(a), AS, true, false);
        rc1 = t.router(this::startRouter, c1, t.spec("c1", c1, AS).neighbor(toPetrel).announce(Announcement.of(P)));
        rc2 = t.router(this::startRouter, c2, t.spec("c2", c2, AS).neighbor(toPetrel).announce(Announcement.of(P)));
        rd = t.router(this::startRouter, d,
                t.spec("d", d, AS).neighbor(fromPetrel.withAddPathRx()).ibgpMultipath(true));
        re = t.router(this::startRouter, e,
                t.spec("e", e, AS).neighbor(fromPetrel.withoutAddPathRx()).ibgpMultipath(true));
        PetrelConf conf = t.petrelConf(a, AS)
                .extra("cluster-id = \"" + CLUSTER_ID + "\"")
                .peer(client("c1", c1))
                .peer(client("c2", c2))
                .peer(client("d", d).extra("add-path-send = all"))
                .peer(client("e", e).extra("add-path-send = all"));
        petrel = t.petrel(a, conf);
        t.awaitEstablished();
    }

    PetrelConf.Peer client(String name, Netns ns) {
        return PetrelConf.Peer.exchangingAll(name, addr(ns), AS, "ipv4-unicast").extra("route-reflector-client = true");
    }

    /**
     * {@code r}'s paths for {@link #P} from Petrel as "NEXT_HOP originator ORIGINATOR_ID clusters [CLUSTER_LIST]",
     * sorted; a next hop without its reflection attributes reads as a mismatch.
     */
    Set<String> reflected(Router r) {
        List<BgpPath> paths = r.pathsFrom(P, addr(a));
        List<Router.Reflection> x = r.reflections(P, addr(a));
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < paths.size(); i++) {
            Router.Reflection ri = i < x.size() ? x.get(i) : null;
            out.add(paths.get(i).nextHop() + " originator " + (ri == null ? "?" : ri.originatorId()) + " clusters "
                    + (ri == null ? "?" : ri.clusterList()));
        }
        return out;
    }

    String expected(Netns origin) {
        return addr(origin) + " originator " + addr(origin) + " clusters " + List.of(CLUSTER_ID);
    }

    /** The path ids of Petrel's Adj-RIB-Out entries for {@link #P} towards {@code peer}. */
    List<Long> ribOutPathIds(String peer) {
        return StreamSupport.stream(petrel.ribOut(peer).path("routes").spliterator(), false)
                .filter(r -> P.equals(r.path("prefix").asText())).map(r -> r.path("path_id").asLong(-1)).toList();
    }

    /** Petrel's best path for {@link #P}. */
    JsonNode petrelBest() {
        return ReflectorScenarios.routesOrEmpty(petrel, P).stream().filter(x -> x.path("best").asBoolean())
                .findFirst().orElse(null);
    }

    // ---- 1. Negotiation --------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void addPathSendIsNegotiatedWithTheClientThatOffersToReceive() {
        PeerStatus pd = petrel.peer("d");
        assertEquals(List.of("ipv4-unicast"), pd.negotiated().addPathSend(), () -> petrel.describe(pd));
        PeerStatus pe = petrel.peer("e");
        assertEquals(List.of(), pe.negotiated().addPathSend(), () -> petrel.describe(pe));
    }

    // ---- 2. Both paths reflected to d, the best one to e ----------------------------------------------------

    @Test
    @Order(2)
    void theAddPathClientGetsBothPathsAndTheOtherOnlyTheBest() {
        Set<String> both = new TreeSet<>(List.of(expected(c1), expected(c2)));
        Set<String> atD = Await.until(rd + ": both paths for " + P + " reflected over ADD-PATH", CONVERGE,
                () -> reflected(rd), both::equals, s -> s + "\n" + rd.showRoute(P));
        System.out.println(rd + ": " + atD + "\n" + rd.showRoute(P));
        List<Long> ids = Await.until("Petrel's rib-out to d: two paths for " + P + ", distinct ids", CONVERGE,
                () -> ribOutPathIds("d"), l -> l.size() == 2 && !l.get(0).equals(l.get(1)),
                l -> l + "\n" + petrel.ribOut("d").toPrettyString());
        assertTrue(ids.stream().allMatch(id -> id >= 0), ids::toString);

        JsonNode best = Await.until("Petrel: a best path for " + P, CONVERGE, this::petrelBest,
                java.util.Objects::nonNull);
        String bestHop = best.path("next_hop").asText();
        Netns bestOrigin = bestHop.equals(addr(c1)) ? c1 : c2;
        Set<String> one = Set.of(expected(bestOrigin));
        Await.until(re + ": Petrel's best path for " + P + " only, no ADD-PATH", CONVERGE, () -> reflected(re),
                one::equals, s -> s + "\n" + re.showRoute(P));
        Await.never(re + ": a second path for " + P + " without ADD-PATH", QUIET, () -> reflected(re),
                s -> !s.equals(one), s -> s + "\n" + re.showRoute(P));
        assertEquals(1, ribOutPathIds("e").size(), () -> petrel.ribOut("e").toPrettyString());
    }

    // ---- 3. FRR: ECMP over the two reflected paths ----------------------------------------------------------

    @Test
    @Order(3)
    void theAddPathClientRunsEcmpOverBothNextHops() {
        if (!rd.kind().equals("FRR")) {
            // BIRD keeps both paths in its table but installs multipath only through a kernel protocol with
            // `merge paths`, which these routers do not run: there is nothing to observe.
            return;
        }
        List<BgpPath> paths = Await.until(rd + ": both paths for " + P + " in the multipath set", CONVERGE,
                () -> rd.pathsFrom(P, addr(a)), l -> l.size() == 2 && l.stream().allMatch(BgpPath::multipath),
                l -> l + "\n" + rd.showRoute(P));
        System.out.println(rd + ": " + paths);
        JsonNode route = Await.until(rd + ": kernel route for " + P + " with two next hops", CONVERGE,
                () -> KernelRoutes.find(KernelRoutes.show(d, false), P).orElse(null),
                r -> r != null && gateways(r).equals(Set.of(addr(c1), addr(c2))), String::valueOf);
        System.out.println(rd + " kernel: " + route);
        // The control: e, with one path, installs one next hop.
        JsonNode single = Await.until(re + ": kernel route for " + P, CONVERGE,
                () -> KernelRoutes.find(KernelRoutes.show(e, false), P).orElse(null), r -> r != null,
                String::valueOf);
        assertEquals(1, gateways(single).size(), single::toString);
    }

    /** The gateways of an {@code ip -j route} entry: its {@code nexthops[].gateway}, or its one {@code gateway}. */
    static Set<String> gateways(JsonNode route) {
        Set<String> out = new TreeSet<>();
        route.path("nexthops").forEach(n -> out.add(n.path("gateway").asText()));
        if (route.has("gateway")) {
            out.add(route.path("gateway").asText());
        }
        return out;
    }

    // ---- 4. One source withdraws: one path left at d, the same at e ----------------------------------------

    @Test
    @Order(4)
    void aWithdrawnSourceLeavesOnePathEverywhere() {
        rc1.withdraw(P);
        Set<String> one = Set.of(expected(c2));
        for (Router r : List.of(rd, re)) {
            Await.until(r + ": only c2's path for " + P + " after c1 withdrew it", CONVERGE, () -> reflected(r),
                    one::equals, s -> s + "\n" + r.showRoute(P));
        }
        Await.until("Petrel's rib-out to d: one path for " + P, CONVERGE, () -> ribOutPathIds("d"),
                l -> l.size() == 1, l -> l + "\n" + petrel.ribOut("d").toPrettyString());

        rc1.announce(Announcement.of(P));
        Set<String> both = new TreeSet<>(List.of(expected(c1), expected(c2)));
        Await.until(rd + ": both paths again after c1 announced " + P + " again", CONVERGE, () -> reflected(rd),
                both::equals, s -> s + "\n" + rd.showRoute(P));
    }
}
