package dev.petrel.fsm;

import static dev.petrel.fsm.FsmAction.DROP_CONNECTION;
import static dev.petrel.fsm.FsmAction.INITIATE_CONNECTION;
import static dev.petrel.fsm.FsmAction.RELEASE_RESOURCES;
import static dev.petrel.fsm.FsmAction.SEND_KEEPALIVE;
import static dev.petrel.fsm.FsmAction.SEND_OPEN;
import static dev.petrel.fsm.SessionState.ACTIVE;
import static dev.petrel.fsm.SessionState.CONNECT;
import static dev.petrel.fsm.SessionState.ESTABLISHED;
import static dev.petrel.fsm.SessionState.IDLE;
import static dev.petrel.fsm.SessionState.OPEN_CONFIRM;
import static dev.petrel.fsm.SessionState.OPEN_SENT;

import dev.petrel.fsm.FsmAction.SendNotification;
import dev.petrel.fsm.FsmAction.StartTimer;
import dev.petrel.fsm.FsmAction.StopTimer;
import dev.petrel.fsm.FsmEvent.AutomaticStart;
import dev.petrel.fsm.FsmEvent.AutomaticStop;
import dev.petrel.fsm.FsmEvent.BgpHeaderErr;
import dev.petrel.fsm.FsmEvent.BgpOpen;
import dev.petrel.fsm.FsmEvent.BgpOpenMsgErr;
import dev.petrel.fsm.FsmEvent.KeepAliveMsg;
import dev.petrel.fsm.FsmEvent.ManualStart;
import dev.petrel.fsm.FsmEvent.ManualStop;
import dev.petrel.fsm.FsmEvent.NotifMsg;
import dev.petrel.fsm.FsmEvent.NotifMsgVerErr;
import dev.petrel.fsm.FsmEvent.OpenCollisionDump;
import dev.petrel.fsm.FsmEvent.TcpConnectionConfirmed;
import dev.petrel.fsm.FsmEvent.TcpConnectionFails;
import dev.petrel.fsm.FsmEvent.TcpCrAcked;
import dev.petrel.fsm.FsmEvent.TimerExpires;
import dev.petrel.fsm.FsmEvent.UpdateMsg;
import dev.petrel.fsm.FsmEvent.UpdateMsgErr;
import dev.petrel.wire.Notification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The BGP finite state machine of RFC 4271 §8.2.2 for one connection, as a pure function:
 * {@code step(config, state, event) -> (next state, actions, reason)}. No clocks, sockets or threads: timers and
 * connections are actions for the driver, and their outcomes come back as events.
 *
 * <p>Where Petrel departs from the letter of §8.2.2, deliberately:
 * <ul>
 *   <li><b>Passive sessions never connect out.</b> The RFC moves Active to Connect on ConnectRetryTimer_Expires
 *       even with PassiveTcpEstablishment; a passive Petrel restarts the timer and keeps waiting, as BIRD, FRR
 *       and GoBGP do.</li>
 *   <li><b>No NOTIFICATION answers a NOTIFICATION.</b> A NOTIFICATION received in OpenSent falls under the
 *       RFC's "any other event", which sends an FSM Error; Petrel closes without answering.</li>
 *   <li><b>Header and OPEN errors send their own NOTIFICATION in every state</b> (1/x, 2/x), not an FSM Error in
 *       Established as the RFC's "other events" list would.</li>
 *   <li><b>Unexpected messages send the RFC 6608 subcodes</b>: 5/1 in OpenSent, 5/2 in OpenConfirm (an UPDATE
 *       there too: BIRD takes it as an implicit KEEPALIVE; we follow RFC 6608), 5/3 in Established.</li>
 *   <li><b>Automatic restart is IdleHold</b>: after every failure the session waits the IdleHold time, doubled
 *       per consecutive failure up to a maximum (DampPeerOscillations), then starts itself again. An operator's
 *       stop is never restarted automatically.</li>
 *   <li><b>A Cease/7 received before Established waits in Active, not Idle</b>: the peer resolved a collision
 *       for its other connection, which Idle would refuse; nothing failed, so no back-off either.</li>
 *   <li><b>A failed connect waits in Active, not Idle.</b> RFC 4271 sends Connect to Idle on
 *       TcpConnectionFails; Petrel goes to Active with the ConnectRetry timer running, so that the peer's own
 *       connection is accepted meanwhile (Idle refuses it) and an unreachable peer does not grow the IdleHold
 *       back-off meant for flapping sessions. BIRD and FRR behave the same way.</li>
 *   <li><b>RFC 9687</b>: the send hold timer expiring closes the session with 8/0 in any connected state.</li>
 * </ul>
 */
