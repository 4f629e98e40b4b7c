package dev.petrel.fsm;

import static dev.petrel.fsm.FsmAction.DROP_CONNECTION;
import static dev.petrel.fsm.FsmAction.INITIATE_CONNECTION;
import static dev.petrel.fsm.FsmAction.RELEASE_RESOURCES;
import static dev.petrel.fsm.FsmAction.SEND_KEEPALIVE;
import static dev.petrel.fsm.FsmAction.SEND_OPEN;
import static dev.petrel.fsm.Fixtures.assertIdleCleanup;
import static dev.petrel.fsm.Fixtures.count;
import static dev.petrel.fsm.Fixtures.indexOf;
import static dev.petrel.fsm.Fixtures.negotiated;
import static dev.petrel.fsm.Fixtures.started;
import static dev.petrel.fsm.SessionState.ACTIVE;
import static dev.petrel.fsm.SessionState.CONNECT;
import static dev.petrel.fsm.SessionState.ESTABLISHED;
import static dev.petrel.fsm.SessionState.IDLE;
import static dev.petrel.fsm.SessionState.OPEN_CONFIRM;
import static dev.petrel.fsm.SessionState.OPEN_SENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.FsmAction.SendNotification;
import dev.petrel.fsm.FsmAction.SessionUp;
import dev.petrel.fsm.FsmAction.StartTimer;
import dev.petrel.fsm.FsmAction.StopTimer;
import dev.petrel.fsm.FsmEvent.AutomaticStart;
import dev.petrel.fsm.FsmEvent.AutomaticStop;
import dev.petrel.fsm.FsmEvent.BgpHeaderErr;
import dev.petrel.fsm.FsmEvent.BgpOpen;
import dev.petrel.fsm.FsmEvent.BgpOpenMsgErr;
import dev.petrel.fsm.FsmEvent.ManualStart;
import dev.petrel.fsm.FsmEvent.ManualStop;
import dev.petrel.fsm.FsmEvent.NotifMsg;
import dev.petrel.fsm.FsmEvent.NotifMsgVerErr;
import dev.petrel.fsm.FsmEvent.OpenCollisionDump;
import dev.petrel.fsm.FsmEvent.TcpConnectionConfirmed;
import dev.petrel.fsm.FsmEvent.TcpConnectionFails;
import dev.petrel.fsm.FsmEvent.TcpCrAcked;
import dev.petrel.fsm.FsmEvent.TimerExpires;
import dev.petrel.fsm.FsmEvent.UpdateMsgErr;
import dev.petrel.wire.Notification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionFsmTest {
    static final FsmConfig ACTIVE_CFG = FsmConfig.DEFAULTS;
    static final FsmConfig PASSIVE_CFG = new FsmConfig(true, Duration.ZERO, Duration.ofSeconds(120),
            Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(300), true, true);
    static final FsmConfig DELAY_CFG = new FsmConfig(false, Duration.ofSeconds(7), Duration.ofSeconds(120),
            Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(300), true, true);
    static final Duration IDLE_HOLD = Duration.ofSeconds(5);
    static final Duration CONNECT_RETRY = Duration.ofSeconds(120);
    static final Negotiated N90 = negotiated(90);
    static final Negotiated N0 = negotiated(0);

    static final Notification HOLD_EXPIRED = new Notification(Notification.HOLD_TIMER_EXPIRED, 0);
    static final Notification CEASE_ADMIN = new Notification(Notification.CEASE, Notification.CEASE_ADMIN_SHUTDOWN);
    static final Notification CEASE_COLLISION =
            new Notification(Notification.CEASE, Notification.CEASE_COLLISION_RESOLUTION);

    static Transition step(FsmConfig c, FsmState s, FsmEvent e) {
        return SessionFsm.step(c, s, e);
    }

    static TimerExpires fires(Timer t) {
        return new TimerExpires(t);
    }

    /** Drives a fresh active session to {@code target} and returns the state. */
    static FsmState reach(FsmConfig c, SessionState target, Negotiated n) {
        FsmState s = step(c, FsmState.INITIAL, new ManualStart()).next();
        if (target == s.state()) {
            return s;
        }
        s = step(c, s, new TcpCrAcked()).next();
        if (c.delayOpenEnabled()) {
            s = step(c, s, fires(Timer.DELAY_OPEN)).next();
        }
        assertEquals(OPEN_SENT, s.state());
        if (target == OPEN_SENT) {
            return s;
        }
        s = step(c, s, new BgpOpen(n)).next();
        assertEquals(OPEN_CONFIRM, s.state());
        if (target == OPEN_CONFIRM) {
            return s;
        }
        s = step(c, s, FsmEvent.KEEPALIVE_MSG).next();
        assertEquals(ESTABLISHED, s.state());
        return s;
    }

    static FsmState reach(SessionState target) {
        return reach(ACTIVE_CFG, target, N90);
    }

    static void assertNotificationThenDrop(Transition t, Notification n) {
        List<FsmAction> a = t.actions();
        assertEquals(new SendNotification(n), a.get(0), "NOTIFICATION first: " + a);
        assertEquals(1, count(a, SendNotification.class));
        assertEquals(DROP_CONNECTION, a.get(1), "then the connection closes: " + a);
    }

    static void assertNoNotification(Transition t) {
        assertEquals(0, count(t.actions(), SendNotification.class), t.actions().toString());
    }

    // ---- Idle ---------------------------------------------------------------------------------------------------

    @Nested
    class Idle {
        @Test
        void manualStartConnectsOut() {
            Transition t = step(ACTIVE_CFG, FsmState.INITIAL, new ManualStart());
            assertEquals(CONNECT, t.next().state());
            assertEquals(List.of(new StopTimer(Timer.IDLE_HOLD), new StartTimer(Timer.CONNECT_RETRY, CONNECT_RETRY),
                    INITIATE_CONNECTION), t.actions());
            assertEquals(0, t.next().connectRetryCounter());
            assertTrue(t.changes(FsmState.INITIAL));
        }

        @Test
        void automaticStartConnectsOut() {
            Transition t = step(ACTIVE_CFG, FsmState.INITIAL, new AutomaticStart());
            assertEquals(CONNECT, t.next().state());
            assertEquals(List.of(new StopTimer(Timer.IDLE_HOLD), new StartTimer(Timer.CONNECT_RETRY, CONNECT_RETRY),
                    INITIATE_CONNECTION), t.actions());
        }

        @Test
        void passiveStartWaitsInActive() {
            Transition t = step(PASSIVE_CFG, FsmState.INITIAL, new ManualStart());
            assertEquals(ACTIVE, t.next().state());
            assertEquals(List.of(new StopTimer(Timer.IDLE_HOLD), new StartTimer(Timer.CONNECT_RETRY, CONNECT_RETRY)),
                    t.actions());
            assertEquals(0, count(t.actions(), FsmAction.InitiateConnection.class));
        }

        @Test
        void incomingConnectionsAreRefused() {
            assertEquals(List.of(DROP_CONNECTION),
                    step(ACTIVE_CFG, FsmState.INITIAL, new TcpConnectionConfirmed()).actions());
            assertEquals(List.of(DROP_CONNECTION), step(ACTIVE_CFG, FsmState.INITIAL, new TcpCrAcked()).actions());
            assertEquals(IDLE, step(ACTIVE_CFG, FsmState.INITIAL, new TcpConnectionConfirmed()).next().state());
        }

        @Test
        void messagesAndStopsAreIgnored() {
            for (FsmEvent e : List.of(FsmEvent.KEEPALIVE_MSG, FsmEvent.UPDATE_MSG, new BgpOpen(N90),
                    new NotifMsg(CEASE_ADMIN), new AutomaticStop(null), fires(Timer.HOLD), fires(Timer.KEEPALIVE),
                    fires(Timer.CONNECT_RETRY), new TcpConnectionFails("x"))) {
                Transition t = step(ACTIVE_CFG, FsmState.INITIAL, e);
                assertEquals(FsmState.INITIAL, t.next(), e.toString());
                assertEquals(List.of(), t.actions(), e.toString());
            }
        }

        @Test
        void idleHoldExpiryRestarts() {
            Transition t = step(ACTIVE_CFG, FsmState.INITIAL, fires(Timer.IDLE_HOLD));
            assertEquals(CONNECT, t.next().state());
            assertTrue(t.actions().contains(INITIATE_CONNECTION));
        }

        @Test
        void automaticStartIgnoredWhileStopped() {
            FsmState stopped = step(ACTIVE_CFG, reach(ESTABLISHED), new ManualStop(null)).next();
            assertTrue(stopped.stopped());
            Transition t = step(ACTIVE_CFG, stopped, new AutomaticStart());
            assertEquals(stopped, t.next());
            assertEquals(List.of(), t.actions());
            t = step(ACTIVE_CFG, stopped, fires(Timer.IDLE_HOLD));
            assertEquals(stopped, t.next());
            assertEquals(List.of(), t.actions());
        }

        @Test
        void manualStopDuringBackOffCancelsTheRestart() {
            // A failure leaves the session Idle with IdleHold armed; the operator then stops it.
            Transition fail = step(ACTIVE_CFG, reach(OPEN_SENT), fires(Timer.HOLD));
            assertIdleCleanup(fail, IDLE_HOLD);
            Transition stop = step(ACTIVE_CFG, fail.next(), new ManualStop(null));
            assertEquals(IDLE, stop.next().state());
            assertTrue(stop.next().stopped());
            assertTrue(stop.actions().contains(new StopTimer(Timer.IDLE_HOLD)), stop.actions().toString());
            assertNoNotification(stop);
            // A stale expiry of the IdleHold timer must not bring the session back.
            Transition late = step(ACTIVE_CFG, stop.next(), fires(Timer.IDLE_HOLD));
            assertEquals(IDLE, late.next().state());
            assertEquals(List.of(), late.actions());
            assertEquals(CONNECT, step(ACTIVE_CFG, stop.next(), new ManualStart()).next().state());
        }
    }

    // ---- Connect and Active -------------------------------------------------------------------------------------

    @Nested
    class Connect {
        @Test
        void tcpConnectedSendsOpen() {
            for (FsmEvent e : List.of(new TcpCrAcked(), new TcpConnectionConfirmed())) {
                Transition t = step(ACTIVE_CFG, reach(CONNECT), e);
                assertEquals(OPEN_SENT, t.next().state());
                assertEquals(List.of(new StopTimer(Timer.CONNECT_RETRY), new StopTimer(Timer.DELAY_OPEN), SEND_OPEN,
                        new StartTimer(Timer.HOLD, Duration.ofMinutes(4))), t.actions());
            }
        }

        @Test
        void connectRetryExpiryReconnects() {
            Transition t = step(ACTIVE_CFG, reach(CONNECT), fires(Timer.CONNECT_RETRY));
            assertEquals(CONNECT, t.next().state());
            assertEquals(List.of(DROP_CONNECTION, new StartTimer(Timer.CONNECT_RETRY, CONNECT_RETRY),
                    new StopTimer(Timer.DELAY_OPEN), INITIATE_CONNECTION), t.actions());
        }

        @Test
        void connectFailureWaitsInActiveWithoutGrowingTheBackOff() {
            Transition t = step(ACTIVE_CFG, reach(CONNECT), new TcpConnectionFails("refused"));
            assertEquals(ACTIVE, t.next().state());
            assertEquals(List.of(DROP_CONNECTION, new StartTimer(Timer.CONNECT_RETRY, CONNECT_RETRY)), t.actions());
            assertEquals(0, t.next().failures());
            assertEquals(1, t.next().connectRetryCounter());
            // the peer's own connection is taken while waiting
            assertEquals(OPEN_SENT, step(ACTIVE_CFG, t.next(), new TcpConnectionConfirmed()).next().state());
        }

        @Test
        void startsIgnored() {
            FsmState s = reach(CONNECT);
            assertEquals(s, step(ACTIVE_CFG, s, new ManualStart()).next());
            assertEquals(List.of(), step(ACTIVE_CFG, s, new AutomaticStart()).actions());
        }

        @Test
        void manualStopGoesIdleWithoutRestart() {
            Transition t = step(ACTIVE_CFG, reach(CONNECT), new ManualStop(null));
            assertIdleCleanup(t, null);
            assertNoNotification(t);
            assertTrue(t.next().stopped());
            assertEquals(0, t.next().connectRetryCounter());
        }

        @Test
        void delayOpenWaitsThenSendsOpen() {
            FsmState connect = reach(DELAY_CFG, CONNECT, N90);
            Transition t = step(DELAY_CFG, connect, new TcpCrAcked());
            assertEquals(CONNECT, t.next().state());
            assertTrue(t.next().delayOpenRunning());
            assertEquals(List.of(new StopTimer(Timer.CONNECT_RETRY), new StartTimer(Timer.DELAY_OPEN,
                    Duration.ofSeconds(7))), t.actions());
            Transition open = step(DELAY_CFG, t.next(), fires(Timer.DELAY_OPEN));
            assertEquals(OPEN_SENT, open.next().state());
            assertFalse(open.next().delayOpenRunning());
            assertEquals(List.of(new StopTimer(Timer.CONNECT_RETRY), new StopTimer(Timer.DELAY_OPEN), SEND_OPEN,
                    new StartTimer(Timer.HOLD, Duration.ofMinutes(4))), open.actions());
        }

        @Test
        void openDuringDelayOpenGoesToOpenConfirm() {
            FsmState delaying = step(DELAY_CFG, reach(DELAY_CFG, CONNECT, N90), new TcpCrAcked()).next();
            Transition t = step(DELAY_CFG, delaying, new BgpOpen(N90));
            assertEquals(OPEN_CONFIRM, t.next().state());
            assertEquals(N90, t.next().negotiated());
            assertFalse(t.next().delayOpenRunning());
            assertEquals(List.of(new StopTimer(Timer.CONNECT_RETRY), new StopTimer(Timer.DELAY_OPEN), SEND_OPEN,
                    SEND_KEEPALIVE, new StartTimer(Timer.HOLD, Duration.ofSeconds(90)),
                    new StartTimer(Timer.KEEPALIVE, Duration.ofSeconds(30))), t.actions());
        }

        @Test
        void openDuringDelayOpenWithHoldZero() {
            FsmState delaying = step(DELAY_CFG, reach(DELAY_CFG, CONNECT, N0), new TcpCrAcked()).next();
            Transition t = step(DELAY_CFG, delaying, new BgpOpen(N0));
            assertEquals(OPEN_CONFIRM, t.next().state());
            assertEquals(List.of(new StopTimer(Timer.CONNECT_RETRY), new StopTimer(Timer.DELAY_OPEN), SEND_OPEN,
                    SEND_KEEPALIVE, new StopTimer(Timer.HOLD), new StopTimer(Timer.KEEPALIVE)), t.actions());
        }

        @Test
        void connectionFailsDuringDelayOpenFallsBackToActive() {
            FsmState delaying = step(DELAY_CFG, reach(DELAY_CFG, CONNECT, N90), new TcpCrAcked()).next();
            Transition t = step(DELAY_CFG, delaying, new TcpConnectionFails("reset"));
            assertEquals(ACTIVE, t.next().state());
            assertFalse(t.next().delayOpenRunning());
            assertEquals(List.of(new StartTimer(Timer.CONNECT_RETRY, CONNECT_RETRY), new StopTimer(Timer.DELAY_OPEN),
                    DROP_CONNECTION), t.actions());
        }

        @Test
        void openWithoutDelayOpenIsAFailure() {
            Transition t = step(ACTIVE_CFG, reach(CONNECT), new BgpOpen(N90));
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void versionErrorDuringDelayOpenIsNotCounted() {
            FsmState delaying = step(DELAY_CFG, reach(DELAY_CFG, CONNECT, N90), new TcpCrAcked()).next();
            Transition t = step(DELAY_CFG, delaying, new NotifMsgVerErr(new Notification(2, 1)));
            assertIdleCleanup(t, IDLE_HOLD);
            assertEquals(0, t.next().connectRetryCounter());
            assertNoNotification(t);
        }
    }

    @Nested
    class Active {
        @Test
        void passiveConnectRetryExpiryKeepsWaiting() {
            FsmState s = step(PASSIVE_CFG, FsmState.INITIAL, new AutomaticStart()).next();
            assertEquals(ACTIVE, s.state());
            Transition t = step(PASSIVE_CFG, s, fires(Timer.CONNECT_RETRY));
            assertEquals(ACTIVE, t.next().state());
            assertEquals(List.of(new StartTimer(Timer.CONNECT_RETRY, CONNECT_RETRY)), t.actions());
        }

        @Test
        void activeSessionConnectRetryExpiryConnects() {
            FsmState delaying = step(DELAY_CFG, reach(DELAY_CFG, CONNECT, N90), new TcpCrAcked()).next();
            FsmState active = step(DELAY_CFG, delaying, new TcpConnectionFails("reset")).next();
            Transition t = step(DELAY_CFG, active, fires(Timer.CONNECT_RETRY));
            assertEquals(CONNECT, t.next().state());
            assertEquals(List.of(new StartTimer(Timer.CONNECT_RETRY, CONNECT_RETRY), INITIATE_CONNECTION),
                    t.actions());
        }

        @Test
        void incomingConnectionSendsOpen() {
            FsmState s = step(PASSIVE_CFG, FsmState.INITIAL, new ManualStart()).next();
            Transition t = step(PASSIVE_CFG, s, new TcpConnectionConfirmed());
            assertEquals(OPEN_SENT, t.next().state());
            assertEquals(List.of(new StopTimer(Timer.CONNECT_RETRY), new StopTimer(Timer.DELAY_OPEN), SEND_OPEN,
                    new StartTimer(Timer.HOLD, Duration.ofMinutes(4))), t.actions());
        }

        @Test
        void manualStopDuringDelayOpenSendsCease() {
            FsmConfig c = new FsmConfig(true, Duration.ofSeconds(7), CONNECT_RETRY, IDLE_HOLD,
                    Duration.ofSeconds(120), Duration.ofSeconds(300), true, true);
            FsmState s = step(c, FsmState.INITIAL, new ManualStart()).next();
            s = step(c, s, new TcpConnectionConfirmed()).next();
            assertTrue(s.delayOpenRunning());
            Transition t = step(c, s, new ManualStop(null));
            assertNotificationThenDrop(t, CEASE_ADMIN);
            assertIdleCleanup(t, null);
        }

        @Test
        void manualStopWithoutConnectionSendsNothing() {
            FsmState s = step(PASSIVE_CFG, FsmState.INITIAL, new ManualStart()).next();
            Transition t = step(PASSIVE_CFG, s, new ManualStop(null));
            assertNoNotification(t);
            assertIdleCleanup(t, null);
        }

        @Test
        void connectionFailureGoesIdle() {
            FsmState s = step(PASSIVE_CFG, FsmState.INITIAL, new ManualStart()).next();
            Transition t = step(PASSIVE_CFG, s, new TcpConnectionFails("x"));
            assertIdleCleanup(t, IDLE_HOLD);
        }
    }

    // ---- OpenSent -----------------------------------------------------------------------------------------------

    @Nested
    class OpenSent {
        @Test
        void openGoesToOpenConfirmWithNegotiatedTimers() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_SENT), new BgpOpen(N90));
            assertEquals(OPEN_CONFIRM, t.next().state());
            assertEquals(N90, t.next().negotiated());
            assertEquals(List.of(new StopTimer(Timer.DELAY_OPEN), new StopTimer(Timer.CONNECT_RETRY), SEND_KEEPALIVE,
                    new StartTimer(Timer.HOLD, Duration.ofSeconds(90)),
                    new StartTimer(Timer.KEEPALIVE, Duration.ofSeconds(30))), t.actions());
        }

        @Test
        void negotiatedHoldIsTheSmaller() {
            Negotiated n = negotiated(30);
            Transition t = step(ACTIVE_CFG, reach(OPEN_SENT), new BgpOpen(n));
            assertTrue(t.actions().contains(new StartTimer(Timer.HOLD, Duration.ofSeconds(30))));
            assertTrue(t.actions().contains(new StartTimer(Timer.KEEPALIVE, Duration.ofSeconds(10))));
        }

        @Test
        void holdTimeZeroStopsTimers() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_SENT), new BgpOpen(N0));
            assertEquals(OPEN_CONFIRM, t.next().state());
            assertEquals(List.of(new StopTimer(Timer.DELAY_OPEN), new StopTimer(Timer.CONNECT_RETRY), SEND_KEEPALIVE,
                    new StopTimer(Timer.HOLD), new StopTimer(Timer.KEEPALIVE)), t.actions());
            assertTrue(started(t.actions()).isEmpty());
        }

        @Test
        void holdExpiry() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_SENT), fires(Timer.HOLD));
            assertNotificationThenDrop(t, HOLD_EXPIRED);
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void sendHoldExpiry() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_SENT), fires(Timer.SEND_HOLD));
            assertNotificationThenDrop(t, new Notification(Notification.SEND_HOLD_TIMER_EXPIRED, 0));
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void connectionFailsFallsBackToActive() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_SENT), new TcpConnectionFails("reset"));
            assertEquals(ACTIVE, t.next().state());
            assertEquals(DROP_CONNECTION, t.actions().get(0));
            assertTrue(t.actions().contains(new StopTimer(Timer.HOLD)));
            assertTrue(t.actions().contains(new StopTimer(Timer.SEND_HOLD)), "send hold stopped with the connection");
            assertTrue(t.actions().contains(new StartTimer(Timer.CONNECT_RETRY, CONNECT_RETRY)));
            assertEquals(0, count(t.actions(), FsmAction.ReleaseResources.class));
        }

        @Test
        void unexpectedMessagesAreFsmError1() {
            for (FsmEvent e : List.of(FsmEvent.KEEPALIVE_MSG, FsmEvent.UPDATE_MSG,
                    new UpdateMsgErr(new Notification(3, 1)), fires(Timer.CONNECT_RETRY))) {
                Transition t = step(ACTIVE_CFG, reach(OPEN_SENT), e);
                assertNotificationThenDrop(t, new Notification(Notification.FSM_ERROR, 1));
                assertIdleCleanup(t, IDLE_HOLD);
            }
        }

        @Test
        void openErrorsSendTheirNotification() {
            Notification badAs = new Notification(2, 2);
            Transition t = step(ACTIVE_CFG, reach(OPEN_SENT), new BgpOpenMsgErr(badAs));
            assertNotificationThenDrop(t, badAs);
            assertIdleCleanup(t, IDLE_HOLD);
            Notification badLength = new Notification(1, 2);
            t = step(ACTIVE_CFG, reach(OPEN_SENT), new BgpHeaderErr(badLength));
            assertNotificationThenDrop(t, badLength);
        }

        @Test
        void notificationIsNotAnswered() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_SENT), new NotifMsg(CEASE_ADMIN));
            assertNoNotification(t);
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void versionErrorIsNotCounted() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_SENT), new NotifMsgVerErr(new Notification(2, 1)));
            assertNoNotification(t);
            assertIdleCleanup(t, IDLE_HOLD);
            assertEquals(0, t.next().connectRetryCounter());
            assertEquals(0, t.next().failures());
        }

        @Test
        void collisionDumpSendsCease7() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_SENT), new OpenCollisionDump());
            assertNotificationThenDrop(t, CEASE_COLLISION);
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void automaticStopSendsTheGivenCease() {
            Notification maxPrefix = new Notification(Notification.CEASE, Notification.CEASE_MAX_PREFIXES);
            Transition t = step(ACTIVE_CFG, reach(OPEN_SENT), new AutomaticStop(maxPrefix));
            assertNotificationThenDrop(t, maxPrefix);
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void manualStopSendsCease2() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_SENT), new ManualStop(null));
            assertNotificationThenDrop(t, CEASE_ADMIN);
            assertIdleCleanup(t, null);
        }
    }

    // ---- OpenConfirm --------------------------------------------------------------------------------------------

    @Nested
    class OpenConfirm {
        @Test
        void keepaliveEstablishes() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_CONFIRM), FsmEvent.KEEPALIVE_MSG);
            assertEquals(ESTABLISHED, t.next().state());
            assertEquals(List.of(new StartTimer(Timer.HOLD, Duration.ofSeconds(90)),
                    new StartTimer(Timer.DAMPING_RESET, Duration.ofSeconds(300)), new SessionUp(N90)), t.actions());
        }

        @Test
        void keepaliveEstablishesWithHoldZero() {
            Transition t = step(ACTIVE_CFG, reach(ACTIVE_CFG, OPEN_CONFIRM, N0), FsmEvent.KEEPALIVE_MSG);
            assertEquals(ESTABLISHED, t.next().state());
            assertEquals(List.of(new StopTimer(Timer.HOLD), new StartTimer(Timer.DAMPING_RESET,
                    Duration.ofSeconds(300)), new SessionUp(N0)), t.actions());
        }

        @Test
        void keepaliveTimerSendsKeepalive() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_CONFIRM), fires(Timer.KEEPALIVE));
            assertEquals(OPEN_CONFIRM, t.next().state());
            assertEquals(List.of(SEND_KEEPALIVE, new StartTimer(Timer.KEEPALIVE, Duration.ofSeconds(30))),
                    t.actions());
        }

        @Test
        void holdExpiry() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_CONFIRM), fires(Timer.HOLD));
            assertNotificationThenDrop(t, HOLD_EXPIRED);
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void sendHoldExpiry() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_CONFIRM), fires(Timer.SEND_HOLD));
            assertNotificationThenDrop(t, new Notification(8, 0));
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void unexpectedMessagesAreFsmError2() {
            for (FsmEvent e : List.of(FsmEvent.UPDATE_MSG, new BgpOpen(N90), new UpdateMsgErr(new Notification(3, 1)),
                    fires(Timer.DELAY_OPEN))) {
                Transition t = step(ACTIVE_CFG, reach(OPEN_CONFIRM), e);
                assertNotificationThenDrop(t, new Notification(Notification.FSM_ERROR, 2));
                assertIdleCleanup(t, IDLE_HOLD);
            }
        }

        @Test
        void collisionDumpSendsCease7() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_CONFIRM), new OpenCollisionDump());
            assertNotificationThenDrop(t, CEASE_COLLISION);
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void collisionCeaseFromThePeerWaitsInActiveWithoutBackOff() {
            for (SessionState from : List.of(OPEN_SENT, OPEN_CONFIRM)) {
                FsmState s = reach(from);
                Transition t = step(ACTIVE_CFG, s, new NotifMsg(new Notification(6, 7)));
                assertEquals(ACTIVE, t.next().state(), from.toString());
                assertNoNotification(t);
                assertEquals(s.failures(), t.next().failures(), "a lost collision is not a failure");
                assertEquals(FsmAction.DropConnection.class, t.actions().get(0).getClass());
                assertEquals(new StartTimer(Timer.CONNECT_RETRY, CONNECT_RETRY), t.actions().get(t.actions().size() - 1));
                assertTrue(t.actions().contains(FsmAction.RELEASE_RESOURCES));
                // the peer's winning connection is accepted at once
                assertEquals(OPEN_SENT, step(ACTIVE_CFG, t.next(), new TcpConnectionConfirmed()).next().state());
            }
        }

        @Test
        void notificationAndFailureAreNotAnswered() {
            for (FsmEvent e : List.of(new NotifMsg(CEASE_ADMIN), new TcpConnectionFails("reset"),
                    new NotifMsgVerErr(new Notification(2, 1)))) {
                Transition t = step(ACTIVE_CFG, reach(OPEN_CONFIRM), e);
                assertNoNotification(t);
                assertIdleCleanup(t, IDLE_HOLD);
            }
        }

        @Test
        void manualStopSendsCease() {
            Transition t = step(ACTIVE_CFG, reach(OPEN_CONFIRM), new ManualStop(null));
            assertNotificationThenDrop(t, CEASE_ADMIN);
            assertIdleCleanup(t, null);
        }
    }

    // ---- Established --------------------------------------------------------------------------------------------

    @Nested
    class Established {
        @Test
        void messagesRestartTheHoldTimer() {
            FsmState s = reach(ESTABLISHED);
            for (FsmEvent e : List.of(FsmEvent.KEEPALIVE_MSG, FsmEvent.UPDATE_MSG)) {
                Transition t = step(ACTIVE_CFG, s, e);
                assertEquals(s, t.next());
                assertEquals(List.of(new StartTimer(Timer.HOLD, Duration.ofSeconds(90))), t.actions());
            }
        }

        @Test
        void holdZeroRestartsNothing() {
            FsmState s = reach(ACTIVE_CFG, ESTABLISHED, N0);
            assertEquals(List.of(), step(ACTIVE_CFG, s, FsmEvent.KEEPALIVE_MSG).actions());
            assertEquals(List.of(), step(ACTIVE_CFG, s, FsmEvent.UPDATE_MSG).actions());
            assertEquals(List.of(), step(ACTIVE_CFG, s, fires(Timer.KEEPALIVE)).actions());
        }

        @Test
        void keepaliveTimerSendsKeepalive() {
            Transition t = step(ACTIVE_CFG, reach(ESTABLISHED), fires(Timer.KEEPALIVE));
            assertEquals(ESTABLISHED, t.next().state());
            assertEquals(List.of(SEND_KEEPALIVE, new StartTimer(Timer.KEEPALIVE, Duration.ofSeconds(30))),
                    t.actions());
        }

        @Test
        void holdExpiry() {
            Transition t = step(ACTIVE_CFG, reach(ESTABLISHED), fires(Timer.HOLD));
            assertNotificationThenDrop(t, HOLD_EXPIRED);
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void sendHoldExpiry() {
            Transition t = step(ACTIVE_CFG, reach(ESTABLISHED), fires(Timer.SEND_HOLD));
            assertNotificationThenDrop(t, new Notification(8, 0));
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void manualStopSendsCease2AndStaysDown() {
            Transition t = step(ACTIVE_CFG, reach(ESTABLISHED), new ManualStop(null));
            assertNotificationThenDrop(t, CEASE_ADMIN);
            assertIdleCleanup(t, null);
            assertTrue(t.next().stopped());
            assertEquals(0, t.next().connectRetryCounter());
            Transition restart = step(ACTIVE_CFG, t.next(), new ManualStart());
            assertEquals(CONNECT, restart.next().state());
            assertFalse(restart.next().stopped());
            assertTrue(restart.actions().contains(INITIATE_CONNECTION));
        }

        @Test
        void manualStopSendsTheGivenShutdownCommunication() {
            Notification shutdown = Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN, "maintenance");
            Transition t = step(ACTIVE_CFG, reach(ESTABLISHED), new ManualStop(shutdown));
            assertNotificationThenDrop(t, shutdown);
            assertIdleCleanup(t, null);
        }

        @Test
        void automaticStopSendsTheGivenCease() {
            Notification deconfigured = new Notification(Notification.CEASE, Notification.CEASE_PEER_DECONFIGURED);
            Transition t = step(ACTIVE_CFG, reach(ESTABLISHED), new AutomaticStop(deconfigured));
            assertNotificationThenDrop(t, deconfigured);
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void collisionDumpSendsCease7() {
            Transition t = step(ACTIVE_CFG, reach(ESTABLISHED), new OpenCollisionDump());
            assertNotificationThenDrop(t, CEASE_COLLISION);
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void openIsFsmError3() {
            Transition t = step(ACTIVE_CFG, reach(ESTABLISHED), new BgpOpen(N90));
            assertNotificationThenDrop(t, new Notification(Notification.FSM_ERROR, 3));
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void updateErrorSendsItsNotification() {
            Notification malformed = new Notification(3, 1);
            Transition t = step(ACTIVE_CFG, reach(ESTABLISHED), new UpdateMsgErr(malformed));
            assertNotificationThenDrop(t, malformed);
            assertIdleCleanup(t, IDLE_HOLD);
        }

        @Test
        void notificationsAndFailuresAreNotAnswered() {
            for (FsmEvent e : List.of(new NotifMsg(CEASE_ADMIN), new NotifMsgVerErr(new Notification(2, 1)),
                    new TcpConnectionFails("reset"))) {
                Transition t = step(ACTIVE_CFG, reach(ESTABLISHED), e);
                assertNoNotification(t);
                assertEquals(DROP_CONNECTION, t.actions().get(0));
                assertIdleCleanup(t, IDLE_HOLD);
            }
        }

        @Test
        void dampingResetForgetsFailures() {
            FsmState s = reach(ESTABLISHED);
            FsmState failed = new FsmState(ESTABLISHED, 3, false, 4, false, s.negotiated());
            Transition t = step(ACTIVE_CFG, failed, fires(Timer.DAMPING_RESET));
            assertEquals(ESTABLISHED, t.next().state());
            assertEquals(0, t.next().failures());
            assertEquals(List.of(), t.actions());
            assertIdleCleanup(step(ACTIVE_CFG, t.next(), fires(Timer.HOLD)), IDLE_HOLD);
        }
    }

    // ---- RFC 4271 §8.2.2: a second connection is tracked, not an error ------------------------------------------

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = {"OPEN_SENT", "OPEN_CONFIRM", "ESTABLISHED"})
    void secondConnectionDoesNotDisturbTheSession(SessionState state) {
        FsmState s = reach(state);
        for (FsmEvent e : List.of(new TcpCrAcked(), new TcpConnectionConfirmed())) {
            Transition t = step(ACTIVE_CFG, s, e);
            assertEquals(s, t.next(), e + " in " + state);
            assertEquals(List.of(), t.actions(), e + " in " + state);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = {"IDLE", "CONNECT", "ACTIVE", "OPEN_SENT", "OPEN_CONFIRM"})
    void lateDampingResetIsHarmless(SessionState state) {
        FsmState s = state == IDLE ? FsmState.INITIAL : reach(state);
        Transition t = step(ACTIVE_CFG, s, fires(Timer.DAMPING_RESET));
        assertEquals(s, t.next());
        assertEquals(List.of(), t.actions());
    }

    // ---- IdleHold back-off (DampPeerOscillations) -------------------------------------------------------------

    /** Fails the session {@code n} times in a row, returning the IdleHold duration armed after each failure. */
    static List<Duration> idleHoldsAfterFailures(FsmConfig c, FsmState from, int n) {
        List<Duration> out = new ArrayList<>();
        FsmState s = from;
        for (int i = 0; i < n; i++) {
            if (s.state() == IDLE) {
                s = step(c, s, fires(Timer.IDLE_HOLD)).next();
            }
            s = step(c, s, new TcpCrAcked()).next();
            Transition t = step(c, s, fires(Timer.HOLD));
            List<StartTimer> st = started(t.actions());
            assertEquals(1, st.size());
            out.add(st.get(0).duration());
            s = t.next();
        }
        return out;
    }

    @Test
    void failuresDoubleIdleHoldUpToTheMaximum() {
        List<Duration> holds = idleHoldsAfterFailures(ACTIVE_CFG, FsmState.INITIAL, 8);
        assertEquals(List.of(5L, 10L, 20L, 40L, 80L, 120L, 120L, 120L),
                holds.stream().map(Duration::toSeconds).toList());
    }

    @Test
    void withoutDampingIdleHoldIsConstant() {
        FsmConfig c = new FsmConfig(false, Duration.ZERO, CONNECT_RETRY, IDLE_HOLD, Duration.ofSeconds(120),
                Duration.ofSeconds(300), false, true);
        List<Duration> holds = idleHoldsAfterFailures(c, FsmState.INITIAL, 6);
        assertTrue(holds.stream().allMatch(IDLE_HOLD::equals), holds.toString());
    }

    @Test
    void stableEstablishedSessionResetsTheBackOff() {
        List<Duration> first = idleHoldsAfterFailures(ACTIVE_CFG, FsmState.INITIAL, 3);
        assertEquals(Duration.ofSeconds(20), first.get(2));
        FsmState s = FsmState.INITIAL;
        for (int i = 0; i < 3; i++) {
            s = step(ACTIVE_CFG, reach(OPEN_SENT).failures(s.failures()), fires(Timer.HOLD)).next();
        }
        assertEquals(3, s.failures());
        s = step(ACTIVE_CFG, s, fires(Timer.IDLE_HOLD)).next();
        s = step(ACTIVE_CFG, s, new TcpCrAcked()).next();
        s = step(ACTIVE_CFG, s, new BgpOpen(N90)).next();
        s = step(ACTIVE_CFG, s, FsmEvent.KEEPALIVE_MSG).next();
        assertEquals(ESTABLISHED, s.state());
        // Without the reset the next failure would be the fourth: 40 s.
        FsmState early = s;
        assertIdleCleanup(step(ACTIVE_CFG, early, new TcpConnectionFails("x")), Duration.ofSeconds(40));
        s = step(ACTIVE_CFG, s, fires(Timer.DAMPING_RESET)).next();
        assertIdleCleanup(step(ACTIVE_CFG, s, new TcpConnectionFails("x")), IDLE_HOLD);
    }

    @Test
    void noAutomaticRestartLeavesTheSessionIdle() {
        FsmConfig c = new FsmConfig(false, Duration.ZERO, CONNECT_RETRY, IDLE_HOLD, Duration.ofSeconds(120),
                Duration.ofSeconds(300), true, false);
        Transition t = step(c, reach(c, ESTABLISHED, N90), fires(Timer.HOLD));
        assertIdleCleanup(t, null);
        assertFalse(t.next().stopped());
        assertEquals(CONNECT, step(c, t.next(), new AutomaticStart()).next().state());
    }

    @Test
    void idleHoldAfter() {
        FsmConfig c = FsmConfig.DEFAULTS;
        assertEquals(Duration.ofSeconds(5), c.idleHoldAfter(-1));
        assertEquals(Duration.ofSeconds(5), c.idleHoldAfter(0));
        assertEquals(Duration.ofSeconds(10), c.idleHoldAfter(1));
        assertEquals(Duration.ofSeconds(120), c.idleHoldAfter(Integer.MAX_VALUE));
    }

    @Test
    void eventNumbersFollowTheRfc() {
        assertEquals(1, new ManualStart().number());
        assertEquals(2, new ManualStop(null).number());
        assertEquals(3, new AutomaticStart().number());
        assertEquals(8, new AutomaticStop(null).number());
        assertEquals(9, fires(Timer.CONNECT_RETRY).number());
        assertEquals(10, fires(Timer.HOLD).number());
        assertEquals(11, fires(Timer.KEEPALIVE).number());
        assertEquals(12, fires(Timer.DELAY_OPEN).number());
        assertEquals(13, fires(Timer.IDLE_HOLD).number());
        assertEquals(16, new TcpCrAcked().number());
        assertEquals(17, new TcpConnectionConfirmed().number());
        assertEquals(18, new TcpConnectionFails("").number());
        assertEquals(26, FsmEvent.KEEPALIVE_MSG.number());
        assertEquals(27, FsmEvent.UPDATE_MSG.number());
        assertNotNull(RELEASE_RESOURCES);
    }
}
