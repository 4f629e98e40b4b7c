package dev.petrel.daemon.show;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.daemon.admin.AdminException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketPathResolverTest {
    @TempDir
    Path dir;

    @Test
    void socketOptionWinsOverTheConfig() throws Exception {
        Path config = dir.resolve("petrel.conf");
        Files.writeString(config, "petrel.admin.socket = /tmp/from-config.sock\n");
        assertEquals(Path.of("/tmp/opt.sock"), SocketPathResolver.resolve(Path.of("/tmp/opt.sock"), config));
        assertEquals(Path.of("/tmp/from-config.sock"), SocketPathResolver.resolve(null, config));
    }

    @Test
    void defaultWhenNeitherSays() throws Exception {
        assertEquals(Path.of("/run/petrel/petrel.sock"), SocketPathResolver.resolve(null, null));
        Path config = dir.resolve("petrel.conf");
        // Other keys, even with substitutions we cannot resolve, are not ours to judge.
        Files.writeString(config, "petrel { router-id = 10.0.0.1, secret = ${PETREL_TEST_UNSET} }\n");
        assertEquals(Path.of("/run/petrel/petrel.sock"), SocketPathResolver.resolve(null, config));
    }

    @Test
    void unreadableConfigIsAnError() {
        Path missing = dir.resolve("missing.conf");
        AdminException e = assertThrows(AdminException.class, () -> SocketPathResolver.resolve(null, missing));
        assertTrue(e.getMessage().startsWith("cannot read the admin socket path from " + missing), e.getMessage());
    }
}
