package dev.petrel.fsm.session;

/**
 * Our side of Graceful Restart (RFC 4724 §3) as a restarting speaker: we list our families in the capability, so a
 * helper keeps our routes as stale for {@code restartTimeSeconds} when the session ends without a Hard Reset, and
 * takes them back from us when we return.
 *
 * @param restartTimeSeconds how long a helper waits for us to come back, 0..4095 s
 * @param restarting the R bit: this OPEN follows a restart, and our End-of-RIB is coming after the routes
 * @param forwardingPreserved the F bit on every family: our forwarding state (the kernel routes) went through the
 *     restart, so a helper may keep forwarding to us on the stale routes meanwhile
 */
public record GracefulRestart(int restartTimeSeconds, boolean restarting, boolean forwardingPreserved) {
    public GracefulRestart {
        if (restartTimeSeconds < 0 || restartTimeSeconds > 4095) {
            throw new IllegalArgumentException("restart time must be 0..4095 s, got " + restartTimeSeconds);
        }
    }
}
