package dev.petrel.config;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.rib.policy.NextHopAction;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What a peer gets for every key it leaves out, and how peer-defaults changes that once for all peers. */
class DefaultsTest {
    private static final String MINIMAL = String.join("\n",
            "petrel {",
            "  router-id = \"10.255.1.1\"",
            "  local-as = 65002",
            "  peers = [ { name = upstream, address = \"10.255.1.2\", remote-as = 65001 } ]",
            "}");

    @Test
    void topLevelDefaults() throws Exception {
        PetrelConfig c = Configs.valid(MINIMAL);
        assertEquals(2, c.listen().size());
        assertEquals(new ListenAddress(InetAddress.getByName("0.0.0.0"), 179), c.listen().get(0));
        assertEquals(new ListenAddress(InetAddress.getByName("::"), 179), c.listen().get(1));
        assertEquals("[0.0.0.0:179, [::]:179]", c.listen().toString());
        assertEquals(Path.of("/run/petrel/petrel.sock"), c.adminSocket());
        assertEquals(new RibOptions(false, true, 1, false, 100), c.rib());
        assertTrue(c.policies().isEmpty());
        assertTrue(c.staticRoutes().isEmpty());
    }

    @Test
    void everyPeerDefault() {
        PeerConfig p = Configs.valid(MINIMAL).peers().get(0);
        assertEquals(179, p.port());
        assertEquals(Optional.empty(), p.localAddress());
        assertFalse(p.internal());
        for (AddressFamily f : AddressFamily.values()) {
            assertEquals(PolicyRef.NONE, p.importPolicy(f), "eBGP, RFC 8212: nothing in without a policy");
            assertEquals(PolicyRef.NONE, p.exportPolicy(f), "eBGP, RFC 8212: nothing out without a policy");
            assertFalse(p.importExplicit(f));
            assertFalse(p.exportExplicit(f));
        }
        assertTrue(p.imports().isEmpty(), "unset is recorded as unset");
        assertFalse(p.importExplicit());
        assertEquals(Optional.empty(), p.password());
        assertFalse(p.passive());
        assertEquals(1, p.multihop());
        assertFalse(p.ttlSecurity());
        assertEquals(Duration.ofSeconds(90), p.holdTime());
        assertEquals(Optional.empty(), p.keepalive());
        assertEquals(Duration.ofSeconds(30), p.effectiveKeepalive(), "hold-time / 3");
        assertEquals(Duration.ofSeconds(3), p.minHoldTime());
        assertEquals(Duration.ofSeconds(120), p.connectRetry());
        assertEquals(Duration.ZERO, p.delayOpen());
        assertEquals(Duration.ofSeconds(5), p.idleHold());
        assertEquals(Duration.ofSeconds(120), p.idleHoldMax());
        assertEquals(Optional.empty(), p.sendHoldTime());
        assertEquals(Duration.ofMinutes(8), p.effectiveSendHoldTime(), "max(8 min, 2 x 90s)");
        assertEquals(EnumSet.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST), p.families());
        assertFalse(p.shutdown());
        assertEquals("", p.description());
        PeerRibOptions rib = p.ribOptions();
        assertEquals(0, rib.allowOwnAs());
        assertEquals(NextHopAction.NONE, rib.nextHop(), "next-hop = default: RFC 4271 §5.1.3");
        assertTrue(rib.maxPrefixes().isEmpty());
        assertEquals(OptionalLong.empty(), rib.maxPrefixes(AddressFamily.IPV4_UNICAST));
        assertEquals(MaxPrefixesAction.RESET, rib.maxPrefixesAction());
        assertFalse(rib.addPathReceive());
        assertEquals(PeerRibOptions.ADD_PATH_OFF, rib.addPathSend());
        assertFalse(rib.addPathSendEnabled());
    }

    @Test
    void unsetPolicyIsAllForIbgp() {
        PeerConfig p = Configs.valid(MINIMAL.replace("65001", "65002")).peers().get(0);
        assertTrue(p.internal());
        assertEquals(PolicyRef.ALL, p.importPolicy(AddressFamily.IPV6_UNICAST), "as BIRD and FRR inside an AS");
        assertEquals(PolicyRef.ALL, p.exportPolicy(AddressFamily.IPV4_UNICAST));
        assertFalse(p.importExplicit(AddressFamily.IPV6_UNICAST), "the daemon can still tell it was not set");
    }

    @Test
    void sendHoldTimeIsTwiceALongHoldTime() {
        PeerConfig p = Configs.valid(Configs.text("", "hold-time = 300s")).peers().get(0);
        assertEquals(Duration.ofSeconds(600), p.effectiveSendHoldTime());
    }

    @Test
    void keepaliveFollowsTheNegotiatedHoldTime() {
        PeerConfig p = Configs.valid(Configs.text("", "keepalive = 20s")).peers().get(0);
        assertEquals(Duration.ofSeconds(20), p.effectiveKeepalive());
        assertEquals(Duration.ofSeconds(3), p.effectiveKeepalive(Duration.ofSeconds(9)), "20s >= 9s: 9/3");
        assertEquals(Duration.ZERO, p.effectiveKeepalive(Duration.ZERO), "RFC 4271 §4.4: no KEEPALIVE");
    }

    @Test
    void peerDefaultsApplyToEveryPeerThatDoesNotSetTheKey() {
        String text = String.join("\n",
                "petrel {",
                "  router-id = \"10.255.1.1\"",
                "  local-as = 65002",
                "  peer-defaults { hold-time = 9s, import = all, families = [ipv6-unicast] }",
                "  peers = [",
                "    { name = a, address = \"fd00:255::2\", remote-as = 65001 }",
                "    { name = b, address = \"fd00:255::3\", remote-as = 65001, hold-time = 30s }",
                "  ]",
                "}");
        PetrelConfig c = Configs.valid(text);
        assertEquals(Duration.ofSeconds(9), c.peers().get(0).holdTime());
        assertEquals(Duration.ofSeconds(30), c.peers().get(1).holdTime());
        for (PeerConfig p : c.peers()) {
            assertEquals(PolicyRef.ALL, p.importPolicy(AddressFamily.IPV6_UNICAST));
            assertTrue(p.importExplicit(AddressFamily.IPV6_UNICAST));
            assertFalse(p.exportExplicit(AddressFamily.IPV6_UNICAST));
            assertEquals(EnumSet.of(AddressFamily.IPV6_UNICAST), p.families());
            assertEquals(Duration.ofSeconds(120), p.connectRetry(), "reference.conf still under peer-defaults");
        }
    }

    @Test
    void aPeerCanUnsetAnOptionalDefault() {
        String text = Configs.text("peer-defaults.keepalive = 10s", "keepalive = null");
        assertEquals(Optional.empty(), Configs.valid(text).peers().get(0).keepalive());
    }

    @Test
    void noPeersIsValid() {
        assertTrue(Configs.valid("petrel { router-id = \"10.255.1.1\", local-as = 65002 }").peers().isEmpty());
    }
}
