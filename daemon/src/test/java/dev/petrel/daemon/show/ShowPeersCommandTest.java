package dev.petrel.daemon.show;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.daemon.PetrelCommand;
import dev.petrel.daemon.admin.AdminHandler;
import dev.petrel.daemon.admin.AdminServer;
import dev.petrel.daemon.admin.Fixtures;
import dev.petrel.daemon.admin.PeerStatusJson;
import dev.petrel.daemon.admin.ShowPeersHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code petrel show peers} as an operator runs it, against a daemon holding {@link Fixtures#peers()}. */
@Timeout(20)
class ShowPeersCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static synchronized Run run(Consumer<CommandLine> setUp, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cl = new CommandLine(new PetrelCommand());
            setUp.accept(cl);
            int exit = cl.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static Run run(String... args) {
        return run(cl -> { }, args);
    }

    private AdminServer daemon(Path socket) throws Exception {
        return AdminServer.start(socket, Map.of(ShowPeersHandler.COMMAND,
                new ShowPeersHandler(Fixtures::peers, Fixtures.CLOCK)));
    }

    @Test
    void table() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        try (AdminServer server = daemon(socket)) {
            Run r = run("show", "peers", "--socket", socket.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(TABLE, r.out());
        }
    }

    @Test
    void json() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        try (AdminServer server = daemon(socket)) {
            Run r = run("show", "peers", "--json", "--socket", socket.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(JSON, r.out());
        }
    }

    @Test
    void socketFromTheConfigFile() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        Path config = dir.resolve("petrel.conf");
        Files.writeString(config, "petrel { admin { socket = \"" + socket + "\" } }\n");
        try (AdminServer server = daemon(socket)) {
            Run r = run("show", "peers", "--config", config.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(TABLE, r.out());
        }
    }

    @Test
    void noDaemon() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        Run r = run("show", "peers", "--socket", socket.toString());
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals("petrel show peers: no petrel daemon is listening on " + socket
                + " (is `petrel run` started? is --socket right?)\n", r.err());
    }

    @Test
    void daemonErrorIsExitOne() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        AdminHandler broken = (request, response) -> {
            throw new IllegalStateException("no snapshot yet");
        };
        try (AdminServer server = AdminServer.start(socket, Map.of(ShowPeersHandler.COMMAND, broken))) {
            Run r = run("show", "peers", "--socket", socket.toString());
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("petrel show peers: the daemon says: show-peers failed: "), r.err());
        }
    }

    @Test
    void olderDaemonWithoutTimeUsesOurClock() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        AdminHandler old = (request, g) -> {
            g.writeStartObject();
            g.writeArrayFieldStart("peers");
            PeerStatusJson.write(g, Fixtures.peers().get(0), Fixtures.NOW);
            g.writeEndArray();
            g.writeEndObject();
        };
        Clock later = Clock.fixed(Fixtures.NOW.plusSeconds(3600), ZoneOffset.UTC);
        try (AdminServer server = AdminServer.start(socket, Map.of(ShowPeersHandler.COMMAND, old))) {
            Run r = run(cl -> ((ShowPeersCommand) cl.getSubcommands().get("show").getSubcommands().get("peers")
                    .getCommand()).clock = later, "show", "peers", "--socket", socket.toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().lines().toList().get(1).contains(" 01:01:23 "), r.out());
        }
    }

    @Test
    void noPeers() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        try (AdminServer server = AdminServer.start(socket,
                Map.of(ShowPeersHandler.COMMAND, new ShowPeersHandler(List::of, Fixtures.CLOCK)))) {
            Run r = run("show", "peers", "--socket", socket.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals("no peers configured\n", r.out());
        }
    }

    @Test
    void showAloneAsksWhat() {
        Run r = run("show");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("what to show is required"), r.err());
    }

    static final String TABLE = """
            Name      Address   AS          State        Up/Down   Pfx rx/tx  Last error
            tor-a     10.0.0.1  65001       Established  00:01:23  120/3      received 6/4 Cease/Administrative Reset
            tor-b     fd00::2   4200000001  Active       1d02h03m  14/2       local: connect: Connection refused
            spine-1   10.0.0.3  65003       Established  02w2d05h  5000/12    -
            new-peer  10.0.0.4  65004       Idle         00:00:05  0/0        sent 2/2 OPEN Message Error/Bad Peer AS
            """;
    /** What scripts parse; field names and their order are a promise (see dev.petrel.daemon.admin). */
    static final String JSON;

    static {
        try (var in = ShowPeersCommandTest.class.getResourceAsStream("show-peers.json")) {
            JSON = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
