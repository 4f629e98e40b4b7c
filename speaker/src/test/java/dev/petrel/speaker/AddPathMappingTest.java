package dev.petrel.speaker;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.config.PeerConfig;
import dev.petrel.config.PetrelConfig;
import dev.petrel.fsm.session.SessionSettings;
import dev.petrel.rib.PeerRibConfig;
import org.junit.jupiter.api.Test;

/** add-path-send and add-path-receive reach the OPEN's settings and the RIB's peer configuration. */
class AddPathMappingTest {
    private static PetrelConfig config(String extra) {
        return SpeakerTest.config("10.255.0.1", 65000, "127.0.0.1", 1179, "127.0.0.2", 179, 65001, true, extra);
    }

    private static PeerConfig peer(PetrelConfig c) {
        return c.peers().get(0);
    }

    @Test
    void offByDefault() {
        PetrelConfig c = config("");
        SessionSettings s = PeerMapping.session(c, peer(c), false);
        assertFalse(s.addPathSend());
        assertFalse(s.addPathReceive());
        assertEquals(PeerRibConfig.ADD_PATH_OFF, RibMapping.peer(c, peer(c)).addPathSend());
    }

    @Test
    void theBestNAndReceive() {
        PetrelConfig c = config("add-path-send = 3, add-path-receive = true");
        SessionSettings s = PeerMapping.session(c, peer(c), false);
        assertTrue(s.addPathSend());
        assertTrue(s.addPathReceive());
        assertEquals(3, RibMapping.peer(c, peer(c)).addPathSend());
    }

    @Test
    void all() {
        PetrelConfig c = config("add-path-send = all");
        assertTrue(PeerMapping.session(c, peer(c), false).addPathSend());
        assertFalse(PeerMapping.session(c, peer(c), false).addPathReceive());
        assertEquals(PeerRibConfig.ADD_PATH_ALL, RibMapping.peer(c, peer(c)).addPathSend());
    }
}
