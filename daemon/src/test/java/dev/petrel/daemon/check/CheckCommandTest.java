package dev.petrel.daemon.check;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.daemon.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code petrel check} as a user runs it: a file in, "configuration OK" or the errors out. */
class CheckCommandTest {
    private static final String VALID = String.join("\n",
            "petrel {",
            "  router-id = \"10.255.1.1\"",
            "  local-as = 65002",
            "  peers = [",
            "    { name = upstream, address = \"fd00:255::2\", remote-as = 65001, import = all, export = none }",
            "  ]",
            "}",
            "");

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void validConfigurationSaysOk(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("petrel.conf"), VALID);
        CommandRun r = run("check", "--config", f.toString());
        assertEquals(new CommandRun(0, "configuration OK\n", ""), r);
    }

    @Test
    void theSampleIsValidAndTheDocsShowIt() throws Exception {
        CommandRun r = run("check", "--config", "samples/petrel.conf");
        assertEquals(0, r.exit(), r.err());
        assertEquals("configuration OK\n", r.out());
        // rr1's local-address 10.255.1.1 is on this host or not: a warning at most, never an error.
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("samples/petrel.conf:17: warning: ")), r.err());
        String docs = Files.readString(Path.of("docs/configuration.md"));
        assertTrue(docs.contains(Files.readString(Path.of("samples/petrel.conf"))),
                "docs/configuration.md no longer quotes samples/petrel.conf as it is");
    }

    @Test
    void everyErrorOnItsOwnLine(@TempDir Path dir) throws Exception {
        String bad = VALID.replace("65002", "23456").replace("import = all", "import = all, hold-time = 1s");
        Path f = Files.writeString(dir.resolve("petrel.conf"), bad);
        CommandRun r = run("check", "--config", f.toString());
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals(f + ":3: petrel.local-as: 23456 is AS_TRANS (RFC 6793), which stands in for a 4-octet AS"
                + " and is never a real AS\n"
                + f + ":5: petrel.peers[0].hold-time: 1s is not allowed: 0s or 3s..65535s (RFC 4271 §4.2)\n",
                r.err());
    }

    @Test
    void warningsArePrintedAndTheExitStatusStaysZero(@TempDir Path dir) throws Exception {
        // 2001:db8::/32 is for documentation (RFC 3849): on no host's interface.
        String doubtful = VALID.replace("import = all", "import = all, local-address = \"2001:db8::7\"");
        Path f = Files.writeString(dir.resolve("petrel.conf"), doubtful);
        CommandRun r = run("check", "--config", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("configuration OK\n", r.out());
        assertTrue(r.err().startsWith(f + ":5: warning: petrel.peers[0].local-address: 2001:db8::7 is not an"
                + " address of this host (it has "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void errorsAndWarningsTogetherExitNonZero(@TempDir Path dir) throws Exception {
        String both = VALID.replace("import = all", "import = all, local-address = \"2001:db8::7\", hold-time = 2s");
        Path f = Files.writeString(dir.resolve("petrel.conf"), both);
        CommandRun r = run("check", "--config", f.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(f + ":5: petrel.peers[0].hold-time: 2s is not allowed"), r.err());
    }

    @Test
    void syntaxErrorIsAnErrorLineNotAStackTrace(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("petrel.conf"), "petrel {\n  local-as = [\n}\n");
        CommandRun r = run("check", "--config", f.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith(f + ":3: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path f = dir.resolve("nowhere.conf");
        assertEquals(new CommandRun(1, "", f + ": no such file\n"), run("check", "--config", f.toString()));
    }

    @Test
    void configIsRequired() {
        CommandRun r = run("check");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Missing required option: '--config=FILE'"), r.err());
    }
}
