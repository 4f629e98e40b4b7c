package dev.petrel.config;

import static dev.petrel.config.Configs.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule, one at a time: the error names the file, the line, the full key and the limit. */
class ValidationTest {
    @Test
    void routerIdIsADottedQuad() {
        topError("router-id = \"10.255.1\"", "petrel.router-id", "is not an IPv4 dotted quad");
        topError("router-id = \"fd00:255::1\"", "petrel.router-id", "is not an IPv4 dotted quad");
        topError("router-id = \"router1.example\"", "petrel.router-id", "is not an IPv4 dotted quad");
        topError("router-id = \"0.0.0.0\"", "petrel.router-id", "0.0.0.0 is not allowed");
    }

    @Test
    void routerIdAndLocalAsAreRequired() {
        List<ConfigError> errors = errors("petrel {\n  peers = []\n}");
        assertEquals(List.of("test.conf:1: petrel.router-id: is required: an IPv4 dotted quad (the BGP Identifier, RFC 6286)",
                "test.conf:1: petrel.local-as: is required: an AS number, 1..4294967295"),
                errors.stream().map(ConfigError::toString).toList());
        assertEquals("test.conf: petrel: the configuration needs a petrel { ... } block",
                errors("other { }").get(0).toString());
    }

    @Test
    void clusterIdIsADottedQuadOrANumberAndDefaultsToTheRouterId() {
        assertEquals(0x0aff0101L, valid(text("", "")).clusterId(), "the router ID 10.255.1.1");
        assertEquals(0x0aff0064L, valid(text("cluster-id = \"10.255.0.100\"", "")).clusterId());
        assertEquals(4294967295L, valid(text("cluster-id = 4294967295", "")).clusterId());
        assertEquals(7L, valid(text("cluster-id = 7", "")).clusterId());
        topError("cluster-id = \"10.255.0\"", "petrel.cluster-id", "is not an IPv4 dotted quad like 10.255.0.1 or a number");
        topError("cluster-id = \"0.0.0.0\"", "petrel.cluster-id", "0.0.0.0 is not allowed");
        topError("cluster-id = 0", "petrel.cluster-id", "0 is out of range");
        topError("cluster-id = 4294967296", "petrel.cluster-id", "out of range");
        topError("cluster-id = true", "petrel.cluster-id", "is not an IPv4 dotted quad");
    }

    @Test
    void aRouteReflectorClientIsAnIbgpPeer() {
        assertFalse(valid(text("", "")).peers().get(0).ribOptions().routeReflectorClient(), "off by default");
        assertTrue(valid(text("", "remote-as = 65002, route-reflector-client = true")).peers().get(0).ribOptions()
                .routeReflectorClient());
        peerError("route-reflector-client = true", "route-reflector-client",
                "only an iBGP peer can be a route-reflector client (RFC 4456), and remote-as 65001 is not our"
                        + " local-as 65002 (eBGP)");
        peerError("remote-as = 65002, route-reflector-client = yes please", "route-reflector-client", "");
    }

    @Test
    void localAsIsAFourOctetAsButNotZeroOrAsTrans() {
        topError("local-as = 0", "petrel.local-as", "0 is out of range: an AS number is 1..4294967295");
        topError("local-as = 4294967296", "petrel.local-as", "out of range");
        topError("local-as = 23456", "petrel.local-as", "23456 is AS_TRANS (RFC 6793)");
        topError("local-as = 65002.5", "petrel.local-as", "must be a whole number");
        topError("local-as = sixty", "petrel.local-as", "must be a whole number");
        assertEquals(4294967295L, valid(text("local-as = 4294967295", "")).localAs());
    }

    @Test
    void remoteAsFollowsTheSameRules() {
        peerError("remote-as = 0", "remote-as", "out of range");
        peerError("remote-as = 23456", "remote-as", "AS_TRANS");
    }

    @Test
    void roleIsAnRfc9234RoleAndStrictModeNeedsOne() {
        assertEquals(java.util.Optional.of(Role.CUSTOMER), valid(text("", "role = customer")).peers().get(0).role());
        assertEquals(java.util.Optional.empty(), valid(text("", "")).peers().get(0).role());
        assertTrue(valid(text("", "role = rs-client, strict-role = true")).peers().get(0).strictRole());
        peerError("role = client", "role", "\"client\" is not a role");
        peerError("strict-role = true", "strict-role", "needs a role");
    }

    @Test
    void holdTimeIsZeroOrAtLeastThreeSeconds() {
        peerError("hold-time = 1s", "hold-time", "1s is not allowed: 0s or 3s..65535s (RFC 4271 §4.2)");
        peerError("hold-time = 2s", "hold-time", "2s is not allowed");
        peerError("hold-time = 65536s", "hold-time", "65536s is not allowed");
        assertEquals(0, valid(text("", "hold-time = 0s")).peers().get(0).holdTime().toSeconds());
        assertEquals(3, valid(text("", "hold-time = 3s")).peers().get(0).holdTime().toSeconds());
    }

