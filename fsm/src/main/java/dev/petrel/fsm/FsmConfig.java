package dev.petrel.fsm;

import java.time.Duration;

/**
 * The optional session attributes of RFC 4271 §8.1.1 that change how the state machine behaves, with the timer
 * lengths it starts.
 *
 * @param passive PassiveTcpEstablishment: wait for the peer to connect, never connect out
 * @param delayOpen DelayOpenTime; {@link Duration#ZERO} turns DelayOpen off
 * @param connectRetry ConnectRetryTime (RFC 4271 §10 suggests 120 s); the driver applies jitter
 * @param idleHold the first IdleHoldTime after a failure (DampPeerOscillations); doubled after each failure
 * @param idleHoldMax the longest IdleHoldTime
 * @param dampingReset how long a session must stay Established before its failures are forgotten
 * @param dampPeerOscillations when false the IdleHold time is always {@code idleHold}
 * @param automaticRestart restart after a failure (false leaves the session Idle until a manual start)
 */
public record FsmConfig(
        boolean passive,
        Duration delayOpen,
        Duration connectRetry,
        Duration idleHold,
        Duration idleHoldMax,
        Duration dampingReset,
        boolean dampPeerOscillations,
        boolean automaticRestart) {

    /** RFC 4271 §8.2.2: "sets the HoldTimer to a large value"; "A HoldTimer value of 4 minutes is suggested". */
    public static final Duration LARGE_HOLD = Duration.ofMinutes(4);

    public static final FsmConfig DEFAULTS = new FsmConfig(false, Duration.ZERO, Duration.ofSeconds(120),
            Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(300), true, true);

    public FsmConfig {
        if (connectRetry.isNegative() || connectRetry.isZero()) {
            throw new IllegalArgumentException("connect-retry must be positive");
        }
        if (delayOpen.isNegative() || idleHold.isNegative() || idleHoldMax.compareTo(idleHold) < 0) {
            throw new IllegalArgumentException("delay-open, idle-hold and idle-hold-max out of order");
        }
    }

    public boolean delayOpenEnabled() {
        return !delayOpen.isZero();
    }

    /** The IdleHold time after {@code failures} consecutive failures: doubled each time, capped. */
    public Duration idleHoldAfter(int failures) {
        if (!dampPeerOscillations || failures <= 0) {
            return idleHold;
        }
        long ms = idleHold.toMillis();
        long max = idleHoldMax.toMillis();
        for (int i = 0; i < failures && ms < max; i++) {
            ms = Math.max(1, ms * 2);
        }
        return Duration.ofMillis(Math.min(ms, max));
    }
}
