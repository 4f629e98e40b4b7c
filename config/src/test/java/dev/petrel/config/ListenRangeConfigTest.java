package dev.petrel.config;

import static dev.petrel.config.Configs.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** peer-templates and listen-ranges: what a range's peers are made of, and every rule with its file:line. */
class ListenRangeConfigTest {
    /** Templates on line 4, ranges from line 6 on, one per element of {@code ranges}; our AS is 65002. */
    private static String ranges(String templates, String... ranges) {
        return String.join("\n",
                "petrel {",
                "  router-id = \"10.255.1.1\"",
                "  local-as = 65002",
                "  peer-templates { " + templates + " }",
                "  listen-ranges = [",
                String.join("\n", java.util.Arrays.stream(ranges).map(r -> "    { " + r + " }").toList()),
                "  ]",
                "}");
    }

    private static final String NODES = "nodes { remote-as = internal, route-reflector-client = true, hold-time = 30s,"
            + " password = s3cret }";

    @Test
    void aRangeIsMadeFromItsKeysOverItsTemplateOverPeerDefaults() {
        PetrelConfig c = valid(ranges(NODES, "prefix = \"10.255.1.0/24\", template = nodes, hold-time = 60s"));
        ListenRange r = c.listenRanges().get(0);
        assertEquals("nodes", r.name(), "named after its template, as FRR names a range by its peer-group");
        assertEquals("10.255.1.0/24", r.prefix().toString());
        assertEquals("nodes", r.template());
        assertEquals(ListenRange.DEFAULT_MAX_PEERS, r.maxPeers());
        PeerConfig p = r.peer();
        assertEquals(65002, p.remoteAs());
        assertTrue(p.internal());
        assertTrue(p.passive(), "a dynamic peer is only ever accepted");
        assertTrue(p.ribOptions().routeReflectorClient(), "from the template");
        assertEquals(60, p.holdTime().toSeconds(), "the range's own key wins over the template's");
        assertEquals("s3cret", p.password().orElseThrow().value());
        assertEquals(120, p.connectRetry().toSeconds(), "peer-defaults under both");
        assertEquals("10.255.1.0", p.address().getHostAddress());
    }

    @Test
    void aRangeNeedsNoTemplateAndTakesANumberOrInternal() {
        PetrelConfig c = valid(ranges("", "name = tors, prefix = \"fd00:255:1::/64\", remote-as = 65001,"
                + " import = all, export = all, max-peers = 2",
                "name = inside, prefix = \"10.255.0.0/16\", remote-as = internal"));
        ListenRange tors = c.listenRanges().get(0);
        assertEquals(65001, tors.peer().remoteAs());
        assertFalse(tors.peer().internal());
        assertEquals(2, tors.maxPeers());
        assertEquals(65002, c.listenRanges().get(1).peer().remoteAs());
    }

    @Test
    void nestedRangesAreAllowedButAPrefixOnlyOnce() {
        assertEquals(2, valid(ranges(NODES, "prefix = \"10.255.0.0/16\", template = nodes, name = wide",
                "prefix = \"10.255.1.0/24\", template = nodes")).listenRanges().size());
        List<ConfigError> e = errors(ranges(NODES, "prefix = \"10.255.1.0/24\", template = nodes, name = a",
                "prefix = \"10.255.1.0/24\", template = nodes, name = b"));
        assertEquals(1, e.size(), e.toString());
        assertEquals("test.conf:7: petrel.listen-ranges[1].prefix: 10.255.1.0/24 is already the prefix of"
                + " petrel.listen-ranges[0] (nested ranges are allowed; the most specific one wins)", e.get(0).toString());
        rangeError(ranges(NODES, "prefix = \"10.255.1.0/24\", template = nodes",
                "prefix = \"10.255.2.0/24\", template = nodes"), 7, "name", "nodes is already the name of");
    }

