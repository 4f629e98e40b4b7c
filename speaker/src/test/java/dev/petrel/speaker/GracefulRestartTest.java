package dev.petrel.speaker;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static dev.petrel.speaker.PetrelTest.POD_BLOCK;
import static dev.petrel.speaker.PetrelTest.peer;
import static dev.petrel.speaker.PetrelTest.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.SessionState;
import dev.petrel.rib.RouteEntry;
import dev.petrel.wire.Family;
import dev.petrel.wire.cap.Capability;
import dev.petrel.wire.nlri.Prefix;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Petrel as a Graceful Restart restarting speaker (RFC 4724, RFC 8538) between two speakers on loopback: a
 * (127.0.0.1) restarts, b (127.0.0.2) is its peer: what a sends and when, and b as the receiving speaker keeping
 * a's routes stale through the restart (the interop tests see FRR and BIRD do the same).
 */
class GracefulRestartTest {
    private final EventLoopGroup loops = Petrel.sharedEventLoops(2);
    private int pb;
    private Petrel b;
    private Petrel a;
    private final Prefix block = Prefix.parse(POD_BLOCK);

    @BeforeEach
    void startB() throws Exception {
        pb = freePort("127.0.0.2");
        b = PetrelTest.node("10.255.1.2", 65001, "127.0.0.2", pb, loops).start();
        b.apply(DesiredState.builder().peer(peer("a", "127.0.0.1", freePort("127.0.0.1"), 64512, "127.0.0.2")
                .passive(true).build()).build());
    }

