package dev.petrel.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.FsmAction.StartTimer;
import dev.petrel.fsm.FsmAction.StopTimer;
import dev.petrel.wire.Family;
import dev.petrel.wire.Open;
import dev.petrel.wire.cap.Capability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Shared values for the state machine tests: real OPENs negotiated by {@link OpenCheck}, and action checks. */
final class Fixtures {
    static final long LOCAL_AS = 65001;
    static final long PEER_AS = 65002;
    static final int LOCAL_ID = id(10, 0, 0, 1);
    static final int PEER_ID = id(10, 0, 0, 2);

    private Fixtures() {}

    static int id(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    static SessionPolicy policy(int hold) {
        return new SessionPolicy(LOCAL_AS, LOCAL_ID, PEER_AS, hold, -1, 3, Set.of(Family.IPV4_UNICAST), null, false,
                true);
    }

    static Open localOpen(int hold) {
        return new Open((int) LOCAL_AS, hold, LOCAL_ID, List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST),
                new Capability.FourOctetAs(LOCAL_AS)));
    }

    static Open peerOpen(int hold) {
        return new Open((int) PEER_AS, hold, PEER_ID, List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST),
                new Capability.FourOctetAs(PEER_AS)));
    }

    /** A session negotiated from real OPENs: we offer 90 s, the peer {@code peerHold}. */
    static Negotiated negotiated(int peerHold) {
        OpenCheck.Outcome o = OpenCheck.check(policy(90), localOpen(90), peerOpen(peerHold));
        return assertInstanceOf(OpenCheck.Accepted.class, o).negotiated();
    }

    static List<Timer> stopped(List<FsmAction> actions) {
        List<Timer> out = new ArrayList<>();
        for (FsmAction a : actions) {
            if (a instanceof StopTimer st) {
                out.add(st.timer());
            }
        }
        return out;
    }

    static List<StartTimer> started(List<FsmAction> actions) {
        List<StartTimer> out = new ArrayList<>();
        for (FsmAction a : actions) {
            if (a instanceof StartTimer st) {
                out.add(st);
            }
        }
        return out;
    }

    static long count(List<FsmAction> actions, Class<? extends FsmAction> type) {
        return actions.stream().filter(type::isInstance).count();
    }

    static int indexOf(List<FsmAction> actions, Class<? extends FsmAction> type) {
        for (int i = 0; i < actions.size(); i++) {
            if (type.isInstance(actions.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A transition into Idle: every timer stopped, ReleaseResources once, and the only timer started (after the
     * stops) is IdleHold, for {@code idleHold} or not at all when null.
     */
    static void assertIdleCleanup(Transition t, Duration idleHold) {
        List<FsmAction> a = t.actions();
        assertEquals(SessionState.IDLE, t.next().state(), t.reason());
        assertEquals(EnumSet.allOf(Timer.class), EnumSet.copyOf(stopped(a)), "every timer stopped: " + a);
        assertEquals(1, count(a, FsmAction.ReleaseResources.class), "ReleaseResources once: " + a);
        List<StartTimer> starts = started(a);
        if (idleHold == null) {
            assertTrue(starts.isEmpty(), "no timer restarted: " + a);
        } else {
            assertEquals(List.of(new StartTimer(Timer.IDLE_HOLD, idleHold)), starts, "IdleHold armed: " + a);
            int lastStop = -1;
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) instanceof StopTimer) {
                    lastStop = i;
                }
            }
            assertTrue(a.indexOf(starts.get(0)) > lastStop, "IdleHold started after the stops: " + a);
        }
        assertEquals(null, t.next().negotiated(), "negotiation forgotten in Idle");
        assertEquals(false, t.next().delayOpenRunning());
    }
}
