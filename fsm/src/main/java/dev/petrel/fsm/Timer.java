package dev.petrel.fsm;

/**
 * The timers of one session. The first five are RFC 4271 §8's; {@link #SEND_HOLD} is RFC 9687's;
 * {@link #DAMPING_RESET} is Petrel's: when it fires the session has been Established long enough that its past
 * failures are forgotten and the IdleHold back-off starts again from its initial value (BIRD's "error forget
 * time").
 */
public enum Timer {
    CONNECT_RETRY,
    HOLD,
    KEEPALIVE,
    DELAY_OPEN,
    IDLE_HOLD,
    SEND_HOLD,
    DAMPING_RESET
}
