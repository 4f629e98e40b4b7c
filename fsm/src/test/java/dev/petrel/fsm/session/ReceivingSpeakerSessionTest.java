package dev.petrel.fsm.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.SessionState;
import dev.petrel.wire.Family;
import dev.petrel.wire.Keepalive;
import dev.petrel.wire.Notification;
import dev.petrel.wire.SessionContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real session tells its owner what the end of an Established session lets it keep (RFC 4724 §4.2): a peer that
 * preserves IPv4 forwarding and drops the TCP connection is restarting; a Hard Reset from it is not.
 */
class ReceivingSpeakerSessionTest {
    private final CompletableFuture<RouteRetention> down = new CompletableFuture<>();

    private RawPeer established(boolean preservesState) throws Exception {
        return established(preservesState, down);
    }

    /** Established with a peer listing IPv4 in its capability (or no family); the session's end goes to {@code to}. */
    private static RawPeer established(boolean preservesState, CompletableFuture<RouteRetention> to)
            throws Exception {
        RawPeer p = new RawPeer(1, 9, null, new SessionListener() {
            @Override
            public void down(PeerSession peer, String reason, RouteRetention keep) {
                to.complete(keep);
            }
        }).connect();
        assertTrue(p.read(SessionContext.INITIAL) instanceof dev.petrel.wire.Open);
        p.send(SessionContext.INITIAL, GracefulRestartReconnectTest.open(false, preservesState), Keepalive.INSTANCE);
        p.readUntil(Keepalive.class, RawPeer.negotiated());
        LoopbackPair.await("Established", Duration.ofSeconds(5), () -> p.session.state() == SessionState.ESTABLISHED);
        return p;
    }

    @Test
    void aRestartingPeersTcpCloseKeepsItsRoutes() throws Exception {
        try (RawPeer p = established(true)) {
            p.socket.close();
            RouteRetention keep = down.get(10, TimeUnit.SECONDS);
            assertEquals(Set.of(Family.IPV4_UNICAST), keep.families());
            assertEquals(Duration.ofSeconds(120), keep.restartTime());
        }
    }

    @Test
    void aNotificationUnderTheNBitKeepsThemAndAHardResetDoesNot() throws Exception {
        try (RawPeer p = established(true)) {
            // both set the N bit (the session advertises the helper form with it): Cease/4 keeps them
            p.send(RawPeer.negotiated(), new Notification(Notification.CEASE, Notification.CEASE_ADMIN_RESET));
            assertTrue(down.get(10, TimeUnit.SECONDS).keepsAny());
        }
        CompletableFuture<RouteRetention> second = new CompletableFuture<>();
        try (RawPeer p = established(true, second)) {
            p.send(RawPeer.negotiated(), Notification.hardReset(
                    new Notification(Notification.CEASE, Notification.CEASE_ADMIN_RESET)));
            RouteRetention keep = second.get(10, TimeUnit.SECONDS);
            assertFalse(keep.keepsAny());
            assertEquals("Hard Reset received", keep.why());
        }
    }

    @Test
    void aHelperOnlyPeerKeepsNothing() throws Exception {
        try (RawPeer p = established(false)) {
            p.socket.close();
            assertFalse(down.get(10, TimeUnit.SECONDS).keepsAny());
        }
    }
}
