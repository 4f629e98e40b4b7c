package dev.petrel.daemon.health;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.petrel.speaker.readiness.Readiness;
import java.io.IOException;

/**
 * {@code /readyz}'s answer: the speaker's {@link Readiness.Report}, 200 when ready, with its JSON body. The body's
 * fields are what Kubernetes probes' logs and operators' scripts read; keep them as they are.
 */
public record ReadinessReport(Readiness.Report report) implements HealthReport {
    @Override
    public boolean ok() {
        return report.ready();
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("ready", report.ready());
        g.writeStringField("phase", report.phase());
        g.writeNumberField("grace_remaining_seconds", report.graceRemainingSeconds());
        g.writeNumberField("peers", report.peers());
        g.writeNumberField("established", report.established());
        g.writeArrayFieldStart("not_ready");
        for (Readiness.NotReady n : report.notReady()) {
            g.writeStartObject();
            g.writeStringField("peer", n.peer());
            g.writeStringField("state", n.state().rfcName());
            g.writeStringField("reason", n.reason());
            if (n.awaitingEndOfRib() != null && !n.awaitingEndOfRib().isEmpty()) {
                g.writeArrayFieldStart("awaiting_end_of_rib");
                for (String f : n.awaitingEndOfRib()) {
                    g.writeString(f);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
