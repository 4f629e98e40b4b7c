package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.interop.harness.Announcement;
import dev.petrel.interop.harness.Await;
import dev.petrel.interop.harness.BgpMessages;
import dev.petrel.interop.harness.BgpPath;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.Petrel;
import dev.petrel.interop.harness.PetrelConf;
import dev.petrel.interop.harness.ScriptedSpeaker;
import dev.petrel.interop.harness.TestNetwork;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Petrel as an RFC 4456 route reflector for BIRD or FRR iBGP peers: one subclass per daemon ({@link #startRouter}).
 *
 * <p>Six namespaces on one LAN, all AS {@value #AS}: a (Petrel, {@code cluster-id = }{@value #CLUSTER_ID}), two
 * route-reflector clients c1 and c2, two non-clients n1 and n2 (all four the same daemon, each announcing to
 * Petrel and accepting all from it), and s, a {@link ScriptedSpeaker} that is a client too: it sends what no
 * daemon can be told to, a route whose CLUSTER_LIST already holds Petrel's cluster ID. The scenarios share the
 * topology and run in order.
 */
abstract class ReflectorScenarios extends LanScenarios {

    static final Duration QUIET = Duration.ofSeconds(3);
    static final long AS = 65010;
    static final String CLUSTER_ID = "10.255.0.100";
    static final String OTHER_CLUSTER = "10.255.0.200";
    /** From client c1. */
    static final String P_C1 = "10.255.240.0/24";
    /** From non-client n1. */
    static final String P_N1 = "10.255.241.0/24";
    /** From client s, CLUSTER_LIST [our cluster ID]: a loop. */
    static final String P_LOOP = "10.255.242.0/24";
    /** From client s, CLUSTER_LIST [another cluster]: the control, reflected. */
    static final String P_CTRL = "10.255.243.0/24";

    Netns a;
    Netns c1;
    Netns c2;
    Netns n1;
    Netns n2;
    Netns s;
    Petrel petrel;
    Router rc1;
    Router rc2;
    Router rn1;
    Router rn2;
    ScriptedSpeaker spk;

    /** Starts BIRD or FRR in {@code ns} as {@code spec} says. */
    abstract Router startRouter(TestNetwork net, Netns ns, Router.Spec spec);

    @BeforeAll
    void startTopology() {
        LanTopology t = open("a", "c1", "c2", "n1", "n2", "s");
        a = t.host("a");
        c1 = t.host("c1");
        c2 = t.host("c2");
        n1 = t.host("n1");
        n2 = t.host("n2");
        s = t.host("s");
        Router.Neighbor toPetrel = new Router.Neighbor("petrel", addr(a), AS, true, true);
        rc1 = t.router(this::startRouter, c1, t.spec("c1", c1, AS).neighbor(toPetrel));
        rc2 = t.router(this::startRouter, c2, t.spec("c2", c2, AS).neighbor(toPetrel));
        rn1 = t.router(this::startRouter, n1, t.spec("n1", n1, AS).neighbor(toPetrel));
        rn2 = t.router(this::startRouter, n2, t.spec("n2", n2, AS).neighbor(toPetrel));
        PetrelConf conf = t.petrelConf(a, AS)
                .extra("cluster-id = " + "\"" + CLUSTER_ID + "\"")
                .peer(peer("c1", c1).extra("route-reflector-client = true"))
                .peer(peer("c2", c2).extra("route-reflector-client = true"))
                .peer(peer("n1", n1))
                .peer(peer("n2", n2))
                .peer(peer("s", s).passive(true).extra("route-reflector-client = true"));
        petrel = t.petrel(a, conf);
        spk = t.net().register(ScriptedSpeaker.start(t.net(), s, addr(s), addr(a), AS, addr(s), 9));
        spk.awaitEstablished(UP);
        t.awaitEstablished();
    }

    PetrelConf.Peer peer(String name, Netns ns) {
        return PetrelConf.Peer.exchangingAll(name, addr(ns), AS, "ipv4-unicast");
    }

    List<Router> routers() {
        return List.of(rc1, rc2, rn1, rn2);
    }

    /** Waits until {@code r} has {@code prefix} from Petrel, then for its RFC 4456 attributes; returns them. */
    Router.Reflection awaitReflection(Router r, String prefix) {
        return Await.until(r.kind() + " " + r.name() + ": RFC 4456 attributes of " + prefix, CONVERGE,
                () -> r.reflection(prefix, addr(a)), java.util.Objects::nonNull, x -> r.showRoute(prefix));
    }

    void assertReflected(Router r, String prefix, Netns origin, List<String> clusterList) {
        BgpPath p = RouteScenarios.awaitPath(r, prefix, addr(a), prefix + " reflected by Petrel");
        Router.Reflection x = awaitReflection(r, prefix);
        String detail = r.kind() + " " + r.name() + ": " + p + " " + x + "\n" + r.showRoute(prefix);
        System.out.println(detail);
        assertEquals(addr(origin), x.originatorId(), detail);
        assertEquals(clusterList, x.clusterList(), detail);
        // RFC 4456 §10: the reflector changes nothing else, next hop included; iBGP keeps the empty AS_PATH.
        assertEquals(addr(origin), p.nextHop(), detail);
        assertEquals("", p.asPath(), detail);
    }

    List<String> ribOutPrefixes(String peer) {
        return StreamSupport.stream(petrel.ribOut(peer).path("routes").spliterator(), false)
                .map(r -> r.path("prefix").asText()).toList();
    }

    // ---- 1. From a client: reflected to every iBGP peer -----------------------------------------------------

    @Test
    @Order(1)
    void aClientRouteIsReflectedToClientsAndNonClients() {
        rc1.announce(Announcement.of(P_C1));
        for (Router r : List.of(rc2, rn1, rn2)) {
            assertReflected(r, P_C1, c1, List.of(CLUSTER_ID));
        }
    }

    // ---- 2. From a non-client: reflected to clients only -----------------------------------------------------

    @Test
    @Order(2)
    void aNonClientRouteIsReflectedToClientsOnly() {
        rn1.announce(Announcement.of(P_N1));
        for (Router r : List.of(rc1, rc2)) {
            assertReflected(r, P_N1, n1, List.of(CLUSTER_ID));
        }
        // The other non-client: never (RFC 4456 §6; RFC 4271 §9.2 without reflection).
        Await.never(rn2.kind() + " n2: " + P_N1 + " from Petrel (non-client to non-client)", QUIET,
                () -> rn2.pathsFrom(P_N1, addr(a)), l -> !l.isEmpty(), l -> l + "\n" + rn2.showRoute(P_N1));
        assertTrue(!ribOutPrefixes("n2").contains(P_N1), () -> petrel.ribOut("n2").toPrettyString());
        assertTrue(ribOutPrefixes("c1").contains(P_N1), () -> petrel.ribOut("c1").toPrettyString());
    }

    // ---- 3. Our cluster ID in CLUSTER_LIST: a loop, not reflected --------------------------------------------

    @Test
    @Order(3)
    void aRouteWithOurClusterIdIsIneligibleAndNotReflected() {
        spk.send("loop", BgpMessages.update(List.of(), attributes(CLUSTER_ID), List.of(P_LOOP)), UP);
        spk.send("control", BgpMessages.update(List.of(), attributes(OTHER_CLUSTER), List.of(P_CTRL)), UP);
        // The control, sent after the loop on the same session, is reflected: ORIGINATOR_ID set to the speaker's
        // BGP ID (it sent none), our cluster ID prepended.
        for (Router r : routers()) {
            assertReflected(r, P_CTRL, s, List.of(CLUSTER_ID, OTHER_CLUSTER));
        }
        JsonNode route = Await.until("Petrel: " + P_LOOP + " from s, ineligible", CONVERGE,
                () -> petrel.showRoute(P_LOOP), j -> !paths(j).isEmpty(), JsonNode::toPrettyString);
        List<JsonNode> paths = paths(route);
        assertEquals(1, paths.size(), route::toPrettyString);
        JsonNode p = paths.get(0);
        assertEquals(false, p.path("eligible").asBoolean(true), route::toPrettyString);
        assertEquals(false, p.path("best").asBoolean(true), route::toPrettyString);
        String reason = p.path("ineligible_reason").asText("");
        assertTrue(reason.contains("CLUSTER_LIST") && reason.contains(CLUSTER_ID) && reason.contains("4456"),
                route::toPrettyString);
        System.out.println("petrel show routes " + P_LOOP + " --explain --json:\n" + route.toPrettyString());
        for (Router r : routers()) {
            Await.never(r.kind() + " " + r.name() + ": " + P_LOOP + " from Petrel (a loop)", QUIET,
                    () -> r.pathsFrom(P_LOOP, addr(a)), l -> !l.isEmpty(), l -> l + "\n" + r.showRoute(P_LOOP));
        }
        for (String peer : List.of("c1", "c2", "n1", "n2")) {
            assertTrue(!ribOutPrefixes(peer).contains(P_LOOP), () -> petrel.ribOut(peer).toPrettyString());
        }
    }

    // ---- 4. Withdrawn at the client: gone everywhere ---------------------------------------------------------

    @Test
    @Order(4)
    void aWithdrawalAtTheClientIsReflected() {
        for (Router r : List.of(rc2, rn1, rn2)) {
            RouteScenarios.awaitPath(r, P_C1, addr(a), P_C1 + " before c1 withdraws it");
        }
        rc1.withdraw(P_C1);
        for (Router r : List.of(rc2, rn1, rn2)) {
            RouteScenarios.awaitNoPath(r, P_C1, addr(a), P_C1 + " gone after c1 withdrew it");
        }
        Await.until("Petrel: no path for " + P_C1, CONVERGE, () -> routesOrEmpty(P_C1), List::isEmpty,
                Object::toString);
    }

    /** ORIGIN IGP, empty AS_PATH, NEXT_HOP the speaker, LOCAL_PREF 100, CLUSTER_LIST [{@code cluster}]. */
    List<byte[]> attributes(String cluster) {
        return List.of(BgpMessages.origin(0), BgpMessages.asPath(), BgpMessages.nextHop(addr(s)),
                BgpMessages.attribute(BgpMessages.TRANSITIVE, 5, new byte[] {0, 0, 0, 100}),
                BgpMessages.attribute(BgpMessages.OPTIONAL, 10, octets(cluster)));
    }

    static byte[] octets(String ipv4) {
        try {
            return InetAddress.getByName(ipv4).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ipv4, e);
        }
    }

    static List<JsonNode> paths(JsonNode showRoutes) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : showRoutes.path("routes")) {
            r.path("paths").forEach(out::add);
        }
        return out;
    }

    /** Petrel's paths for {@code prefix}, none when it answers that it has no route. */
    List<JsonNode> routesOrEmpty(String prefix) {
        return routesOrEmpty(petrel, prefix);
    }

    /** {@code petrel}'s paths for {@code prefix} ({@code show routes PREFIX}), none when it has no route. */
    static List<JsonNode> routesOrEmpty(Petrel petrel, String prefix) {
        try {
            return paths(petrel.showRoute(prefix));
        } catch (IllegalStateException e) {
            return List.of();
        }
    }

    /** {@code show routes PREFIX --explain} of {@code petrel} as JSON text, for messages; never throws. */
    static String showRoutesText(Petrel petrel, String prefix) {
        try {
            return petrel.showRoute(prefix).toPrettyString();
        } catch (RuntimeException e) {
            return "(show routes " + prefix + " failed: " + e.getMessage() + ")";
        }
    }

    /** The CLUSTER_LIST a Petrel path came with ({@code received.cluster_list}), first the latest reflector. */
    static List<String> clusterList(JsonNode path) {
        List<String> out = new ArrayList<>();
        path.path("received").path("cluster_list").forEach(c -> out.add(c.asText()));
        return out;
    }
}
