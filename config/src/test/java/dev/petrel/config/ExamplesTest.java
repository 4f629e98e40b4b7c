package dev.petrel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.rib.Source;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.nlri.Prefix;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configurations in examples/ are valid and say what their comments say. */
class ExamplesTest {
    private static PetrelConfig load(String file) throws Exception {
        ConfigResult r = ConfigLoader.load(Path.of("examples").resolve(file), Map.of());
        return assertInstanceOf(ConfigResult.Valid.class, r, r.errors().toString()).config();
    }

    @Test
    void routeReflectorAcceptsTheNodesThroughAListenRangeAndReflectsForThemButNotForTheOtherReflector()
            throws Exception {
        PetrelConfig c = load("route-reflector.conf");
        assertEquals(List.of("rr-2"), c.peers().stream().map(PeerConfig::name).toList());
        assertFalse(c.peers().get(0).ribOptions().routeReflectorClient(), "the other reflector is a non-client");
        assertTrue(c.peers().get(0).internal());
        ListenRange nodes = c.listenRanges().get(0);
        assertEquals("nodes", nodes.name());
        assertEquals(Prefix.parse("10.255.1.0/24"), nodes.prefix());
        assertEquals(500, nodes.maxPeers());
        assertTrue(nodes.peer().internal());
        assertTrue(nodes.peer().ribOptions().routeReflectorClient());
        assertTrue(nodes.peer().passive());
        assertTrue(nodes.peer().password().isEmpty(), "no NODE_PASSWORD in the environment: no key");
        assertEquals(0x0aff0064L, c.clusterId(), "10.255.0.100");
        ConfigResult withKey = ConfigLoader.load(Path.of("examples/route-reflector.conf"),
                Map.of("NODE_PASSWORD", "from-a-secret"));
        assertEquals("from-a-secret", assertInstanceOf(ConfigResult.Valid.class, withKey).config().listenRanges()
                .get(0).peer().password().orElseThrow().value());
    }

    @Test
    void nodeAdvertisesOnlyItsPodRoutesFromTheKernelAndProtectsItsBlock() throws Exception {
        PetrelConfig c = load("node.conf");
        assertTrue(c.kernel().enabled());
        assertEquals(List.of(Prefix.parse("10.244.1.0/26")), c.kernel().protectedPrefixes());
        assertEquals(List.of("cali*", "-kube-ipvs*"), c.kernel().learn().interfaces());
        var out = c.peers().get(0).exportPolicy(AddressFamily.IPV4_UNICAST).policy();
        assertTrue(out.evaluate(Routes.from(Source.Kind.KERNEL, PeerType.INTERNAL, "10.244.1.0/26")).accepted());
        assertTrue(out.evaluate(Routes.from(Source.Kind.KERNEL, PeerType.INTERNAL, "10.244.7.9/32")).accepted());
        assertFalse(out.evaluate(Routes.from(Source.Kind.PEER, PeerType.INTERNAL, "10.244.2.0/26")).accepted(),
                "another node's block is not re-advertised");
        assertFalse(out.evaluate(Routes.from(Source.Kind.KERNEL, PeerType.INTERNAL, "10.96.0.0/12")).accepted());
        assertEquals(2, c.rib().multipath());
    }
}
