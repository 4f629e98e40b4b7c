package dev.petrel.fsm.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.OpenCheck;
import dev.petrel.fsm.SessionState;
import dev.petrel.wire.Notification;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PeerSessionTest {
    private static final int ID_LOW = 0x0aff0101; // 10.255.1.1
    private static final int ID_HIGH = 0x0aff0102;

    @Test
    void activeAndPassiveReachEstablishedAndExchangeKeepalives() throws Exception {
        try (LoopbackPair p = new LoopbackPair(ID_LOW, 65001, false, ID_HIGH, 65002, true)) {
            p.awaitBoth(SessionState.ESTABLISHED);
            assertEquals(9, p.a.session().negotiated().holdTimeSeconds());
            assertEquals(3, p.a.session().negotiated().keepaliveSeconds());
            assertEquals("10.255.1.2", OpenCheck.dotted(p.a.session().negotiated().peerRouterId()));
            assertTrue(p.a.session().negotiated().context().fourOctetAs());
            assertTrue(p.a.session().negotiated().gracefulNotification());
            long before = p.b.session().stats().messagesReceived();
            // keepalives every ~3 s (jittered down to 2.25 s) keep the 9 s hold timer from firing
            LoopbackPair.await("keepalives", Duration.ofSeconds(8),
                    () -> p.b.session().stats().messagesReceived() >= before + 2);
            assertEquals(SessionState.ESTABLISHED, p.a.session().state());
            assertEquals(1, p.a.session().stats().establishedTransitions());
        }
    }

    @Test
    void bothActiveCollisionLeavesOneSession() throws Exception {
        try (LoopbackPair p = new LoopbackPair(ID_LOW, 65001, false, ID_HIGH, 65002, false)) {
            p.awaitBoth(SessionState.ESTABLISHED);
            // Let any collision loser finish; the survivors stay up and were established once per side.
            LoopbackPair.await("stable", Duration.ofSeconds(6), () -> p.a.session().stats().messagesReceived() > 3);
            assertEquals(SessionState.ESTABLISHED, p.a.session().state());
            assertEquals(SessionState.ESTABLISHED, p.b.session().state());
            assertEquals(1, p.a.session().stats().establishedTransitions());
            assertEquals(1, p.b.session().stats().establishedTransitions());
        }
    }

    @Test
    void shutdownCommunicationReachesThePeerWrappedInHardReset() throws Exception {
        try (LoopbackPair p = new LoopbackPair(ID_LOW, 65001, false, ID_HIGH, 65002, true)) {
            p.awaitBoth(SessionState.ESTABLISHED);
            p.a.session().stop(Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN, "maintenance, back at 10"));
            LoopbackPair.await("b sees the NOTIFICATION", Duration.ofSeconds(5),
                    () -> p.b.session().lastError() != null && "received".equals(p.b.session().lastError().direction()));
            PeerSession.LastError e = p.b.session().lastError();
            assertNotNull(e.notification());
            // RFC 8538: both ends set the N bit, so an administrative shutdown goes out as a Hard Reset
            assertEquals(6, e.notification().code());
            assertEquals(9, e.notification().subcode());
            assertEquals(2, e.notification().hardResetReason().subcode());
            assertTrue(e.text().contains("hard reset"), e.text());
            assertEquals(SessionState.IDLE, p.a.session().state());
            // a stays down: an operator stopped it
            LoopbackPair.await("b idle or active", Duration.ofSeconds(5),
                    () -> p.b.session().state().ordinal() <= SessionState.ACTIVE.ordinal());
        }
    }

    /**
     * A connection from the peer that arrives just after the session came up is the peer's side of a collision
     * (it connected before its own session was established), not a restart: the peer advertised Graceful
     * Restart with no families (helper only, as BIRD and FRR do by default), so it preserves nothing across a
     * restart and RFC 4724 has no "restarting speaker" to resume. The session stays, the newcomer gets Cease/7.
     * Seen against FRR and BIRD: the crossing connection reset a session established milliseconds before.
     */
    @Test
    void newConnectionWhileEstablishedWithHelperOnlyPeerIsRefusedAsCollision() throws Exception {
        try (LoopbackPair p = new LoopbackPair(ID_LOW, 65001, true, ID_HIGH, 65002, false)) {
            p.awaitBoth(SessionState.ESTABLISHED);
            assertTrue(p.a.session().negotiated().peer().capabilities().stream()
                    .anyMatch(c -> c instanceof dev.petrel.wire.cap.Capability.GracefulRestart g
                            && g.families().isEmpty()), "the peer advertises helper-only Graceful Restart");
            byte[] answer;
            try (Socket late = new Socket()) {
                late.connect(new InetSocketAddress("127.0.0.1", p.a.port), 2000);
                late.setSoTimeout(5000);
                InputStream in = late.getInputStream();
                answer = in.readNBytes(64); // up to EOF
            }
            // 16-octet marker, length 21, type 3 NOTIFICATION, 6/7 Cease / Connection Collision Resolution
            assertEquals(21, answer.length, Arrays.toString(answer));
            assertEquals(3, answer[18]);
            assertEquals(6, answer[19]);
            assertEquals(7, answer[20]);
            assertEquals(SessionState.ESTABLISHED, p.a.session().state());
            assertEquals(SessionState.ESTABLISHED, p.b.session().state());
            assertEquals(1, p.a.session().stats().establishedTransitions());
            assertEquals(1, p.b.session().stats().establishedTransitions());
        }
    }
}
