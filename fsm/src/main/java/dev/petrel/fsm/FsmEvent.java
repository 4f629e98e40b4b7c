package dev.petrel.fsm;

import dev.petrel.wire.Notification;

/**
 * The events of RFC 4271 §8.1, one record each, with the RFC's names and numbers, plus RFC 9687's
 * SendHoldTimer_Expires. Start events 4 to 7 of the RFC are the same starts with the session's passive and
 * damping attributes set; Petrel keeps those attributes in {@link FsmConfig}, so one manual and one automatic
 * start suffice.
 */
public sealed interface FsmEvent {
    /** The RFC 4271 §8.1 event number (RFC 9687 gives the send hold timer none; Petrel uses 29). */
    int number();

    /** Event 1: an operator starts the session. */
    record ManualStart() implements FsmEvent {
        public int number() {
            return 1;
        }
    }

    /**
     * Event 2: an operator stops the session.
     *
     * @param notification the Cease to send when a connection is open, normally Cease/2 with an RFC 9003
     *     shutdown communication; null sends plain Cease/2
     */
    record ManualStop(Notification notification) implements FsmEvent {
        public int number() {
            return 2;
        }
    }

    /** Event 3: the daemon starts the session (at start-up, and after the IdleHold timer). */
    record AutomaticStart() implements FsmEvent {
        public int number() {
            return 3;
        }
    }

    /**
     * Event 8: the daemon stops the session, for example because configuration changed or a limit was hit.
     *
     * @param notification the Cease to send (Cease/3, Cease/6, Cease/1, Cease/8 ...)
     */
    record AutomaticStop(Notification notification) implements FsmEvent {
        public int number() {
            return 8;
        }
    }

    /** Events 9 to 13 and RFC 9687's send hold timer: a timer fired. */
    record TimerExpires(Timer timer) implements FsmEvent {
        public int number() {
            return switch (timer) {
                case CONNECT_RETRY -> 9;
                case HOLD -> 10;
                case KEEPALIVE -> 11;
                case DELAY_OPEN -> 12;
                case IDLE_HOLD -> 13;
                case SEND_HOLD -> 29;
                case DAMPING_RESET -> 30;
            };
        }
    }

    /** Event 16: our outgoing connection was established (Tcp_CR_Acked). */
    record TcpCrAcked() implements FsmEvent {
        public int number() {
            return 16;
        }
    }

    /** Event 17: the peer's incoming connection was accepted (TcpConnectionConfirmed). */
    record TcpConnectionConfirmed() implements FsmEvent {
        public int number() {
            return 17;
        }
    }

    /** Event 18: the connection failed or was closed by the peer. */
    record TcpConnectionFails(String cause) implements FsmEvent {
        public int number() {
            return 18;
        }
    }

    /**
     * Events 19 and 20: a valid OPEN arrived and was negotiated. Whether the DelayOpen timer runs (event 20) is
     * the state machine's own knowledge, so one record serves both.
     */
    record BgpOpen(Negotiated negotiated) implements FsmEvent {
        public int number() {
            return 19;
        }
    }

    /** Event 21: a message header was bad; {@code notification} is the 1/x to send. */
    record BgpHeaderErr(Notification notification) implements FsmEvent {
        public int number() {
            return 21;
        }
    }

    /** Event 22: an OPEN was bad; {@code notification} is the 2/x to send. */
    record BgpOpenMsgErr(Notification notification) implements FsmEvent {
        public int number() {
            return 22;
        }
    }

    /** Event 23: collision detection (RFC 4271 §6.8) chose to close this connection. */
    record OpenCollisionDump() implements FsmEvent {
        public int number() {
            return 23;
        }
    }

    /** Event 24: a NOTIFICATION with a version error (code 2, subcode 1) arrived. */
    record NotifMsgVerErr(Notification notification) implements FsmEvent {
        public int number() {
            return 24;
        }
    }

    /** Event 25: any other NOTIFICATION arrived. */
    record NotifMsg(Notification notification) implements FsmEvent {
        public int number() {
            return 25;
        }
    }

    /** Event 26: a KEEPALIVE arrived. */
    record KeepAliveMsg() implements FsmEvent {
        public int number() {
            return 26;
        }
    }

    /** Event 27: a valid UPDATE (or ROUTE-REFRESH, which the RFC's FSM does not name) arrived. */
    record UpdateMsg() implements FsmEvent {
        public int number() {
            return 27;
        }
    }

    /** Event 28: an UPDATE whose RFC 7606 outcome is a session reset arrived; {@code notification} is the 3/x. */
    record UpdateMsgErr(Notification notification) implements FsmEvent {
        public int number() {
            return 28;
        }
    }

    /** Shared instances of the events that carry nothing, so the hot paths allocate none. */
    KeepAliveMsg KEEPALIVE_MSG = new KeepAliveMsg();
    UpdateMsg UPDATE_MSG = new UpdateMsg();
}
