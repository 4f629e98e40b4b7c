package dev.petrel.examples.nodeagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.petrel.speaker.DesiredState;
import dev.petrel.speaker.PeerSpec;
import org.junit.jupiter.api.Test;

/** The three peering shapes, and what a node originates. */
class TranslationTest {
    static NodeSpec spec(String text) {
        return NodeSpecReader.read(ConfigFactory.parseString(text), "test");
    }

    static final String NODE = """
            node { name = n1, address = "10.255.200.1", as = 64512 }
            ipam-blocks = ["10.244.1.0/26"]
            services { cluster-ips = ["10.96.0.0/12"], load-balancer-ips = ["10.255.201.0/24"] }
            communities { blocks = ["64512:100"] }
            """;

    @Test
    void meshPeersAreIbgpAndExportTheNodesOwnRoutes() {
        DesiredState d = Translation.desired(spec(NODE + """
                bgp { mode = full-mesh, peers = [{ name = n2, address = "10.255.200.2" }] }
                """));
        PeerSpec p = d.peer("n2");
        assertEquals(64512, p.remoteAs());
        assertEquals(Translation.NODE_ROUTES, p.keys().get("export"), "not the pods' /32s learned from the kernel");
        assertEquals("10.255.200.1", p.keys().get("local-address"));
        assertEquals(3, d.routes().size(), "one block and two service ranges");
    }

    @Test
    void torPeersAreEbgpAndGetOnlyTheNodesOwnRoutes() {
        DesiredState d = Translation.desired(spec(NODE + """
                bgp { mode = tor, peers = [{ name = tor1, address = "10.255.200.254", as = 65001 }] }
                """));
        PeerSpec p = d.peer("tor1");
        assertEquals(65001, p.remoteAs());
        assertEquals(Translation.NODE_ROUTES, p.keys().get("export"));
        assertTrue(d.policies().containsKey(Translation.NODE_ROUTES));
    }

    @Test
    void aTorWithoutAnAsIsAnErrorNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec(NODE + """
                bgp { mode = tor, peers = [{ name = tor1, address = "10.255.200.254" }] }
                """));
        assertTrue(e.getMessage().contains("bgp.peers[0]"), e.getMessage());
    }

    @Test
    void anUnknownModeIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spec(NODE + "bgp { mode = ring }\n"));
        assertTrue(e.getMessage().contains("bgp.mode"), e.getMessage());
    }

    @Test
    void gracefulRestartIsOnAsInCalicoUnlessSwitchedOff() {
        assertEquals(java.time.Duration.ofSeconds(120), spec(NODE).restartTime());
        assertEquals(java.time.Duration.ofSeconds(300), spec(NODE + "bgp { restart-time = 5m }\n").restartTime());
        assertEquals(null, spec(NODE + "bgp { graceful-restart = false }\n").restartTime());
        assertEquals(120, Translation.builder(spec(NODE)).build().config().gracefulRestart().restartTime()
                .toSeconds());
        assertTrue(Translation.builder(spec(NODE)).build().config().gracefulRestart().enabled());
        assertTrue(!Translation.builder(spec(NODE + "bgp { graceful-restart = false }\n")).build().config()
                .gracefulRestart().enabled());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spec(NODE + "bgp { restart-time = 5000s }\n"));
        assertTrue(e.getMessage().contains("bgp.restart-time: 5000s is outside 1s..4095s"), e.getMessage());
        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class,
                () -> spec(NODE + "bgp { restart-time = 120 }\n"));
        assertTrue(unit.getMessage().contains("bgp.restart-time: needs a unit"), unit.getMessage());
        IllegalArgumentException maybe = assertThrows(IllegalArgumentException.class,
                () -> spec(NODE + "bgp { graceful-restart = maybe }\n"));
        assertTrue(maybe.getMessage().contains("bgp.graceful-restart: true or false"), maybe.getMessage());
    }
}
