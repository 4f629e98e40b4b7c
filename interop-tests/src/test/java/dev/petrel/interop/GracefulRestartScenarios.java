package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.interop.harness.Await;
import dev.petrel.interop.harness.BgpState;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.Petrel;
import dev.petrel.interop.harness.PetrelConf;
import dev.petrel.interop.harness.Sampler;
import dev.petrel.interop.harness.TestNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Petrel as a Graceful Restart restarting speaker (RFC 4724, RFC 8538) with BIRD or FRR as the helper, in its
 * default configuration (BIRD's {@code graceful restart aware}, FRR's helper mode): Petrel (AS 65002, in a) with
 * {@code graceful-restart.enabled} originates two routes to the router r (AS 65001) and passes on a third it
 * learns from the router x (AS 65003); it stops (SIGTERM) and starts again with {@code --graceful-restart} and a
 * file without one of its two. r must keep all three while Petrel is away, never lose the two Petrel still has
 * (x's comes back only once x has reconnected: the selection deferral must hold Petrel's End-of-RIB until then),
 * and drop the other once Petrel's End-of-RIB says it is gone, long before the restart time (120 s) would.
 */
abstract class GracefulRestartScenarios extends LanScenarios {
    static final long AS_PETREL = 65002;
    static final long AS_R = 65001;
    static final String P_KEPT = "10.255.240.0/24";
    static final String P_DROPPED = "10.255.241.0/24";
    static final long AS_X = 65003;
    static final String P_X = "10.255.242.0/24";

    Netns a;
    Netns r;
    Netns x;
    Petrel petrel;
    Router router;

    abstract Router startRouter(TestNetwork net, Netns ns, Router.Spec spec);

    /**
     * Whether the routers, started moments before, still say they are restarting themselves (the R bit) when
     * Petrel comes back. FRR 8.4 does (its OPENs set R while its start-up timer runs, the restart time after bgpd
     * starts; its log shows it holding its End-of-RIB until ours); RFC 4724 §4.1 then tells Petrel not to wait for
     * its End-of-RIB, and x, restarting too, sends its route only after Petrel's End-of-RIB: at r, x's route is gone
     * from Petrel's End-of-RIB until x's arrives a moment later. BIRD does not set it.
     */
    abstract boolean routersClaimRestart();

    @BeforeAll
    void startTopology() {
        LanTopology t = open("a", "r", "x");
        a = t.host("a");
        r = t.host("r");
        x = t.host("x");
        petrel = t.petrel(a, conf(true));
        router = t.router(this::startRouter, r, topology.spec("r", r, AS_R)
                .neighbor(new Router.Neighbor("petrel4", addr(a), AS_PETREL, true, true)));
        Router rx = t.router(this::startRouter, x, topology.spec("x", x, AS_X)
                .neighbor(new Router.Neighbor("petrel4", addr(a), AS_PETREL, true, true))
                .announce(dev.petrel.interop.harness.Announcement.of(P_X)));
        t.awaitEstablished(petrel, "r", "x");
        t.awaitEstablished(router, a);
        t.awaitEstablished(rx, a);
    }

    /** Graceful restart on; both static routes, or only {@link #P_KEPT}. */
    PetrelConf conf(boolean withDropped) {
        StringBuilder routes = new StringBuilder("static-routes = [ { prefix = \"" + P_KEPT + "\", type = blackhole }");
        if (withDropped) {
            routes.append(", { prefix = \"" + P_DROPPED + "\", type = blackhole }");
        }
        routes.append(" ]");
        return topology.petrelConf(a, AS_PETREL)
                .extra("graceful-restart { enabled = true, restart-time = 120s, selection-deferral = 30s }")
                .extra(routes.toString())
                .peer(PetrelConf.Peer.exchangingAll("r", addr(r), AS_R, "ipv4-unicast"))
                .peer(PetrelConf.Peer.exchangingAll("x", addr(x), AS_X, "ipv4-unicast"));
    }

    boolean has(String prefix) {
        return !router.pathsFrom(prefix, addr(a)).isEmpty();
    }

