package dev.petrel.config;

import static dev.petrel.config.Configs.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.rib.Source;
import dev.petrel.rib.policy.NextHopAction;
import dev.petrel.rib.policy.PolicyResult;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The rib block, the per-peer RIB options and static routes: each key, its limits, and keys against each other. */
class RoutesConfigTest {
    private static PeerRibOptions peer(String keys) {
        return valid(text("", keys)).peers().get(0).ribOptions();
    }

    private static List<StaticRoute> routes(String list) {
        return valid(text("static-routes = [ " + list + " ]", "")).staticRoutes();
    }

    private static ConfigError routeError(String route, String key, String message) {
        return topError("static-routes = [ { " + route + " } ]", "petrel.static-routes[0]." + key, message);
    }

    // ---- rib { }

    @Test
    void ribBlock() {
        RibOptions r = valid(text("rib { always-compare-med = true, deterministic-med = yes, multipath = 64,"
                + " multipath-relax = true, default-local-pref = 0 }", "")).rib();
        assertEquals(new RibOptions(true, true, 64, true, 0), r);
        topError("rib.multipath = 0", "petrel.rib.multipath", "0 is out of range: 1..64 equal-cost paths per prefix");
        topError("rib.multipath = 65", "petrel.rib.multipath", "out of range");
        topError("rib.default-local-pref = 4294967296", "petrel.rib.default-local-pref",
                "out of range: LOCAL_PREF is 0..4294967295");
        topError("rib.multipath-relax = true", "petrel.rib.multipath-relax",
                "needs multipath > 1: with one path per prefix there is nothing to relax");
        topError("rib.multipth = 2", "petrel.rib.multipth", "unknown key; did you mean multipath?");
        topError("rib.always-compare-med = sometimes", "petrel.rib.always-compare-med", "must be true or false");
    }

    // ---- peer RIB options

    @Test
    void allowOwnAs() {
        assertEquals(3, peer("allow-own-as = 3").allowOwnAs());
        peerError("allow-own-as = 11", "allow-own-as", "11 is out of range: 0..10 occurrences of our AS");
        peerError("allow-own-as = -1", "allow-own-as", "out of range");
    }

    @Test
    void nextHop() {
        assertEquals(NextHopAction.SELF, peer("next-hop = self").nextHop());
        assertEquals(NextHopAction.KEEP, peer("next-hop = keep").nextHop());
        assertEquals(NextHopAction.NONE, peer("next-hop = default").nextHop());
        peerError("next-hop = peer-address", "next-hop", "\"peer-address\" is not one of: default, self, keep");
    }

    @Test
    void maxPrefixesForEveryFamilyOrPerFamily() {
        PeerRibOptions all = peer("max-prefixes = 1000");
        assertEquals(OptionalLong.of(1000), all.maxPrefixes(AddressFamily.IPV4_UNICAST));
        assertEquals(OptionalLong.of(1000), all.maxPrefixes(AddressFamily.IPV6_UNICAST));
        PeerRibOptions one = peer("max-prefixes { ipv6-unicast = 10, ipv4-unicast = null }");
        assertEquals(Map.of(AddressFamily.IPV6_UNICAST, 10L), one.maxPrefixes());
        assertEquals(OptionalLong.empty(), one.maxPrefixes(AddressFamily.IPV4_UNICAST), "no limit");
        peerError("max-prefixes = 0", "max-prefixes", "0 is out of range: the most prefixes accepted is"
                + " 1..4294967295 (import = none accepts none)");
        peerError("max-prefixes { ipv6-unicast = 0 }", "max-prefixes.ipv6-unicast", "0 is out of range");
        peerError("max-prefixes { ipv6 = 10 }", "max-prefixes.ipv6", "is not a family: ipv4-unicast, ipv6-unicast");
        peerError("max-prefixes = lots", "max-prefixes", "must be a whole number");
    }

    @Test
    void maxPrefixesAction() {
        assertEquals(MaxPrefixesAction.REJECT, peer("max-prefixes-action = reject").maxPrefixesAction());
        assertEquals(MaxPrefixesAction.WARN, peer("max-prefixes-action = warn").maxPrefixesAction());
        peerError("max-prefixes-action = drop", "max-prefixes-action", "is not one of: reset, reject, warn");
    }

