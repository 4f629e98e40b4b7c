package dev.petrel.daemon.admin;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the socket gets to its path: never with another mode, never over someone else's file. */
class SocketAccessTest {
    @TempDir
    Path dir;

    private static List<Path> list(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }

    @Test
    void aFileThatAppearsAtThePathIsNotReplaced() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        // What a second daemon would have bound between our check of the path and our link.
        Files.writeString(socket, "theirs");
        AdminException e = assertThrows(AdminException.class, () -> SocketAccess.of(null).bind(socket));
        assertEquals(socket + " was created by someone else while this daemon started; not replacing it",
                e.getMessage());
        assertEquals("theirs", Files.readString(socket));
        assertEquals(List.of(socket), list(socket.getParent()), "no staging directory left behind");
    }

    @Test
    void aPathTooLongToStageIsBoundInPlaceWithTheMode() throws Exception {
        // The socket's path fits sun_path (107 octets), its staging path (.petrel-admin-NUMBER/s) does not.
        Path base = Path.of("/tmp").resolve("petrel-sa-" + ProcessHandle.current().pid());
        String pad = "d".repeat(Math.max(1, 107 - base.toString().length() - "/petrel.sock".length() - 2));
        Path parent = Files.createDirectories(base.resolve(pad));
        Path socket = parent.resolve("petrel.sock");
        assertTrue(socket.toString().length() <= 107, socket.toString());
        try (ServerSocketChannel ch = SocketAccess.of(null).bind(socket)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            assertEquals(List.of(socket), list(parent));
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(parent);
            Files.deleteIfExists(base);
        }
    }
}
