package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.fsm.SessionState;
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
import org.junit.jupiter.api.Test;

/**
 * Petrel as the Graceful Restart helper (RFC 4724 §4.2) of a router that restarts: the router (AS 65001, in r),
 * configured as a restarting speaker (its capability lists IPv4 with the F bit), sends Petrel (AS 65002, in a,
 * kernel FIB on) two routes; it is killed (SIGKILL: no NOTIFICATION, its kernel routes stay) and started again
 * without one of them. Petrel's kernel must hold the kept route in every sample from the kill until after the
 * router is back, keep both as stale while it is away, and drop the other at its End-of-RIB, long before its
 * restart time (120 s). One subclass per daemon.
 */
abstract class GracefulHelperScenarios {
    static final long AS_R = 65001;
    static final long AS_PETREL = 65002;
    static final String P_KEPT = "10.255.244.0/24";
    static final String P_GONE = "10.255.245.0/24";

    /** Starts the router in {@code r}, announcing {@link #P_KEPT} and, {@code withGone}, {@link #P_GONE}. */
    abstract void startRouter(TestNetwork net, Netns r, String addrR, String addrA, boolean withGone);

    /** SIGKILL to the router's BGP daemon. */
    abstract void crashRouter();

    /** Starts it again, as a restart, announcing only {@link #P_KEPT}. */
    abstract void startRouterAgain(TestNetwork net, Netns r, String addrR, String addrA);

    abstract String routerLog();

    @Test
    void aRestartingRoutersRoutesStayInTheKernelAndOnlyTheGoneOneGoes() throws Exception {
        InteropSupport.requireInterop();
        try (TestNetwork net = TestNetwork.create(getClass().getSimpleName())) {
            Netns a = net.netns("a");
            Netns r = net.netns("r");
            Lan lan = net.lan(a, r);
            String addrA = lan.address(a, false);
            String addrR = lan.address(r, false);
            Petrel petrel = Petrel.start(net, a, PetrelConf.of(addrA, AS_PETREL).listen(addrA, 179).kernel()
                    .peer(PetrelConf.Peer.exchangingAll("r", addrR, AS_R, "ipv4-unicast")));
            startRouter(net, r, addrR, addrA, true);
            petrel.awaitState("r", SessionState.ESTABLISHED, LanTopology.UP);
            Await.until("Petrel to install both of BIRD's routes", LanScenarios.CONVERGE,
                    () -> inKernel(a, P_KEPT) && inKernel(a, P_GONE), ok -> ok, ok -> KernelRoutes.show(a, false)
                            + "\n--- Petrel ---\n" + petrel.logTail(20));

            Sampler sampler = Sampler.start(Duration.ofMillis(100), n -> inKernel(a, P_KEPT) ? List.of()
                    : List.of("sample " + n + ": " + P_KEPT + " missing from the kernel"));
            List<String> samples;
            long downAt;
            try {
                crashRouter();
                petrel.await("r", "the session to end", LanTopology.UP,
                        p -> p.state() != SessionState.ESTABLISHED);
                downAt = System.nanoTime();
                Await.until("Petrel to keep both routes, stale", LanScenarios.CONVERGE,
                        () -> stale(petrel, P_KEPT) && stale(petrel, P_GONE), ok -> ok,
                        ok -> petrel.showRoute(P_KEPT) + "\n" + petrel.showRoute(P_GONE) + "\n--- Petrel ---\n"
                                + petrel.logTail(20));
                assertTrue(petrel.log().contains("peer r: keeping its [ipv4-unicast] routes as stale")
                        || petrel.log().contains("routes kept as stale"), () -> petrel.logTail(20));

                startRouterAgain(net, r, addrR, addrA);
                petrel.awaitState("r", SessionState.ESTABLISHED, LanTopology.UP);
                Await.until("Petrel to drop the route the router no longer has, at its End-of-RIB",
                        LanScenarios.CONVERGE, () -> inKernel(a, P_GONE), present -> !present,
                        present -> petrel.showRoute(P_GONE) + "\n--- router ---\n" + routerLog()
                                + "\n--- Petrel ---\n" + petrel.logTail(20));
                Await.until("the kept route to be fresh again", LanScenarios.CONVERGE,
                        () -> stale(petrel, P_KEPT), s -> !s, s -> petrel.showRoute(P_KEPT).toString());
            } finally {
                samples = sampler.stop();
            }
            long seconds = Duration.ofNanos(System.nanoTime() - downAt).toSeconds();
            assertTrue(seconds < 100, "dropped after " + seconds + " s: the restart time (120 s), not End-of-RIB");
            assertEquals(1, samples.size(), () -> String.join("\n", samples) + "\n--- Petrel ---\n"
                    + petrel.logTail(40));
            assertTrue(Sampler.count(samples) >= 5, samples::toString);
            assertTrue(inKernel(a, P_KEPT));
        }
    }

    static boolean inKernel(Netns ns, String prefix) {
        return KernelRoutes.find(KernelRoutes.show(ns, false, prefix), prefix).isPresent();
    }

    /** Whether Petrel holds a path for {@code prefix} and it is stale. */
    static boolean stale(Petrel petrel, String prefix) {
        List<Boolean> flags = new ArrayList<>();
        for (JsonNode p : petrel.showRoute(prefix).path("routes").path(0).path("paths")) {
            flags.add(p.path("stale").asBoolean());
        }
        return !flags.isEmpty() && flags.stream().allMatch(f -> f);
    }
}