public final class SessionFsm {
    private SessionFsm() {}

    public static Transition step(FsmConfig config, FsmState s, FsmEvent e) {
        if (e instanceof TimerExpires t && t.timer() == Timer.DAMPING_RESET && s.state() != ESTABLISHED) {
            // Petrel's own bookkeeping timer, stopped on leaving Established: a late expiry must not be taken for
            // one of the RFC's "other events" and close a session that is coming up.
            return stay(s, "damping reset timer expired outside Established: ignored");
        }
        return switch (s.state()) {
            case IDLE -> idle(config, s, e);
            case CONNECT -> connect(config, s, e);
            case ACTIVE -> active(config, s, e);
            case OPEN_SENT -> openSent(config, s, e);
            case OPEN_CONFIRM -> openConfirm(config, s, e);
            case ESTABLISHED -> established(config, s, e);
        };
    }

    // ---- Idle -------------------------------------------------------------------------------------------------

    private static Transition idle(FsmConfig c, FsmState s, FsmEvent e) {
        return switch (e) {
            case ManualStart m -> start(c, s.stopped(false).counter(0), "manual start");
            case AutomaticStart a -> s.stopped() ? stay(s, "automatic start ignored: stopped by operator")
                    : start(c, s.counter(0), "automatic start");
            // RFC 4271 ignores a stop in Idle, but here Idle may be the back-off before an automatic restart:
            // the operator's stop must cancel it, or the IdleHold timer brings the session back.
            case ManualStop m -> new Transition(s.stopped(true).counter(0), List.of(new StopTimer(Timer.IDLE_HOLD)),
                    "manual stop: automatic restart cancelled");
            case TimerExpires t when t.timer() == Timer.IDLE_HOLD ->
                    s.stopped() ? stay(s, "idle hold expired while stopped") : start(c, s, "idle hold timer expired");
            // RFC 4271 §8.2.2 Idle: "any TCP connection attempts are refused"
            case TcpConnectionConfirmed t -> new Transition(s, List.of(DROP_CONNECTION), "connection refused in Idle");
            case TcpCrAcked t -> new Transition(s, List.of(DROP_CONNECTION), "connection refused in Idle");
            default -> stay(s, "ignored in Idle: " + name(e));
        };
    }

    private static Transition start(FsmConfig c, FsmState s, String why) {
        List<FsmAction> a = new ArrayList<>(3);
        a.add(new StopTimer(Timer.IDLE_HOLD));
        a.add(new StartTimer(Timer.CONNECT_RETRY, c.connectRetry()));
        if (c.passive()) {
            return new Transition(s.to(ACTIVE), a, why + ", passive: waiting for the peer");
        }
        a.add(INITIATE_CONNECTION);
        return new Transition(s.to(CONNECT), a, why);
    }

    // ---- Connect ----------------------------------------------------------------------------------------------