    @Test
    void thePrefixIsACidrWithoutHostBits() {
        rangeError(ranges(NODES, "prefix = \"10.255.1.5/24\", template = nodes"), 6, "prefix",
                "10.255.1.5/24 has host bits set; did you mean 10.255.1.0/24?");
        rangeError(ranges(NODES, "prefix = \"10.255.1.0\", template = nodes"), 6, "prefix", "is not a prefix");
        rangeError(ranges(NODES, "prefix = \"10.255.1.0/33\", template = nodes"), 6, "prefix", "0..32");
        rangeError(ranges(NODES, "template = nodes"), 6, "prefix", "is required");
    }

    @Test
    void theTemplateMustBeDefined() {
        rangeError(ranges(NODES, "prefix = \"10.255.1.0/24\", template = node"), 6, "template",
                "peer template 'node' is not defined; defined: nodes");
        rangeError(ranges("", "prefix = \"10.255.1.0/24\", template = node"), 6, "template",
                "no templates are defined");
        rangeError(ranges("", "prefix = \"10.255.1.0/24\", remote-as = internal"), 6, "name",
                "is required without a template");
    }

    @Test
    void maxPeersIsOneTo65535() {
        rangeError(ranges(NODES, "prefix = \"10.255.1.0/24\", template = nodes, max-peers = 0"), 6, "max-peers",
                "0 is out of range: 1..65535");
        rangeError(ranges(NODES, "prefix = \"10.255.1.0/24\", template = nodes, max-peers = 65536"), 6,
                "max-peers", "out of range");
    }

    @Test
    void remoteAsIsANumberOrInternal() {
        rangeError(ranges("", "name = r, prefix = \"10.255.1.0/24\""), 6, "remote-as",
                "is required, here or in the template: an AS number 1..4294967295 or internal");
        rangeError(ranges("", "name = r, prefix = \"10.255.1.0/24\", remote-as = external"), 6, "remote-as",
                "external (any AS but ours) is not supported");
        rangeError(ranges("", "name = r, prefix = \"10.255.1.0/24\", remote-as = ours"), 6, "remote-as",
                "must be an AS number 1..4294967295 or internal, not \"ours\"");
        rangeError(ranges("", "name = r, prefix = \"10.255.1.0/24\", remote-as = 23456"), 6, "remote-as",
                "AS_TRANS");
        rangeError(ranges("", "name = r, prefix = \"10.255.1.0/24\", remote-as = 65001,"
                + " route-reflector-client = true"), 6, "route-reflector-client", "only an iBGP peer");
    }

    @Test
    void keysThatMeanNothingForADynamicPeerAreRefused() {
        rangeError(ranges(NODES, "prefix = \"10.255.1.0/24\", template = nodes, address = \"10.255.1.2\""), 6,
                "address", "not allowed here");
        rangeError(ranges(NODES, "prefix = \"10.255.1.0/24\", template = nodes, passive = false"), 6, "passive",
                "always passive");
        onlyError(ranges("t { shutdown = true }", "prefix = \"10.255.1.0/24\", template = t, remote-as = 1"), 4,
                "petrel.peer-templates.t.shutdown", "not allowed here");
        onlyError(ranges("t { hold-tme = 30s }", "prefix = \"10.255.1.0/24\", template = t, remote-as = 1"), 4,
                "petrel.peer-templates.t.hold-tme", "unknown key; did you mean hold-time?");
        rangeError(ranges(NODES, "prefix = \"10.255.1.0/24\", template = nodes, max-peer = 3"), 6, "max-peer",
                "unknown key; did you mean max-peers?");
    }

    @Test
    void aBadTemplateIsReportedOnceWhereItIsWritten() {
        onlyError(ranges("t { remote-as = internal, hold-time = 1s }", "prefix = \"10.255.1.0/24\", template = t",
                "prefix = \"10.255.2.0/24\", template = t, name = u"), 4, "petrel.peer-templates.t.hold-time",
                "1s is not allowed");
    }

    @Test
    void rangesNeedAListener() {
        onlyError(ranges(NODES, "prefix = \"10.255.1.0/24\", template = nodes").replace("local-as = 65002",
                "local-as = 65002, listen = []"), 3, "petrel.listen", "their peers could never connect");
    }

    private static void rangeError(String text, int line, String key, String message) {
        onlyError(text, line, "petrel.listen-ranges[" + (line - 6) + "]." + key, message);
    }
}
