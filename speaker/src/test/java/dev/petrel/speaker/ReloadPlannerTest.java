package dev.petrel.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PeerConfig;
import dev.petrel.config.PetrelConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The reload planner on records: one changed key at a time, each against the same baseline. */
class ReloadPlannerTest {
    /** The baseline: two peers, a policy, a static route, one listener. {@code edit} replaces text in it. */
    private static final String BASE = String.join("\n",
            "petrel {",
            "  router-id = \"10.255.1.1\"",
            "  local-as = 64512",
            "  listen = [\"127.0.0.1:1179\"]",
            "  admin.socket = \"/tmp/petrel-plan.sock\"",
            "  policies { pods { rules = [ { match { prefix = \"10.244.0.0/16\" }, action = accept } ], default = reject } }",
            "  static-routes = [ { prefix = \"10.244.1.0/26\", type = blackhole } ]",
            "  peers = [",
            "    { name = tor, address = \"10.255.0.1\", remote-as = 65001, import = all, export = pods, hold-time = 90s }",
            "    { name = rr, address = \"10.255.0.2\", remote-as = 64512 }",
            "  ]",
            "}");

    static PetrelConfig config(String text) {
        ConfigResult r = ConfigLoader.parse(text, "test.conf", Map.of());
        if (r instanceof ConfigResult.Valid v) {
            return v.config();
        }
        throw new AssertionError(r.errors().toString());
    }

    /** The baseline with {@code from} replaced by {@code to} (which must occur). */
    static PetrelConfig edited(String from, String to) {
        assertTrue(BASE.contains(from), from);
        return config(BASE.replace(from, to));
    }

    static ReloadPlan plan(String from, String to) {
        return ReloadPlanner.plan(config(BASE), edited(from, to));
    }

    @Test
    void identicalConfigurationIsTheEmptyPlan() {
        ReloadPlan p = ReloadPlanner.plan(config(BASE), config(BASE));
        assertTrue(p.isEmpty());
        assertTrue(p.applicable());
        assertEquals(List.of("no changes"), p.lines());
        assertTrue(p.json().startsWith("{\"changes\":false,\"applicable\":true"), p.json());
    }

    @Test
    void reorderingAndReformattingIsNoChange() {
        String swapped = BASE.replace(
                "    { name = tor, address = \"10.255.0.1\", remote-as = 65001, import = all, export = pods, hold-time = 90s }\n"
                        + "    { name = rr, address = \"10.255.0.2\", remote-as = 64512 }",
                "    { name = rr, address = \"10.255.0.2\", remote-as = 64512 }\n"
                        + "    { export = pods, name = tor, address = \"10.255.0.1\", remote-as = 65001, import = all }");
        assertTrue(ReloadPlanner.plan(config(BASE), config(swapped)).isEmpty(),
                "peer order, key order and a default written out change nothing");
    }

