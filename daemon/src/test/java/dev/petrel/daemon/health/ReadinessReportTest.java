package dev.petrel.daemon.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.fsm.SessionState;
import dev.petrel.speaker.readiness.Readiness;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON body of {@code /readyz} ({@link ReadinessReport}), byte for byte as it was when the report itself wrote
 * it: probes and scripts read these fields.
 */
class ReadinessReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String json(HealthReport r) throws Exception {
        StringWriter out = new StringWriter();
        try (var g = MAPPER.getFactory().createGenerator(out)) {
            r.write(g);
        }
        return out.toString();
    }

    @Test
    void startingNamesEachPeerWithItsStateReasonAndMissingFamilies() throws Exception {
        Readiness.Report r = Readiness.evaluate(List.of(
                new Readiness.PeerInput("rr-1", true, SessionState.ESTABLISHED, List.of()),
                new Readiness.PeerInput("rr-2", true, SessionState.ACTIVE, null),
                new Readiness.PeerInput("rr-3", true, SessionState.ESTABLISHED, List.of("ipv4-unicast",
                        "ipv6-unicast")),
                new Readiness.PeerInput("rr-4", true, SessionState.ESTABLISHED, null),
                new Readiness.PeerInput("off", false, SessionState.IDLE, null)), true, 77);
        HealthReport report = new ReadinessReport(r);
        assertFalse(report.ok());
        assertEquals("{\"ready\":false,\"phase\":\"starting\",\"grace_remaining_seconds\":77,\"peers\":4,"
                + "\"established\":3,\"not_ready\":["
                + "{\"peer\":\"rr-2\",\"state\":\"Active\",\"reason\":\"session Active, not Established\"},"
                + "{\"peer\":\"rr-3\",\"state\":\"Established\","
                + "\"reason\":\"End-of-RIB not received for ipv4-unicast, ipv6-unicast\","
                + "\"awaiting_end_of_rib\":[\"ipv4-unicast\",\"ipv6-unicast\"]},"
                + "{\"peer\":\"rr-4\",\"state\":\"Established\","
                + "\"reason\":\"Established, not yet taken up by the RIB\"}]}", json(report));
    }

    @Test
    void convergedHasAnEmptyList() throws Exception {
        HealthReport report = new ReadinessReport(Readiness.evaluate(List.of(
                new Readiness.PeerInput("rr-1", true, SessionState.ESTABLISHED, List.of())), false, 0));
        assertTrue(report.ok());
        assertEquals("{\"ready\":true,\"phase\":\"converged\",\"grace_remaining_seconds\":0,\"peers\":1,"
                + "\"established\":1,\"not_ready\":[]}", json(report));
    }
}