    @AfterEach
    void stop() {
        try {
            if (a != null) {
                a.close();
            }
            b.close();
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** a: graceful restart on, peer b (and any others), the pod block originated from the start. */
    private Petrel.Builder a(Duration deferral, PeerSpec... more) throws Exception {
        DesiredState.Builder d = DesiredState.builder().peer(peer("b", "127.0.0.2", pb, 65001, "127.0.0.1").build())
                .route(route(POD_BLOCK));
        for (PeerSpec p : more) {
            d.peer(p);
        }
        return Petrel.builder().routerId("10.255.1.1").localAs(64512).listen("127.0.0.1:" + freePort("127.0.0.1"))
                .set("admin.http", "off").kernelDryRun().eventLoops(loops).readyGrace(Duration.ZERO)
                .gracefulRestart(Duration.ofSeconds(90)).set("graceful-restart.selection-deferral",
                        deferral.toSeconds() + "s")
                .desiredState(d.build());
    }

    private Capability.GracefulRestart ourCapability(String peer) {
        return a.speaker().session(peer).localOpen().capability(Capability.GracefulRestart.class);
    }

    private boolean aHasEndOfRibFromB() {
        try {
            List<Family> got = a.speaker().rib().query(v -> v.endOfRibReceived("b")).get(5, TimeUnit.SECONDS);
            return got != null && !got.isEmpty();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private boolean staleAtB(Prefix p) {
        return b.route(p).map(r -> r.best() != null && r.best().stale()).orElse(false);
    }

    private boolean bHasTheBlock() {
        return b.route(block).map(RouteEntry::best).isPresent();
    }

    @Test
    void closeEndsTheSessionWithoutAHardResetAndTheCapabilityListsOurFamilies() throws Exception {
        a = a(Duration.ofSeconds(60)).build().start();
        await("b to learn the block", this::bHasTheBlock);
        Capability.GracefulRestart gr = ourCapability("b");
        assertEquals(90, gr.restartTime());
        assertFalse(gr.restarting(), "a fresh start: no R bit");
        assertTrue(gr.notification());
        assertEquals(List.of(new Capability.GrFamily(Family.IPV4_UNICAST, true),
                new Capability.GrFamily(Family.IPV6_UNICAST, true)), gr.families(),
                "the peer's families, F bit: the dry-run FIB outlives the speaker");
        assertFalse(a.speaker().restarting());

        a.close();
        await("b to see a go", () -> b.peer("a").orElseThrow().state() != SessionState.ESTABLISHED);
        PeerStatus.LastError e = b.peer("a").orElseThrow().lastError();
        assertEquals("received", e.direction());
        assertEquals(6, e.code());
        assertEquals(2, e.subcode(), "Cease/2 as it is: under the N bit a Hard Reset (6/9) would end the"
                + " helper's wait: " + e);
        assertTrue(e.text().contains("petrel is restarting"), e.text());
    }

    @Test
    void bKeepsAsRoutesStaleThroughTheRestartAndDropsWhatANoLongerHas() throws Exception {
        Prefix gone = Prefix.parse("10.244.9.0/26");
        a = a(Duration.ofSeconds(60)).build().start();
        a.originate(route("10.244.9.0/26"));
        await("b to learn both routes", () -> bHasTheBlock() && b.route(gone).map(RouteEntry::best).isPresent());

        a.close();
        await("b to see a go", () -> b.peer("a").orElseThrow().state() != SessionState.ESTABLISHED);
        // the session's end reaches b's RIB just after its state: wait for the routes to turn stale (withdrawn,
        // they would never be)
        await("b to keep both, stale, while a restarts", () -> staleAtB(block) && staleAtB(gone));

        a = a(Duration.ofSeconds(60)).restartingGracefully().build().start(); // without the second route
        await("a to be back and to have sent End-of-RIB", () -> !a.speaker().restarting()
                && b.route(gone).isEmpty());
        RouteEntry kept = b.route(block).orElseThrow();
        assertFalse(kept.best().stale(), "sent again: fresh");
        assertEquals(1, kept.paths().size());
    }

    @Test
    void closeForGoodMakesThePeerDropOurRoutesAtOnce() throws Exception {
        a = a(Duration.ofSeconds(60)).build().start();
        await("b to learn the block", this::bHasTheBlock);

        a.closeForGood();
        await("b to drop a's block at once, not keep it stale", () -> b.route(block).isEmpty());
        PeerStatus.LastError e = b.peer("a").orElseThrow().lastError();
        assertEquals(6, e.code());
        assertEquals(9, e.subcode(), "a Hard Reset (RFC 8538): the helper must not wait for us: " + e);
    }

    @Test
    void aRestartSendsNothingUntilEveryPeerHasSentEndOfRibOrTheDeferralEnds() throws Exception {
        // ghost is configured but nobody answers at its address: only the selection deferral ends the wait
        PeerSpec ghost = peer("ghost", "127.0.0.3", freePort("127.0.0.3"), 65009, "127.0.0.1").build();
        a = a(Duration.ofSeconds(10), ghost).restartingGracefully().build().start();
        assertTrue(a.speaker().restarting());
        assertTrue(ourCapability("b").restarting(), "R bit in a restart's OPENs");
        await("a to have b's End-of-RIB", this::aHasEndOfRibFromB);
        await("b to see a Established", () -> b.peer("a").orElseThrow().state() == SessionState.ESTABLISHED);
        // b's End-of-RIB is in, the session is up, the block is in a's table: still nothing goes out
        assertTrue(a.route(block).map(RouteEntry::best).isPresent());
        assertTrue(a.speaker().restarting(), "ghost has not sent End-of-RIB; 10 s have not passed");
        assertFalse(bHasTheBlock(), "nothing is sent while the deferral holds");
        assertEquals(0, a.peer("b").orElseThrow().counters().updatesSent(), "not even End-of-RIB");

        await("the deferral to end", () -> !a.speaker().restarting());
        await("b to learn the block", this::bHasTheBlock);
        assertFalse(ourCapability("b").restarting(), "no R bit once the restart is over");
        // the End-of-RIB may leave a moment after the UPDATE that b has just read
        await("the block, then End-of-RIB", () -> a.peer("b").orElseThrow().counters().updatesSent() >= 2);
    }

    @Test
    void theRestartEndsWithTheLastPeersEndOfRibNotTheTimer() throws Exception {
        a = a(Duration.ofSeconds(60)).restartingGracefully().build().start();
        assertTrue(a.speaker().restarting());
        // await gives up after 20 s, well before the 60 s deferral: only b's End-of-RIB can end it in time
        await("the restart to end", () -> !a.speaker().restarting());
        await("b to learn the block", this::bHasTheBlock);
    }

    @Test
    void withListenRangesTheWholeDeferralIsWaited() throws Exception {
        a = a(Duration.ofSeconds(8)).set("listen-ranges", List.of(java.util.Map.of("name", "nodes", "prefix", "127.0.0.64/26",
                "remote-as", 65010))).restartingGracefully().build().start();
        await("a to have b's End-of-RIB", this::aHasEndOfRibFromB);
        assertTrue(a.speaker().restarting(), "dynamic peers may still come: the deferral runs its course");
        assertFalse(bHasTheBlock());
        await("the deferral to end", () -> !a.speaker().restarting());
        await("b to learn the block", this::bHasTheBlock);
    }

    @Test
    void aRestartWithoutGracefulRestartEnabledIsAFreshStart() throws Exception {
        Petrel fresh = Petrel.builder().routerId("10.255.1.1").localAs(64512)
                .listen("127.0.0.1:" + freePort("127.0.0.1")).set("admin.http", "off").kernelDryRun()
                .eventLoops(loops).restartingGracefully()
                .desiredState(DesiredState.builder().peer(peer("b", "127.0.0.2", pb, 65001, "127.0.0.1").build())
                        .route(route(POD_BLOCK)).build()).build().start();
        try {
            assertFalse(fresh.speaker().restarting());
            await("b to learn the block", this::bHasTheBlock);
            Capability.GracefulRestart gr = fresh.speaker().session("b").localOpen()
                    .capability(Capability.GracefulRestart.class);
            assertEquals(List.of(), gr.families(), "helper only");
        } finally {
            fresh.close();
        }
    }
}
