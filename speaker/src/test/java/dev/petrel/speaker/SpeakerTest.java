package dev.petrel.speaker;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PetrelConfig;
import dev.petrel.fsm.SessionState;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class SpeakerTest {
    @Test
    void unknownAddressIsRefusedAndCountedWithoutTouchingThePeer() throws Exception {
        int port = freePort("127.0.0.1");
        try (Speaker s = Speaker.start(config("10.255.1.1", 64512, "127.0.0.1", port, "127.0.0.2", 1, 65001, true))) {
            try (Socket stranger = new Socket()) {
                stranger.bind(new InetSocketAddress("127.0.0.3", 0));
                int r;
                try {
                    // The reset may come while connect() is still collecting the handshake's outcome.
                    stranger.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                    stranger.setSoTimeout(2000);
                    r = stranger.getInputStream().read();
                } catch (java.net.SocketException reset) {
                    r = -1;
                }
                assertEquals(-1, r, "a stranger's connection is closed without a byte");
            }
            await("the refusal to be counted", () -> s.rejectedConnections() == 1);
            PeerStatus p = s.peers().get(0);
            assertEquals(SessionState.ACTIVE, p.state());
            assertNull(p.lastError());
            assertEquals(0, p.counters().messagesReceived());
        }
    }

    @Test
    void wrongPeerAsIsRefusedWithBadPeerAsAndTheReasonIsShown() throws Exception {
        int pa = freePort("127.0.0.1");
        int pb = freePort("127.0.0.2");
        // a expects AS 65009 at 127.0.0.2, but b is AS 65001
        try (Speaker a = Speaker.start(config("10.255.1.1", 64512, "127.0.0.1", pa, "127.0.0.2", pb, 65009, true));
                Speaker b = Speaker.start(config("10.255.1.2", 65001, "127.0.0.2", pb, "127.0.0.1", pa, 64512,
                        false))) {
            // the NOTIFICATION is recorded as it is sent, then again with the reason: wait for the second
            await("a to refuse b's OPEN", () -> a.peers().get(0).lastError() != null
                    && a.peers().get(0).lastError().text().contains(": "));
            PeerStatus.LastError e = a.peers().get(0).lastError();
            assertEquals("sent", e.direction());
            assertEquals(2, e.code());
            assertEquals(2, e.subcode());
            assertTrue(e.text().contains("peer AS 65001 is not the configured 65009"), e.text());
            await("b to hear it", () -> b.peers().get(0).lastError() != null
                    && "received".equals(b.peers().get(0).lastError().direction()));
            assertEquals(2, b.peers().get(0).lastError().subcode());
            assertTrue(a.peers().get(0).state() != SessionState.ESTABLISHED);
        }
    }

    @Test
    void sessionUpShowsNegotiationAndCounters() throws Exception {
        int pa = freePort("127.0.0.1");
        int pb = freePort("127.0.0.2");
        try (Speaker a = Speaker.start(config("10.255.1.1", 64512, "127.0.0.1", pa, "127.0.0.2", pb, 65001, true));
                Speaker b = Speaker.start(config("10.255.1.2", 65001, "127.0.0.2", pb, "127.0.0.1", pa, 64512,
                        false))) {
            await("Established", () -> a.peers().get(0).state() == SessionState.ESTABLISHED
                    && b.peers().get(0).state() == SessionState.ESTABLISHED);
            PeerStatus p = a.peers().get(0);
            assertEquals("10.255.1.2", p.negotiated().peerRouterId());
            assertEquals(65001, p.negotiated().peerAs());
            assertEquals(9, p.negotiated().holdTimeSeconds());
            assertTrue(p.negotiated().peerCapabilities().contains("software-version"), p.negotiated().toString());
            assertTrue(p.counters().messagesReceived() >= 2);
            assertEquals(1, p.establishedTransitions());
            assertTrue(p.establishedSince() != null);
        }
    }

    @Test
    void customerAndCustomerIsARoleMismatch() throws Exception {
        int pa = freePort("127.0.0.1");
        int pb = freePort("127.0.0.2");
        try (Speaker a = Speaker.start(config("10.255.1.1", 64512, "127.0.0.1", pa, "127.0.0.2", pb, 65001, true,
                        "role = customer"));
                Speaker b = Speaker.start(config("10.255.1.2", 65001, "127.0.0.2", pb, "127.0.0.1", pa, 64512,
                        false, "role = customer"))) {
            await("a role mismatch", () -> a.peers().get(0).lastError() != null
                    && b.peers().get(0).lastError() != null);
            PeerStatus.LastError e = a.peers().get(0).lastError().direction().equals("sent")
                    ? a.peers().get(0).lastError() : b.peers().get(0).lastError();
            assertEquals(2, e.code());
            assertEquals(11, e.subcode());
            assertTrue(e.text().contains("does not pair"), e.text());
        }
    }

    /** Closing a speaker tells its peers why: Cease/2 with the shutdown text, as a Hard Reset (RFC 8538). */
    @Test
    void closingASpeakerSendsItsPeersAnAdministrativeShutdown() throws Exception {
        int pa = freePort("127.0.0.1");
        int pb = freePort("127.0.0.2");
        try (Speaker a = Speaker.start(config("10.255.1.1", 64512, "127.0.0.1", pa, "127.0.0.2", pb, 65001, true))) {
            Speaker b = Speaker.start(config("10.255.1.2", 65001, "127.0.0.2", pb, "127.0.0.1", pa, 64512, false));
            await("Established", () -> a.peers().get(0).state() == SessionState.ESTABLISHED
                    && b.peers().get(0).state() == SessionState.ESTABLISHED);
            b.close();
            // An earlier "local" error (a's first connect may have been refused before b listened) is no answer.
            await("a to hear why", () -> a.peers().get(0).lastError() != null
                    && !"local".equals(a.peers().get(0).lastError().direction()));
            PeerStatus.LastError e = a.peers().get(0).lastError();
            assertEquals("received", e.direction());
            assertEquals(6, e.code());
            assertEquals(9, e.subcode());
            assertTrue(e.text().contains("petrel is shutting down"), e.text());
            assertTrue(a.peers().get(0).state() != SessionState.ESTABLISHED);
        }
    }

    static PetrelConfig config(String routerId, long as, String listen, int port, String peer, int peerPort,
            long peerAs, boolean passive) {
        return config(routerId, as, listen, port, peer, peerPort, peerAs, passive, "");
    }

    static PetrelConfig config(String routerId, long as, String listen, int port, String peer, int peerPort,
            long peerAs, boolean passive, String extra) {
        String text = "petrel {\n"
                + "  router-id = \"" + routerId + "\"\n  local-as = " + as + "\n"
                + "  listen = [\"" + listen + ":" + port + "\"]\n"
                + "  admin.socket = \"/tmp/petrel-speaker-test.sock\"\n"
                + "  peers = [ { name = p, address = \"" + peer + "\", port = " + peerPort + ", local-address = \""
                + listen + "\", remote-as = " + peerAs + ", passive = " + passive
                + ", hold-time = 9s, connect-retry = 1s, idle-hold = 1s" + (extra.isEmpty() ? "" : ", " + extra)
                + " } ]\n}\n";
        ConfigResult r = ConfigLoader.parse(text, "test");
        if (r instanceof ConfigResult.Valid v) {
            return v.config();
        }
        throw new AssertionError(r.errors().toString());
    }


}