    @Test
    void timesNeedAUnitAndWholeSeconds() {
        peerError("hold-time = 90", "hold-time", "needs a unit, like 90s (a bare number would be milliseconds)");
        peerError("connect-retry = 1500ms", "connect-retry", "must be a whole number of seconds");
        peerError("delay-open = soon", "delay-open", "must be a time like 90s or 2m");
        peerError("idle-hold = -5s", "idle-hold", "must not be negative");
        assertEquals(120, valid(text("", "connect-retry = 2m")).peers().get(0).connectRetry().toSeconds());
    }

    @Test
    void keepaliveIsBelowTheHoldTime() {
        peerError("keepalive = 90s", "keepalive", "90s must be less than hold-time (90s)");
        peerError("hold-time = 30s, keepalive = 45s", "keepalive", "45s must be less than hold-time (30s)");
        peerError("keepalive = 0s", "keepalive", "0s is not allowed: at least 1s");
        assertTrue(valid(text("", "hold-time = 0s, keepalive = 30s")).peers().get(0)
                .effectiveKeepalive().isZero(), "hold time 0: no keepalives whatever is configured");
    }

    @Test
    void minHoldTimeCannotRefuseEverySession() {
        peerError("min-hold-time = 2s", "min-hold-time", "2s is not allowed: 0s (off) or 3s..65535s");
        peerError("hold-time = 30s, min-hold-time = 60s", "min-hold-time",
                "60s is above hold-time (30s): every session would be refused");
    }

    @Test
    void otherTimers() {
        peerError("connect-retry = 0s", "connect-retry", "0s is not allowed: at least 1s");
        peerError("send-hold-time = 0s", "send-hold-time", "0s is not allowed: at least 1s");
        peerError("idle-hold = 60s, idle-hold-max = 30s", "idle-hold-max", "30s is below idle-hold (60s)");
    }

    @Test
    void familiesAreKnownAndListedOnce() {
        peerError("families = [ipv4-unicast, l2vpn-evpn]", "families[1]",
                "\"l2vpn-evpn\" is not a family: ipv4-unicast, ipv6-unicast");
        peerError("families = [ipv6-unicast, ipv6-unicast]", "families[1]", "ipv6-unicast is listed twice");
        peerError("families = []", "families", "needs at least one family");
        peerError("families = ipv4-unicast", "families", "must be a list");
    }

    @Test
    void peerNamesAreUniqueAndWellFormed() {
        String text = String.join("\n",
                "petrel {",
                "  router-id = \"10.255.1.1\"",
                "  local-as = 65002",
                "  peers = [",
                "    { name = upstream, address = \"fd00:255::2\", remote-as = 65001 }",
                "    { name = upstream, address = \"fd00:255::3\", remote-as = 65001 }",
                "  ]",
                "}");
        onlyError(text, 6, "petrel.peers[1].name", "upstream is already the name of petrel.peers[0]");
        peerError("name = \"up stream\"", "name", "\"up stream\" must match [A-Za-z0-9_.-]{1,64}");
        peerError("name = \"" + "a".repeat(65) + "\"", "name", "must match");
    }

    @Test
    void peerAddressesAreUniqueWhateverTheirSpelling() {
        String text = String.join("\n",
                "petrel {",
                "  router-id = \"10.255.1.1\"",
                "  local-as = 65002",
                "  peers = [",
                "    { name = a, address = \"fd00:255::1\", remote-as = 65001 }",
                "    { name = b, address = \"fd00:0255:0:0::1\", remote-as = 65001 }",
                "    { name = c, address = \"FD00:255:0:0:0:0:0:1\", remote-as = 65001 }",
                "  ]",
                "}");
        List<ConfigError> errors = errors(text);
        assertEquals(List.of(
                "test.conf:6: petrel.peers[1].address: fd00:255::1 is already the address of petrel.peers[0]",
                "test.conf:7: petrel.peers[2].address: fd00:255::1 is already the address of petrel.peers[0]"),
                errors.stream().map(ConfigError::toString).toList());
    }

    @Test
    void addressesAreLiteralsNeverHostNames() {
        peerError("address = \"bgp.example.net\"", "address",
                "\"bgp.example.net\" is not an IPv4 or IPv6 address literal (host names are not looked up)");
        peerError("address = \"10.1\"", "address", "is not an IPv4 or IPv6 address literal");
        peerError("address = \"fe80::1%eth0\"", "address", "is not an IPv4 or IPv6 address literal");
        peerError("local-address = \"10.255.1.1\"", "local-address",
                "10.255.1.1 is not of the same family as the address fd00:255::2");
    }

