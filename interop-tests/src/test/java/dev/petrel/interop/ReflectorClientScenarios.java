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
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Petrel as a route-reflector client of BIRD or FRR (what a node does under a ToR or reflector pod running either):
 * one subclass per daemon ({@link #startRouter}).
 *
 * <p>Three namespaces on one LAN, all AS {@value #AS}: p (Petrel, no reflection settings: a client needs none),
 * rr (the daemon as reflector, {@code cluster id }{@value #CLUSTER_ID}, p and o its clients) and o (the same
 * daemon, an ordinary iBGP speaker peering with rr only). Petrel originates what its kernel has: a blackhole route
 * added in p is learned ({@code kernel.enabled}) and advertised, deleted it is withdrawn; the reflected routes it
 * selects go into p's kernel. The scenarios share the topology and run in order.
 */
abstract class ReflectorClientScenarios extends LanScenarios {

    static final Duration QUIET = Duration.ofSeconds(2);
    static final long AS = 65020;
    static final String CLUSTER_ID = "10.255.0.120";
    /** Originated by Petrel (a kernel blackhole route in p). */
    static final String P_PETREL = "10.255.244.0/24";
    /** Originated by the other client o. */
    static final String P_OTHER = "10.255.245.0/24";

    Netns p;
    Netns rr;
    Netns o;
    Petrel petrel;
    Router reflector;
    Router other;

    /** Starts BIRD or FRR in {@code ns} as {@code spec} says. */
    abstract Router startRouter(TestNetwork net, Netns ns, Router.Spec spec);

    @BeforeAll
    void startTopology() {
        LanTopology t = open("p", "rr", "o");
        p = t.host("p");
        rr = t.host("rr");
        o = t.host("o");
        reflector = t.router(this::startRouter, rr, t.spec("rr", rr, AS).clusterId(CLUSTER_ID)
                .neighbor(new Router.Neighbor("petrel", addr(p), AS, true, false).asReflectorClient())
                .neighbor(new Router.Neighbor("o", addr(o), AS, true, false).asReflectorClient()));
        other = t.router(this::startRouter, o,
                t.spec("o", o, AS).neighbor(new Router.Neighbor("reflector", addr(rr), AS, true, true)));
        PetrelConf conf = t.petrelConf(p, AS)
                .kernel()
                .peer(PetrelConf.Peer.exchangingAll("rr", addr(rr), AS, "ipv4-unicast"));
        petrel = t.petrel(p, conf);
        t.awaitEstablished();
    }

    /** Petrel's paths for {@code prefix} from the reflector. */
    List<JsonNode> fromReflector(String prefix) {
        return ReflectorScenarios.routesOrEmpty(petrel, prefix).stream()
                .filter(x -> "rr".equals(x.path("source").asText())).toList();
    }

    String describe(String prefix) {
        return "--- petrel show routes " + prefix + " --explain ---\n"
                + ReflectorScenarios.showRoutesText(petrel, prefix) + "\n--- " + reflector + " ---\n"
                + reflector.showRoute(prefix) + "\n--- petrel log ---\n" + petrel.logTail(15);
    }

    // ---- 1. Petrel's route, reflected to the other client ----------------------------------------------------

    @Test
    @Order(1)
    void petrelsRouteReachesTheOtherClientWithOriginatorAndClusterList() {
        KernelRoutes.change(p, "add", "blackhole", P_PETREL);
        BgpPath path = RouteScenarios.awaitPath(other, P_PETREL, addr(rr), P_PETREL + " from Petrel, reflected");
        Router.Reflection x = Await.until(other + ": RFC 4456 attributes of " + P_PETREL, CONVERGE,
                () -> other.reflection(P_PETREL, addr(rr)), java.util.Objects::nonNull,
                y -> other.showRoute(P_PETREL));
        String detail = other + ": " + path + " " + x + "\n" + other.showRoute(P_PETREL);
        System.out.println(detail);
        // ORIGINATOR_ID: Petrel's BGP Identifier (its router ID); CLUSTER_LIST: the reflector's cluster only.
        assertEquals(addr(p), x.originatorId(), detail);
        assertEquals(List.of(CLUSTER_ID), x.clusterList(), detail);
        assertEquals(addr(p), path.nextHop(), detail);
        assertEquals("", path.asPath(), detail);
        // The reflector does not send Petrel its own route back; were it to, ORIGINATOR_ID = our router ID makes
        // that copy ineligible (RFC 4456 §8), so no eligible path may come from rr.
        Await.never("Petrel: an eligible path for its own " + P_PETREL + " from the reflector", QUIET,
                () -> fromReflector(P_PETREL), l -> l.stream().anyMatch(j -> j.path("eligible").asBoolean()),
                l -> describe(P_PETREL));
    }

    // ---- 2. The other client's route, reflected to Petrel, selected and installed ---------------------------

    @Test
    @Order(2)
    void theOtherClientsRouteReachesPetrelAndIsUsed() {
        other.announce(Announcement.of(P_OTHER));
        List<JsonNode> paths = Await.until("Petrel: " + P_OTHER + " from the reflector, best", CONVERGE,
                () -> fromReflector(P_OTHER), l -> l.size() == 1 && l.get(0).path("best").asBoolean(),
                l -> describe(P_OTHER));
        JsonNode path = paths.get(0);
        String detail = path.toPrettyString() + "\n" + describe(P_OTHER);
        System.out.println("petrel show routes " + P_OTHER + ":\n" + path.toPrettyString());
        assertTrue(path.path("eligible").asBoolean(), detail);
        assertEquals(addr(o), path.path("received").path("originator_id").asText(), detail);
        assertEquals(List.of(CLUSTER_ID), ReflectorScenarios.clusterList(path), detail);
        // Next hop unchanged by the reflector: o itself, on the LAN, so Petrel can use it.
        assertEquals(addr(o), path.path("next_hop").asText(), detail);
        assertEquals("", path.path("received").path("as_path").asText(), detail);
        JsonNode route = Await.until("Petrel's kernel: " + P_OTHER + " via " + addr(o), CONVERGE,
                () -> KernelRoutes.find(KernelRoutes.show(p, false), P_OTHER).orElse(null),
                r -> r != null && addr(o).equals(r.path("gateway").asText()), r -> r + "\n" + describe(P_OTHER));
        assertEquals(topology.lan().interfaceOf(p), route.path("dev").asText(), route::toString);
        // Petrel is no reflector here: an iBGP-learned route never goes back to an iBGP peer (RFC 4271 §9.2).
        JsonNode out = petrel.ribOut("rr");
        assertTrue(StreamSupport.stream(out.path("routes").spliterator(), false)
                .noneMatch(r -> P_OTHER.equals(r.path("prefix").asText())), out::toPrettyString);
    }

    // ---- 3. Withdrawals, both ways ----------------------------------------------------------------------------

    @Test
    @Order(3)
    void withdrawalsPropagateThroughTheReflector() {
        RouteScenarios.awaitPath(other, P_PETREL, addr(rr), P_PETREL + " before Petrel withdraws it");
        Await.until("Petrel: " + P_OTHER + " before o withdraws it", CONVERGE, () -> fromReflector(P_OTHER),
                l -> l.size() == 1, l -> describe(P_OTHER));

        KernelRoutes.change(p, "del", "blackhole", P_PETREL);
        RouteScenarios.awaitNoPath(other, P_PETREL, addr(rr), P_PETREL + " gone after Petrel withdrew it");

        other.withdraw(P_OTHER);
        Await.until("Petrel: no path for " + P_OTHER + " after o withdrew it", CONVERGE,
                () -> ReflectorScenarios.routesOrEmpty(petrel, P_OTHER), List::isEmpty, l -> describe(P_OTHER));
        Await.until("Petrel's kernel: " + P_OTHER + " removed", CONVERGE,
                () -> KernelRoutes.find(KernelRoutes.show(p, false), P_OTHER), java.util.Optional::isEmpty,
                String::valueOf);
    }
}