    private static Transition connect(FsmConfig c, FsmState s, FsmEvent e) {
        return switch (e) {
            case ManualStart m -> stay(s, "already started");
            case AutomaticStart a -> stay(s, "already started");
            case ManualStop m -> toIdle(c, s.stopped(true).counter(0), List.of(DROP_CONNECTION),
                    "manual stop");
            case TimerExpires t when t.timer() == Timer.CONNECT_RETRY -> new Transition(s.delayOpen(false),
                    List.of(DROP_CONNECTION, new StartTimer(Timer.CONNECT_RETRY, c.connectRetry()),
                            new StopTimer(Timer.DELAY_OPEN), INITIATE_CONNECTION),
                    "connect retry timer expired: connecting again");
            case TimerExpires t when t.timer() == Timer.DELAY_OPEN && s.delayOpenRunning() -> sendOpen(s,
                    "delay open timer expired");
            case TcpCrAcked t -> connected(c, s, "connection established");
            case TcpConnectionConfirmed t -> connected(c, s, "connection from the peer accepted");
            case TcpConnectionFails f -> s.delayOpenRunning()
                    ? new Transition(s.delayOpen(false).to(ACTIVE),
                            List.of(new StartTimer(Timer.CONNECT_RETRY, c.connectRetry()),
                                    new StopTimer(Timer.DELAY_OPEN), DROP_CONNECTION),
                            "connection failed during delay open: " + f.cause())
                    : new Transition(s.counter(s.connectRetryCounter() + 1).to(ACTIVE),
                            List.of(DROP_CONNECTION, new StartTimer(Timer.CONNECT_RETRY, c.connectRetry())),
                            "connect failed (" + f.cause() + "): waiting for the peer or the connect retry timer");
            case BgpOpen o when s.delayOpenRunning() -> openWhileDelayed(s, o);
            case BgpHeaderErr h -> errorToIdle(c, s, h.notification(), "message header error");
            case BgpOpenMsgErr h -> errorToIdle(c, s, h.notification(), "OPEN message error");
            case NotifMsgVerErr n -> toIdle(c, s.delayOpenRunning() ? s : s.counter(s.connectRetryCounter() + 1),
                    List.of(DROP_CONNECTION), "peer refused our BGP version");
            default -> failToIdle(c, s, null, "unexpected in Connect: " + name(e));
        };
    }

    // ---- Active -----------------------------------------------------------------------------------------------

    private static Transition active(FsmConfig c, FsmState s, FsmEvent e) {
        return switch (e) {
            case ManualStart m -> stay(s, "already started");
            case AutomaticStart a -> stay(s, "already started");
            case ManualStop m -> toIdle(c, s.stopped(true).counter(0), s.delayOpenRunning()
                    ? List.of(new SendNotification(cease(m.notification())), DROP_CONNECTION)
                    : List.of(DROP_CONNECTION), "manual stop");
            case TimerExpires t when t.timer() == Timer.CONNECT_RETRY -> c.passive()
                    ? new Transition(s, List.of(new StartTimer(Timer.CONNECT_RETRY, c.connectRetry())),
                            "passive: still waiting for the peer")
                    : new Transition(s.to(CONNECT),
                            List.of(new StartTimer(Timer.CONNECT_RETRY, c.connectRetry()), INITIATE_CONNECTION),
                            "connect retry timer expired: connecting");
            case TimerExpires t when t.timer() == Timer.DELAY_OPEN && s.delayOpenRunning() -> sendOpen(s,
                    "delay open timer expired");
            case TcpCrAcked t -> connected(c, s, "connection established");
            case TcpConnectionConfirmed t -> connected(c, s, "connection from the peer accepted");
            case TcpConnectionFails f -> failToIdle(c, s, null, "connection failed: " + f.cause());
            case BgpOpen o when s.delayOpenRunning() -> openWhileDelayed(s, o);
            case BgpHeaderErr h -> errorToIdle(c, s, h.notification(), "message header error");
            case BgpOpenMsgErr h -> errorToIdle(c, s, h.notification(), "OPEN message error");
            case NotifMsgVerErr n -> toIdle(c, s.delayOpenRunning() ? s : s.counter(s.connectRetryCounter() + 1),
                    List.of(DROP_CONNECTION), "peer refused our BGP version");
            default -> failToIdle(c, s, null, "unexpected in Active: " + name(e));
        };
    }

    /** Tcp_CR_Acked or TcpConnectionConfirmed in Connect or Active: OPEN now, or after DelayOpenTime. */
    private static Transition connected(FsmConfig c, FsmState s, String why) {
        if (c.delayOpenEnabled()) {
            return new Transition(s.delayOpen(true), List.of(new StopTimer(Timer.CONNECT_RETRY),
                    new StartTimer(Timer.DELAY_OPEN, c.delayOpen())), why + ", delaying OPEN");
        }
        return sendOpen(s, why);
    }

    private static Transition sendOpen(FsmState s, String why) {
        return new Transition(s.delayOpen(false).to(OPEN_SENT), List.of(new StopTimer(Timer.CONNECT_RETRY),
                new StopTimer(Timer.DELAY_OPEN), SEND_OPEN, new StartTimer(Timer.HOLD, FsmConfig.LARGE_HOLD)),
                why + ", OPEN sent");
    }

