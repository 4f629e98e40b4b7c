package dev.petrel.daemon.admin;

import static org.junit.jupiter.api.Assertions.*;

import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the operator reads when the daemon cannot be asked. */
@Timeout(20)
class AdminClientTest {
    @TempDir
    Path dir;

    @Test
    void noSocketFile() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        AdminException e = assertThrows(AdminException.class, () -> new AdminClient(socket).call("show-peers"));
        assertEquals("no petrel daemon is listening on " + socket
                + " (is `petrel run` started? is --socket right?)", e.getMessage());
    }

    @Test
    void socketFileOfADeadDaemon() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close();
        AdminException e = assertThrows(AdminException.class, () -> new AdminClient(socket).call("show-peers"));
        assertTrue(e.getMessage().startsWith("no petrel daemon is listening on " + socket), e.getMessage());
    }

    @Test
    void permissionDeniedSaysSo() {
        // The tests may run as root, who is never denied; the JDK's report of EACCES is what we classify.
        Path socket = Path.of("/run/petrel/petrel.sock");
        AdminException e = AdminClient.connectFailure(socket, new SocketException("Permission denied"));
        assertTrue(e.getMessage().startsWith("permission denied on /run/petrel/petrel.sock"), e.getMessage());
    }

    @Test
    void otherConnectFailuresKeepTheirReason() {
        AdminException e = AdminClient.connectFailure(Path.of("/x"),
                new SocketException("Unix domain path too long"));
        assertEquals("cannot connect to /x: Unix domain path too long", e.getMessage());
    }

    @Test
    void daemonThatNeverAnswersTimesOut() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        // Bound but never accepting: the connect succeeds (backlog), the answer never comes.
        try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            mute.bind(UnixDomainSocketAddress.of(socket));
            AdminException e = assertThrows(AdminException.class,
                    () -> new AdminClient(socket, Duration.ofMillis(200)).call("show-peers"));
            assertEquals("the daemon on " + socket + " did not answer within 200ms", e.getMessage());
        }
    }
}
