package dev.petrel.config;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

/** Small configurations for tests, and the assertions they share. */
final class Configs {
    static final String FILE = "test.conf";

    private Configs() {}

    /**
     * A valid configuration with {@code topLine} as line 4 and one peer on line 6, {@code peerKeys} added to it.
     * The fixed layout keeps every test's line numbers easy to check.
     */
    static String text(String topLine, String peerKeys) {
        return String.join("\n",
                "petrel {",
                "  router-id = \"10.255.1.1\"",
                "  local-as = 65002",
                "  " + topLine,
                "  peers = [",
                "    { name = upstream, address = \"fd00:255::2\", remote-as = 65001, import = all, export = none, "
                        + peerKeys + " }",
                "  ]",
                "}");
    }

    static ConfigResult parse(String text) {
        return ConfigLoader.parse(text, FILE, Map.of());
    }

    static PetrelConfig valid(String text) {
        ConfigResult r = parse(text);
        if (r instanceof ConfigResult.Valid v) {
            return v.config();
        }
        return fail("expected a valid configuration, got " + r.errors());
    }

    static List<ConfigError> errors(String text) {
        ConfigResult r = parse(text);
        assertInstanceOf(ConfigResult.Invalid.class, r, "expected errors");
        return r.errors();
    }

    /** The one error the text has, checked for its line and key, its message containing {@code message}. */
    static ConfigError onlyError(String text, int line, String key, String message) {
        List<ConfigError> errors = errors(text);
        assertEquals(1, errors.size(), errors.toString());
        ConfigError e = errors.get(0);
        assertEquals(FILE, e.file(), e.toString());
        assertEquals(line, e.line(), e.toString());
        assertEquals(key, e.key(), e.toString());
        assertTrue(e.message().contains(message), e + "\nexpected the message to contain: " + message);
        return e;
    }

    static ConfigError peerError(String peerKeys, String key, String message) {
        return onlyError(text("", peerKeys), 6, "petrel.peers[0]." + key, message);
    }

    static ConfigError topError(String topLine, String key, String message) {
        return onlyError(text(topLine, ""), 4, key, message);
    }
}
