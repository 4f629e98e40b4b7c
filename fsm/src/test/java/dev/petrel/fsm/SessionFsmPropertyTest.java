package dev.petrel.fsm;

import static dev.petrel.fsm.Fixtures.count;
import static dev.petrel.fsm.Fixtures.negotiated;
import static dev.petrel.fsm.Fixtures.stopped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.petrel.fsm.FsmAction.SendNotification;
import dev.petrel.fsm.FsmAction.StartTimer;
import dev.petrel.wire.Notification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Invariants of {@link SessionFsm#step} over every (state, event) pair and along long random walks: it never
 * throws, the state it returns is consistent, a transition into Idle cleans up completely, and no NOTIFICATION is
 * queued after the connection is dropped.
 */
class SessionFsmPropertyTest {
    static final List<FsmConfig> CONFIGS = List.of(
            FsmConfig.DEFAULTS,
            new FsmConfig(true, Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60),
                    Duration.ofSeconds(60), true, true),
            new FsmConfig(false, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(2),
                    Duration.ofSeconds(2), Duration.ofSeconds(60), false, true),
            new FsmConfig(true, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(10),
                    Duration.ofSeconds(60), true, false));

    /** One instance of every event type, every timer, and both hold-time cases of BgpOpen. */
    static List<FsmEvent> allEvents() {
        List<FsmEvent> out = new ArrayList<>(List.of(
                new FsmEvent.ManualStart(),
                new FsmEvent.ManualStop(null),
                new FsmEvent.ManualStop(Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN, "bye")),
                new FsmEvent.AutomaticStart(),
                new FsmEvent.AutomaticStop(new Notification(Notification.CEASE, Notification.CEASE_MAX_PREFIXES)),
                new FsmEvent.AutomaticStop(null),
                new FsmEvent.TcpCrAcked(),
                new FsmEvent.TcpConnectionConfirmed(),
                new FsmEvent.TcpConnectionFails("reset"),
                new FsmEvent.BgpOpen(negotiated(90)),
                new FsmEvent.BgpOpen(negotiated(0)),
                new FsmEvent.BgpHeaderErr(new Notification(1, 2)),
                new FsmEvent.BgpOpenMsgErr(new Notification(2, 2)),
                new FsmEvent.OpenCollisionDump(),
                new FsmEvent.NotifMsgVerErr(new Notification(2, 1)),
                new FsmEvent.NotifMsg(new Notification(6, 2)),
                FsmEvent.KEEPALIVE_MSG,
                FsmEvent.UPDATE_MSG,
                new FsmEvent.UpdateMsgErr(new Notification(3, 1))));
        for (Timer t : Timer.values()) {
            out.add(new FsmEvent.TimerExpires(t));
        }
        // Every FsmEvent record type is represented.
        long types = out.stream().map(Object::getClass).distinct().count();
        assertEquals(FsmEvent.class.getPermittedSubclasses().length, types);
        return out;
    }

    /** A reachable-looking state for each RFC state, with and without DelayOpen running, stopped or not. */
    static List<FsmState> allStates() {
        List<FsmState> out = new ArrayList<>();
        Negotiated n = negotiated(90);
        for (SessionState st : SessionState.values()) {
            for (boolean delay : new boolean[] {false, true}) {
                if (delay && st != SessionState.CONNECT && st != SessionState.ACTIVE) {
                    continue;
                }
                boolean negotiated = st == SessionState.OPEN_CONFIRM || st == SessionState.ESTABLISHED;
                out.add(new FsmState(st, 2, delay, 3, false, negotiated ? n : null));
                if (st == SessionState.OPEN_CONFIRM || st == SessionState.ESTABLISHED) {
                    out.add(new FsmState(st, 0, false, 0, false, negotiated(0)));
                }
            }
        }
        out.add(new FsmState(SessionState.IDLE, 0, false, 5, true, null));
        return out;
    }

    static void checkInvariants(FsmConfig c, FsmState before, FsmEvent e, Transition t) {
        Supplier<String> where = () -> before + " + " + SessionFsm.name(e) + " -> " + t;
        assertNotNull(t, where);
        FsmState s = t.next();
        assertNotNull(s, where);
        assertNotNull(s.state(), where);
        assertNotNull(t.reason(), where);
        assertTrue(s.connectRetryCounter() >= 0 && s.failures() >= 0, where);
        switch (s.state()) {
            case IDLE -> {
                assertNull(s.negotiated(), where);
                assertTrue(!s.delayOpenRunning(), where);
            }
            case CONNECT, ACTIVE -> assertNull(s.negotiated(), where);
            case OPEN_SENT -> {
                assertNull(s.negotiated(), where);
                assertTrue(!s.delayOpenRunning(), where);
            }
            case OPEN_CONFIRM, ESTABLISHED -> {
                assertNotNull(s.negotiated(), where);
                assertTrue(!s.delayOpenRunning(), where);
            }
        }
        if (s.state() != SessionState.IDLE) {
            assertTrue(!s.stopped(), () -> "only Idle may be stopped: " + where.get());
        }
        if (c.passive() && before.state() != SessionState.CONNECT) {
            assertTrue(s.state() != SessionState.CONNECT, () -> "a passive session never connects out: " + where.get());
            assertEquals(0, count(t.actions(), FsmAction.InitiateConnection.class), where);
        }
        List<FsmAction> a = t.actions();
        int drop = a.indexOf(FsmAction.DROP_CONNECTION);
        if (drop >= 0) {
            for (int i = drop + 1; i < a.size(); i++) {
                assertTrue(!(a.get(i) instanceof SendNotification),
                        () -> "NOTIFICATION after DropConnection: " + where.get());
            }
        }
        assertTrue(count(a, SendNotification.class) <= 1, where);
        if (before.state() != SessionState.IDLE && s.state() == SessionState.IDLE) {
            assertEquals(EnumSet.allOf(Timer.class), EnumSet.copyOf(stopped(a)),
                    () -> "every timer stopped: " + where.get());
            assertEquals(1, count(a, FsmAction.ReleaseResources.class), where);
            assertTrue(drop >= 0, () -> "the connection is dropped: " + where.get());
            for (FsmAction x : a) {
                if (x instanceof StartTimer st) {
                    assertEquals(Timer.IDLE_HOLD, st.timer(), where);
                }
            }
            boolean restart = !s.stopped() && c.automaticRestart();
            assertEquals(restart ? 1 : 0, Fixtures.started(a).size(),
                    () -> "IdleHold armed unless stopped: " + where.get());
        } else {
            assertEquals(0, count(a, FsmAction.ReleaseResources.class), where);
        }
        if (s.state() == SessionState.IDLE && before.state() == SessionState.IDLE) {
            assertTrue(a.stream().allMatch(x -> x instanceof FsmAction.DropConnection
                    || x instanceof FsmAction.StopTimer), () -> "Idle stays quiet: " + where.get());
        }
        if (count(a, FsmAction.SessionUp.class) > 0) {
            assertEquals(SessionState.ESTABLISHED, s.state(), where);
            assertEquals(SessionState.OPEN_CONFIRM, before.state(), where);
        }
    }

    @Test
    void everyEventInEveryState() {
        for (FsmConfig c : CONFIGS) {
            for (FsmState s : allStates()) {
                for (FsmEvent e : allEvents()) {
                    Transition t;
                    try {
                        t = SessionFsm.step(c, s, e);
                    } catch (RuntimeException x) {
                        throw new AssertionError(s + " + " + e + " threw", x);
                    }
                    checkInvariants(c, s, e, t);
                }
            }
        }
    }

    @Test
    void randomWalksKeepTheInvariants() {
        List<FsmEvent> events = allEvents();
        for (FsmConfig c : CONFIGS) {
            Random random = new Random(4271L + CONFIGS.indexOf(c));
            FsmState s = FsmState.INITIAL;
            EnumSet<SessionState> seen = EnumSet.noneOf(SessionState.class);
            for (int i = 0; i < 100_000; i++) {
                FsmEvent e = next(random, s, events);
                Transition t = SessionFsm.step(c, s, e);
                checkInvariants(c, s, e, t);
                s = t.next();
                seen.add(s.state());
            }
            EnumSet<SessionState> expected = EnumSet.allOf(SessionState.class);
            if (c.passive()) {
                expected.remove(SessionState.CONNECT);
            }
            if (!seen.equals(expected)) {
                fail("walk did not visit every state: " + seen + " for " + c);
            }
        }
    }

    /** Mostly uniform, with a bias towards the events that move a session forward so later states are visited. */
    static FsmEvent next(Random r, FsmState s, List<FsmEvent> events) {
        if (r.nextInt(3) == 0) {
            return switch (s.state()) {
                case IDLE -> r.nextBoolean() ? new FsmEvent.TimerExpires(Timer.IDLE_HOLD) : new FsmEvent.ManualStart();
                case CONNECT, ACTIVE -> s.delayOpenRunning() ? new FsmEvent.TimerExpires(Timer.DELAY_OPEN)
                        : new FsmEvent.TcpConnectionConfirmed();
                case OPEN_SENT -> events.get(r.nextBoolean() ? 9 : 10);
                case OPEN_CONFIRM, ESTABLISHED -> FsmEvent.KEEPALIVE_MSG;
            };
        }
        return events.get(r.nextInt(events.size()));
    }
}
