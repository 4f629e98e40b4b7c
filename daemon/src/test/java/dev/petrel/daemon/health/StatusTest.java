package dev.petrel.daemon.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.fsm.SessionState;
import dev.petrel.speaker.readiness.Readiness;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusTest {
    private static final Instant T0 = Instant.parse("2026-12-07T04:00:00Z");
    private static final Instant NOW = T0.plusSeconds(3723);

    private static Readiness.Report readiness(boolean startingUp, Readiness.PeerInput... peers) {
        return Readiness.evaluate(List.of(peers), startingUp, startingUp ? 60 : 0);
    }

    private static Readiness.PeerInput up(String name) {
        return new Readiness.PeerInput(name, true, SessionState.ESTABLISHED, List.of());
    }

    private static Readiness.PeerInput down(String name) {
        return new Readiness.PeerInput(name, true, SessionState.ACTIVE, null);
    }

    @Test
    void convergedWithNothingToSay() {
        Status s = Status.of("1.0", "10.255.0.1", 64512, "10.255.0.1", T0, NOW, readiness(false, up("a"), up("b")),
                null, new Liveness.Report(true, 10, List.of(), List.of()));
        assertEquals("converged", s.phase());
        assertTrue(s.ready());
        assertEquals(true, s.live());
        assertEquals(List.of(), s.reasons());
        assertEquals(3723, s.uptime().toSeconds());
    }

    @Test
    void degradedNamesThePeerThatIsDown() {
        Status s = Status.of("1.0", "10.255.0.1", 64512, "10.255.0.1", T0, NOW, readiness(false, up("a"), down("b")),
                null, null);
        assertEquals("degraded", s.phase());
        assertTrue(s.ready());
        assertNull(s.live(), "no watchdog: liveness unknown, not true");
        assertEquals(1, s.reasons().size());
        assertTrue(s.reasons().get(0).startsWith("peer b: "), s.reasons().toString());
    }

    @Test
    void aFibWaitingForEndOfRibIsRecoveryWhateverTheSessionsSay() {
        Status s = Status.of("1.0", "10.255.0.1", 64512, "10.255.0.1", T0, NOW, readiness(true, up("a"), down("b")),
                Set.of("b", "a"), null);
        assertEquals(Status.RECOVERY, s.phase());
        assertEquals("kernel routes of the previous run kept until End-of-RIB from a, b", s.reasons().get(0));
        assertTrue(s.reasons().get(1).startsWith("peer b: "));
    }

    @Test
    void aGracefulRestartHoldingOurRoutesIsRecovery() {
        Status s = Status.of("1.0", "10.255.0.1", 64512, "10.255.0.1", T0, NOW, readiness(false, up("a"), up("b")),
                null, null, true);
        assertEquals(Status.RECOVERY, s.phase());
        assertEquals(List.of("graceful restart: our routes and End-of-RIB held back until End-of-RIB from every peer"
                + " or graceful-restart.selection-deferral"), s.reasons());
    }

    @Test
    void stuckThreadsAreAReason() throws Exception {
        Status s = Status.of("1.0", "10.255.0.1", 64512, "10.255.0.9", T0, NOW, readiness(false, up("a")), null,
                new Liveness.Report(false, 10, List.of(), List.of("rib")));
        assertEquals(false, s.live());
        assertEquals(List.of("stuck for over 10s: rib"), s.reasons());
        StringWriter out = new StringWriter();
        ObjectMapper m = new ObjectMapper();
        try (var g = m.getFactory().createGenerator(out)) {
            s.write(g);
        }
        JsonNode j = m.readTree(out.toString());
        assertEquals("converged", j.get("phase").asText());
        assertEquals(false, j.get("live").asBoolean());
        assertEquals("10.255.0.9", j.get("cluster_id").asText());
        assertEquals(3723, j.get("uptime_seconds").asLong());
        assertEquals("2026-12-07T04:00:00Z", j.get("started").asText());
        assertEquals("stuck for over 10s: rib", j.get("reasons").get(0).asText());
    }
}
