package dev.petrel.fsm;

/**
 * Everything the state machine remembers between events: the RFC 4271 state and ConnectRetryCounter, whether
 * the DelayOpen timer runs (which tells event 19 from event 20), the failure count behind the IdleHold back-off,
 * and what the OPENs negotiated once they have.
 *
 * @param failures consecutive failures, for DampPeerOscillations; cleared by the DAMPING_RESET timer
 * @param stopped an operator stopped the session: no automatic restart until a manual start
 * @param negotiated set in OpenConfirm and Established, else null
 */
public record FsmState(SessionState state, int connectRetryCounter, boolean delayOpenRunning, int failures,
        boolean stopped, Negotiated negotiated) {

    /** A new session: Idle, nothing counted, waiting for a start event. */
    public static final FsmState INITIAL = new FsmState(SessionState.IDLE, 0, false, 0, false, null);

    FsmState to(SessionState next) {
        return new FsmState(next, connectRetryCounter, delayOpenRunning, failures, stopped, next == SessionState.IDLE
                ? null : negotiated);
    }

    FsmState delayOpen(boolean running) {
        return new FsmState(state, connectRetryCounter, running, failures, stopped, negotiated);
    }

    FsmState counter(int value) {
        return new FsmState(state, value, delayOpenRunning, failures, stopped, negotiated);
    }

    FsmState failures(int value) {
        return new FsmState(state, connectRetryCounter, delayOpenRunning, value, stopped, negotiated);
    }

    FsmState stopped(boolean value) {
        return new FsmState(state, connectRetryCounter, delayOpenRunning, failures, value, negotiated);
    }

    FsmState negotiated(Negotiated value) {
        return new FsmState(state, connectRetryCounter, delayOpenRunning, failures, stopped, value);
    }
}
