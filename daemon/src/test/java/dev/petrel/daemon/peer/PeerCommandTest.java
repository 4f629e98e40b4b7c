package dev.petrel.daemon.peer;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PetrelConfig;
import dev.petrel.daemon.CommandRun;
import dev.petrel.daemon.admin.AdminServer;
import dev.petrel.daemon.admin.PeerControlHandler;
import dev.petrel.fsm.SessionState;
import dev.petrel.speaker.PeerStatus;
import dev.petrel.speaker.Speaker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `petrel peer shutdown NAME -m TEXT` and `petrel peer start NAME` against a running speaker pair. */
class PeerCommandTest {
    @Test
    void shutdownWithAMessageThenStartAgain() throws Exception {
        int pa = freePort("127.0.0.1");
        int pb = freePort("127.0.0.2");
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pct");
        Path sock = dir.resolve("a.sock");
        try (Speaker a = Speaker.start(config("10.255.1.1", 64512, "127.0.0.1", pa, "127.0.0.2", pb, 65001, true));
                Speaker b = Speaker.start(config("10.255.1.2", 65001, "127.0.0.2", pb, "127.0.0.1", pa, 64512,
                        false));
                AdminServer admin = AdminServer.start(sock, Map.of(
                        PeerControlHandler.SHUTDOWN, new PeerControlHandler(true, a::session),
                        PeerControlHandler.START, new PeerControlHandler(false, a::session)))) {
            await("Established", () -> a.peers().get(0).state() == SessionState.ESTABLISHED);

            CommandRun down = CommandRun.of("peer", "shutdown", "p", "-m", "maintenance until 14:00",
                    "--socket", sock.toString());
            assertEquals(0, down.exit(), down.err());
            assertTrue(down.out().contains("peer p: shutting down with message \"maintenance until 14:00\""),
                    down.out());
            await("b to see the message", () -> b.peers().get(0).lastError() != null
                    && b.peers().get(0).lastError().text().contains("maintenance until 14:00"));
            PeerStatus.LastError e = b.peers().get(0).lastError();
            assertEquals("received", e.direction());
            assertEquals(6, e.code());
            // a stays down: b's reconnects are refused while a is stopped
            await("a Idle", () -> a.peers().get(0).state() == SessionState.IDLE);

            CommandRun up = CommandRun.of("peer", "start", "p", "--socket", sock.toString());
            assertEquals(0, up.exit(), up.err());
            await("Established again", () -> a.peers().get(0).state() == SessionState.ESTABLISHED
                    && a.peers().get(0).establishedTransitions() == 2);

            CommandRun unknown = CommandRun.of("peer", "shutdown", "nope", "--socket", sock.toString());
            assertEquals(1, unknown.exit());
            assertTrue(unknown.err().contains("no peer named nope"), unknown.err());
        } finally {
            Files.deleteIfExists(sock);
            Files.deleteIfExists(dir);
        }
    }

    static PetrelConfig config(String routerId, long as, String listen, int port, String peer, int peerPort,
            long peerAs, boolean passive) {
        String text = "petrel {\n  router-id = \"" + routerId + "\"\n  local-as = " + as + "\n"
                + "  listen = [\"" + listen + ":" + port + "\"]\n  admin.socket = \"/tmp/unused.sock\"\n"
                + "  peers = [ { name = p, address = \"" + peer + "\", port = " + peerPort + ", local-address = \""
                + listen + "\", remote-as = " + peerAs + ", passive = " + passive
                + ", hold-time = 9s, connect-retry = 1s, idle-hold = 1s } ]\n}\n";
        ConfigResult r = ConfigLoader.parse(text, "test");
        if (r instanceof ConfigResult.Valid v) {
            return v.config();
        }
        throw new AssertionError(r.errors().toString());
    }


}