    /** Event 20: the peer's OPEN arrived while we were still delaying ours. */
    private static Transition openWhileDelayed(FsmState s, BgpOpen o) {
        List<FsmAction> a = new ArrayList<>(List.of(new StopTimer(Timer.CONNECT_RETRY),
                new StopTimer(Timer.DELAY_OPEN), SEND_OPEN, SEND_KEEPALIVE));
        a.addAll(holdTimers(o.negotiated()));
        return new Transition(s.delayOpen(false).negotiated(o.negotiated()).to(OPEN_CONFIRM), a,
                "OPEN received during delay open");
    }

    // ---- OpenSent ---------------------------------------------------------------------------------------------

    private static Transition openSent(FsmConfig c, FsmState s, FsmEvent e) {
        return switch (e) {
            case ManualStart m -> stay(s, "already started");
            case AutomaticStart a -> stay(s, "already started");
            case ManualStop m -> toIdle(c, s.stopped(true).counter(0),
                    List.of(new SendNotification(cease(m.notification())), DROP_CONNECTION), "manual stop");
            case AutomaticStop m -> failToIdle(c, s, cease(m.notification()), "stopped");
            case TimerExpires t when t.timer() == Timer.HOLD -> failToIdle(c, s,
                    new Notification(Notification.HOLD_TIMER_EXPIRED, 0), "hold timer expired waiting for OPEN");
            case TimerExpires t when t.timer() == Timer.SEND_HOLD -> sendHoldExpired(c, s);
            case TcpCrAcked t -> secondConnection(s);
            case TcpConnectionConfirmed t -> secondConnection(s);
            case TcpConnectionFails f -> new Transition(s.to(ACTIVE),
                    List.of(DROP_CONNECTION, new StopTimer(Timer.HOLD), new StopTimer(Timer.SEND_HOLD),
                            new StartTimer(Timer.CONNECT_RETRY, c.connectRetry())),
                    "connection failed in OpenSent: " + f.cause());
            case BgpOpen o -> {
                List<FsmAction> a = new ArrayList<>(List.of(new StopTimer(Timer.DELAY_OPEN),
                        new StopTimer(Timer.CONNECT_RETRY), SEND_KEEPALIVE));
                a.addAll(holdTimers(o.negotiated()));
                yield new Transition(s.delayOpen(false).negotiated(o.negotiated()).to(OPEN_CONFIRM), a,
                        "OPEN received and accepted");
            }
            case BgpHeaderErr h -> errorToIdle(c, s, h.notification(), "message header error");
            case BgpOpenMsgErr h -> errorToIdle(c, s, h.notification(), "OPEN message error");
            case OpenCollisionDump d -> failToIdle(c, s, collision(), "connection collision: this one closes");
            case NotifMsgVerErr n -> toIdle(c, s, List.of(DROP_CONNECTION), "peer refused our BGP version");
            case NotifMsg n when n.notification().isCollisionResolution() -> collisionLost(c, s);
            case NotifMsg n -> failToIdle(c, s, null, "NOTIFICATION received");
            default -> failToIdle(c, s, new Notification(Notification.FSM_ERROR, 1),
                    "unexpected in OpenSent: " + name(e));
        };
    }

    // ---- OpenConfirm ------------------------------------------------------------------------------------------

    private static Transition openConfirm(FsmConfig c, FsmState s, FsmEvent e) {
        return switch (e) {
            case ManualStart m -> stay(s, "already started");
            case AutomaticStart a -> stay(s, "already started");
            case ManualStop m -> toIdle(c, s.stopped(true).counter(0),
                    List.of(new SendNotification(cease(m.notification())), DROP_CONNECTION), "manual stop");
            case AutomaticStop m -> failToIdle(c, s, cease(m.notification()), "stopped");
            case TimerExpires t when t.timer() == Timer.HOLD -> failToIdle(c, s,
                    new Notification(Notification.HOLD_TIMER_EXPIRED, 0), "hold timer expired in OpenConfirm");
            case TimerExpires t when t.timer() == Timer.KEEPALIVE -> keepalive(s);
            case TimerExpires t when t.timer() == Timer.SEND_HOLD -> sendHoldExpired(c, s);
            case TcpCrAcked t -> secondConnection(s);
            case TcpConnectionConfirmed t -> secondConnection(s);
            case TcpConnectionFails f -> failToIdle(c, s, null, "connection failed: " + f.cause());
            case NotifMsg n when n.notification().isCollisionResolution() -> collisionLost(c, s);
            case NotifMsg n -> failToIdle(c, s, null, "NOTIFICATION received");
            case NotifMsgVerErr n -> toIdle(c, s, List.of(DROP_CONNECTION), "peer refused our BGP version");
            case BgpHeaderErr h -> errorToIdle(c, s, h.notification(), "message header error");
            case BgpOpenMsgErr h -> errorToIdle(c, s, h.notification(), "OPEN message error");
            case OpenCollisionDump d -> failToIdle(c, s, collision(), "connection collision: this one closes");
            case KeepAliveMsg k -> {
                List<FsmAction> a = new ArrayList<>(3);
                a.add(restartHold(s.negotiated()));
                a.add(new StartTimer(Timer.DAMPING_RESET, c.dampingReset()));
                a.add(new FsmAction.SessionUp(s.negotiated()));
                yield new Transition(s.to(ESTABLISHED), a, "KEEPALIVE received");
            }
            default -> failToIdle(c, s, new Notification(Notification.FSM_ERROR, 2),
                    "unexpected in OpenConfirm: " + name(e));
        };
    }

