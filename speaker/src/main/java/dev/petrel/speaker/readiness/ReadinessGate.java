package dev.petrel.speaker.readiness;

import java.time.Duration;
import java.util.List;

/**
 * The start-up phase of {@link Readiness}: it lasts from start until the grace period ends or every peer has
 * converged, whichever comes first, and never comes back. So a node that converged at start stays ready when one
 * of its peers later goes down (as long as another is Established), rather than failing readiness again for the
 * rest of the grace period. Thread-safe; the clock is given, in nanoseconds, so tests need no waiting.
 */
public final class ReadinessGate {
    private final long startNanos;
    private final long graceNanos;
    private boolean over;

    /** Start-up begins at {@code startNanos} and lasts at most {@code grace}. */
    public ReadinessGate(long startNanos, Duration grace) {
        this.startNanos = startNanos;
        this.graceNanos = grace.toNanos();
    }

    /** Readiness of {@code peers} at {@code nowNanos}; ends start-up once they converged or the grace is over. */
    public synchronized Readiness.Report assess(List<Readiness.PeerInput> peers, long nowNanos) {
        long elapsed = nowNanos - startNanos;
        if (elapsed >= graceNanos) {
            over = true;
        }
        long remainingSeconds = over ? 0 : (graceNanos - elapsed + 999_999_999L) / 1_000_000_000L;
        Readiness.Report r = Readiness.evaluate(peers, !over, remainingSeconds);
        if (r.converged() && !over) {
            over = true;
            r = Readiness.evaluate(peers, false, 0);
        }
        return r;
    }
}
