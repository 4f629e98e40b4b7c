package dev.petrel.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.daemon.CommandRun;
import dev.petrel.daemon.admin.AdminServer;
import dev.petrel.daemon.admin.StopHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code petrel stop [--for-good]} against the admin socket: what the daemon is told, what the operator reads. */
class StopCommandTest {
    private CommandRun stop(boolean gracefulRestart, BlockingQueue<Boolean> told, String... extra) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "stop");
        Path sock = dir.resolve("a.sock");
        try (AdminServer admin = AdminServer.start(sock, Map.of(StopHandler.COMMAND,
                new StopHandler(gracefulRestart, told::add)))) {
            String[] args = new String[extra.length + 3];
            args[0] = "stop";
            args[1] = "--socket";
            args[2] = sock.toString();
            System.arraycopy(extra, 0, args, 3, extra.length);
            return CommandRun.of(args);
        } finally {
            Files.deleteIfExists(sock);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aPlainStopIsGracefulWhereGracefulRestartIsOn() throws Exception {
        BlockingQueue<Boolean> told = new ArrayBlockingQueue<>(1);
        CommandRun r = stop(true, told);
        assertEquals(0, r.exit(), r.err());
        assertEquals(Boolean.FALSE, told.poll(5, TimeUnit.SECONDS), "not for good");
        assertTrue(r.out().contains("helpers keep our routes"), r.out());
    }

    @Test
    void forGoodSaysEveryPeerDropsOurRoutes() throws Exception {
        BlockingQueue<Boolean> told = new ArrayBlockingQueue<>(1);
        CommandRun r = stop(true, told, "--for-good");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Boolean.TRUE, told.poll(5, TimeUnit.SECONDS));
        assertEquals("stopping: every peer drops our routes\n", r.out());
    }

    @Test
    void withoutGracefulRestartAPlainStopIsForGoodToo() throws Exception {
        BlockingQueue<Boolean> told = new ArrayBlockingQueue<>(1);
        CommandRun r = stop(false, told);
        assertEquals("stopping: every peer drops our routes\n", r.out());
        assertEquals(Boolean.FALSE, told.poll(5, TimeUnit.SECONDS));
        assertNull(told.poll());
    }

    @Test
    void noDaemonIsAClearError() {
        CommandRun r = CommandRun.of("stop", "--socket", "/tmp/petrel-no-such-daemon.sock");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("petrel stop: "), r.err());
    }
}