    // ---- Established ------------------------------------------------------------------------------------------

    private static Transition established(FsmConfig c, FsmState s, FsmEvent e) {
        return switch (e) {
            case UpdateMsg u -> holdRestarted(s);
            case KeepAliveMsg k -> holdRestarted(s);
            case TimerExpires t when t.timer() == Timer.KEEPALIVE -> keepalive(s);
            case TimerExpires t when t.timer() == Timer.DAMPING_RESET -> new Transition(s.failures(0), List.of(),
                    "stable: earlier failures forgotten");
            case TimerExpires t when t.timer() == Timer.HOLD -> failToIdle(c, s,
                    new Notification(Notification.HOLD_TIMER_EXPIRED, 0), "hold timer expired");
            case TimerExpires t when t.timer() == Timer.SEND_HOLD -> sendHoldExpired(c, s);
            case ManualStart m -> stay(s, "already started");
            case AutomaticStart a -> stay(s, "already started");
            case ManualStop m -> toIdle(c, s.stopped(true).counter(0),
                    List.of(new SendNotification(cease(m.notification())), DROP_CONNECTION), "manual stop");
            case AutomaticStop m -> failToIdle(c, s, cease(m.notification()), "stopped");
            case TcpCrAcked t -> secondConnection(s);
            case TcpConnectionConfirmed t -> secondConnection(s);
            case TcpConnectionFails f -> failToIdle(c, s, null, "connection failed: " + f.cause());
            case NotifMsg n -> failToIdle(c, s, null, "NOTIFICATION received");
            case NotifMsgVerErr n -> failToIdle(c, s, null, "NOTIFICATION received");
            case UpdateMsgErr u -> failToIdle(c, s, u.notification(), "UPDATE message error");
            case BgpHeaderErr h -> failToIdle(c, s, h.notification(), "message header error");
            case BgpOpenMsgErr h -> failToIdle(c, s, h.notification(), "OPEN message error");
            case OpenCollisionDump d -> failToIdle(c, s, collision(), "connection collision: this one closes");
            default -> failToIdle(c, s, new Notification(Notification.FSM_ERROR, 3),
                    "unexpected in Established: " + name(e));
        };
    }

    /** Restarting the hold timer on every message, without allocating per message. */
    private static Transition holdRestarted(FsmState s) {
        if (s.negotiated().holdTimeSeconds() == 0) {
            return new Transition(s, List.of(), "");
        }
        return new Transition(s, List.of(restartHold(s.negotiated())), "");
    }

    private static Transition keepalive(FsmState s) {
        Negotiated n = s.negotiated();
        if (n == null || n.keepaliveSeconds() == 0) {
            return stay(s, "keepalives are off");
        }
        return new Transition(s, List.of(SEND_KEEPALIVE,
                new StartTimer(Timer.KEEPALIVE, Duration.ofSeconds(n.keepaliveSeconds()))), "");
    }

    private static FsmAction restartHold(Negotiated n) {
        return n.holdTimeSeconds() == 0 ? new StopTimer(Timer.HOLD)
                : new StartTimer(Timer.HOLD, Duration.ofSeconds(n.holdTimeSeconds()));
    }

