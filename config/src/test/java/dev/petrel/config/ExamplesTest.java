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
    void routeReflectorReflectsForEveryNodeButNotForTheOtherReflector() throws Exception {
        PetrelConfig c = load("route-reflector.conf");
        assertEquals(List.of(true, true, true, false),
                c.peers().stream().map(p -> p.ribOptions().routeReflectorClient()).toList());
        assertTrue(c.peers().stream().allMatch(PeerConfig::internal));
        assertEquals(0x0aff0064L, c.clusterId(), "10.255.0.100");
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