    /** Each key whose change the OPEN or the transport carries resets the peer, and only that peer. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "remote-as = 65001, import|remote-as = 65002, import|remote-as",
        "address = \"10.255.0.1\"|address = \"10.255.0.9\"|address",
        "hold-time = 90s }|hold-time = 90s, port = 1179 }|port",
        "hold-time = 90s }|hold-time = 90s, password = s3cret }|password",
        "hold-time = 90s }|hold-time = 90s, passive = true }|passive",
        "hold-time = 90s }|hold-time = 90s, multihop = 2 }|multihop",
        "hold-time = 90s }|hold-time = 90s, ttl-security = true }|ttl-security",
        "hold-time = 90s }|hold-time = 90s, local-address = \"10.255.0.100\" }|local-address",
        "hold-time = 90s }|hold-time = 90s, families = [ipv4-unicast] }|families",
        "hold-time = 90s }|hold-time = 90s, role = customer }|role",
        "hold-time = 90s }|hold-time = 90s, add-path-receive = true }|add-path-receive",
    })
    void sessionKeysResetWithCeaseSix(String from, String to, String key) {
        ReloadPlan p = plan(from, to);
        assertEquals(1, p.peers().size(), p.lines().toString());
        ReloadPlan.PeerChange c = p.peers().get(0);
        assertEquals("tor", c.name());
        assertEquals(ReloadPlan.Action.RESET, c.action());
        assertTrue(c.changed().contains(key), c.changed().toString());
        assertTrue(p.lines().get(0).contains("Cease/6"), p.lines().toString());
        assertTrue(p.applicable());
    }

    @Test
    void routeReflectorClientIsAReset() {
        ReloadPlan p = plan("remote-as = 64512 }", "remote-as = 64512, route-reflector-client = true }");
        assertEquals(List.of(new ReloadPlan.PeerChange("rr", ReloadPlan.Action.RESET,
                List.of("route-reflector-client"))), p.peers());
    }

    @Test
    void exportPolicyIsSoftOutWithoutAReset() {
        ReloadPlan p = plan("export = pods", "export = all");
        ReloadPlan.PeerChange c = p.peers().get(0);
        assertEquals(ReloadPlan.Action.UPDATED, c.action());
        assertEquals(List.of("export"), c.changed());
        assertTrue(c.softOut());
        assertFalse(c.softIn());
        assertFalse(c.timers());
        assertTrue(p.lines().get(0).contains("soft out"), p.lines().toString());
    }

    @Test
    void importPolicyIsSoftIn() {
        ReloadPlan.PeerChange c = plan("import = all", "import = pods").peers().get(0);
        assertEquals(ReloadPlan.Action.UPDATED, c.action());
        assertTrue(c.softIn());
        assertFalse(c.softOut());
    }

    @Test
    void aPolicysDefinitionChangingReappliesItForThePeersThatUseItOnly() {
        ReloadPlan p = plan("default = reject", "default = accept");
        assertEquals(1, p.peers().size(), "rr does not use pods: " + p.lines());
        assertEquals("tor", p.peers().get(0).name());
        assertEquals(List.of("export"), p.peers().get(0).changed());
        assertEquals(ReloadPlan.Action.UPDATED, p.peers().get(0).action());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "allow-own-as = 1|true|false",
        "next-hop = self|false|true",
        "max-prefixes = 100|true|false",
    })
    void ribOptionsAreReappliedWithoutAReset(String key, boolean softIn, boolean softOut) {
        ReloadPlan.PeerChange c = plan("hold-time = 90s }", "hold-time = 90s, " + key + " }").peers().get(0);
        assertEquals(ReloadPlan.Action.UPDATED, c.action(), c.toString());
        assertEquals(softIn, c.softIn(), c.toString());
        assertEquals(softOut, c.softOut(), c.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hold-time = 90s|hold-time = 30s|hold-time",
        "hold-time = 90s|hold-time = 90s, keepalive = 10s|keepalive",
        "hold-time = 90s|hold-time = 90s, connect-retry = 5s|connect-retry",
        "hold-time = 90s|hold-time = 90s, idle-hold = 2s|idle-hold",
        "hold-time = 90s|hold-time = 90s, delay-open = 2s|delay-open",
        "hold-time = 90s|hold-time = 90s, min-hold-time = 9s|min-hold-time",
        "hold-time = 90s|hold-time = 90s, send-hold-time = 600s|send-hold-time",
    })
    void timersAreUpdatedForTheNextSession(String from, String to, String key) {
        ReloadPlan.PeerChange c = plan(from, to).peers().get(0);
        assertEquals(ReloadPlan.Action.UPDATED, c.action());
        assertEquals(List.of(key), c.changed());
        assertTrue(c.timers());
        assertFalse(c.softIn() || c.softOut());
    }

    @Test
    void descriptionAndShutdownAreUpdates() {
        ReloadPlan.PeerChange d = plan("hold-time = 90s }", "hold-time = 90s, description = \"tor 1\" }")
                .peers().get(0);
        assertEquals(ReloadPlan.Action.UPDATED, d.action());
        assertEquals(List.of("description"), d.changed());
        ReloadPlan.PeerChange s = plan("hold-time = 90s }", "hold-time = 90s, shutdown = true }").peers().get(0);
        assertEquals(ReloadPlan.Action.UPDATED, s.action());
        assertTrue(s.shutdownChanged());
    }

    @Test
    void aResetKeyWinsOverSoftOnes() {
        ReloadPlan.PeerChange c = plan("remote-as = 65001, import = all, export = pods",
                "remote-as = 65009, import = all, export = all").peers().get(0);
        assertEquals(ReloadPlan.Action.RESET, c.action());
        assertEquals(List.of("remote-as", "export"), c.changed());
    }

    @Test
    void addedAndRemovedPeersByName() {
        ReloadPlan p = plan("{ name = rr, address = \"10.255.0.2\"", "{ name = rr2, address = \"10.255.0.2\"");
        assertEquals(List.of(new ReloadPlan.PeerChange("rr2", ReloadPlan.Action.ADDED, List.of()),
                new ReloadPlan.PeerChange("rr", ReloadPlan.Action.REMOVED, List.of())), p.peers());
        assertTrue(p.lines().contains("peer rr: removed (Cease/3 Peer De-configured)"), p.lines().toString());
        assertTrue(p.lines().contains("peer rr2: added"), p.lines().toString());
    }

    @Test
    void listenAddressesByDifference() {
        ReloadPlan p = plan("listen = [\"127.0.0.1:1179\"]", "listen = [\"127.0.0.1:1179\", \"127.0.0.2:1179\"]");
        assertEquals(1, p.listenAdded().size());
        assertTrue(p.listenRemoved().isEmpty());
        assertTrue(p.peers().isEmpty());
        ReloadPlan port = plan("listen = [\"127.0.0.1:1179\"]", "listen = [\"127.0.0.1:2179\"]");
        assertEquals(List.of("listen 127.0.0.1:2179: bind",
                "listen 127.0.0.1:1179: close (accepted sessions stay up)"), port.lines());
        assertTrue(port.applicable());
    }

    @Test
    void staticRoutesByDifference() {
        ReloadPlan added = plan("type = blackhole } ]",
                "type = blackhole }, { prefix = \"10.244.2.0/26\", type = blackhole } ]");
        assertEquals(1, added.staticOriginated().size());
        assertEquals("10.244.2.0/26", added.staticOriginated().get(0).prefix().toString());
        ReloadPlan changed = plan("type = blackhole", "type = unreachable");
        assertEquals(1, changed.staticOriginated().size(), "a changed route is originated again");
        assertTrue(changed.staticWithdrawn().isEmpty());
        ReloadPlan removed = plan("static-routes = [ { prefix = \"10.244.1.0/26\", type = blackhole } ]",
                "static-routes = []");
        assertEquals("10.244.1.0/26", removed.staticWithdrawn().get(0).toString());
        assertTrue(removed.peers().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "router-id = \"10.255.1.1\"|router-id = \"10.255.1.2\"|router-id: 10.255.1.1 -> 10.255.1.2",
        "local-as = 64512|local-as = 64513|local-as: 64512 -> 64513",
        "admin.socket = \"/tmp/petrel-plan.sock\"|admin.socket = \"/tmp/other.sock\"|admin.socket",
        "local-as = 64512|local-as = 64512, admin.socket-group = petrel|admin.socket-group: null -> petrel",
        "local-as = 64512|local-as = 64512, rib { multipath = 4 }|rib changed",
        "local-as = 64512|local-as = 64512, kernel { enabled = true }|kernel changed",
    })
    void globalChangesNeedARestartAndAreNotApplicable(String from, String to, String line) {
        ReloadPlan p = plan(from, to);
        assertFalse(p.applicable());
        assertTrue(p.restartNeeded().stream().anyMatch(r -> r.startsWith(line)), p.restartNeeded().toString());
        assertTrue(p.json().contains("\"applicable\":false"), p.json());
    }

    /** A reflector with one range from a template; {@code edit} replaces text in it. */
    private static final String RANGES = String.join("\n",
            "petrel {",
            "  router-id = \"10.255.1.1\"",
            "  local-as = 64512",
            "  listen = [\"127.0.0.1:1179\"]",
            "  admin.socket = \"/tmp/petrel-plan.sock\"",
            "  policies { pods { rules = [ { match { prefix = \"10.244.0.0/16\" }, action = accept } ], default = reject } }",
            "  peer-templates { nodes { remote-as = internal, route-reflector-client = true, export = all, hold-time = 9s } }",
            "  listen-ranges = [ { name = nodes, prefix = \"10.255.8.0/24\", template = nodes, max-peers = 4 } ]",
            "}");

