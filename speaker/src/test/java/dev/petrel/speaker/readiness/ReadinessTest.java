package dev.petrel.speaker.readiness;

import static dev.petrel.fsm.SessionState.ACTIVE;
import static dev.petrel.fsm.SessionState.ESTABLISHED;
import static dev.petrel.fsm.SessionState.IDLE;
import static dev.petrel.fsm.SessionState.OPEN_SENT;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.speaker.readiness.Readiness.PeerInput;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Readiness} and {@link ReadinessGate}: pure functions of peer states, End-of-RIB and the clock. */
class ReadinessTest {
    private static final long S = 1_000_000_000L;

    private static PeerInput converged(String name) {
        return new PeerInput(name, true, ESTABLISHED, List.of());
    }

    private static PeerInput awaiting(String name, String... families) {
        return new PeerInput(name, true, ESTABLISHED, List.of(families));
    }

    private static PeerInput down(String name) {
        return new PeerInput(name, true, ACTIVE, null);
    }

    @Test
    void everyPeerConvergedIsReadyDuringStartUp() {
        Readiness.Report r = Readiness.evaluate(List.of(converged("rr-1"), converged("rr-2")), true, 100);
        assertTrue(r.ready());
        assertEquals("converged", r.phase());
        assertEquals(2, r.established());
        assertTrue(r.notReady().isEmpty());
    }

    @Test
    void duringStartUpOnePeerWithoutEndOfRibHoldsReadiness() {
        Readiness.Report r = Readiness.evaluate(List.of(converged("rr-1"), awaiting("rr-2", "ipv6-unicast")), true,
                42);
        assertFalse(r.ready());
        assertEquals("starting", r.phase());
        assertEquals(42, r.graceRemainingSeconds());
        assertEquals(1, r.notReady().size());
        Readiness.NotReady n = r.notReady().get(0);
        assertEquals("rr-2", n.peer());
        assertEquals("End-of-RIB not received for ipv6-unicast", n.reason());
        assertEquals(List.of("ipv6-unicast"), n.awaitingEndOfRib());
    }

    @Test
    void duringStartUpAPeerNotEstablishedHoldsReadinessAndSaysItsState() {
        Readiness.Report r = Readiness.evaluate(List.of(converged("rr-1"), down("rr-2")), true, 10);
        assertFalse(r.ready());
        assertEquals("session Active, not Established", r.notReady().get(0).reason());
        PeerInput notInRibYet = new PeerInput("rr-3", true, ESTABLISHED, null);
        r = Readiness.evaluate(List.of(converged("rr-1"), notInRibYet), true, 10);
        assertFalse(r.ready());
        assertEquals("Established, not yet taken up by the RIB", r.notReady().get(0).reason());
    }

    @Test
    void afterStartUpOneEstablishedPeerIsEnough() {
        Readiness.Report r = Readiness.evaluate(List.of(awaiting("rr-1", "ipv4-unicast"), down("rr-2")), false, 0);
        assertTrue(r.ready(), "a peer Established: routes flow");
        assertEquals("degraded", r.phase());
        assertEquals(2, r.notReady().size(), "the body still says which peers are not converged");
    }

    @Test
    void afterStartUpNoEstablishedPeerIsNotReady() {
        Readiness.Report r = Readiness.evaluate(List.of(down("rr-1"), new PeerInput("rr-2", true, OPEN_SENT, null)),
                false, 0);
        assertFalse(r.ready());
        assertEquals("down", r.phase());
        assertEquals(0, r.established());
    }

    @Test
    void peersShutDownOnPurposeAreNotWaitedFor() {
        PeerInput off = new PeerInput("maintenance", false, IDLE, null);
        Readiness.Report r = Readiness.evaluate(List.of(converged("rr-1"), off), true, 100);
        assertTrue(r.ready());
        assertEquals(1, r.peers());
        r = Readiness.evaluate(List.of(off), false, 0);
        assertTrue(r.ready(), "nothing to wait for: every peer is shut down");
        assertEquals("converged", r.phase());
    }

    @Test
    void noPeersIsReady() {
        Readiness.Report r = Readiness.evaluate(List.of(), true, 120);
        assertTrue(r.ready());
        assertEquals("converged", r.phase());
        assertEquals(0, r.peers());
    }

    @Test
    void theGateEndsStartUpWhenTheGraceRunsOut() {
        ReadinessGate gate = new ReadinessGate(1000 * S, Duration.ofSeconds(120));
        List<PeerInput> half = List.of(converged("rr-1"), down("rr-2"));
        Readiness.Report r = gate.assess(half, 1000 * S + 30 * S);
        assertFalse(r.ready());
        assertEquals("starting", r.phase());
        assertEquals(90, r.graceRemainingSeconds());
        r = gate.assess(half, 1000 * S + 119 * S + 1);
        assertFalse(r.ready());
        assertEquals(1, r.graceRemainingSeconds(), "rounded up: never 0 while the grace is still on");
        r = gate.assess(half, 1000 * S + 120 * S);
        assertTrue(r.ready());
        assertEquals("degraded", r.phase());
        assertEquals(0, r.graceRemainingSeconds());
    }

    @Test
    void theGateEndsStartUpForGoodOnceEverythingConverged() {
        ReadinessGate gate = new ReadinessGate(0, Duration.ofSeconds(120));
        assertFalse(gate.assess(List.of(converged("rr-1"), down("rr-2")), 5 * S).ready());
        assertTrue(gate.assess(List.of(converged("rr-1"), converged("rr-2")), 6 * S).ready());
        // rr-2 goes down within what would have been the grace period: one Established peer still suffices.
        Readiness.Report r = gate.assess(List.of(converged("rr-1"), down("rr-2")), 7 * S);
        assertTrue(r.ready());
        assertEquals("degraded", r.phase());
        assertFalse(gate.assess(List.of(down("rr-1"), down("rr-2")), 8 * S).ready());
    }

    @Test
    void zeroGraceMeansNoStartUpWait() {
        ReadinessGate gate = new ReadinessGate(0, Duration.ZERO);
        Readiness.Report r = gate.assess(List.of(awaiting("rr-1", "ipv4-unicast"), down("rr-2")), 0);
        assertTrue(r.ready());
        assertEquals("degraded", r.phase());
    }
}
