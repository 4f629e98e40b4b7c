package dev.petrel.daemon.health;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.petrel.speaker.readiness.Readiness;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code petrel show status}: what the daemon is and which phase it is in, with the reasons, in one answer an
 * operator (or a script) reads before anything else. A pure function of its inputs ({@link #of}).
 *
 * <p>Phases: {@code graceful-restart-recovery} while the kernel FIB still keeps the routes of the previous run
 * and waits for End-of-RIB from the peers before it replaces them, or while a graceful restart holds our routes
 * and End-of-RIB back (RFC 4724 §4.1's selection deferral, as the restarting side); otherwise the readiness phase: {@code starting}, {@code converged}, {@code degraded} or
 * {@code down} (see {@link Readiness}).
 *
 * @param live false when the watchdog finds a BGP event loop or the RIB thread stuck; null when not watched
 */
public record Status(String version, String routerId, long localAs, String clusterId, Instant started,
        Instant now, String phase, boolean ready, Boolean live, int peers, int established, List<String> reasons) {
    public static final String RECOVERY = "graceful-restart-recovery";

    public Status {
        reasons = List.copyOf(reasons);
    }

    /**
     * @param fibWaitingFor the peers whose End-of-RIB the FIB still waits for before replacing the routes it
     *     adopted at start; null without a kernel FIB or once it has converged
     * @param liveness the watchdog's report, or null when there is none
     */
    public static Status of(String version, String routerId, long localAs, String clusterId, Instant started,
            Instant now, Readiness.Report readiness, Set<String> fibWaitingFor, Liveness.Report liveness) {
        return of(version, routerId, localAs, clusterId, started, now, readiness, fibWaitingFor, liveness, false);
    }

    /** @param holdingOutput a graceful restart's selection deferral still holds our routes and End-of-RIB back */
    public static Status of(String version, String routerId, long localAs, String clusterId, Instant started,
            Instant now, Readiness.Report readiness, Set<String> fibWaitingFor, Liveness.Report liveness,
            boolean holdingOutput) {
        List<String> reasons = new ArrayList<>();
        String phase = readiness.phase();
        if (holdingOutput) {
            phase = RECOVERY;
            reasons.add("graceful restart: our routes and End-of-RIB held back until End-of-RIB from every peer or"
                    + " graceful-restart.selection-deferral");
        }
        if (fibWaitingFor != null) {
            phase = RECOVERY;
            reasons.add(fibWaitingFor.isEmpty()
                    ? "kernel routes of the previous run kept until the RIB's first decisions"
                    : "kernel routes of the previous run kept until End-of-RIB from "
                            + String.join(", ", fibWaitingFor.stream().sorted().toList()));
        }
        for (Readiness.NotReady n : readiness.notReady()) {
            reasons.add("peer " + n.peer() + ": " + n.reason());
        }
        if (liveness != null && !liveness.live()) {
            reasons.add("stuck for over " + liveness.staleAfterSeconds() + "s: " + String.join(", ", liveness.stuck()));
        }
        return new Status(version, routerId, localAs, clusterId, started, now, phase, readiness.ready(),
                liveness == null ? null : liveness.live(), readiness.peers(), readiness.established(), reasons);
    }

    public Duration uptime() {
        return Duration.between(started, now);
    }

    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", version);
        g.writeStringField("router_id", routerId);
        g.writeNumberField("local_as", localAs);
        g.writeStringField("cluster_id", clusterId);
        g.writeStringField("started", started.toString());
        g.writeStringField("time", now.toString());
        g.writeNumberField("uptime_seconds", uptime().toSeconds());
        g.writeStringField("phase", phase);
        g.writeBooleanField("ready", ready);
        if (live != null) {
            g.writeBooleanField("live", live);
        }
        g.writeNumberField("peers", peers);
        g.writeNumberField("established", established);
        g.writeArrayFieldStart("reasons");
        for (String r : reasons) {
            g.writeString(r);
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
