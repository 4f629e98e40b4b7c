package dev.petrel.daemon.reload;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PetrelConfig;
import dev.petrel.daemon.CommandRun;
import dev.petrel.daemon.admin.AdminServer;
import dev.petrel.daemon.admin.ReloadHandler;
import dev.petrel.fsm.SessionState;
import dev.petrel.speaker.PeerStatus;
import dev.petrel.speaker.Petrel;
import dev.petrel.speaker.Speaker;
import dev.petrel.wire.nlri.Prefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code petrel reload} against a speaker started from a file, as the daemon runs it: A (the daemon) with one peer
 * B, another speaker. The file is rewritten between reloads.
 */
class ReloadCommandTest {
    private static final Prefix POD = Prefix.parse("10.244.1.0/26");

    private Path dir;
    private Path file;
    private Path sock;
    private int pa;
    private Petrel a;
    private Speaker b;
    private AdminServer admin;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "rlc");
        file = dir.resolve("petrel.conf");
        sock = dir.resolve("a.sock");
        pa = freePort();
        Files.writeString(file, aText(""));
        a = Petrel.builder().config(((ConfigResult.Valid) ConfigLoader.load(file)).config()).build().start();
        b = Speaker.start(parse("petrel {\n  router-id = \"10.255.1.2\"\n  local-as = 65001\n  listen = []\n"
                + "  admin.socket = \"/tmp/unused.sock\"\n"
                + "  peers = [ { name = a, address = \"127.0.0.1\", port = " + pa + ", local-address = \"127.0.0.2\","
                + " remote-as = 64512, import = all, export = all, hold-time = 9s, connect-retry = 1s,"
                + " idle-hold = 1s } ]\n}\n"));
        admin = AdminServer.start(sock, Map.of(ReloadHandler.COMMAND, new ReloadHandler(new Reloader(file, a))));
        await("Established", () -> b.peers().get(0).state() == SessionState.ESTABLISHED);
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
        b.close();
        a.close();
        Files.deleteIfExists(sock);
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    private String aText(String bKeys) {
        return "petrel {\n  router-id = \"10.255.1.1\"\n  local-as = 64512\n  listen = [\"127.0.0.1:" + pa + "\"]\n"
                + "  admin.socket = \"/tmp/unused.sock\"\n"
                + "  static-routes = [ { prefix = \"" + POD + "\", next-hop = \"10.255.1.9\" } ]\n"
                + "  peers = [ { name = b, address = \"127.0.0.2\", remote-as = 65001, passive = true, import = all,"
                + " next-hop = keep, hold-time = 9s" + (bKeys.isEmpty() ? "" : ", " + bKeys) + " } ]\n}\n";
    }

    private CommandRun reload(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "reload";
        args[1] = "--socket";
        args[2] = sock.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CommandRun.of(args);
    }

    private boolean bHasPod() {
        try {
            return b.rib().query(v -> v.route(POD) != null).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void identicalFileIsNoChanges() {
        CommandRun r = reload();
        assertEquals(0, r.exit(), r.err());
        assertEquals("no changes\n", r.out());
        assertEquals(0, b.peers().get(0).counters().notificationsReceived());
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        PetrelConfig running = a.config();
        Files.writeString(file, aText("export = all"));

        CommandRun text = reload("--dry-run");
        assertEquals(0, text.exit(), text.err());
        assertEquals("peer b: updated without a reset (soft out): export\n(dry run: nothing applied)\n", text.out());

        CommandRun json = reload("--dry-run", "--json");
        assertEquals(0, json.exit(), json.err());
        JsonNode answer = new ObjectMapper().readTree(json.out());
        assertEquals("planned", answer.path("status").asText());
        assertEquals("updated", answer.path("plan").path("peers").get(0).path("action").asText());
        assertTrue(answer.path("plan").path("peers").get(0).path("soft_out").asBoolean());

        assertSame(running, a.config(), "a dry run applies nothing");
        assertFalse(bHasPod());
    }

    @Test
    void warningsArePrintedAndDoNotStopIt() throws Exception {
        // an address on no interface of this host: allowed (it may come later), warned about
        Files.writeString(file, aText("local-address = \"10.255.99.99\""));
        CommandRun r = reload("--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains(file + ":7: warning: "), r.err());
        assertTrue(r.out().startsWith("peer b: reset (Cease/6 Other Configuration Change): local-address"), r.out());
    }

    @Test
    void appliedChangeIsPrintedAndTheRouteArrives() throws Exception {
        Files.writeString(file, aText("export = all"));
        CommandRun r = reload();
        assertEquals(0, r.exit(), r.err());
        assertEquals("peer b: updated without a reset (soft out): export\n", r.out());
        await("B to learn A's route", this::bHasPod);
        PeerStatus p = b.peers().get(0);
        assertEquals(1, p.establishedTransitions());
        assertEquals(0, p.counters().notificationsReceived());
    }

    @Test
    void invalidFileIsRejectedWithEveryErrorAndTheDaemonIsUnchanged() throws Exception {
        PetrelConfig running = a.config();
        // one syntax error is all HOCON reports; then two schema errors in a file that parses
        Files.writeString(file, aText("export = all").replace("peers = [", "peers = [[ {"));
        CommandRun syntax = reload();
        assertEquals(1, syntax.exit());
        assertTrue(syntax.err().contains(file.toString() + ":"), syntax.err());
        assertTrue(syntax.err().contains("the configuration has errors; the daemon runs on unchanged"),
                syntax.err());

        Files.writeString(file, aText("export = nosuch, hold-time = 2s"));
        CommandRun schema = reload("--json");
        assertEquals(1, schema.exit());
        JsonNode answer = new ObjectMapper().readTree(schema.out());
        assertEquals("invalid", answer.path("status").asText());
        assertEquals(2, answer.path("errors").size(), answer.toString());
        for (JsonNode e : answer.path("errors")) {
            assertTrue(e.asText().startsWith(file + ":7: "), e.asText());
        }

        assertSame(running, a.config());
        assertEquals(SessionState.ESTABLISHED, b.peers().get(0).state());
        assertEquals(0, b.peers().get(0).counters().notificationsReceived());
        assertFalse(bHasPod());
    }

    @Test
    void aChangeNeedingARestartIsRefused() throws Exception {
        Files.writeString(file, aText("").replace("10.255.1.1", "10.255.1.7"));
        CommandRun r = reload();
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("restart needed: router-id: 10.255.1.1 -> 10.255.1.7"), r.out());
        assertTrue(r.err().contains("refused, nothing changed"), r.err());
        assertEquals("10.255.1.1", a.config().routerId().getHostAddress());
    }

    static PetrelConfig parse(String text) {
        ConfigResult r = ConfigLoader.parse(text, "test");
        if (r instanceof ConfigResult.Valid v) {
            return v.config();
        }
        throw new AssertionError(r.errors().toString());
    }


}
