package dev.petrel.fsm.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.FsmConfig;
import dev.petrel.fsm.SessionPolicy;
import dev.petrel.wire.BgpMessage;
import dev.petrel.wire.Family;
import dev.petrel.wire.Keepalive;
import dev.petrel.wire.Notification;
import dev.petrel.wire.Open;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.cap.Capability;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Our side of Graceful Restart (RFC 4724 §3, §4.1; RFC 8538): the capability we send as a restarting speaker, and
 * how a session closed for a restart ends so that a helper keeps our routes.
 */
class GracefulCloseTest {
    private static final GracefulRestart GR = new GracefulRestart(90, false, true);

    private static Capability.GracefulRestart capability(SessionSettings s) {
        return LocalOpen.build(s).capability(Capability.GracefulRestart.class);
    }

    private static SessionSettings settings(GracefulRestart gr) {
        FsmConfig fsm = new FsmConfig(false, Duration.ZERO, Duration.ofSeconds(2), Duration.ofMillis(200),
                Duration.ofSeconds(2), Duration.ofSeconds(300), true, true);
        SessionPolicy policy = new SessionPolicy(65000, 1, 65001, 9, -1, 3,
                Set.of(Family.IPV6_UNICAST, Family.IPV4_UNICAST), null, false, true);
        return new SessionSettings("p", fsm, policy, null, true, null, false, false, gr);
    }

    @Test
    void helperOnlyListsNoFamily() {
        Capability.GracefulRestart c = capability(settings(null));
        assertEquals(List.of(), c.families());
        assertFalse(c.restarting());
        assertTrue(c.notification());
    }

    @Test
    void restartingSpeakerListsItsFamiliesWithTheForwardingBit() {
        Capability.GracefulRestart c = capability(settings(new GracefulRestart(90, true, true)));
        assertEquals(List.of(new Capability.GrFamily(Family.IPV4_UNICAST, true),
                new Capability.GrFamily(Family.IPV6_UNICAST, true)), c.families());
        assertTrue(c.restarting(), "R bit in the OPENs of a restart");
        assertEquals(90, c.restartTime());
        assertTrue(c.notification());

        Capability.GracefulRestart after = capability(settings(new GracefulRestart(90, false, false)));
        assertFalse(after.restarting(), "no R bit once the restart is over");
        assertEquals(List.of(new Capability.GrFamily(Family.IPV4_UNICAST, false),
                new Capability.GrFamily(Family.IPV6_UNICAST, false)), after.families());
    }

    @Test
    void aRestartingSpeakerIsAHelperToo() {
        SessionSettings s = settings(null);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SessionSettings("p", s.fsm(), s.policy(), null, false, null, false, false, GR));
    }

    /** The peer's OPEN with a Graceful Restart capability (helper: no families), N bit as given. */
    private static Open helperOpen(boolean notificationBit) {
        return new Open(LocalOpen.AS_TRANS, 9, RawPeer.PEER_ID, List.of(
                new Capability.Multiprotocol(Family.IPV4_UNICAST), new Capability.FourOctetAs(RawPeer.PEER_AS),
                new Capability.GracefulRestart(false, notificationBit, 120, List.of())));
    }

    /** Establishes with {@code peerOpen}, closes the session for a restart, returns what the peer got until EOF. */
    private static List<BgpMessage> closeForRestart(GracefulRestart ours, Open peerOpen) throws Exception {
        try (RawPeer p = new RawPeer(1, false, 9, null, null, ours).connect()) {
            assertInstanceOf(Open.class, p.read(SessionContext.INITIAL));
            p.send(SessionContext.INITIAL, peerOpen, Keepalive.INSTANCE);
            p.readUntil(Keepalive.class, RawPeer.negotiated());
            LoopbackPair.await("Established", Duration.ofSeconds(5),
                    () -> p.session.state() == dev.petrel.fsm.SessionState.ESTABLISHED);
            p.session.closeForRestart(Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN, "restarting"))
                    .get(5, TimeUnit.SECONDS);
            List<BgpMessage> got = new ArrayList<>();
            try {
                while (true) {
                    got.add(p.read(RawPeer.negotiated()));
                }
            } catch (java.io.EOFException | java.net.SocketException e) {
                return got; // the close: what we were after
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("the session did not close the connection; got " + got);
            } catch (IOException e) {
                return got;
            }
        }
    }

    private static Notification notification(List<BgpMessage> got) {
        List<Notification> n = got.stream().filter(m -> m instanceof Notification).map(m -> (Notification) m)
                .toList();
        assertTrue(n.size() <= 1, "one NOTIFICATION at most: " + got);
        return n.isEmpty() ? null : n.get(0);
    }

    @Test
    void withTheNBitTheCeaseGoesWithoutAHardReset() throws Exception {
        Notification n = notification(closeForRestart(GR, helperOpen(true)));
        // RFC 8538 §4: any NOTIFICATION but a Hard Reset leaves the helper keeping our routes
        assertEquals(Notification.CEASE, n.code());
        assertEquals(Notification.CEASE_ADMIN_SHUTDOWN, n.subcode(), "Cease/2 as it is, not wrapped: " + n);
    }

    @Test
    void withoutTheNBitOnlyTheTcpCloseIsSent() throws Exception {
        // RFC 4724 §4: any NOTIFICATION makes a helper without RFC 8538 drop our routes
        assertNull(notification(closeForRestart(GR, helperOpen(false))));
    }

    @Test
    void aHelperOnlySpeakerStillEndsWithAHardReset() throws Exception {
        // we listed no families: the peer keeps nothing of ours, and a closing Cease/2 means a real end
        Notification n = notification(closeForRestart(null, helperOpen(true)));
        assertEquals(Notification.CEASE, n.code());
        assertEquals(Notification.CEASE_HARD_RESET, n.subcode(), String.valueOf(n));
    }

    @Test
    void aPeerWithoutGracefulRestartGetsTheCease() throws Exception {
        Notification n = notification(closeForRestart(GR, RawPeer.peerOpen(9)));
        assertEquals(Notification.CEASE_ADMIN_SHUTDOWN, n.subcode(), String.valueOf(n));
    }
}
