package dev.petrel.fsm.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.SessionState;
import dev.petrel.wire.BgpMessage;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Family;
import dev.petrel.wire.Keepalive;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.Notification;
import dev.petrel.wire.Open;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.cap.Capability;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 4724 §4.2: a peer that preserves forwarding state and opens a new session while ours is Established has
 * restarted; once its OPEN on the new connection is valid, the old session ends and the new one carries on. A
 * bare TCP connection proves nothing, and a helper-only peer's late connection is a collision (Cease/7).
 */
class GracefulRestartReconnectTest {
    static Open open(boolean restarting, boolean preservesState) {
        List<Capability.GrFamily> fams = preservesState
                ? List.of(new Capability.GrFamily(Family.IPV4_UNICAST, true)) : List.of();
        return new Open(LocalOpen.AS_TRANS, 9, RawPeer.PEER_ID, List.of(
                new Capability.Multiprotocol(Family.IPV4_UNICAST), new Capability.FourOctetAs(RawPeer.PEER_AS),
                new Capability.GracefulRestart(restarting, true, 120, fams)));
    }

    @Test
    void restartedPeerWithPreservedStateReplacesTheSessionAfterAValidOpen() throws Exception {
        try (RawPeer p = new RawPeer(1, 9, null, null).connect()) {
            assertTrue(p.read(SessionContext.INITIAL) instanceof Open);
            p.send(SessionContext.INITIAL, open(false, true), Keepalive.INSTANCE);
            p.readUntil(Keepalive.class, RawPeer.negotiated());
            LoopbackPair.await("Established", Duration.ofSeconds(5),
                    () -> p.session.state() == SessionState.ESTABLISHED);
            try (Socket again = new Socket()) {
                again.connect(p.server.localAddress(), 2000);
                again.setSoTimeout(10_000);
                DataInputStream in = new DataInputStream(again.getInputStream());
                assertTrue(read(in, SessionContext.INITIAL) instanceof Open, "the new connection gets our OPEN");
                // the old session stays up until the new OPEN is valid
                assertEquals(SessionState.ESTABLISHED, p.session.state());
                again.getOutputStream().write(concat(MessageEncoder.toBytes(open(true, true), SessionContext.INITIAL),
                        MessageEncoder.toBytes(Keepalive.INSTANCE, SessionContext.INITIAL)));
                while (!(read(in, RawPeer.negotiated()) instanceof Keepalive)) {
                    // OPEN answered by our KEEPALIVE
                }
                LoopbackPair.await("the new session", Duration.ofSeconds(5),
                        () -> p.session.stats().establishedTransitions() == 2
                                && p.session.state() == SessionState.ESTABLISHED);
                assertTrue(p.closedBySession(RawPeer.negotiated()), "the old connection is closed");
            }
        }
    }

    @Test
    void helperOnlyPeersLateConnectionIsACollision() throws Exception {
        try (RawPeer p = new RawPeer(1, 9, null, null).connect()) {
            assertTrue(p.read(SessionContext.INITIAL) instanceof Open);
            p.send(SessionContext.INITIAL, open(false, false), Keepalive.INSTANCE);
            p.readUntil(Keepalive.class, RawPeer.negotiated());
            LoopbackPair.await("Established", Duration.ofSeconds(5),
                    () -> p.session.state() == SessionState.ESTABLISHED);
            try (Socket late = new Socket()) {
                late.connect(p.server.localAddress(), 2000);
                late.setSoTimeout(10_000);
                BgpMessage m = read(new DataInputStream(late.getInputStream()), SessionContext.INITIAL);
                assertTrue(m instanceof Notification n && n.code() == 6 && n.subcode() == 7, String.valueOf(m));
            }
            assertEquals(SessionState.ESTABLISHED, p.session.state());
            assertEquals(1, p.session.stats().establishedTransitions());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static BgpMessage read(DataInputStream in, SessionContext ctx) throws IOException {
        byte[] header = new byte[19];
        in.readFully(header);
        int len = ((header[16] & 0xff) << 8) | (header[17] & 0xff);
        byte[] all = new byte[len];
        System.arraycopy(header, 0, all, 0, 19);
        in.readFully(all, 19, len - 19);
        DecodeResult r = MessageDecoder.decode(all, ctx);
        return r.message();
    }
}
