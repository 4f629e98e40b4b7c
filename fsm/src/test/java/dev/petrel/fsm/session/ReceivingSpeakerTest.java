package dev.petrel.fsm.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.FsmEvent;
import dev.petrel.fsm.Negotiated;
import dev.petrel.fsm.OpenCheck;
import dev.petrel.fsm.SessionPolicy;
import dev.petrel.fsm.Timer;
import dev.petrel.wire.Family;
import dev.petrel.wire.Notification;
import dev.petrel.wire.Open;
import dev.petrel.wire.cap.Capability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The receiving speaker's decision (RFC 4724 §4.2, RFC 8538 §4), from real OPENs negotiated by {@link OpenCheck}:
 * which ends of a session keep a restarting peer's routes stale, in which families, for how long.
 */
class ReceivingSpeakerTest {
    static final Capability.GracefulRestart HELPER = new Capability.GracefulRestart(false, true, 120, List.of());
    static final Capability.GracefulRestart HELPER_NO_N = new Capability.GracefulRestart(false, false, 120, List.of());

    static Capability.GracefulRestart restarting(boolean nBit, int restartTime, Family... families) {
        List<Capability.GrFamily> fams = new ArrayList<>();
        for (Family f : families) {
            fams.add(new Capability.GrFamily(f, true));
        }
        return new Capability.GracefulRestart(false, nBit, restartTime, fams);
    }

    /** We offer IPv4 and IPv6 unicast and {@code ours}; the peer offers IPv4 only and {@code theirs}. */
    static Negotiated negotiated(Capability.GracefulRestart ours, Capability.GracefulRestart theirs) {
        SessionPolicy policy = new SessionPolicy(65001, 0x0a000001, 65002, 90, -1, 3,
                Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), null, false, true);
        List<Capability> local = new ArrayList<>(List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST),
                new Capability.Multiprotocol(Family.IPV6_UNICAST), new Capability.FourOctetAs(65001)));
        List<Capability> peer = new ArrayList<>(List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST),
                new Capability.FourOctetAs(65002)));
        if (ours != null) {
            local.add(ours);
        }
        if (theirs != null) {
            peer.add(theirs);
        }
        OpenCheck.Outcome o = OpenCheck.check(policy, new Open(65001, 90, 0x0a000001, local),
                new Open(65002, 90, 0x0a000002, peer));
        return assertInstanceOf(OpenCheck.Accepted.class, o).negotiated();
    }

    static final FsmEvent TCP_FAILS = new FsmEvent.TcpConnectionFails("connection reset");

    @Test
    void tcpEndKeepsTheFamiliesThePeerListedAndTheSessionCarries() {
        // the peer lists IPv6 too, but the session carries IPv4 only: there is nothing of IPv6 to keep
        RouteRetention r = ReceivingSpeaker.retention(
                negotiated(HELPER, restarting(true, 90, Family.IPV4_UNICAST, Family.IPV6_UNICAST)), TCP_FAILS, null);
        assertEquals(Set.of(Family.IPV4_UNICAST), r.families());
        assertEquals(Duration.ofSeconds(90), r.restartTime());
        assertTrue(r.why().contains("TCP connection ended"), r.why());
    }

    @Test
    void nothingIsKeptWithoutBothCapabilitiesOrWithoutFamiliesOrRestartTime() {
        assertFalse(ReceivingSpeaker.retention(negotiated(null, restarting(true, 90, Family.IPV4_UNICAST)),
                TCP_FAILS, null).keepsAny(), "we did not advertise the capability");
        assertFalse(ReceivingSpeaker.retention(negotiated(HELPER, null), TCP_FAILS, null).keepsAny());
        RouteRetention helperOnly = ReceivingSpeaker.retention(negotiated(HELPER, HELPER), TCP_FAILS, null);
        assertFalse(helperOnly.keepsAny());
        assertTrue(helperOnly.why().contains("helper only"), helperOnly.why());
        assertFalse(ReceivingSpeaker.retention(negotiated(HELPER, restarting(true, 0, Family.IPV4_UNICAST)),
                TCP_FAILS, null).keepsAny(), "restart time 0");
        assertFalse(ReceivingSpeaker.retention(null, TCP_FAILS, null).keepsAny());
    }

    @Test
    void withoutTheNBitAnyNotificationDropsTheRoutes() {
        Negotiated n = negotiated(HELPER, restarting(false, 90, Family.IPV4_UNICAST));
        RouteRetention received = ReceivingSpeaker.retention(n,
                new FsmEvent.NotifMsg(new Notification(Notification.CEASE, Notification.CEASE_ADMIN_RESET)), null);
        assertFalse(received.keepsAny());
        assertTrue(received.why().contains("no N bit"), received.why());
        assertFalse(ReceivingSpeaker.retention(n, new FsmEvent.TimerExpires(Timer.HOLD),
                new Notification(Notification.HOLD_TIMER_EXPIRED, 0)).keepsAny(), "hold timer expired, no N bit");
        assertTrue(ReceivingSpeaker.retention(n, TCP_FAILS, null).keepsAny(), "the TCP end still keeps them");
        // ours without the N bit, theirs with it: not negotiated either
        assertFalse(ReceivingSpeaker.retention(negotiated(HELPER_NO_N, restarting(true, 90, Family.IPV4_UNICAST)),
                new FsmEvent.NotifMsg(new Notification(Notification.CEASE, 4)), null).keepsAny());
    }

    @Test
    void withTheNBitEveryNotificationButAHardResetKeepsThem() {
        Negotiated n = negotiated(HELPER, restarting(true, 90, Family.IPV4_UNICAST));
        Notification reset = new Notification(Notification.CEASE, Notification.CEASE_ADMIN_RESET);
        assertTrue(ReceivingSpeaker.retention(n, new FsmEvent.NotifMsg(reset), null).keepsAny());
        assertTrue(ReceivingSpeaker.retention(n, new FsmEvent.TimerExpires(Timer.HOLD),
                new Notification(Notification.HOLD_TIMER_EXPIRED, 0)).keepsAny(), "hold timer expiry (RFC 8538)");
        assertTrue(ReceivingSpeaker.retention(n, new FsmEvent.UpdateMsgErr(new Notification(3, 1)),
                new Notification(3, 1)).keepsAny(), "an UPDATE error we sent, not wrapped");

        RouteRetention hardReceived = ReceivingSpeaker.retention(n,
                new FsmEvent.NotifMsg(Notification.hardReset(reset)), null);
        assertFalse(hardReceived.keepsAny());
        assertEquals("Hard Reset received", hardReceived.why());
        // an operator's shutdown goes out wrapped (RFC 8538 §5): that ends the peer's routes too
        Notification shutdown = Notification.hardReset(
                new Notification(Notification.CEASE, Notification.CEASE_ADMIN_SHUTDOWN));
        assertFalse(ReceivingSpeaker.retention(n, new FsmEvent.ManualStop(shutdown), shutdown).keepsAny());
    }

    @Test
    void aStopThatSendsNothingKeepsNothing() {
        // closing for our own restart without the N bit sends no NOTIFICATION: we are going, not the peer
        Negotiated n = negotiated(HELPER_NO_N, restarting(false, 90, Family.IPV4_UNICAST));
        assertFalse(ReceivingSpeaker.retention(n, new FsmEvent.ManualStop(null), null).keepsAny());
    }
}
