package dev.petrel.fsm.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.SessionState;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Family;
import dev.petrel.wire.Keepalive;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.Notification;
import dev.petrel.wire.Open;
import dev.petrel.wire.RouteRefresh;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The session driver against a hand-driven peer on a raw socket. */
class RawPeerSessionTest {
    private static final SessionContext INITIAL = SessionContext.INITIAL;

    /** Collects the UPDATEs an Established session hands on. */
    static class Updates implements SessionListener {
        final LinkedBlockingQueue<DecodeResult> received = new LinkedBlockingQueue<>();

        @Override
        public boolean message(PeerSession peer, DecodeResult result) {
            received.add(result);
            return true;
        }

        DecodeResult next() throws InterruptedException {
            DecodeResult r = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(r, "no UPDATE reached the listener");
            return r;
        }
    }

    static Update update4OctetPath() {
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP)
                .asPath(AsPath.sequence(RawPeer.PEER_AS, 4_200_000_099L)).nextHop("10.0.0.2").build();
        return Update.announce(a, PrefixList.of(Prefix.parse("198.51.100.0/24"), Prefix.parse("203.0.113.0/24")));
    }

    static void assertDecodedIn4OctetAs(DecodeResult r) {
        assertTrue(r.problems().isEmpty(), "UPDATE decoded with problems: " + r.problems());
        Update u = assertInstanceOf(Update.class, r.message());
        assertEquals(AsPath.sequence(RawPeer.PEER_AS, 4_200_000_099L), u.attributes().asPath());
    }

    /**
     * A well-behaved peer: OPEN and KEEPALIVE once it has ours, its first UPDATE the moment our KEEPALIVE
     * arrives. With the session and its channel on one event loop (one thread: the daemon on a one-core
     * machine, or any peer whose accepted channel lands on the session's loop) our KEEPALIVE used to leave
     * before the switch to the negotiated context, so a fast peer's UPDATE could be decoded with 2-octet ASNs.
     * The listener taking a moment when the session comes up (as a RIB would) holds the loop in the same read
     * long enough for the peer's UPDATE to arrive in it.
     */
    @RepeatedTest(3)
    void firstUpdateAfterOurKeepaliveIsDecodedWithTheNegotiatedContext() throws Exception {
        Updates updates = new Updates() {
            @Override
            public void established(PeerSession peer, dev.petrel.fsm.Negotiated negotiated) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (RawPeer p = new RawPeer(1, 9, null, updates).connect()) {
            assertInstanceOf(Open.class, p.read(INITIAL));
            p.send(INITIAL, RawPeer.peerOpen(9), Keepalive.INSTANCE);
            assertInstanceOf(Keepalive.class, p.read(INITIAL));
            p.send(RawPeer.negotiated(), update4OctetPath());
            assertDecodedIn4OctetAs(updates.next());
            assertEquals(SessionState.ESTABLISHED, p.session.state());
        }
    }

    /**
     * OPEN, KEEPALIVE and UPDATE in one segment (a peer that does not wait for our KEEPALIVE): the session goes
     * Established on the KEEPALIVE and must decode the UPDATE with the 4-octet AS it just negotiated.
     */
    @ParameterizedTest(name = "session on its own loop: {0}")
    @ValueSource(booleans = {false, true})
    void updatePipelinedBehindOpenAndKeepaliveIsDecodedWithTheNegotiatedContext(boolean separateLoops)
            throws Exception {
        Updates updates = new Updates();
        try (RawPeer p = new RawPeer(1, separateLoops, 9, null, updates).connect()) {
            assertInstanceOf(Open.class, p.read(INITIAL));
            p.send(RawPeer.negotiated(), RawPeer.peerOpen(9), Keepalive.INSTANCE, update4OctetPath());
            assertDecodedIn4OctetAs(updates.next());
            LoopbackPair.await("counters", Duration.ofSeconds(5), () -> p.session.stats().updatesReceived() == 1);
            assertEquals(2, p.session.stats().prefixesReceived());
        }
    }

    /**
     * RFC 9687: a peer that stops reading is closed with 8/0 when the send hold timer expires. The NOTIFICATION
     * queues behind everything the peer did not read, so it never leaves; closing must not wait for it forever,
     * or the connection (and all it buffered) stays open while the session has long moved on.
     */
    @Test
    void sendHoldTimerClosesAConnectionWhosePeerStoppedReading() throws Exception {
        try (RawPeer p = new RawPeer(1, 9, Duration.ofSeconds(1), null).connect(4096).establish(9)) {
            Channel ch = p.accepted;
            // what a full table would do: more than the socket buffers hold, so the channel turns unwritable
            ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[16 << 20]));
            LoopbackPair.await("8/0 sent", Duration.ofSeconds(10), () -> p.session.lastError() != null
                    && p.session.lastError().notification() != null
                    && p.session.lastError().notification().code() == Notification.SEND_HOLD_TIMER_EXPIRED);
            assertTrue(p.session.state().ordinal() < SessionState.OPEN_SENT.ordinal(), p.session.state().toString());
            assertTrue(ch.closeFuture().await(10, TimeUnit.SECONDS), "the stuck connection was never closed");
        }
    }

    @Test
    void openWithBadHoldTimeIsAnsweredWith2of6AndTheConnectionClosed() throws Exception {
        try (RawPeer p = new RawPeer(1, 9, null, null).connect()) {
            assertInstanceOf(Open.class, p.read(INITIAL));
            p.send(INITIAL, RawPeer.peerOpen(2)); // RFC 4271 §6.2: 1 and 2 are refused
            Notification n = p.readUntil(Notification.class, INITIAL);
            assertEquals(2, n.code());
            assertEquals(6, n.subcode());
            assertTrue(p.closedBySession(INITIAL));
            assertEquals("sent", p.session.lastError().direction());
            assertEquals(6, p.session.lastError().notification().subcode());
        }
    }

    @Test
    void malformedOpenIsAnsweredWithAnOpenMessageError() throws Exception {
        try (RawPeer p = new RawPeer(1, 9, null, null).connect()) {
            assertInstanceOf(Open.class, p.read(INITIAL));
            byte[] open = MessageEncoder.toBytes(RawPeer.peerOpen(9), INITIAL);
            open[19] = 3; // version 3
            p.out.write(open);
            Notification n = p.readUntil(Notification.class, INITIAL);
            assertEquals(2, n.code());
            assertEquals(1, n.subcode());
            assertTrue(p.closedBySession(INITIAL));
        }
    }

    /** Hold time 0 (RFC 4271 §4.2): Established, no KEEPALIVEs either way, and no hold timer to expire. */
    @Test
    void holdTimeZeroEstablishesWithoutKeepalives() throws Exception {
        try (RawPeer p = new RawPeer(1, 3, null, null).connect().establish(0)) {
            assertEquals(0, p.session.negotiated().holdTimeSeconds());
            assertEquals(0, p.session.negotiated().keepaliveSeconds());
            long sent = p.session.stats().messagesSent();
            Thread.sleep(4000); // longer than the 3 s we offered
            assertEquals(SessionState.ESTABLISHED, p.session.state());
            assertEquals(sent, p.session.stats().messagesSent(), "no KEEPALIVEs with hold time 0");
        }
    }

    /** A peer that goes silent is closed with 4/0 once the (3 s) hold time has passed without a message. */
    @Test
    void silentPeerGetsHoldTimerExpired() throws Exception {
        try (RawPeer p = new RawPeer(1, 3, null, null).connect().establish(3)) {
            long t0 = System.nanoTime();
            Notification n = p.readUntil(Notification.class, RawPeer.negotiated()); // KEEPALIVEs come first
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(4, n.code());
            assertEquals(0, n.subcode());
            assertTrue(ms >= 2000 && ms < 5000, "hold timer fired after " + ms + " ms");
            assertTrue(p.closedBySession(RawPeer.negotiated()));
            assertEquals("sent", p.session.lastError().direction());
        }
    }

    /** KEEPALIVEs restart the hold timer: a peer that keeps sending them stays up past the hold time. */
    @Test
    void keepalivesKeepTheSessionUpPastTheHoldTime() throws Exception {
        try (RawPeer p = new RawPeer(1, 3, null, null).connect().establish(3)) {
            for (int i = 0; i < 8; i++) {
                Thread.sleep(700);
                p.send(RawPeer.negotiated(), Keepalive.INSTANCE);
            }
            assertEquals(SessionState.ESTABLISHED, p.session.state());
            assertEquals(1, p.session.stats().establishedTransitions());
        }
    }

    /** A NOTIFICATION in OpenSent closes without an answer (no NOTIFICATION answers a NOTIFICATION). */
    @Test
    void notificationInOpenSentClosesWithoutAnswer() throws Exception {
        try (RawPeer p = new RawPeer(1, 9, null, null).connect()) {
            assertInstanceOf(Open.class, p.read(INITIAL));
            p.send(INITIAL, new Notification(Notification.CEASE, Notification.CEASE_CONNECTION_REJECTED));
            assertTrue(p.closedBySession(INITIAL));
            assertEquals(0, p.session.stats().notificationsSent());
            assertEquals("received", p.session.lastError().direction());
            assertEquals(5, p.session.lastError().notification().subcode());
        }
    }

    /** An UPDATE before the OPEN exchange is an FSM error (RFC 6608 5/1) and never reaches the listener. */
    @Test
    void updateInOpenSentIsAnFsmError() throws Exception {
        Updates updates = new Updates();
        try (RawPeer p = new RawPeer(1, 9, null, updates).connect()) {
            assertInstanceOf(Open.class, p.read(INITIAL));
            p.send(INITIAL, update4OctetPath());
            Notification n = p.readUntil(Notification.class, INITIAL);
            assertEquals(5, n.code());
            assertEquals(1, n.subcode());
            assertTrue(updates.received.isEmpty());
            assertEquals(0, p.session.stats().updatesReceived());
        }
    }

    /** A ROUTE-REFRESH on an Established session is handed on and keeps the session up. */
    @Test
    void routeRefreshIsHandedOnAndKeepsTheSessionUp() throws Exception {
        Updates updates = new Updates();
        try (RawPeer p = new RawPeer(1, 9, null, updates).connect().establish(9)) {
            p.send(RawPeer.negotiated(), new RouteRefresh(Family.IPV4_UNICAST, 0));
            assertInstanceOf(RouteRefresh.class, updates.next().message());
            Thread.sleep(200);
            assertEquals(SessionState.ESTABLISHED, p.session.state());
        }
    }

    /**
     * A consumer that says it is behind stops reading until it resumes, however many messages drain meanwhile;
     * then everything the peer sent arrives, in order, none lost.
     */
    @Test
    void consumerThatIsBehindPausesReadingUntilItResumes() throws Exception {
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean behind = new java.util.concurrent.atomic.AtomicBoolean(true);
        SessionListener slow = new SessionListener() {
            @Override
            public boolean message(PeerSession peer, DecodeResult result) {
                seen.incrementAndGet();
                return !behind.get();
            }
        };
        try (RawPeer p = new RawPeer(2, true, 9, null, slow).connect().establish(9)) {
            Update u = update4OctetPath();
            for (int i = 0; i < 20; i++) {
                dev.petrel.wire.BgpMessage[] batch = new dev.petrel.wire.BgpMessage[100];
                java.util.Arrays.fill(batch, u);
                p.send(RawPeer.negotiated(), batch);
            }
            LoopbackPair.await("the first UPDATE", Duration.ofSeconds(5), () -> seen.get() >= 1);
            int atPause = seen.get();
            Thread.sleep(500); // nothing may be read while paused: what was already decoded drains, then it stops
            int drained = seen.get();
            Thread.sleep(500);
            assertEquals(drained, seen.get(), "reading stays paused");
            assertTrue(drained < 2000, "paused after " + atPause + ", drained to " + drained);
            behind.set(false);
            p.session.resumeReading();
            LoopbackPair.await("all 2000 UPDATEs", Duration.ofSeconds(10), () -> seen.get() == 2000);
            assertEquals(SessionState.ESTABLISHED, p.session.state());
        }
    }

    /**
     * RFC 7606: an UPDATE with a bad ORIGIN value is treated as withdraw; the session stays up, counts it as
     * malformed (the per-peer error counter of RFC 7606 §6) and does not count its prefixes as received.
     */
    @Test
    void treatAsWithdrawUpdateIsCountedAsMalformedAndItsPrefixesAreNot() throws Exception {
        Updates updates = new Updates();
        try (RawPeer p = new RawPeer(1, 9, null, updates).connect().establish(9)) {
            byte[] msg = dev.petrel.wire.MessageEncoder.toBytes(update4OctetPath(), RawPeer.negotiated());
            int at = -1;
            for (int i = 23; i + 3 < msg.length; i++) {
                if (msg[i] == 0x40 && msg[i + 1] == 0x01 && msg[i + 2] == 0x01) {
                    at = i + 3; // ORIGIN: flags 0x40, type 1, length 1, value
                    break;
                }
            }
            assertTrue(at > 0, "ORIGIN found");
            msg[at] = 7;
            p.out.write(msg);
            p.out.flush();
            DecodeResult r = updates.next();
            assertEquals(dev.petrel.wire.ErrorAction.TREAT_AS_WITHDRAW, r.action());
            LoopbackPair.await("counted", Duration.ofSeconds(5), () -> p.session.stats().malformedUpdates() == 1);
            assertEquals(1, p.session.stats().updatesReceived());
            assertEquals(0, p.session.stats().prefixesReceived());
            assertEquals(SessionState.ESTABLISHED, p.session.state());
        }
    }
}