    @Test
    @Order(1)
    void routesStayWithTheHelperThroughARestartAndOnlyTheGoneOneIsDropped() throws Exception {
        Await.until("r to have Petrel's routes and x's through Petrel", CONVERGE,
                () -> has(P_KEPT) && has(P_DROPPED) && has(P_X), ok -> ok,
                ok -> router.showRoute(P_KEPT) + router.showRoute(P_DROPPED) + router.showRoute(P_X));

        // Sample r's table all through the stop and the restart: P_KEPT and P_X must be in every sample.
        Sampler sampler = Sampler.start(Duration.ofMillis(100), n -> {
            List<String> missing = new ArrayList<>();
            for (String p : routersClaimRestart() ? List.of(P_KEPT) : List.of(P_KEPT, P_X)) {
                if (!has(p)) {
                    missing.add("sample " + n + ": " + p + " missing: " + router.showRoute(p));
                }
            }
            return missing;
        });
        List<String> samples;
        long downAt;
        try {
            assertEquals(0, petrel.stop(), () -> "Petrel's exit status\n" + petrel.logTail(20));
            // How the session ended: the Cease without a Hard Reset under the N bit, else the TCP close alone.
            String ending = petrel.log().lines().filter(l -> l.contains("peer r: sending NOTIFICATION")
                    || l.contains("peer r: closing without a NOTIFICATION")).reduce("", (x, y) -> x + y + "\n");
            System.out.println(router.kind() + ": Petrel's stop ended the session with:\n" + ending);
            assertFalse(ending.isEmpty() || ending.contains("Hard Reset"), ending);
            Await.until("r to see the session down", UP, () -> router.neighbor(addr(a)).state(),
                    s -> s != BgpState.ESTABLISHED);
            downAt = System.nanoTime();
            assertTrue(has(P_KEPT) && has(P_DROPPED) && has(P_X), () -> "the helper dropped Petrel's routes at its"
                    + " stop:\n" + router.showRoute(P_KEPT) + router.showRoute(P_DROPPED) + router.showRoute(P_X)
                    + "\n--- " + router.kind() + " ---\n"
                    + router.logTail(20) + "\n--- Petrel ---\n" + petrel.logTail(10));

            petrel = topology.petrel(a, conf(false), List.of("--graceful-restart"));
            petrel.awaitState("r", dev.petrel.fsm.SessionState.ESTABLISHED, UP);
            Await.until("r to drop the route Petrel no longer has, at Petrel's End-of-RIB", CONVERGE,
                    () -> has(P_DROPPED), present -> !present,
                    present -> router.showRoute(P_DROPPED) + "\n--- Petrel ---\n" + petrel.logTail(20));
        } finally {
            samples = sampler.stop();
        }
        long seconds = Duration.ofNanos(System.nanoTime() - downAt).toSeconds();
        assertTrue(seconds < 100, "dropped after " + seconds + " s: the restart timer (120 s), not End-of-RIB");
        assertEquals(1, samples.size(), () -> String.join("\n", samples) + "\n--- " + router.kind() + " r ---\n"
                + router.logTail(30) + "\n--- Petrel ---\n" + petrel.logTail(40));
        assertTrue(Sampler.count(samples) >= 5, samples::toString);
        assertTrue(has(P_KEPT), router.showRoute(P_KEPT));
        Await.until("r to have x's route through the new Petrel", CONVERGE, () -> has(P_X), ok -> ok,
                ok -> router.showRoute(P_X));
        assertTrue(petrel.log().contains("graceful restart over: End-of-RIB from every peer"), petrel.logTail(30));
        assertFalse(petrel.log().contains("Hard Reset"), petrel.logTail(30));
    }

    @Test
    @Order(2)
    void stopForGoodMakesTheHelperDropOurRoutesAtOnce() {
        Await.until("r to have Petrel's route", CONVERGE, () -> has(P_KEPT), ok -> ok, ok -> router.showRoute(P_KEPT));
        dev.petrel.daemon.exec.CommandResult r = petrel.cli("stop", "--for-good");
        assertTrue(r.ok() && r.stdout().contains("every peer drops our routes"), r.describe());
        long asked = System.nanoTime();
        Await.until("Petrel to exit", UP, () -> petrel.process().isAlive(), alive -> !alive,
                alive -> petrel.logTail(20));
        assertEquals(0, petrel.process().exitCode(), () -> petrel.logTail(20));
        Await.until("r to drop Petrel's route at once, not keep it for the restart time", CONVERGE,
                () -> has(P_KEPT), present -> !present, present -> router.showRoute(P_KEPT) + "\n--- "
                        + router.kind() + " ---\n" + router.logTail(20));
        long seconds = Duration.ofNanos(System.nanoTime() - asked).toSeconds();
        assertTrue(seconds < 60, "dropped after " + seconds + " s: the restart time (120 s), not the stop");
        assertTrue(petrel.log().contains("stopping for good"), () -> petrel.logTail(20));
    }
}
