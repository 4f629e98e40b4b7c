package dev.petrel.daemon.reload;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.speaker.Petrel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A speaker started from a file whose peer's MD5 key is in a password-file: the key file changes, Petrel follows. */
class SecretWatchTest {
    private Path dir;
    private Path file;
    private int port;
    private Petrel a;
    private Reloader reloader;
    private SecretWatch watch;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "swt");
        file = dir.resolve("petrel.conf");
        port = freePort();
        Files.writeString(dir.resolve("key-1"), "first-key\n");
        Files.writeString(dir.resolve("key-2"), "second-key\n");
        Files.writeString(file, text("key-1"));
        a = Petrel.builder().config(((ConfigResult.Valid) ConfigLoader.load(file)).config()).build().start();
        reloader = new Reloader(file, a);
        watch = new SecretWatch(reloader, a::config);
    }

    @AfterEach
    void stop() throws Exception {
        watch.close();
        a.close();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private String text(String keyFile) {
        return "petrel {\n  router-id = \"10.255.1.1\"\n  local-as = 64512\n  listen = [\"127.0.0.1:" + port + "\"]\n"
                + "  admin.socket = \"/tmp/unused.sock\"\n"
                + "  peers = [ { name = b, address = \"127.0.0.2\", remote-as = 65001, passive = true,"
                + " password-file = \"" + dir.resolve(keyFile) + "\" } ]\n}\n";
    }

    private String key() {
        return a.config().peers().get(0).password().orElseThrow().value();
    }

    @Test
    void aChangedKeyFileIsReloadedAndAFileNamedByAReloadIsWatchedFromThenOn() throws Exception {
        assertEquals(Set.of(dir.resolve("key-1")), SecretWatch.secretFiles(a.config()));
        assertEquals("first-key", key());

        Files.writeString(dir.resolve("key-1"), "first-key-rotated\n");
        await("the new key in the running configuration", () -> "first-key-rotated".equals(key()));

        // The operator points the peer at another file and reloads (petrel reload, SIGHUP: the same Reloader).
        Files.writeString(file, text("key-2"));
        assertEquals(Reloader.Status.APPLIED, reloader.reload(false).status());
        assertEquals("second-key", key());
        Files.writeString(dir.resolve("key-2"), "second-key-rotated\n");
        await("key-2, named by the reload, followed", () -> "second-key-rotated".equals(key()));
    }
}
