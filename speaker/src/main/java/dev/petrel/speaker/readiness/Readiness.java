package dev.petrel.speaker.readiness;

import dev.petrel.fsm.SessionState;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a speaker is ready for traffic, as a pure function of the peers' states (Calico's BGP readiness, without
 * screen-scraping a CLI): what the daemon's {@code /readyz} answers, and what an embedding agent can ask for the
 * same ({@link SpeakerReadiness}).
 *
 * <p>A peer is <em>converged</em> when its session is Established and it has sent End-of-RIB (RFC 4724 §2) for
 * every family the session negotiated: this node then holds that peer's whole table. Peers that are
 * administratively down (configured {@code shutdown}, or {@code petrel peer shutdown}) are not waited for.
 *
 * <ul>
 *   <li>every peer converged (or no peer to wait for): ready, phase {@code converged};</li>
 *   <li>during start-up (the grace period, until everything first converged): not ready, phase {@code starting},
 *       so a node is not sent traffic while it still lacks routes;</li>
 *   <li>after start-up: ready when at least one peer is Established (phase {@code degraded}: routes flow, some
 *       peers are missing), not ready when none is (phase {@code down}).</li>
 * </ul>
 *
 * <p>Graceful-restart recovery (RFC 4724 receiving speaker) is not built yet; End-of-RIB is the recovery signal
 * this uses in its place.
 */
public final class Readiness {
    private Readiness() {}

    /**
     * One configured peer, as readiness sees it.
     *
     * @param name the configured name
     * @param adminUp false when the peer is shut down on purpose: it is ignored
     * @param state the session state
     * @param awaitingEndOfRib families of the Established session without End-of-RIB yet, by name; null when the
     *     RIB has no session for the peer (not Established, or the RIB has not taken the session up yet)
     */
    public record PeerInput(String name, boolean adminUp, SessionState state, List<String> awaitingEndOfRib) {
        /** Copies the list. */
        public PeerInput {
            awaitingEndOfRib = awaitingEndOfRib == null ? null : List.copyOf(awaitingEndOfRib);
        }

        boolean established() {
            return state == SessionState.ESTABLISHED;
        }

        boolean converged() {
            return established() && awaitingEndOfRib != null && awaitingEndOfRib.isEmpty();
        }

        /** Why the peer is not converged, for the operator; null when it is. */
        String reason() {
            if (!established()) {
                return "session " + state.rfcName() + ", not Established";
            }
            if (awaitingEndOfRib == null) {
                return "Established, not yet taken up by the RIB";
            }
            if (!awaitingEndOfRib.isEmpty()) {
                return "End-of-RIB not received for " + String.join(", ", awaitingEndOfRib);
            }
            return null;
        }
    }

    /** A peer that is not converged, and why. */
    public record NotReady(String peer, SessionState state, String reason, List<String> awaitingEndOfRib) {}

    /**
     * @param ready whether the node is ready for traffic ({@code /readyz} answers 200)
     * @param phase starting, converged, degraded or down
     * @param converged every peer that is administratively up is converged
     * @param graceRemainingSeconds seconds of start-up left (0 once start-up is over)
     * @param peers peers taken into account (administratively up)
     * @param established of those, how many are Established
     * @param notReady the peers that are not converged, in configuration order
     */
    public record Report(boolean ready, String phase, boolean converged, long graceRemainingSeconds, int peers,
            int established, List<NotReady> notReady) {
        /** Copies the list. */
        public Report {
            notReady = List.copyOf(notReady);
        }
    }

    /**
     * @param peers every configured peer, in configuration order
     * @param startingUp whether the start-up phase is still on (see {@link ReadinessGate})
     * @param graceRemainingSeconds what to report of the grace period
     */
    public static Report evaluate(List<PeerInput> peers, boolean startingUp, long graceRemainingSeconds) {
        List<NotReady> notReady = new ArrayList<>();
        int counted = 0;
        int established = 0;
        for (PeerInput p : peers) {
            if (!p.adminUp()) {
                continue;
            }
            counted++;
            if (p.established()) {
                established++;
            }
            String why = p.reason();
            if (why != null) {
                notReady.add(new NotReady(p.name(), p.state(), why,
                        p.established() ? p.awaitingEndOfRib() : null));
            }
        }
        long remaining = startingUp ? graceRemainingSeconds : 0;
        if (notReady.isEmpty()) {
            return new Report(true, "converged", true, remaining, counted, established, notReady);
        }
        if (startingUp) {
            return new Report(false, "starting", false, remaining, counted, established, notReady);
        }
        boolean any = established > 0;
        return new Report(any, any ? "degraded" : "down", false, 0, counted, established, notReady);
    }
}
