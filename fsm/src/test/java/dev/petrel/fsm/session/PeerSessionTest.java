package dev.petrel.fsm.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.OpenCheck;
import dev.petrel.fsm.SessionState;
import dev.petrel.wire.Notification;
import java.time.Duration;
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
}