    @Test
    void addPath() {
        assertTrue(peer("add-path-receive = true").addPathReceive());
        assertEquals(PeerRibOptions.ADD_PATH_ALL, peer("add-path-send = all").addPathSend());
        assertEquals(PeerRibOptions.ADD_PATH_OFF, peer("add-path-send = off").addPathSend());
        assertEquals(2, peer("add-path-send = 2").addPathSend());
        assertEquals(64, peer("add-path-send = 64").addPathSend());
        assertTrue(peer("add-path-send = 2").addPathSendEnabled());
        peerError("add-path-send = 1", "add-path-send", "1 is out of range: the best 2..64 paths (1 is plain BGP:"
                + " write off), or off, or all");
        peerError("add-path-send = 65", "add-path-send", "out of range");
        peerError("add-path-send = best", "add-path-send", "must be off, all, or the number of best paths 2..64");
        peerError("add-path-send = true", "add-path-send", "must be off, all");
    }

    @Test
    void peerDefaultsCarryTheRibOptionsToo() {
        PetrelConfig c = valid(text("peer-defaults { allow-own-as = 2, max-prefixes = 5 }", "max-prefixes = null"));
        assertEquals(2, c.peers().get(0).ribOptions().allowOwnAs());
        assertTrue(c.peers().get(0).ribOptions().maxPrefixes().isEmpty(), "null undoes the default");
        onlyError(text("peer-defaults.add-path-send = 1", ""), 4, "petrel.peers[0].add-path-send", "out of range");
    }

    // ---- static-routes

    @Test
    void staticRouteTypes() throws Exception {
        assertEquals(List.of(
                new StaticRoute(Prefix.parse("10.244.3.0/26"), StaticRoute.Type.BLACKHOLE, Optional.empty(),
                        List.of(), List.of(), OptionalLong.empty(), OptionalLong.empty()),
                new StaticRoute(Prefix.parse("10.244.4.0/26"), StaticRoute.Type.UNREACHABLE, Optional.empty(),
                        List.of(), List.of(), OptionalLong.empty(), OptionalLong.empty()),
                new StaticRoute(Prefix.parse("10.96.0.0/12"), StaticRoute.Type.VIA,
                        Optional.of(InetAddress.getByName("10.0.1.254")), List.of(Community.NO_EXPORT),
                        List.of(new LargeCommunity(64512, 1, 1)), OptionalLong.of(50), OptionalLong.of(0))),
                routes("{ prefix = \"10.244.3.0/26\", type = blackhole },"
                        + " { prefix = \"10.244.4.0/26\", type = unreachable },"
                        + " { prefix = \"10.96.0.0/12\", next-hop = \"10.0.1.254\", communities = [no-export],"
                        + " large-communities = [\"64512:1:1\"], local-pref = 50, med = 0 }"));
    }

    @Test
    void nextHopIsForViaOnly() throws Exception {
        routeError("prefix = \"10.0.0.0/24\"", "next-hop",
                "is required: the address to forward to, for type = via (or set type = blackhole or unreachable)");
        routeError("prefix = \"10.0.0.0/24\", type = blackhole, next-hop = \"10.0.1.1\"", "next-hop",
                "is only for type = via: a blackhole route has no next hop");
        routeError("prefix = \"10.0.0.0/24\", type = unreachable, next-hop = \"10.0.1.1\"", "next-hop",
                "an unreachable route has no next hop");
        routeError("prefix = \"10.0.0.0/24\", type = drop", "type", "\"drop\" is not one of: blackhole, unreachable, via");
        routeError("prefix = \"fd00::/64\", next-hop = \"10.0.1.1\"", "next-hop",
                "an IPv6 route cannot have the IPv4 next hop 10.0.1.1 (an IPv4 route may have an IPv6 one, RFC 8950)");
        routeError("prefix = \"10.0.0.0/24\", next-hop = \"fe80::1\"", "next-hop", "fe80::1 is link-local");
        routeError("prefix = \"10.0.0.0/24\", next-hop = \"0.0.0.0\"", "next-hop", "0.0.0.0 is not a next hop");
        routeError("prefix = \"10.0.0.0/24\", next-hop = \"router\"", "next-hop", "is not an IPv4 or IPv6 address");
        assertEquals(Optional.of(InetAddress.getByName("fd00::1")),
                routes("{ prefix = \"10.0.0.0/24\", next-hop = \"fd00::1\" }").get(0).nextHop(), "RFC 8950");
    }