    /** Entering OpenConfirm: hold and keepalive timers at the negotiated values, or both off for hold time 0. */
    private static List<FsmAction> holdTimers(Negotiated n) {
        if (n.holdTimeSeconds() == 0) {
            return List.of(new StopTimer(Timer.HOLD), new StopTimer(Timer.KEEPALIVE));
        }
        return List.of(new StartTimer(Timer.HOLD, Duration.ofSeconds(n.holdTimeSeconds())),
                new StartTimer(Timer.KEEPALIVE, Duration.ofSeconds(n.keepaliveSeconds())));
    }

    /**
     * The peer closed this connection with Cease/7 before it was Established: it resolved a collision in favour
     * of its other connection, which is on its way or already here. Nothing failed, so instead of Idle (which
     * refuses connections and backs off) wait in Active, as after a failed connect.
     */
    private static Transition collisionLost(FsmConfig c, FsmState s) {
        List<FsmAction> a = new ArrayList<>(List.of(DROP_CONNECTION));
        for (Timer t : Timer.values()) {
            a.add(new StopTimer(t));
        }
        a.add(RELEASE_RESOURCES);
        a.add(new StartTimer(Timer.CONNECT_RETRY, c.connectRetry()));
        return new Transition(s.delayOpen(false).negotiated(null).to(ACTIVE), a,
                "the peer closed this connection to resolve a collision (Cease/7): waiting for its other one");
    }

    private static Transition sendHoldExpired(FsmConfig c, FsmState s) {
        return failToIdle(c, s, new Notification(Notification.SEND_HOLD_TIMER_EXPIRED, 0),
                "send hold timer expired: the peer stopped reading (RFC 9687)");
    }

    // ---- Going to Idle ----------------------------------------------------------------------------------------

    /** An error we report: send the NOTIFICATION, then fail (counts towards the back-off). */
    private static Transition errorToIdle(FsmConfig c, FsmState s, Notification n, String why) {
        return failToIdle(c, s, n, why);
    }

    /**
     * A failure: optionally send a NOTIFICATION, close, release, count it (ConnectRetryCounter and the
     * damping failures), and arm the IdleHold timer for the automatic restart.
     */
    private static Transition failToIdle(FsmConfig c, FsmState s, Notification n, String why) {
        List<FsmAction> a = new ArrayList<>(4);
        if (n != null) {
            a.add(new SendNotification(n));
        }
        a.add(DROP_CONNECTION);
        FsmState counted = s.counter(s.connectRetryCounter() + 1).failures(s.failures() + 1);
        return toIdle(c, counted, a, why);
    }

    /**
     * Idle: stop every timer, release resources, and (unless an operator stopped the session or restarts are
     * off) start the IdleHold timer for the automatic restart.
     */
    private static Transition toIdle(FsmConfig c, FsmState s, List<FsmAction> first, String why) {
        List<FsmAction> a = new ArrayList<>(first.size() + 8);
        a.addAll(first);
        for (Timer t : Timer.values()) {
            a.add(new StopTimer(t));
        }
        a.add(RELEASE_RESOURCES);
        if (!s.stopped() && c.automaticRestart()) {
            a.add(new StartTimer(Timer.IDLE_HOLD, c.idleHoldAfter(s.failures() - 1)));
        }
        return new Transition(s.delayOpen(false).to(IDLE), a, why);
    }

    /**
     * RFC 4271 §8.2.2, OpenSent, OpenConfirm and Established: Tcp_CR_Acked or TcpConnectionConfirmed means "a
     * second TCP connection may be in progress", tracked by collision processing (§6.8) in its own state machine;
     * it is not an error on this connection.
     */
    private static Transition secondConnection(FsmState s) {
        return stay(s, "a second connection is tracked separately (RFC 4271 §6.8)");
    }

    private static Transition stay(FsmState s, String why) {
        return new Transition(s, List.of(), why);
    }

    /** The Cease for a stop: the one given, or Cease/2 Administrative Shutdown. */
    private static Notification cease(Notification n) {
        return n != null ? n : new Notification(Notification.CEASE, Notification.CEASE_ADMIN_SHUTDOWN);
    }

    private static Notification collision() {
        return new Notification(Notification.CEASE, Notification.CEASE_COLLISION_RESOLUTION);
    }

    static String name(FsmEvent e) {
        return e.getClass().getSimpleName() + " (event " + e.number() + ")";
    }
}
