package dev.petrel.config;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading configurations: from a resource, a file, text; syntax errors; the environment. */
class ConfigLoaderTest {
    @Test
    void fullExampleGivesEveryValue() throws Exception {
        ConfigResult r = ConfigLoader.loadResource("full.conf");
        PetrelConfig c = assertInstanceOf(ConfigResult.Valid.class, r, r.errors().toString()).config();
        assertEquals(InetAddress.getByName("10.255.1.1"), c.routerId());
        assertEquals(65002, c.localAs());
        assertEquals("[10.255.1.1:179, [fd00:255::1]:1179]", c.listen().toString());
        assertEquals(Path.of("/tmp/petrel-test.sock"), c.adminSocket());
        assertNull(c.origin());
        assertEquals(2, c.peers().size());

        PeerConfig up = c.peers().get(0);
        assertEquals("upstream", up.name());
        assertEquals(InetAddress.getByName("10.255.1.2"), up.address());
        assertEquals(65001, up.remoteAs());
        assertEquals(PolicyRef.ALL, up.importPolicy());
        assertEquals(PolicyRef.NONE, up.exportPolicy());
        assertTrue(up.ttlSecurity());
        assertEquals(Duration.ofSeconds(90), up.holdTime());
        assertEquals(Optional.of(Duration.ofSeconds(30)), up.keepalive());
        assertEquals(EnumSet.allOf(AddressFamily.class), up.families());

        PeerConfig rr = c.peers().get(1);
        assertEquals("rr1.example", rr.name());
        assertEquals(InetAddress.getByName("fd00:255::2"), rr.address());
        assertEquals(65002, rr.remoteAs(), "iBGP: the same AS as ours is fine");
        assertEquals(1179, rr.port());
        assertEquals(Optional.of(InetAddress.getByName("fd00:255::1")), rr.localAddress());
        assertEquals(PolicyRef.NONE, rr.importPolicy());
        assertEquals(PolicyRef.ALL, rr.exportPolicy());
        assertTrue(rr.passive());
        assertEquals(3, rr.multihop());
        assertEquals(Duration.ofSeconds(30), rr.holdTime(), "from peer-defaults");
        assertEquals(Duration.ofSeconds(10), rr.effectiveKeepalive());
        assertEquals(Duration.ofSeconds(9), rr.minHoldTime());
        assertEquals(Duration.ofSeconds(30), rr.connectRetry());
        assertEquals(Duration.ofSeconds(5), rr.delayOpen());
        assertEquals(Duration.ofSeconds(1), rr.idleHold());
        assertEquals(Duration.ofSeconds(60), rr.idleHoldMax());
        assertEquals(Duration.ofMinutes(10), rr.effectiveSendHoldTime());
        assertEquals(EnumSet.of(AddressFamily.IPV4_UNICAST), rr.families(), "from peer-defaults");
        assertTrue(rr.shutdown());
        assertEquals("route reflector, rack 1", rr.description());
    }

    @Test
    void fileIsTheOriginAndNamesItsErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("petrel.conf");
        Files.writeString(f, Configs.text("", ""));
        PetrelConfig c = assertInstanceOf(ConfigResult.Valid.class, ConfigLoader.load(f, Map.of())).config();
        assertEquals(f, c.origin());

        Files.writeString(f, Configs.text("", "hold-time = 1s"));
        ConfigError e = ConfigLoader.load(f, Map.of()).errors().get(0);
        assertEquals(f.toString(), e.file());
        assertEquals(f + ":6: petrel.peers[0].hold-time: 1s is not allowed: 0s or 3s..65535s (RFC 4271 §4.2)",
                e.toString());
    }

    @Test
    void missingFileIsOneClearError(@TempDir Path dir) {
        Path f = dir.resolve("nowhere.conf");
        assertEquals(List.of(new ConfigError(f.toString(), -1, "", "no such file")), ConfigLoader.load(f).errors());
        assertEquals(f + ": no such file", ConfigLoader.load(f).errors().get(0).toString());
        assertEquals(dir + ": is not a regular file", ConfigLoader.load(dir).errors().get(0).toString());
    }

    @Test
    void syntaxErrorHasFileAndLine() {
        String text = "petrel {\n  router-id = \"10.255.1.1\"\n  local-as = 65002\n  peers = [ { name = a, }\n}\n";
        List<ConfigError> errors = Configs.errors(text);
        assertEquals(1, errors.size(), errors.toString());
        ConfigError e = errors.get(0);
        assertEquals(Configs.FILE, e.file());
        assertEquals(5, e.line(), e.toString());
        assertEquals("", e.key());
        assertFalse(e.message().startsWith(Configs.FILE), "the origin is not repeated: " + e.message());
    }

    @Test
    void passwordComesFromTheEnvironment() {
        String text = Configs.text("", "password = ${?UPSTREAM_PASSWORD}");
        PeerConfig with = peer(text, Map.of("UPSTREAM_PASSWORD", "s3cret"));
        assertEquals(Optional.of(new Password("s3cret")), with.password());
        assertEquals(Optional.empty(), peer(text, Map.of()).password(), "${?X} unset: no password");
    }

    @Test
    void requiredSubstitutionThatIsUnsetIsAnErrorWithItsLine() {
        List<ConfigError> errors = ConfigLoader.parse(Configs.text("", "password = ${UNSET_PASSWORD}"), "t",
                Map.of()).errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(6, errors.get(0).line());
        assertTrue(errors.get(0).message().contains("UNSET_PASSWORD"), errors.toString());
    }

    @Test
    void systemPropertiesDoNotReachTheTree() {
        System.setProperty("petrel.local-as", "65099");
        try {
            assertEquals(65002, Configs.valid(Configs.text("", "")).localAs());
            String noAs = "petrel { router-id = \"10.255.1.1\" }";
            assertEquals("petrel.local-as", Configs.errors(noAs).get(0).key());
        } finally {
            System.clearProperty("petrel.local-as");
        }
    }

    @Test
    void passwordIsNeverPrinted() {
        PeerConfig p = peer(Configs.text("", "password = \"s3cret-key\""), Map.of());
        assertEquals("s3cret-key", p.password().orElseThrow().value());
        assertFalse(p.toString().contains("s3cret"), p.toString());
        assertTrue(p.toString().contains("password=Optional[<hidden>]"), p.toString());
        String tooLong = "x".repeat(81) + "s3cret";
        for (ConfigError e : Configs.errors(Configs.text("", "password = \"" + tooLong + "\""))) {
            assertFalse(e.toString().contains("s3cret"), e.toString());
        }
    }

    @Test
    void errorsAreSortedByLine() {
        String text = String.join("\n",
                "petrel {",
                "  local-as = 0",
                "  router-id = \"0.0.0.0\"",
                "}");
        List<ConfigError> errors = Configs.errors(text);
        assertEquals(List.of(2, 3), errors.stream().map(ConfigError::line).toList(), errors.toString());
    }

    private static PeerConfig peer(String text, Map<String, String> env) {
        ConfigResult r = ConfigLoader.parse(text, "t", env);
        return assertInstanceOf(ConfigResult.Valid.class, r, r.errors().toString()).config().peers().get(0);
    }
}