    @Test
    void listenEntriesAreAddrPort() {
        topError("listen = [\"0.0.0.0\"]", "petrel.listen[0]", "is not \"addr:port\" (IPv4) or \"[addr]:port\"");
        topError("listen = [\"fd00:255::1:179\"]", "petrel.listen[0]", "is not \"addr:port\"");
        topError("listen = [\"[10.0.0.1]:179\"]", "petrel.listen[0]", "is not \"addr:port\"");
        topError("listen = [\"0.0.0.0:65536\"]", "petrel.listen[0]", "is not \"addr:port\"");
        topError("listen = [\"localhost:179\"]", "petrel.listen[0]", "is not \"addr:port\"");
        topError("listen = [\"[::]:179\", \"[0:0::0]:179\"]", "petrel.listen[1]", "[::]:179 is listed twice");
        assertTrue(valid(text("listen = []", "")).listen().isEmpty());
    }

    @Test
    void aPassivePeerNeedsSomewhereToListen() {
        onlyError(text("listen = []", "passive = true"), 4, "petrel.listen",
                "is empty, but peer upstream is passive: no connection to it could ever be made");
        valid(text("listen = []", "passive = true, shutdown = true"));
    }

    @Test
    void passwordFitsTcpMd5() {
        peerError("password = \"" + "x".repeat(81) + "\"", "password",
                "holds a key of 81 octets; at most 80 (TCP_MD5SIG_MAXKEYLEN)");
        peerError("password = \"" + "é".repeat(41) + "\"", "password", "holds a key of 82 octets");
        peerError("password = \"\"", "password", "is empty");
        assertEquals(80, valid(text("", "password = \"" + "x".repeat(80) + "\"")).peers().get(0)
                .password().orElseThrow().value().length());
    }

    @Test
    void anUndefinedPolicyNameIsAnError() {
        peerError("import = customers", "import", "peer upstream: import policy 'customers' is not defined; no"
                + " policies are defined (petrel.policies), only all and none");
        peerError("export = transit-out", "export", "peer upstream: export policy 'transit-out' is not defined");
    }

    @Test
    void rangesOfSmallNumbers() {
        peerError("multihop = 0", "multihop", "0 is out of range: 1..255 hops");
        peerError("multihop = 256", "multihop", "out of range");
        peerError("port = 0", "port", "0 is out of range: a TCP port is 1..65535");
        peerError("passive = maybe", "passive", "must be true or false, not \"maybe\"");
    }

    @Test
    void adminSocketGroupIsAGroupNameOrNumber() {
        assertNull(valid(text("", "")).adminSocketGroup(), "owner only by default");
        assertEquals("petrel", valid(text("admin { socket-group = petrel }", "")).adminSocketGroup());
        assertEquals("0", valid(text("admin { socket-group = \"0\" }", "")).adminSocketGroup());
        topError("admin { socket-group = \"wheel staff\" }", "petrel.admin.socket-group",
                "\"wheel staff\" is not a group name ([A-Za-z_][A-Za-z0-9_.-]{0,31}) or number");
    }

    @Test
    void adminSocketFitsSunPath() {
        topError("admin.socket = \"/run/" + "p".repeat(103) + "\"", "petrel.admin.socket",
                "is 108 octets long; at most 107");
        topError("admin.socket = \"\"", "petrel.admin.socket", "must not be empty");
        topError("admin = \"/run/petrel.sock\"", "petrel.admin", "must be an object");
    }

    @Test
    void aDefaultBrokenInPeerDefaultsPointsThere() {
        String text = text("peer-defaults.hold-time = 2s", "");
        onlyError(text, 4, "petrel.peers[0].hold-time", "2s is not allowed");
    }

    @Test
    void aMissingPeerKeyPointsAtThePeer() {
        String text = text("", "").replace("remote-as = 65001, ", "");
        onlyError(text, 6, "petrel.peers[0].remote-as", "is required");
        onlyError(text("peers = []", "").replace("  peers = [\n    {", "  peers = [\n    5, {"), 6,
                "petrel.peers[0]", "a peer is an object");
    }

    @Test
    void everyErrorIsReportedInOneRun() {
        String text = String.join("\n",
                "petrel {",
                "  router-id = \"10.255.1.300\"",
                "  local-as = 23456",
                "  listen = [\"nowhere\"]",
                "  peers = [",
                "    { name = a, address = \"fd00:255::1\", remote-as = 0, hold-time = 2s, pasive = true }",
                "    { name = a, address = \"fd00:255:0::1\", remote-as = 65001, families = [ipv4-multicast] }",
                "  ]",
                "}");
        List<ConfigError> errors = errors(text);
        assertEquals(List.of("petrel.router-id", "petrel.local-as", "petrel.listen[0]",
                "petrel.peers[0].pasive", "petrel.peers[0].remote-as", "petrel.peers[0].hold-time",
                "petrel.peers[1].families[0]", "petrel.peers[1].name", "petrel.peers[1].address"),
                errors.stream().map(ConfigError::key).toList(), errors.toString());
        assertEquals(List.of(2, 3, 4, 6, 6, 6, 7, 7, 7), errors.stream().map(ConfigError::line).toList());
    }
}
