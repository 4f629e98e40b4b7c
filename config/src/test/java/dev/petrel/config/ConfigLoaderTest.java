package dev.petrel.config;

import static dev.petrel.rib.policy.Match.PrefixMatch.Operator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.rib.Source;
import dev.petrel.rib.policy.Action;
import dev.petrel.rib.policy.Match;
import dev.petrel.rib.policy.NextHopAction;
import dev.petrel.rib.policy.Policy;
import dev.petrel.rib.policy.Rule;
import dev.petrel.rib.policy.Verdict;
import dev.petrel.wire.Family;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading configurations: from a resource, a file, text; syntax errors; the environment. */
class ConfigLoaderTest {
    @Test
    void fullExampleGivesEveryValue() throws Exception {
        ConfigResult r = ConfigLoader.loadResource("full.conf");
        PetrelConfig c = assertInstanceOf(ConfigResult.Valid.class, r, r.errors().toString()).config();
        assertEquals(InetAddress.getByName("10.255.1.1"), c.routerId());
        assertEquals(65002, c.localAs());
        assertEquals("[10.255.1.1:179, [fd00:255::1]:1179]", c.listen().toString());
        assertEquals(Path.of("/tmp/petrel-test.sock"), c.adminSocket());
        assertNull(c.origin());
        assertEquals(new RibOptions(true, true, 8, true, 90), c.rib());
        assertEquals(List.of("upstream-in"), List.copyOf(c.policies().keySet()));
        Policy in = c.policy("upstream-in");
        assertEquals(Verdict.ACCEPT, in.defaultVerdict());
        assertEquals(3, in.rules().size());
        assertEquals(List.of(new Match.PrefixMatch(Prefix.parse("10.244.0.0/16"), IN, 16, 26)),
                in.rules().get(0).matches());
        assertEquals(Verdict.REJECT, in.rules().get(0).verdict());
        assertEquals(List.of(new Match.FamilyMatch(Family.IPV4_UNICAST), Match.SourceMatch.of(Source.Kind.PEER),
                new Match.PeerTypeMatch(PeerType.EXTERNAL), new Match.CommunityMatch(List.of(Community.of(65001,
                666)))), in.rules().get(1).matches());
        Rule third = in.rules().get(2);
        assertEquals(List.of(Match.PrefixMatch.of(Prefix.parse("0.0.0.0/0"), EQUAL),
                new Match.InterfaceMatch("cali*", true),
                new Match.LargeCommunityMatch(List.of(new LargeCommunity(65001, 0, 1))),
                new Match.AsPathPrefixMatch(List.of(65001L)), new Match.KernelPriorityMatch(10),
                new Match.NextHopMatch(Prefix.parse("10.255.1.0/24"))), third.matches());
        assertEquals(List.of(new Action.RemoveCommunities(List.of(Community.of(65001, 1))),
                new Action.AddCommunities(List.of(Community.NO_EXPORT)),
                new Action.RemoveLargeCommunities(List.of(new LargeCommunity(65001, 0, 1))),
                new Action.AddLargeCommunities(List.of(new LargeCommunity(65002, 0, 1))),
                new Action.Prepend(65002, 2), new Action.SetLocalPref(50), new Action.SetMed(7),
                new Action.SetNextHop(NextHopAction.SELF), new Action.SetKernelPriority(20)), third.actions());

        assertEquals(List.of(new StaticRoute(Prefix.parse("10.244.3.0/26"), StaticRoute.Type.BLACKHOLE,
                Optional.empty(), List.of(Community.of(65002, 100)), List.of(new LargeCommunity(65002, 1, 1)),
                OptionalLong.of(200), OptionalLong.of(5)),
                new StaticRoute(Prefix.parse("fd00:10::/64"), StaticRoute.Type.VIA,
                        Optional.of(InetAddress.getByName("fd00:255::9")), List.of(), List.of(),
                        OptionalLong.empty(), OptionalLong.empty())), c.staticRoutes());
        assertEquals(2, c.peers().size());

        PeerConfig up = c.peers().get(0);
        assertEquals("upstream", up.name());
        assertEquals(InetAddress.getByName("10.255.1.2"), up.address());
        assertEquals(65001, up.remoteAs());
        assertEquals(new PolicyRef.Named(in), up.importPolicy(AddressFamily.IPV4_UNICAST));
        assertSame(in, up.importPolicy(AddressFamily.IPV4_UNICAST).policy());
        assertEquals(PolicyRef.ALL, up.importPolicy(AddressFamily.IPV6_UNICAST));
        assertEquals(PolicyRef.NONE, up.exportPolicy(AddressFamily.IPV6_UNICAST));
        assertTrue(up.ttlSecurity());
        assertEquals(Duration.ofSeconds(90), up.holdTime());
        assertEquals(Optional.of(Duration.ofSeconds(30)), up.keepalive());
        assertEquals(EnumSet.allOf(AddressFamily.class), up.families());
        assertEquals(new PeerRibOptions(1, NextHopAction.SELF, Map.of(AddressFamily.IPV4_UNICAST, 1000L),
                MaxPrefixesAction.WARN, true, PeerRibOptions.ADD_PATH_ALL), up.ribOptions());

        PeerConfig rr = c.peers().get(1);
        assertEquals("rr1.example", rr.name());
        assertEquals(InetAddress.getByName("fd00:255::2"), rr.address());
        assertEquals(65002, rr.remoteAs(), "iBGP: the same AS as ours is fine");
        assertEquals(1179, rr.port());
        assertEquals(Optional.of(InetAddress.getByName("fd00:255::1")), rr.localAddress());
        assertEquals(PolicyRef.NONE, rr.importPolicy(AddressFamily.IPV4_UNICAST));
        assertEquals(PolicyRef.ALL, rr.exportPolicy(AddressFamily.IPV4_UNICAST));
        assertTrue(rr.passive());
        assertEquals(3, rr.multihop());
        assertEquals(Duration.ofSeconds(30), rr.holdTime(), "from peer-defaults");
        assertEquals(Duration.ofSeconds(10), rr.effectiveKeepalive());
        assertEquals(Duration.ofSeconds(9), rr.minHoldTime());
        assertEquals(Duration.ofSeconds(30), rr.connectRetry());
        assertEquals(Duration.ofSeconds(5), rr.delayOpen());
        assertEquals(Duration.ofSeconds(1), rr.idleHold());
        assertEquals(Duration.ofSeconds(60), rr.idleHoldMax());
        assertEquals(Duration.ofMinutes(10), rr.effectiveSendHoldTime());
        assertEquals(EnumSet.of(AddressFamily.IPV4_UNICAST), rr.families(), "from peer-defaults");
        assertTrue(rr.shutdown());
        assertEquals("route reflector, rack 1", rr.description());
        assertEquals(Optional.of(Role.ROUTE_SERVER_CLIENT), rr.role());
        assertTrue(rr.strictRole());
        assertTrue(rr.internal());
        assertEquals(new PeerRibOptions(0, NextHopAction.KEEP, Map.of(AddressFamily.IPV4_UNICAST, 50000L,
                AddressFamily.IPV6_UNICAST, 50000L), MaxPrefixesAction.REJECT, false, 4), rr.ribOptions());
    }

