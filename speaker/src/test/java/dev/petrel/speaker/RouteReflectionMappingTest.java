package dev.petrel.speaker;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PetrelConfig;
import dev.petrel.rib.PeerRibConfig;
import org.junit.jupiter.api.Test;

/** route-reflector-client and cluster-id reach the RIB's peer configuration and settings. */
class RouteReflectionMappingTest {
    private static PetrelConfig ibgp(String extra) {
        return SpeakerTest.config("10.255.0.1", 65000, "127.0.0.1", 1179, "127.0.0.2", 179, 65000, true, extra);
    }

    @Test
    void offByDefaultAndTheClusterIdIsTheRouterId() {
        PetrelConfig c = ibgp("");
        assertFalse(RibMapping.peer(c, c.peers().get(0)).routeReflectorClient());
        assertEquals(0x0aff0001L, RibMapping.settings(c).clusterId());
    }

    @Test
    void aClient() {
        PetrelConfig c = ibgp("route-reflector-client = true");
        PeerRibConfig p = RibMapping.peer(c, c.peers().get(0));
        assertTrue(p.routeReflectorClient());
        assertTrue(p.withAddPathSend(2).routeReflectorClient(), "kept by the copies");
    }

    @Test
    void aConfiguredClusterId() {
        ConfigResult r = ConfigLoader.parse("petrel {\n  router-id = \"10.255.0.1\"\n  local-as = 65000\n"
                + "  cluster-id = \"10.255.255.1\"\n  peers = []\n}\n", "test");
        PetrelConfig c = assertInstanceOf(ConfigResult.Valid.class, r, () -> r.errors().toString()).config();
        assertEquals(0x0affff01L, RibMapping.settings(c).clusterId());
    }
}
