package dev.petrel.config;

import static dev.petrel.config.Configs.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A key the schema does not have is an error wherever it is, with the nearest known key suggested. */
class UnknownKeysTest {
    @Test
    void misspeltPeerKeySuggestsTheKnownOne() {
        ConfigError e = peerError("pasive = true", "pasive", "unknown key; did you mean passive?");
        assertEquals("test.conf:6: petrel.peers[0].pasive: unknown key; did you mean passive?", e.toString());
    }

    @Test
    void unknownKeysAtEveryLevel() {
        topError("rooter-id = \"10.1.1.1\"", "petrel.rooter-id", "unknown key; did you mean router-id?");
        topError("admin.sockt = \"/run/p.sock\"", "petrel.admin.sockt", "did you mean socket?");
        topError("peer-defaults.hold = 30s", "petrel.peer-defaults.hold", "unknown key");
        topError("peer-defaults.name = x", "petrel.peer-defaults.name", "unknown key");
        peerError("colour = blue", "colour", "unknown key");
    }

    @Test
    void farFromEverythingHasNoSuggestion() {
        ConfigError e = peerError("bfd = true", "bfd", "unknown key");
        assertEquals("unknown key", e.message());
    }

    @Test
    void keysOutsidePetrelAreTheUsersOwn() {
        String text = "scratch { upstream-as = 65001 }\n" + text("", "").replace("65001", "${scratch.upstream-as}");
        assertEquals(65001, valid(text).peers().get(0).remoteAs());
    }

    @Test
    void editDistance() {
        assertEquals(1, UnknownKeys.distance("pasive", "passive"));
        assertEquals(2, UnknownKeys.distance("holdtime", "hold-time") + 1);
        assertEquals("keepalive", UnknownKeys.nearest("keepalvie", Set.of("keepalive", "passive")));
    }
}
