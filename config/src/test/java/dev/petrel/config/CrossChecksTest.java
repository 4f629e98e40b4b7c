package dev.petrel.config;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks across blocks: what is an error, what only a warning, each at its file:line and key. */
class CrossChecksTest {
    private static final HostAddresses HOST = HostAddresses.of(ip("127.0.0.1"), ip("::1"), ip("10.255.0.1"),
            ip("fd00:255::1"));

    private static InetAddress ip(String text) {
        return IpLiterals.ip(text);
    }

    /** listen on line 4, the admin block on line 5, ranges on line 6, a peer per element of peers from line 8. */
    private static String config(String listen, String admin, String ranges, String... peers) {
        return String.join("\n",
                "petrel {",
                "  router-id = \"10.255.1.1\"",
                "  local-as = 65002",
                "  listen = [" + listen + "]",
                "  admin { " + admin + " }",
                "  listen-ranges = [" + ranges + "]",
                "  peers = [",
                String.join("\n", java.util.Arrays.stream(peers).map(p -> "    { " + p + " }").toList()),
                "  ]",
                "}");
    }

    private static ConfigResult parse(String text) {
        return ConfigLoader.parse(text, "test.conf", Map.of(), HOST);
    }

    private static List<String> warnings(String text) {
        ConfigResult r = parse(text);
        assertInstanceOf(ConfigResult.Valid.class, r, "a warning never makes it invalid: " + r.errors());
        return r.warnings().stream().map(ConfigError::toString).toList();
    }

    @Test
    void aLocalAddressOfThisHostIsFine() {
        assertEquals(List.of(), warnings(config("", "", "",
                "name = a, address = \"10.255.0.2\", remote-as = 65001, local-address = \"10.255.0.1\"",
                "name = b, address = \"fd00:255::2\", remote-as = 65001, local-address = \"fd00:255::1\"")));
    }

    @Test
    void aLocalAddressNotOnTheHostIsAWarningNamingTheHostsAddressesOfThatFamily() {
        assertEquals(List.of("test.conf:8: petrel.peers[0].local-address: 10.255.9.9 is not an address of this"
                + " host (it has 10.255.0.1, 127.0.0.1): connecting from it fails (EADDRNOTAVAIL) until it is"
                + " added, and is retried"), warnings(config("", "", "",
                        "name = a, address = \"10.255.0.2\", remote-as = 65001, local-address = \"10.255.9.9\"")));
    }

    @Test
    void theHostCheckCanBeLeftOut() {
        ConfigResult r = ConfigLoader.parse(config("", "", "",
                "name = a, address = \"10.255.0.2\", remote-as = 65001, local-address = \"10.255.9.9\""),
                "test.conf", Map.of(), HostAddresses.UNCHECKED);
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void aListenAddressNotOnTheHostIsAWarningAndTheWildcardIsAlwaysOurs() {
        assertEquals(List.of("test.conf:4: petrel.listen[1]: 10.255.9.9 is not an address of this host (it has"
                + " 10.255.0.1, 127.0.0.1): listening on 10.255.9.9:179 fails at start"),
                warnings(config("\"0.0.0.0:179\", \"10.255.9.9:179\", \"[::]:179\"", "", "")));
    }

    @Test
    void theHealthEndpointsCannotTakeABgpListenPort() {
        List<ConfigError> errors = parse(config("\"0.0.0.0:9179\"", "http = \"127.0.0.1:9179\"", "")).errors();
        assertEquals(List.of("test.conf:5: petrel.admin.http: 127.0.0.1:9179 collides with the BGP listen address"
                + " 0.0.0.0:9179 (petrel.listen): one of the two could not bind; give the health endpoints another"
                + " port (default 9179)"), errors.stream().map(ConfigError::toString).toList());
        assertEquals(1, parse(config("\"127.0.0.1:179\"", "http = \"127.0.0.1:179\"", "")).errors().size());
        assertInstanceOf(ConfigResult.Valid.class, parse(config("\"0.0.0.0:179\"", "", "")), "9179 and 179");
        assertInstanceOf(ConfigResult.Valid.class, parse(config("\"10.255.0.1:9179\"", "", "")),
                "two different addresses on one port bind");
        assertInstanceOf(ConfigResult.Valid.class, parse(config("\"[::]:9179\"", "", "")),
                "IPv6 listeners are IPV6_V6ONLY: [::] does not take 127.0.0.1");
    }

    @Test
    void aPeerInsideAListenRangeIsAllowedWithAWarning() {
        assertEquals(List.of("test.conf:8: petrel.peers[0].address: 10.255.0.7 is inside listen range nodes"
                + " (10.255.0.0/24): allowed, and a connection from it is this peer, never a dynamic one of the"
                + " range"), warnings(config("\"0.0.0.0:179\"", "",
                        "{ name = nodes, prefix = \"10.255.0.0/24\", remote-as = internal }",
                        "name = a, address = \"10.255.0.7\", remote-as = 65001")));
    }

    @Test
    void theSamePeerAddressTwiceIsAnError() {
        List<ConfigError> errors = parse(config("", "", "",
                "name = a, address = \"fd00:255::2\", remote-as = 65001",
                "name = b, address = \"fd00:255:0:0::2\", remote-as = 65001")).errors();
        assertEquals(List.of("test.conf:9: petrel.peers[1].address: fd00:255::2 is already the address of"
                + " petrel.peers[0]"), errors.stream().map(ConfigError::toString).toList());
    }

    @Test
    void identicalRangesAreAnErrorAndNestedOnesAreNot() {
        String nested = "{ name = wide, prefix = \"10.255.0.0/16\", remote-as = internal },"
                + " { name = narrow, prefix = \"10.255.1.0/24\", remote-as = internal }";
        assertEquals(List.of(), warnings(config("\"0.0.0.0:179\"", "", nested)));
        List<ConfigError> errors = parse(config("\"0.0.0.0:179\"", "",
                "{ name = one, prefix = \"10.255.0.0/16\", remote-as = internal },"
                        + " { name = two, prefix = \"10.255.0.0/16\", remote-as = internal }")).errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("petrel.listen-ranges[1].prefix", errors.get(0).key());
        assertTrue(errors.get(0).message().contains("is already the prefix of petrel.listen-ranges[0]"),
                errors.toString());
    }

    @Test
    void anUndefinedPolicyIsAnErrorNamingTheDefinedOnes() {
        List<ConfigError> errors = parse(config("", "", "",
                "name = a, address = \"10.255.0.2\", remote-as = 65001, import = from-upstream")).errors();
        assertEquals(List.of("test.conf:8: petrel.peers[0].import: peer a: import policy 'from-upstream' is not"
                + " defined; no policies are defined (petrel.policies), only all and none"),
                errors.stream().map(ConfigError::toString).toList());
    }

    @Test
    void warningsComeWithErrorsElsewhere() {
        ConfigResult r = parse(config("", "ready-grace = 2", "",
                "name = a, address = \"10.255.0.2\", remote-as = 65001, local-address = \"10.255.9.9\""));
        assertInstanceOf(ConfigResult.Invalid.class, r);
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertEquals("test.conf:5: petrel.admin.ready-grace: needs a unit, like 2s (a bare number would be"
                + " milliseconds)", r.errors().get(0).toString());
    }
}