    @Test
    void staticRoutePrefixes() {
        routeError("type = blackhole", "prefix", "is required");
        routeError("prefix = \"10.0.0.1/24\", type = blackhole", "prefix",
                "10.0.0.1/24 has host bits set; did you mean 10.0.0.0/24?");
        routeError("prefix = \"fd00::1/64\", type = blackhole", "prefix", "did you mean fd00::/64?");
        topError("static-routes = [ { prefix = \"10.0.0.0/24\", type = blackhole },"
                        + " { prefix = \"10.0.0.0/24\", type = unreachable } ]", "petrel.static-routes[1].prefix",
                "10.0.0.0/24 is already the prefix of petrel.static-routes[0]");
        assertEquals(2, routes("{ prefix = \"10.0.0.0/24\", type = blackhole },"
                + " { prefix = \"10.0.0.0/25\", type = blackhole }").size(), "same address, other length");
    }

    @Test
    void staticRouteValues() {
        routeError("prefix = \"10.0.0.0/24\", type = blackhole, communities = [\"1:70000\"]", "communities[0]",
                "is not a community");
        routeError("prefix = \"10.0.0.0/24\", type = blackhole, med = -1", "med", "out of range: MED");
        routeError("prefix = \"10.0.0.0/24\", type = blackhole, local-pref = x", "local-pref", "must be a whole number");
        routeError("prefix = \"10.0.0.0/24\", type = blackhole, nexthop = \"10.0.0.1\"", "nexthop",
                "unknown key; did you mean next-hop?");
        topError("static-routes = [ \"10.0.0.0/24\" ]", "petrel.static-routes[0]", "a static route is an object");
    }

    // ---- the sample in docs/configuration.md

    @Test
    void calicoNodeSampleIsValidAndDoesWhatItSays() throws Exception {
        Path sample = Path.of("samples/calico-node.conf");
        ConfigResult r = ConfigLoader.load(sample, Map.of());
        PetrelConfig c = assertInstanceOf(ConfigResult.Valid.class, r, r.errors().toString()).config();
        assertTrue(Files.readString(Path.of("docs/configuration.md")).contains(Files.readString(sample)),
                "docs/configuration.md no longer quotes samples/calico-node.conf as it is");

        PeerConfig node = c.peers().get(0);
        PeerConfig tor = c.peers().get(2);
        assertTrue(node.internal());
        assertFalse(tor.internal());
        var out = node.exportPolicy(AddressFamily.IPV4_UNICAST).policy();
        assertSame(out, tor.exportPolicy(AddressFamily.IPV4_UNICAST).policy(), "from peer-defaults");

        PolicyResult block = out.evaluate(Routes.from(Source.Kind.LOCAL, PeerType.EXTERNAL, "10.244.3.0/26"));
        assertTrue(block.accepted());
        assertEquals(List.of(Community.of(64512, 100)), block.attributes().communities());
        assertFalse(out.evaluate(Routes.from(Source.Kind.PEER, PeerType.EXTERNAL, "10.244.5.0/26")).accepted(),
                "another node's block is not ours to announce");
        assertFalse(out.evaluate(Routes.from(Source.Kind.LOCAL, PeerType.EXTERNAL, "10.244.0.0/16")).accepted());
        assertFalse(out.evaluate(Routes.from(Source.Kind.PEER, PeerType.EXTERNAL, "0.0.0.0/0")).accepted());

        var in = tor.importPolicy(AddressFamily.IPV4_UNICAST).policy();
        assertTrue(in.evaluate(Routes.from(Source.Kind.PEER, PeerType.EXTERNAL, "0.0.0.0/0")).accepted());
        assertFalse(in.evaluate(Routes.from(Source.Kind.PEER, PeerType.EXTERNAL, "10.0.0.0/8")).accepted());
        assertEquals(PolicyRef.ALL, node.importPolicy(AddressFamily.IPV4_UNICAST));
        assertEquals(OptionalLong.of(10), tor.ribOptions().maxPrefixes(AddressFamily.IPV4_UNICAST));
        assertEquals(StaticRoute.Type.BLACKHOLE, c.staticRoutes().get(0).type());
    }
}