    /** Two live peers of range nodes: 10.255.8.1 and 10.255.8.200. */
    private static List<ReloadPlanner.DynamicPeer> live(PetrelConfig c) {
        dev.petrel.config.ListenRange r = c.listenRanges().get(0);
        return List.of("10.255.8.1", "10.255.8.200").stream().map(a -> {
            try {
                java.net.InetAddress ad = java.net.InetAddress.getByName(a);
                return new ReloadPlanner.DynamicPeer("nodes",
                        r.peer().dynamic(dev.petrel.rr.DynamicNeighbors.name(r, ad), ad));
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private static ReloadPlan ranges(String from, String to) {
        assertTrue(RANGES.contains(from), from);
        PetrelConfig running = config(RANGES);
        return ReloadPlanner.plan(running, config(RANGES.replace(from, to)), live(running));
    }

    @Test
    void identicalRangesAreTheEmptyPlan() {
        ReloadPlan p = ReloadPlanner.plan(config(RANGES), config(RANGES), live(config(RANGES)));
        assertTrue(p.isEmpty(), p.lines().toString());
        assertEquals(List.of("no changes"), p.lines());
    }

    @Test
    void aTemplatesExportPolicyIsSoftOutForTheRangesLivePeers() {
        ReloadPlan p = ranges("export = all, hold-time", "export = pods, hold-time");
        assertTrue(p.applicable(), p.restartNeeded().toString());
        assertEquals(List.of(new ReloadPlan.PeerChange("nodes", ReloadPlan.Action.UPDATED, List.of("export"))),
                p.ranges());
        assertEquals(List.of(new ReloadPlan.PeerChange("nodes/10.255.8.1", ReloadPlan.Action.UPDATED,
                List.of("export")), new ReloadPlan.PeerChange("nodes/10.255.8.200", ReloadPlan.Action.UPDATED,
                List.of("export"))), p.dynamicPeers());
        assertTrue(p.dynamicPeers().get(0).softOut());
        assertTrue(p.lines().contains("dynamic peer nodes/10.255.8.1: updated without a reset (soft out): export"),
                p.lines().toString());
        assertTrue(p.peers().isEmpty());
    }

    @Test
    void aTemplatesTimerIsForTheNextSession() {
        ReloadPlan p = ranges("hold-time = 9s", "hold-time = 30s");
        assertEquals(ReloadPlan.Action.UPDATED, p.ranges().get(0).action());
        assertTrue(p.dynamicPeers().get(0).timers());
        assertFalse(p.dynamicPeers().get(0).softOut());
    }

    @Test
    void aResetClassChangeResetsTheLivePeers() {
        ReloadPlan p = ranges("route-reflector-client = true", "route-reflector-client = false");
        assertEquals(ReloadPlan.Action.RESET, p.ranges().get(0).action());
        assertEquals(2, p.dynamicPeers().size());
        assertTrue(p.dynamicPeers().stream().allMatch(c -> c.action() == ReloadPlan.Action.RESET));
        assertEquals(List.of("route-reflector-client"), p.dynamicPeers().get(0).changed());
        ReloadPlan pw = ranges("hold-time = 9s", "hold-time = 9s, password = \"s3cret\"");
        assertEquals(ReloadPlan.Action.RESET, pw.ranges().get(0).action(), pw.ranges().toString());
        assertEquals(List.of("password"), pw.dynamicPeers().get(0).changed());
    }

    @Test
    void aRemovedRangeRemovesItsPeersAndAnAddedOneTouchesNone() {
        ReloadPlan removed = ranges(
                "listen-ranges = [ { name = nodes, prefix = \"10.255.8.0/24\", template = nodes, max-peers = 4 } ]",
                "listen-ranges = []");
        assertEquals(List.of(new ReloadPlan.PeerChange("nodes", ReloadPlan.Action.REMOVED, List.of())),
                removed.ranges());
        assertEquals(2, removed.dynamicPeers().size());
        assertTrue(removed.dynamicPeers().stream().allMatch(c -> c.action() == ReloadPlan.Action.REMOVED));
        assertTrue(removed.lines().contains("dynamic peer nodes/10.255.8.1: removed (Cease/3 Peer De-configured)"),
                removed.lines().toString());
        ReloadPlan added = ranges("max-peers = 4 } ]",
                "max-peers = 4 }, { name = more, prefix = \"10.255.9.0/24\", remote-as = internal } ]");
        assertEquals(List.of(new ReloadPlan.PeerChange("more", ReloadPlan.Action.ADDED, List.of())), added.ranges());
        assertTrue(added.dynamicPeers().isEmpty());
        assertTrue(added.applicable());
    }

    @Test
    void aNarrowedPrefixRemovesOnlyThePeersOutsideIt() {
        ReloadPlan p = ranges("10.255.8.0/24", "10.255.8.0/25");
        assertEquals(List.of("prefix"), p.ranges().get(0).changed());
        assertEquals(List.of(new ReloadPlan.PeerChange("nodes/10.255.8.200", ReloadPlan.Action.REMOVED,
                List.of("prefix"))), p.dynamicPeers());
    }

    @Test
    void aLowerMaxPeersKeepsTheLivePeers() {
        ReloadPlan p = ranges("max-peers = 4", "max-peers = 1");
        assertEquals(List.of(new ReloadPlan.PeerChange("nodes", ReloadPlan.Action.UPDATED, List.of("max-peers"))),
                p.ranges());
        assertTrue(p.dynamicPeers().isEmpty(), p.dynamicPeers().toString());
        assertFalse(p.isEmpty());
        assertTrue(p.json().contains("\"listen_ranges\":[{\"name\":\"nodes\",\"action\":\"updated\""), p.json());
    }

    @Test
    void jsonListsEachPeerWithItsAction() {
        ReloadPlan p = plan("export = pods", "export = all");
        assertEquals("{\"changes\":true,\"applicable\":true,\"restart_needed\":[],\"listen_added\":[],"
                + "\"listen_removed\":[],\"static_originated\":[],\"static_withdrawn\":[],\"peers\":[{\"name\":"
                + "\"tor\",\"action\":\"updated\",\"changed\":[\"export\"],\"soft_in\":false,\"soft_out\":true,"
                + "\"timers\":false}],\"listen_ranges\":[],\"dynamic_peers\":[]}", p.json());
    }

    /** A component of PeerConfig that no key compares would make a change invisible to the plan. */
    @Test
    void everyPeerConfigComponentIsCompared() {
        List<String> components = Arrays.stream(PeerConfig.class.getRecordComponents()).map(c -> c.getName())
                .filter(n -> !n.equals("name") && !n.equals("ribOptions")).toList();
        List<String> ribComponents = Arrays.stream(dev.petrel.config.PeerRibOptions.class.getRecordComponents())
                .map(c -> c.getName()).toList();
        assertEquals(components.size() + ribComponents.size(), ReloadPlanner.keyNames().size(),
                "PeerConfig " + components + " + PeerRibOptions " + ribComponents + " vs " + ReloadPlanner.keyNames());
    }
}
