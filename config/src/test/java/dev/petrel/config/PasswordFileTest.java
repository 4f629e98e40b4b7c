package dev.petrel.config;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** password-file: the MD5 key from a file, with clear errors that never show the key. */
class PasswordFileTest {
    private static final String SECRET = "s3cret-key";

    @TempDir
    Path dir;

    private static ConfigResult parse(String peerKeys) {
        return ConfigLoader.parse(Configs.text("", peerKeys), Configs.FILE, Map.of(), HostAddresses.UNCHECKED);
    }

    private static String fileKey(Path f) {
        return "password-file = \"" + f + "\"";
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static Password password(ConfigResult r) {
        return assertInstanceOf(ConfigResult.Valid.class, r, r.errors().toString()).config().peers().get(0)
                .password().orElseThrow();
    }

    /** The one error, on the peer's line, at password-file; never with the key in it. */
    private static String error(ConfigResult r) {
        List<ConfigError> errors = r.errors();
        assertEquals(1, errors.size(), errors.toString());
        ConfigError e = errors.get(0);
        assertEquals(6, e.line(), e.toString());
        assertEquals("petrel.peers[0].password-file", e.key(), e.toString());
        assertFalse(e.toString().contains(SECRET), e.toString());
        return e.message();
    }

    @Test
    void theKeyIsTheFileWithoutOneTrailingNewline() throws IOException {
        Path lf = write("lf", (SECRET + "\n").getBytes(StandardCharsets.UTF_8));
        Password p = password(parse(fileKey(lf)));
        assertEquals(SECRET, p.value());
        assertEquals(lf, p.file());
        assertEquals(SECRET, password(parse(fileKey(write("crlf", (SECRET + "\r\n").getBytes())))).value());
        assertEquals(SECRET, password(parse(fileKey(write("none", SECRET.getBytes())))).value());
        assertEquals(SECRET + "\n", password(parse(fileKey(write("two", (SECRET + "\n\n").getBytes())))).value(),
                "only one newline goes: the rest is the key as written");
        assertEquals(new Password(SECRET), p, "where the key came from does not change it");
    }

    @Test
    void theKeyIsNeverPrinted() throws IOException {
        PetrelConfig c = assertInstanceOf(ConfigResult.Valid.class,
                parse(fileKey(write("k", SECRET.getBytes())))).config();
        assertFalse(c.toString().contains(SECRET), c.toString());
        assertTrue(c.peers().get(0).toString().contains("<hidden, from " + dir.resolve("k") + ">"));
    }

    @Test
    void aMissingFileOrADirectoryIsAnError() throws IOException {
        Path missing = dir.resolve("missing");
        assertEquals(missing + " does not exist", error(parse(fileKey(missing))));
        Files.createSymbolicLink(dir.resolve("dangling"), missing);
        assertEquals(dir.resolve("dangling") + " does not exist (a dangling symbolic link)",
                error(parse(fileKey(dir.resolve("dangling")))));
        assertTrue(error(parse(fileKey(dir))).contains("is not a regular file"));
        assertTrue(error(parse("password-file = \"\"")).startsWith("is empty; give the path"));
    }

    @Test
    void anUnreadableFileIsAnError() throws IOException {
        Path f = write("k", SECRET.getBytes());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(f)) {
            return; // root reads everything: nothing to check here
        }
        assertEquals(f + " cannot be read by this user (permission denied)", error(parse(fileKey(f))));
    }

    @Test
    void anEmptyOrTooLongKeyIsAnErrorWithoutTheKey() throws IOException {
        assertEquals(dir.resolve("empty") + " is empty; leave password-file out (or null) for no TCP MD5"
                + " signature", error(parse(fileKey(write("empty", "\n".getBytes())))));
        Path tooLong = write("long", ("x".repeat(81) + SECRET).getBytes());
        assertEquals(tooLong + " holds a key of 91 octets; at most 80 (TCP_MD5SIG_MAXKEYLEN)",
                error(parse(fileKey(tooLong))));
        assertTrue(error(parse(fileKey(write("big", new byte[70_000])))).contains("is 70000 bytes: not a key"));
        assertTrue(error(parse(fileKey(write("latin1", new byte[] {(byte) 0xe9, 'x'})))).endsWith("is not UTF-8 text"));
    }

    @Test
    void passwordAndPasswordFileInOneBlockIsAnError() throws IOException {
        Path f = write("k", SECRET.getBytes());
        assertEquals("is set together with password; give the key one way: password or password-file",
                error(parse("password = other, " + fileKey(f))));
    }

    @Test
    void aPeersOwnKindWinsOverTheOtherFromPeerDefaults() throws IOException {
        Path f = write("k", SECRET.getBytes());
        String withDefaultPassword = String.join("\n",
                "petrel {",
                "  router-id = \"10.255.1.1\"",
                "  local-as = 65002",
                "  peer-defaults { password = fromdefaults }",
                "  peers = [",
                "    { name = a, address = \"10.255.0.2\", remote-as = 65001, " + fileKey(f) + " }",
                "    { name = b, address = \"10.255.0.3\", remote-as = 65001 }",
                "  ]",
                "}");
        List<PeerConfig> peers = assertInstanceOf(ConfigResult.Valid.class,
                ConfigLoader.parse(withDefaultPassword, "t", Map.of(), HostAddresses.UNCHECKED)).config().peers();
        assertEquals(SECRET, peers.get(0).password().orElseThrow().value());
        assertEquals("fromdefaults", peers.get(1).password().orElseThrow().value());
    }

    @Test
    void aTemplatesPasswordFileGivesARangeItsKey() throws IOException {
        Path f = write("k", SECRET.getBytes());
        String text = String.join("\n",
                "petrel {",
                "  router-id = \"10.255.1.1\"",
                "  local-as = 65002",
                "  listen = [\"0.0.0.0:179\"]",
                "  peer-templates { nodes { remote-as = internal, " + fileKey(f) + " } }",
                "  listen-ranges = [ { prefix = \"10.255.1.0/24\", template = nodes } ]",
                "}");
        ListenRange r = assertInstanceOf(ConfigResult.Valid.class,
                ConfigLoader.parse(text, "t", Map.of(), HostAddresses.UNCHECKED)).config().listenRanges().get(0);
        assertEquals(SECRET, r.peer().password().orElseThrow().value());
    }
}
