package dev.petrel.daemon.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PetrelConfig;
import dev.petrel.examples.nodeagent.NodeSpec;
import dev.petrel.examples.nodeagent.NodeSpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files the demo writes are read by their readers as the demo means them; the status file is read back. */
class DemoFilesTest {
    @Test
    void aNodesStateFileIsARouteReflectorClientWithTheRealKernel() {
        NodeSpec s = NodeSpecReader.read(ConfigFactory.parseString(DemoFiles.nodeState(Cluster.N1,
                Cluster.N1.address(), Cluster.REFLECTOR, 179, null, false)), "n1");
        assertEquals(NodeSpec.Mode.ROUTE_REFLECTORS, s.mode());
        assertEquals(List.of(new NodeSpec.Peer("rr", Cluster.REFLECTOR, Cluster.AS)), s.peers());
        assertEquals(List.of("10.244.1.0/26"), s.ipamBlocks());
        assertEquals(List.of("10.96.0.0/12"), s.serviceCidrs());
        assertEquals(List.of("64512:100"), s.blockCommunities());
        assertEquals(Duration.ofSeconds(1), s.connectRetry());
        assertTrue(s.installRoutes());
        assertFalse(s.kernelDryRun());
        assertNull(s.nextHop());
    }

    @Test
    void onLoopbackANodeAdvertisesItsNodeIpAsNextHopAndTheFibOnlyPretends() {
        NodeSpec s = NodeSpecReader.read(ConfigFactory.parseString(DemoFiles.nodeState(Cluster.N2, "127.0.0.2",
                "127.0.0.3", 1790, Cluster.N2.address(), true)), "n2");
        assertEquals("127.0.0.2", s.address());
        assertEquals(1790, s.port());
        assertEquals("10.255.200.2", s.nextHop());
        assertTrue(s.kernelDryRun());
    }

    @Test
    void theReflectorTakesItsLanAsClientsAndTheSwitchAsAnEbgpPeer() {
        ConfigResult r = ConfigLoader.parse(DemoFiles.reflector(Cluster.REFLECTOR + ":179", Cluster.LAN,
                "/tmp/x/rr.sock", true), "rr.conf");
        PetrelConfig c = assertInstanceOf(ConfigResult.Valid.class, r, r::toString).config();
        assertEquals(1, c.listenRanges().size());
        assertEquals("10.255.200.0/24", c.listenRanges().get(0).prefix().toString());
        assertTrue(c.listenRanges().get(0).peer().ribOptions().routeReflectorClient());
        assertEquals(Cluster.TOR_AS, c.peers().get(0).remoteAs());
        assertFalse(c.kernel().enabled());
    }

    @Test
    void theStatusFileIsReadBackAndAMissingOneIsEmpty(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("n1.status.json");
        assertEquals(NodeStatus.NONE, NodeStatus.read(f));
        Files.writeString(f, "{\"node\":\"n1\",\"peers\":{\"rr\":\"Established\"},"
                + "\"kernel_routes\":{\"10.244.2.0/26\":\"via 10.255.200.2\"}}\n");
        NodeStatus s = NodeStatus.read(f);
        assertTrue(s.established("rr"));
        assertEquals(Map.of("10.244.2.0/26", "via 10.255.200.2"), s.kernelRoutes());
    }
}