    @Test
    void fileIsTheOriginAndNamesItsErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("petrel.conf");
        Files.writeString(f, Configs.text("", ""));
        PetrelConfig c = assertInstanceOf(ConfigResult.Valid.class, ConfigLoader.load(f, Map.of())).config();
        assertEquals(f, c.origin());

        Files.writeString(f, Configs.text("", "hold-time = 1s"));
        ConfigError e = ConfigLoader.load(f, Map.of()).errors().get(0);
        assertEquals(f.toString(), e.file());
        assertEquals(f + ":6: petrel.peers[0].hold-time: 1s is not allowed: 0s or 3s..65535s (RFC 4271 §4.2)",
                e.toString());
    }

    @Test
    void missingFileIsOneClearError(@TempDir Path dir) {
        Path f = dir.resolve("nowhere.conf");
        assertEquals(List.of(new ConfigError(f.toString(), -1, "", "no such file")), ConfigLoader.load(f).errors());
        assertEquals(f + ": no such file", ConfigLoader.load(f).errors().get(0).toString());
        assertEquals(dir + ": is not a regular file", ConfigLoader.load(dir).errors().get(0).toString());
    }

    @Test
    void syntaxErrorHasFileAndLine() {
        String text = "petrel {\n  router-id = \"10.255.1.1\"\n  local-as = 65002\n  peers = [ { name = a, }\n}\n";
        List<ConfigError> errors = Configs.errors(text);
        assertEquals(1, errors.size(), errors.toString());
        ConfigError e = errors.get(0);
        assertEquals(Configs.FILE, e.file());
        assertEquals(5, e.line(), e.toString());
        assertEquals("", e.key());
        assertFalse(e.message().startsWith(Configs.FILE), "the origin is not repeated: " + e.message());
    }

    @Test
    void passwordComesFromTheEnvironment() {
        String text = Configs.text("", "password = ${?UPSTREAM_PASSWORD}");
        PeerConfig with = peer(text, Map.of("UPSTREAM_PASSWORD", "s3cret"));
        assertEquals(Optional.of(new Password("s3cret")), with.password());
        assertEquals(Optional.empty(), peer(text, Map.of()).password(), "${?X} unset: no password");
    }

    @Test
    void requiredSubstitutionThatIsUnsetIsAnErrorWithItsLine() {
        List<ConfigError> errors = ConfigLoader.parse(Configs.text("", "password = ${UNSET_PASSWORD}"), "t",
                Map.of()).errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(6, errors.get(0).line());
        assertTrue(errors.get(0).message().contains("UNSET_PASSWORD"), errors.toString());
    }

    @Test
    void systemPropertiesDoNotReachTheTree() {
        System.setProperty("petrel.local-as", "65099");
        try {
            assertEquals(65002, Configs.valid(Configs.text("", "")).localAs());
            String noAs = "petrel { router-id = \"10.255.1.1\" }";
            assertEquals("petrel.local-as", Configs.errors(noAs).get(0).key());
        } finally {
            System.clearProperty("petrel.local-as");
        }
    }

    @Test
    void passwordIsNeverPrinted() {
        PeerConfig p = peer(Configs.text("", "password = \"s3cret-key\""), Map.of());
        assertEquals("s3cret-key", p.password().orElseThrow().value());
        assertFalse(p.toString().contains("s3cret"), p.toString());
        assertTrue(p.toString().contains("password=Optional[<hidden>]"), p.toString());
        String tooLong = "x".repeat(81) + "s3cret";
        for (ConfigError e : Configs.errors(Configs.text("", "password = \"" + tooLong + "\""))) {
            assertFalse(e.toString().contains("s3cret"), e.toString());
        }
    }

    @Test
    void errorsAreSortedByLine() {
        String text = String.join("\n",
                "petrel {",
                "  local-as = 0",
                "  router-id = \"0.0.0.0\"",
                "}");
        List<ConfigError> errors = Configs.errors(text);
        assertEquals(List.of(2, 3), errors.stream().map(ConfigError::line).toList(), errors.toString());
    }

    private static PeerConfig peer(String text, Map<String, String> env) {
        ConfigResult r = ConfigLoader.parse(text, "t", env);
        return assertInstanceOf(ConfigResult.Valid.class, r, r.errors().toString()).config().peers().get(0);
    }
}
