package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.fsm.SessionState;
import dev.petrel.interop.harness.Announcement;
import dev.petrel.interop.harness.Await;
import dev.petrel.interop.harness.KernelRoutes;
import dev.petrel.interop.harness.Lan;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.Petrel;
import dev.petrel.interop.harness.PetrelConf;
import dev.petrel.interop.harness.Sampler;
import dev.petrel.interop.harness.TestNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Petrel's kernel FIB against BIRD and FRR: one subclass per daemon ({@link #startRouter}), the same scenarios.
 *
 * <p>Three namespaces on one LAN: a (Petrel, AS 65002, {@code kernel { enabled = true }}, {@code rib { multipath = 4,
 * multipath-relax = true }}), b (the counterpart, AS 65001) and c (a second counterpart of the same kind, AS
 * 65003). eBGP sessions: a-b over IPv4 and over IPv6 (each carrying its own family only), a-c over IPv4; import
 * all and export all on every side. c is there for ECMP only: it announces nothing but {@value #P_ECMP}, which b
 * announces too. The scenarios share the topology and run in order: the last two restart and stop Petrel.
 *
 * <p>Before Petrel starts, a's table gets {@value #P_STATIC} via b {@code proto static}, which b also announces:
 * Petrel installs its own {@code proto 186} route for the prefix next to it (metric 20) and must never touch
 * the static one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FibScenarios {

    static final Duration UP = Duration.ofSeconds(60);
    static final Duration CONVERGE = Duration.ofSeconds(30);
    static final long AS_PETREL = 65002;
    static final long AS_B = 65001;
    static final long AS_C = 65003;
    static final int PROTO = 186;
    static final int METRIC = 20;

    static final String P1 = "10.255.200.0/24";
    static final String P2 = "10.255.201.0/24";
    static final String P_STATIC = "10.255.202.0/24";
    static final String P_GONE = "10.255.203.0/24";
    static final String P_BLACKHOLE = "10.255.210.0/26";
    static final String P_CALI = "10.255.211.5/32";
    static final String P_IPVS = "10.255.212.5/32";
    static final String P_ECMP = "10.255.220.0/24";
    static final String P6 = "fd00:255:220::/48";

    TestNetwork net;
    Lan lan;
    Netns a;
    Netns b;
    Netns c;
    Petrel petrel;
    PetrelConf conf;
    Router rb;
    Router rc;
    String staticBefore;

    /** Starts BIRD or FRR in {@code ns} as {@code spec} says. */
    abstract Router startRouter(TestNetwork net, Netns ns, Router.Spec spec);

    @BeforeAll
    void startTopology() {
        InteropSupport.requireInterop();
        net = TestNetwork.create(getClass().getSimpleName());
        a = net.netns("a");
        b = net.netns("b");
        c = net.netns("c");
        lan = net.lan(a, b, c);
        KernelRoutes.change(a, "add", P_STATIC, "via", addrB(), "proto", "static");
        staticBefore = staticRoute();
        rb = startRouter(net, b, Router.Spec.of("b", AS_B, addrB(), lan.address(b, true))
                .neighbor(new Router.Neighbor("petrel4", addrA(), AS_PETREL, true, true))
                .neighbor(new Router.Neighbor("petrel6", addrA6(), AS_PETREL, true, true))
                .announce(Announcement.of(P1), Announcement.of(P2), Announcement.of(P_STATIC),
                        Announcement.of(P_GONE), Announcement.of(lan.subnet(false)), Announcement.of(P_ECMP),
                        Announcement.of(P6)));
        rc = startRouter(net, c, Router.Spec.of("c", AS_C, addrC(), lan.address(c, true))
                .neighbor(new Router.Neighbor("petrel4", addrA(), AS_PETREL, true, true))
                .announce(Announcement.of(P_ECMP)));
        conf = PetrelConf.of(addrA(), AS_PETREL).listen(addrA(), 179).listen(addrA6(), 179)
                // Different neighbouring ASes (b, c) with AS_PATHs of the same length: equal cost only with relax.
                .extra("rib {\n  multipath = 4\n  multipath-relax = true\n}")
                // The default, said here: scenario 7 relies on End-of-RIB, not this timer, to end the deferral.
                .kernel("convergence-deferral = 120s")
                .peer(PetrelConf.Peer.exchangingAll("b4", addrB(), AS_B, "ipv4-unicast"))
                .peer(PetrelConf.Peer.exchangingAll("b6", addrB6(), AS_B, "ipv6-unicast"))
                .peer(PetrelConf.Peer.exchangingAll("c4", addrC(), AS_C, "ipv4-unicast"));
        petrel = Petrel.start(net, a, conf);
        for (String peer : List.of("b4", "b6", "c4")) {
            petrel.awaitState(peer, SessionState.ESTABLISHED, UP);
        }
    }

    @AfterAll
    void stopTopology() {
        if (net != null) {
            net.close();
        }
    }

    String addrA() {
        return lan.address(a, false);
    }

    String addrB() {
        return lan.address(b, false);
    }

    String addrC() {
        return lan.address(c, false);
    }

    String addrA6() {
        return lan.address(a, true);
    }

    String addrB6() {
        return lan.address(b, true);
    }

    String staticRoute() {
        return KernelRoutes.show(a, false, P_STATIC, "proto", "static").toString();
    }

    List<JsonNode> ours() {
        return KernelRoutes.byProtocol(a, PROTO);
    }

    List<JsonNode> ours6() {
        return KernelRoutes.show(a, true, "proto", Integer.toString(PROTO));
    }

    boolean has(List<JsonNode> routes, String prefix) {
        return KernelRoutes.find(routes, prefix).isPresent();
    }

    String describeFib(Object observed) {
        String fib;
        try {
            fib = petrel.showFib().toPrettyString();
        } catch (RuntimeException e) {
            fib = "(show fib failed: " + e.getMessage() + ")";
        }
        return observed + "\n--- ip route show proto " + PROTO + " ---\n" + ours() + "\n--- ip -6 route show proto "
                + PROTO + " ---\n" + ours6() + "\n--- show fib ---\n" + fib
                + "\n--- petrel log ---\n" + petrel.logTail(20);
    }

    /** Waits until a's table has Petrel's route for {@code prefix}; returns it. */
    JsonNode awaitInstalled(String prefix, String what) {
        return Await.until(what, CONVERGE, () -> KernelRoutes.find(ours(), prefix).orElse(null),
                r -> r != null, this::describeFib);
    }

    void awaitNotInstalled(String prefix, String what) {
        Await.until(what, CONVERGE, this::ours, l -> !has(l, prefix), this::describeFib);
    }

    JsonNode fibEntry(String prefix) {
        return petrel.showFib(prefix).path("entries").path(0);
    }

    // ---- 1. Best paths go into the kernel, withdrawn ones come out -------------------------------------------

    @Test
    @Order(1)
    void bestPathsAreInstalledAndWithdrawnOnesRemoved() {
        for (String p : List.of(P1, P2, P_STATIC)) {
            JsonNode r = awaitInstalled(p, p + " from " + rb.kind() + " in Petrel's FIB");
            assertEquals(addrB(), r.path("gateway").asText(), r::toString);
            assertEquals(METRIC, r.path("metric").asInt(-1), r::toString);
            assertEquals(lan.interfaceOf(a), r.path("dev").asText(), r::toString);
            JsonNode e = Await.until("show fib " + p + " installed", CONVERGE, () -> fibEntry(p),
                    x -> "installed".equals(x.path("state").asText()), this::describeFib);
            assertEquals("b4", e.path("peer").asText(), e::toPrettyString);
        }
        JsonNode fib = petrel.showFib();
        assertEquals(PROTO, fib.path("settings").path("protocol").asInt(), fib::toPrettyString);
        assertTrue(fib.path("counts").path("installed").asInt() >= 3, fib::toPrettyString);

        rb.withdraw(P2);
        awaitNotInstalled(P2, P2 + " out of Petrel's FIB after " + rb.kind() + " withdrew it");
        assertTrue(has(ours(), P1), () -> describeFib("P1 must stay"));
    }

    // ---- 3. Repair ---------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void aDeletedRouteIsWrittenBack() {
        awaitInstalled(P1, P1 + " installed");
        long repairs = petrel.showFib().path("counts").path("repairs").asLong();
        KernelRoutes.change(a, "del", P1, "proto", Integer.toString(PROTO));
        JsonNode r = awaitInstalled(P1, P1 + " written back after ip route del");
        assertEquals(addrB(), r.path("gateway").asText(), r::toString);
        assertEquals(METRIC, r.path("metric").asInt(-1), r::toString);
        Await.until("show fib counts the repair", CONVERGE, () -> petrel.showFib().path("counts"),
                c -> c.path("repairs").asLong() > repairs, this::describeFib);
    }

    // ---- 4. Learn ------------------------------------------------------------------------------------------------

    @Test
    @Order(3)
    void kernelRoutesAreLearnedAndAdvertised() {
        String petrel4 = addrA();
        KernelRoutes.change(a, "add", "blackhole", P_BLACKHOLE);
        RouteScenarios.awaitPath(rb, P_BLACKHOLE, petrel4, "Petrel advertises its kernel blackhole " + P_BLACKHOLE);
        KernelRoutes.change(a, "del", "blackhole", P_BLACKHOLE);
        RouteScenarios.awaitNoPath(rb, P_BLACKHOLE, petrel4, P_BLACKHOLE + " withdrawn after ip route del");

        link("kube-ipvs0", "kipvs0peer");
        link("cali123", "cali123peer");
        // kube-ipvs0's route first: by the time the cali route has gone round, Petrel has seen both.
        KernelRoutes.change(a, "add", P_IPVS, "dev", "kube-ipvs0");
        KernelRoutes.change(a, "add", P_CALI, "dev", "cali123");
        RouteScenarios.awaitPath(rb, P_CALI, petrel4, "Petrel advertises " + P_CALI + " dev cali123");
        Await.never(P_IPVS + " dev kube-ipvs0 advertised", Duration.ofSeconds(2), () -> rb.pathsFrom(P_IPVS, petrel4),
                l -> !l.isEmpty(), l -> l + "\n" + rb.showRoute(P_IPVS));
    }

    /**
     * An interface called {@code name} in a, up: a veth pair (its peer {@code peer} too, so it has carrier).
     * Not a dummy link, as on a real node: the dummy module is not always there (containers, CI kernels).
     * The peer's name matches no learn glob either.
     */
    void link(String name, String peer) {
        a.ip("link", "add", name, "type", "veth", "peer", "name", peer).orThrow();
        a.ip("link", "set", peer, "up").orThrow();
        a.ip("link", "set", name, "up").orThrow();
    }

    // ---- 6. Guard --------------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void aRouteCoveringPetrelsOwnAddressIsRefused() {
        String subnet = lan.subnet(false);
        // P1 came in the same UPDATE stream; once it is there, so is the subnet's entry.
        awaitInstalled(P1, P1 + " installed");
        JsonNode e = Await.until("show fib " + subnet + " refused", CONVERGE, () -> fibEntry(subnet),
                x -> "refused".equals(x.path("state").asText()), this::describeFib);
        assertFalse(e.path("problem").asText("").isBlank(), e::toPrettyString);
        assertTrue(e.path("installed").isNull(), e::toPrettyString);
        assertFalse(has(ours(), subnet), () -> describeFib(subnet + " must not be in the kernel"));
        assertTrue(petrel.showFib().path("counts").path("refused").asInt() >= 1, () -> describeFib(e));
    }

    // ---- 7. ECMP -------------------------------------------------------------------------------------------------

    /** The gateways of a route's {@code nexthops} array (a multipath route), sorted; empty for a single-path one. */
    static List<String> nexthopGateways(JsonNode route) {
        List<String> gws = new ArrayList<>();
        route.path("nexthops").forEach(n -> gws.add(n.path("gateway").asText()));
        gws.sort(null);
        return gws;
    }

    @Test
    @Order(5)
    void equalCostPathsFromTwoNeighborsBecomeOneMultipathRoute() {
        List<String> both = new ArrayList<>(List.of(addrB(), addrC()));
        both.sort(null);
        JsonNode r = Await.until(P_ECMP + " from " + rb.kind() + " b and c: one route, two next hops", CONVERGE,
                () -> KernelRoutes.find(ours(), P_ECMP).orElse(null),
                x -> x != null && nexthopGateways(x).equals(both), this::describeFib);
        assertEquals(METRIC, r.path("metric").asInt(-1), r::toString);
        r.path("nexthops").forEach(n -> assertEquals(lan.interfaceOf(a), n.path("dev").asText(), r::toString));
        long routes = ours().stream().filter(x -> KernelRoutes.prefix(x).equals(P_ECMP)).count();
        assertEquals(1, routes, () -> describeFib("one kernel route for " + P_ECMP));

        rb.withdraw(P_ECMP);
        JsonNode single = Await.until(P_ECMP + " via c only after b withdrew it", CONVERGE,
                () -> KernelRoutes.find(ours(), P_ECMP).orElse(null),
                x -> x != null && x.path("nexthops").isMissingNode() && addrC().equals(x.path("gateway").asText()),
                this::describeFib);
        assertEquals(METRIC, single.path("metric").asInt(-1), single::toString);
        assertEquals(lan.interfaceOf(a), single.path("dev").asText(), single::toString);
    }

    // ---- 8. IPv6 ---------------------------------------------------------------------------------------------

    @Test
    @Order(6)
    void ipv6BestPathsAreInstalledAndWithdrawnOnesRemoved() {
        JsonNode r = Await.until(P6 + " from " + rb.kind() + " in Petrel's IPv6 FIB", CONVERGE,
                () -> KernelRoutes.find(ours6(), P6).orElse(null), x -> x != null, this::describeFib);
        assertEquals(addrB6(), r.path("gateway").asText(), () -> describeFib(r));
        assertEquals(METRIC, r.path("metric").asInt(-1), r::toString);
        assertEquals(lan.interfaceOf(a), r.path("dev").asText(), r::toString);
        JsonNode e = Await.until("show fib " + P6 + " installed", CONVERGE, () -> fibEntry(P6),
                x -> "installed".equals(x.path("state").asText()), this::describeFib);
        assertEquals("b6", e.path("peer").asText(), e::toPrettyString);

        rb.withdraw(P6);
        Await.until(P6 + " out of Petrel's IPv6 FIB after " + rb.kind() + " withdrew it", CONVERGE, this::ours6,
                l -> !has(l, P6), this::describeFib);
    }

    // ---- 5. Persist and adopt across a crash ---------------------------------------------------------------

    @Test
    @Order(7)
    void routesSurviveAKillAndAreAdoptedOnRestart() throws Exception {
        for (String p : List.of(P1, P_STATIC, P_GONE)) {
            awaitInstalled(p, p + " installed before the kill");
        }
        petrel.kill();
        List<JsonNode> afterKill = ours();
        for (String p : List.of(P1, P_STATIC, P_GONE)) {
            assertTrue(has(afterKill, p), () -> p + " gone after kill -9: " + afterKill);
        }
        rb.withdraw(P_GONE);

        // Sample the table all through the restart: P1 must be in every sample.
        Sampler sampler = Sampler.start(Duration.ofMillis(100), n -> {
            List<JsonNode> now = ours();
            List<String> missing = new ArrayList<>();
            for (String p : List.of(P1, P_STATIC)) {
                if (!has(now, p)) {
                    missing.add("sample " + n + ": " + p + " missing: " + now);
                }
            }
            return missing;
        });
        List<String> samples;
        try {
            petrel = Petrel.start(net, a, conf);
            for (String peer : List.of("b4", "b6", "c4")) {
                petrel.awaitState(peer, SessionState.ESTABLISHED, UP);
            }
            Await.until("FIB converged after the restart", CONVERGE, () -> petrel.showFib().path("counts"),
                    c -> c.path("converged").asBoolean(false), this::describeFib);
            awaitNotInstalled(P_GONE, P_GONE + " (withdrawn while Petrel was down) removed after convergence");
        } finally {
            samples = sampler.stop();
        }
        assertEquals(1, samples.size(), () -> String.join("\n", samples));
        assertTrue(Sampler.count(samples) >= 3, samples::toString);
        for (String p : List.of(P1, P_STATIC)) {
            JsonNode r = awaitInstalled(p, p + " still installed after the restart");
            assertEquals(addrB(), r.path("gateway").asText(), r::toString);
            JsonNode e = fibEntry(p);
            assertEquals("installed", e.path("state").asText(), e::toPrettyString);
        }
    }

    // ---- 2. Ownership ---------------------------------------------------------------------------------------

    @Test
    @Order(8)
    void aRouteOfAnotherProtocolIsNeverTouched() {
        assertEquals(staticBefore, staticRoute(), "the static route changed while Petrel ran");
        awaitInstalled(P_STATIC, "Petrel's own " + P_STATIC + " next to the static one");
        petrel.stop();
        assertEquals(staticBefore, staticRoute(), "the static route changed when Petrel stopped");
        // persist = true: Petrel's routes stay too.
        assertTrue(has(ours(), P1), () -> "Petrel's routes gone after a stop with persist = true: " + ours());
    }
}
