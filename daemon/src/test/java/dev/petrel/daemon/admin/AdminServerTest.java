package dev.petrel.daemon.admin;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The admin socket end to end: a real Unix domain socket, a real client. */
@Timeout(20)
class AdminServerTest {
    @TempDir
    Path dir;

    private static final Map<String, AdminHandler> HANDLERS = Map.of(
            ShowPeersHandler.COMMAND, new ShowPeersHandler(Fixtures::peers, Fixtures.CLOCK),
            "fail", (request, response) -> {
                throw new IllegalStateException("snapshot unavailable");
            },
            "refuse", (request, response) -> {
                response.writeStartObject();
                response.writeStringField("half", "written");
                throw new AdminException("no peer named x; peers: a, b");
            });

    @Test
    void clientGetsThePeers() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        try (AdminServer server = AdminServer.start(socket, HANDLERS)) {
            JsonNode answer = new AdminClient(socket).call(ShowPeersHandler.COMMAND);
            assertEquals(Fixtures.peers(), PeerStatusJson.readPeers(answer).peers());
            assertEquals(Fixtures.NOW, PeerStatusJson.readPeers(answer).time());
            // Several questions, several connections: the server keeps serving.
            assertEquals(4, new AdminClient(socket).call(ShowPeersHandler.COMMAND).get("peers").size());
        }
    }

    @Test
    void socketIsOwnerOnlyAndGoesAwayOnClose() throws Exception {
        Path socket = Fixtures.socketIn(dir.resolve("run/petrel"));
        AdminServer server = AdminServer.start(socket, HANDLERS);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
        try (var files = Files.list(socket.getParent())) {
            assertEquals(List.of(socket), files.toList(), "the staging directory is gone");
        }
        assertEquals(4, new AdminClient(socket).call(ShowPeersHandler.COMMAND).get("peers").size(),
                "served at the path it was linked to");
        server.close();
        assertFalse(Files.exists(socket));
        server.close();
    }

    @Test
    void aSocketGroupMakesIt0660AndThatGroups() throws Exception {
        // Our own primary group: the one group a test can always give a file to.
        GroupPrincipal ours = Files.readAttributes(Files.createFile(dir.resolve("probe")),
                PosixFileAttributes.class).group();
        Path socket = Fixtures.socketIn(dir.resolve("run/petrel"));
        try (AdminServer server = AdminServer.start(socket, HANDLERS, AdminServer.Limits.DEFAULT, ours.getName())) {
            PosixFileAttributes a = Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            assertEquals("rw-rw----", PosixFilePermissions.toString(a.permissions()));
            assertEquals(ours, a.group());
            PosixFileAttributes d = Files.readAttributes(socket.getParent(), PosixFileAttributes.class);
            assertEquals("rwxr-x---", PosixFilePermissions.toString(d.permissions()), "members may reach it");
            assertEquals(ours, d.group());
            assertEquals(4, new AdminClient(socket).call(ShowPeersHandler.COMMAND).get("peers").size());
        }
    }

    @Test
    void anExistingDirectoryKeepsItsMode() throws Exception {
        Path run = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = Fixtures.socketIn(run);
        try (AdminServer server = AdminServer.start(socket, HANDLERS)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(run)),
                    "a directory the daemon did not create (systemd's RuntimeDirectory) is not its to change");
        }
    }

    @Test
    void anUnknownSocketGroupStopsTheStart() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        AdminException e = assertThrows(AdminException.class,
                () -> AdminServer.start(socket, HANDLERS, AdminServer.Limits.DEFAULT, "no-such-group-petrel"));
        assertEquals("admin.socket-group: no group no-such-group-petrel on this host", e.getMessage());
        assertFalse(Files.exists(socket));
    }

    @Test
    void staleSocketFromADeadDaemonIsRemoved() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        // A daemon that died without cleaning up leaves the file and nobody listening on it.
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close();
        assertTrue(Files.exists(socket));
        try (AdminServer server = AdminServer.start(socket, HANDLERS)) {
            assertEquals(4, new AdminClient(socket).call(ShowPeersHandler.COMMAND).get("peers").size());
        }
    }

    @Test
    void secondDaemonOnALiveSocketIsRefused() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        try (AdminServer first = AdminServer.start(socket, HANDLERS)) {
            AdminException e = assertThrows(AdminException.class, () -> AdminServer.start(socket, HANDLERS));
            assertEquals("another petrel is running on " + socket, e.getMessage());
            assertEquals(4, new AdminClient(socket).call(ShowPeersHandler.COMMAND).get("peers").size());
        }
    }

    @Test
    void somethingElseAtThePathIsLeftAlone() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        Files.writeString(socket, "not a socket");
        AdminException e = assertThrows(AdminException.class, () -> AdminServer.start(socket, HANDLERS));
        assertTrue(e.getMessage().contains("is not a socket"), e.getMessage());
        assertEquals("not a socket", Files.readString(socket));
    }

    @Test
    void unknownCommandIsAnError() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        try (AdminServer server = AdminServer.start(socket, HANDLERS)) {
            AdminClient client = new AdminClient(socket);
            assertEquals("{\"error\":\"unknown command show-rib\"}", client.exchange("{\"command\":\"show-rib\"}"));
            AdminException e = assertThrows(AdminException.class, () -> client.call("show-rib"));
            assertEquals("the daemon says: unknown command show-rib", e.getMessage());
        }
    }

    @Test
    void malformedRequestsAreErrors() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        try (AdminServer server = AdminServer.start(socket, HANDLERS)) {
            AdminClient client = new AdminClient(socket);
            assertEquals("{\"error\":\"bad request: not JSON\"}", client.exchange("show peers"));
            assertEquals("{\"error\":\"bad request: expected {\\\"command\\\": NAME}\"}", client.exchange("[1]"));
            assertEquals("{\"error\":\"bad request: expected {\\\"command\\\": NAME}\"}", client.exchange(""));
        }
    }

    @Test
    void failingHandlerIsAnErrorNotAHangUp() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        try (AdminServer server = AdminServer.start(socket, HANDLERS)) {
            AdminException e = assertThrows(AdminException.class, () -> new AdminClient(socket).call("fail"));
            assertTrue(e.getMessage().contains("fail failed: java.lang.IllegalStateException: snapshot unavailable"),
                    e.getMessage());
        }
    }

    @Test
    void refusedRequestIsTheHandlersWordsAndNothingItHadWritten() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        try (AdminServer server = AdminServer.start(socket, HANDLERS)) {
            assertEquals("{\"error\":\"no peer named x; peers: a, b\"}",
                    new AdminClient(socket).exchange("{\"command\":\"refuse\"}"));
        }
    }

    @Test
    void oversizedRequestIsRefused() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        try (AdminServer server = AdminServer.start(socket, HANDLERS)) {
            String huge = "{\"command\":\"" + "x".repeat(100_000) + "\"}";
            assertEquals("{\"error\":\"request longer than 65536 bytes\"}", new AdminClient(socket).exchange(huge));
            // Exactly at the limit is still served (and still unknown).
            String atLimit = "{\"command\":\"" + "x".repeat(65536 - 14) + "\"}";
            assertEquals(65536, atLimit.length());
            assertTrue(new AdminClient(socket).exchange(atLimit).startsWith("{\"error\":\"unknown command xxx"));
        }
    }

    @Test
    void silentClientIsCutOffAndItsSlotFreed() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        AdminServer.Limits limits = new AdminServer.Limits(1024, Duration.ofMillis(200), 1);
        try (AdminServer server = AdminServer.start(socket, HANDLERS, limits);
                SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            long start = System.nanoTime();
            // The server closes on us: end of stream, no answer.
            assertEquals(-1, silent.read(ByteBuffer.allocate(16)));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(150).toNanos());
            // The slot comes back once the connection's thread has finished, a moment after the close.
            JsonNode answer = null;
            for (int i = 0; i < 100 && answer == null; i++) {
                try {
                    answer = new AdminClient(socket).call(ShowPeersHandler.COMMAND);
                } catch (AdminException busy) {
                    assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
                    Thread.sleep(10);
                }
            }
            assertNotNull(answer, "the silent client's slot was never freed");
            assertEquals(4, answer.get("peers").size());
        }
    }

    @Test
    void clientsBeyondTheLimitAreClosedUnanswered() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        AdminServer.Limits limits = new AdminServer.Limits(1024, Duration.ofSeconds(10), 1);
        try (AdminServer server = AdminServer.start(socket, HANDLERS, limits);
                SocketChannel holder = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            // The holder may not have been accepted yet; wait until its slot is taken.
            AdminException e = null;
            for (int i = 0; i < 100 && e == null; i++) {
                try {
                    new AdminClient(socket).call(ShowPeersHandler.COMMAND);
                    Thread.sleep(10);
                } catch (AdminException refused) {
                    e = refused;
                }
            }
            assertNotNull(e, "a second client was served while the first held the only slot");
            assertEquals("the daemon says: busy: 1 admin clients connected", e.getMessage());
            holder.write(ByteBuffer.wrap("{\"command\":\"show-peers\"}\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(64);
            assertTrue(holder.read(answer) > 0);
        }
    }

    @Test
    void closeDropsConnectionsInFlight() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        AdminServer server = AdminServer.start(socket, HANDLERS);
        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            Thread.sleep(50);
            server.close();
            assertEquals(-1, readOrEof(silent));
        }
    }

    private static int readOrEof(SocketChannel ch) {
        try {
            return ch.read(ByteBuffer.allocate(16));
        } catch (IOException reset) {
            return -1;
        }
    }
}
