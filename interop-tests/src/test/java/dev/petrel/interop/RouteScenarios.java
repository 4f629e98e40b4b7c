package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.fsm.SessionState;
import dev.petrel.interop.harness.Announcement;
import dev.petrel.interop.harness.Await;
import dev.petrel.interop.harness.BgpMessages;
import dev.petrel.interop.harness.BgpPath;
import dev.petrel.interop.harness.BgpState;
import dev.petrel.daemon.exec.CommandResult;
import dev.petrel.interop.harness.FrrOutput;
import dev.petrel.interop.harness.Lan;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.PeerSnapshot;
import dev.petrel.interop.harness.Petrel;
import dev.petrel.interop.harness.PetrelConf;
import dev.petrel.interop.harness.ScriptedSpeaker;
import dev.petrel.interop.harness.TestNetwork;
import dev.petrel.speaker.PeerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Routes through Petrel, against BIRD and FRR: one subclass per daemon ({@link #startRouter}), the same scenarios.
 *
 * <p>Most scenarios share one topology, started once per class: seven namespaces on one LAN (addresses, and router
 * IDs, in this order: .1 Petrel, .2 x, .3 o, .4 y, .5 i1, .6 i2, .7 t), every daemon the same kind.
 *
 * <pre>
 *   x (AS 65001) ─┐                    ┌─ o (AS 65003): receives Petrel's routes (eBGP), announces its own
 *   y (AS 65001) ─┼── Petrel (65002) ──┤
 *   i1 (65002)  ──┤    ipv4 + ipv6     └─ i2 (65002): iBGP, receives Petrel's best with its next hop unchanged
 *   i2 (65002)  ──┘
 *   x, y, o, i1, i2 ── t (65002): Petrel's twin, the reference decision process: the same candidates, exports none
 * </pre>
 *
 * <p>Each announcer tags its routes with community 65100:N, N the last octet of its address, so a receiver can
 * tell whose path Petrel chose even where Petrel is the next hop. x and o have IPv6 sessions with Petrel too.
 * Each scenario uses prefixes of its own, so they do not disturb one another. The route-limit and
 * treat-as-withdraw scenarios build small networks of their own (the latter with a {@link ScriptedSpeaker}, since
 * neither daemon can be made to send a malformed UPDATE).
 *
 * <p>Where the decision processes differ by default, the twin is set to decide as Petrel does, and the difference is
 * stated here: Petrel compares MED within a neighbour AS deterministically (grouped by AS, as FRR since 7.4; BIRD's
 * {@code deterministic med} is off by default, so the BIRD twin turns it on); Petrel never prefers the older of two
 * eBGP paths (FRR does, RFC 5004, before the router ID, so the FRR twin has {@code bgp bestpath
 * compare-routerid}); BIRD's BGP keeps no ECMP set in its table, so ECMP is compared with FRR only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RouteScenarios {

    static final Duration UP = Duration.ofSeconds(60);
    static final Duration CONVERGE = Duration.ofSeconds(60);
    static final long AS_PETREL = 65002;
    static final long AS_XY = 65001;
    static final long AS_O = 65003;
    static final long AS_SPEAKER = 65005;

    // Scenario 1: flow
    static final String P_X4 = "10.255.241.0/24";
    static final String P_X6 = "fd00:255:f241::/48";
    static final String P_I1 = "10.255.242.0/24";
    static final String P_O4 = "10.255.243.0/24";
    static final String P_O6 = "fd00:255:f243::/48";
    static final String P_STATIC4 = "10.255.250.0/24";
    static final String P_STATIC6 = "fd00:255:f250::/48";
    // Scenario 2: best path, one prefix per candidate set
    static final String P_ASPATH = "10.255.244.0/24";
    static final String P_MED = "10.255.245.0/24";
    static final String P_ORIGIN = "10.255.246.0/24";
    static final String P_RID = "10.255.247.0/24";
    static final String P_LOCALPREF = "10.255.248.0/24";
    static final String P_MED3 = "10.255.249.0/24";
    // Scenario 4: policy
    static final String P_POL_A = "10.255.251.0/24";
    static final String P_POL_B = "10.255.252.0/24";
    // Changes while running: x announces, changes and withdraws P_DYN; y withdraws and re-announces its P_FAIL.
    static final String P_DYN = "10.255.253.0/24";
    static final String P_FAIL = "10.255.254.0/24";

    TestNetwork net;
    Lan lan;
    Netns a;
    Netns x;
    Netns o;
    Netns y;
    Netns i1;
    Netns i2;
    Netns t;
    Petrel petrel;
    Router rx;
    Router ro;
    Router ry;
    Router ri1;
    Router ri2;
    Router rt;

    /** Starts BIRD or FRR in {@code ns} as {@code spec} says. */
    abstract Router startRouter(TestNetwork net, Netns ns, Router.Spec spec);

    // ---- Shared topology ----------------------------------------------------------------------------------------

    @BeforeAll
    void startTopology() throws Exception {
        InteropSupport.requireInterop();
        net = TestNetwork.create(getClass().getSimpleName());
        a = net.netns("a");
        x = net.netns("x");
        o = net.netns("o");
        y = net.netns("y");
        i1 = net.netns("i1");
        i2 = net.netns("i2");
        t = net.netns("t");
        lan = net.lan(a, x, o, y, i1, i2, t);

        ExecutorService pool = Executors.newFixedThreadPool(7);
        try {
            Future<Petrel> fp = pool.submit(() -> Petrel.start(net, a, petrelConf()));
            Future<Router> fx = pool.submit(() -> startRouter(net, x, spec("x", x, AS_XY)
                    .neighbor(toPetrel(false, true)).neighbor(toPetrel(true, true)).neighbor(toTwin())
                    .announce(tag(x, Announcement.of(P_X4), Announcement.of(P_X6),
                            Announcement.of(P_ASPATH).med(100),
                            Announcement.of(P_MED).med(50),
                            Announcement.of(P_ORIGIN).origin("incomplete").med(0),
                            Announcement.of(P_RID),
                            Announcement.of(P_MED3).med(50),
                            Announcement.of(P_POL_A), Announcement.of(P_POL_B),
                            Announcement.of(P_FAIL).med(50)))));
            Future<Router> fy = pool.submit(() -> startRouter(net, y, spec("y", y, AS_XY)
                    .neighbor(toPetrel(false, false)).neighbor(toTwin())
                    .announce(tag(y, Announcement.of(P_ASPATH).prepend(1).med(0),
                            Announcement.of(P_MED).med(10),
                            Announcement.of(P_ORIGIN).origin("igp").med(100),
                            Announcement.of(P_RID),
                            Announcement.of(P_MED3).med(10),
                            Announcement.of(P_FAIL).med(10)))));
            Future<Router> fo = pool.submit(() -> startRouter(net, o, spec("o", o, AS_O)
                    .neighbor(toPetrel(false, true)).neighbor(toPetrel(true, true)).neighbor(toTwin())
                    .announce(tag(o, Announcement.of(P_O4), Announcement.of(P_O6), Announcement.of(P_MED3)))));
            Future<Router> fi1 = pool.submit(() -> startRouter(net, i1, spec("i1", i1, AS_PETREL)
                    .neighbor(toPetrel(false, true)).neighbor(toTwin())
                    .announce(tag(i1, Announcement.of(P_I1),
                            Announcement.of(P_LOCALPREF).localPref(200).prepend(1, 65009)))));
            Future<Router> fi2 = pool.submit(() -> startRouter(net, i2, spec("i2", i2, AS_PETREL)
                    .neighbor(toPetrel(false, true)).neighbor(toTwin())
                    .announce(tag(i2, Announcement.of(P_LOCALPREF).localPref(100)))));
            Router.Spec twin = spec("t", t, AS_PETREL).reference(true);
            for (Netns n : List.of(x, y, o, i1, i2)) {
                long as = n == o ? AS_O : n == x || n == y ? AS_XY : AS_PETREL;
                twin = twin.neighbor(new Router.Neighbor(name(n), lan.address(n, false), as, true, false));
            }
            Router.Spec twinSpec = twin;
            Future<Router> ft = pool.submit(() -> startRouter(net, t, twinSpec));
            petrel = fp.get();
            rx = fx.get();
            ry = fy.get();
            ro = fo.get();
            ri1 = fi1.get();
            ri2 = fi2.get();
            rt = ft.get();
        } finally {
            // On a failure, let the other starts finish (or fail) before @AfterAll closes the network under them.
            pool.shutdown();
            pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES);
        }
        for (String peer : List.of("x4", "x6", "y4", "o4", "o6", "i1", "i2")) {
            petrel.awaitState(peer, SessionState.ESTABLISHED, UP);
        }
        for (Router r : List.of(rx, ry, ro, ri1, ri2)) {
            r.awaitState(lan.address(t, false), BgpState.ESTABLISHED, UP);
        }
    }

    @AfterAll
    void stopTopology() {
        if (net != null) {
            net.close();
        }
    }

    static String name(Netns ns) {
        String n = ns.name();
        return n.substring(1, n.length() - 6); // "p" + role + suffix
    }

    Router.Spec spec(String role, Netns ns, long as) {
        return Router.Spec.of(role, as, lan.address(ns, false), lan.address(ns, true));
    }

    Router.Neighbor toPetrel(boolean ipv6, boolean importAll) {
        return new Router.Neighbor(ipv6 ? "petrel6" : "petrel4", lan.address(a, ipv6), AS_PETREL, importAll, true);
    }

    Router.Neighbor toTwin() {
        return new Router.Neighbor("twin", lan.address(t, false), AS_PETREL, false, true);
    }

    /** Community 65100:N, N the last octet of the announcer's IPv4 address: whose route it is. */
    String tagOf(Netns ns) {
        String addr = lan.address(ns, false);
        return "65100:" + addr.substring(addr.lastIndexOf('.') + 1);
    }

    Announcement[] tag(Netns ns, Announcement... as) {
        Announcement[] out = new Announcement[as.length];
        for (int i = 0; i < as.length; i++) {
            out[i] = as[i].community(tagOf(ns));
        }
        return out;
    }

    PetrelConf petrelConf() {
        PetrelConf c = PetrelConf.of(lan.address(a, false), AS_PETREL)
                .listen(lan.address(a, false), 179)
                .listen(lan.address(a, true), 179)
                // deterministic-med stated: the twin runs with it (FRR's default; BIRD's is off, so the BIRD twin sets
                // it). Petrel's own default should be on as well (DecisionOptions.DEFAULT, rib/package-info.java),
                // but reference.conf says rib.deterministic-med = false, and the daemon then picks y for P_MED3,
                // where FRR and BIRD with deterministic MED pick o.
                .extra("rib { multipath = 4, deterministic-med = true }")
                .extra("static-routes = [\n  { prefix = \"" + P_STATIC4 + "\", type = blackhole },\n  { prefix = \""
                        + P_STATIC6 + "\", type = blackhole }\n]")
                .extra(POLICY_BEFORE);
        c.peer(peer("x4", x, false, AS_XY)).peer(peer("x6", x, true, AS_XY)).peer(peer("y4", y, false, AS_XY))
                .peer(peer("o4", o, false, AS_O).exportPolicy("to-o")).peer(peer("o6", o, true, AS_O))
                .peer(peer("i1", i1, false, AS_PETREL)).peer(peer("i2", i2, false, AS_PETREL));
        return c;
    }

    PetrelConf.Peer peer(String name, Netns ns, boolean ipv6, long as) {
        return PetrelConf.Peer.of(name, lan.address(ns, ipv6), as).families(ipv6 ? "ipv6-unicast" : "ipv4-unicast")
                .importPolicy("all").exportPolicy("all");
    }

    /**
     * The policies for o4's export: {@code to-o} (everything; its policy at start) and {@code to-o-v2} (not
     * {@value #P_POL_A}, and {@value #P_POL_B} with community 65002:999 added), which scenario 4 switches to.
     */
    static final String POLICY_BEFORE = """
            policies {
              to-o { default = accept, rules = [] }
              to-o-v2 {
                default = accept
                rules = [
                  { match { prefix = "%s", prefix-operator = equal }, action = reject }
                  { match { prefix = "%s", prefix-operator = equal }, then { add-community = "65002:999" }, action = accept }
                ]
              }
            }""".formatted(P_POL_A, P_POL_B);

    // ---- Reading routes -----------------------------------------------------------------------------------------

    /** Waits until {@code r}'s paths for {@code prefix} from {@code neighbor} satisfy {@code ok}; returns them. */
    static List<BgpPath> awaitPaths(Router r, String prefix, String neighbor, String what,
            Predicate<List<BgpPath>> ok) {
        return Await.until(r.kind() + " " + r.name() + ": " + what, CONVERGE, () -> r.pathsFrom(prefix, neighbor), ok,
                l -> l + "\n--- " + r.kind() + " " + r.name() + " ---\n" + r.showRoute(prefix));
    }

    /** Waits until {@code r} has exactly one path for {@code prefix} from {@code neighbor}; returns it. */
    static BgpPath awaitPath(Router r, String prefix, String neighbor, String what) {
        return awaitPaths(r, prefix, neighbor, what, l -> l.size() == 1).get(0);
    }

    /** Waits until {@code r} has no path for {@code prefix} from {@code neighbor}. */
    static void awaitNoPath(Router r, String prefix, String neighbor, String what) {
        awaitPaths(r, prefix, neighbor, what, List::isEmpty);
    }

    String addr(Netns ns) {
        return lan.address(ns, false);
    }

    String addr6(Netns ns) {
        return lan.address(ns, true);
    }

    /** Petrel's paths for {@code prefix} ({@code show routes PREFIX --explain}), best first. */
    JsonNode petrelRoute(String prefix) {
        return petrel.showRoute(prefix);
    }

    // ---- 1. Routes flow both ways, both families -------------------------------------------------------------

    @Test
    void routesFlowThroughPetrelInBothFamilies() {
        String petrel4 = addr(a);
        String petrel6 = addr6(a);
        // x -> Petrel -> o (eBGP both sides): Petrel's AS prepended, Petrel the next hop, x's community kept.
        BgpPath v4 = awaitPath(ro, P_X4, petrel4, "x's IPv4 prefix from Petrel");
        assertEquals("65002 65001", v4.asPath(), v4::toString);
        assertEquals(petrel4, v4.nextHop(), v4::toString);
        assertTrue(v4.has(tagOf(x)), v4::toString);
        assertEquals("igp", v4.origin(), v4::toString);
        // RFC 4271 §5.1.4: a MED received from a neighbouring AS is not passed to another (FRR sends MED 0 on its
        // network routes, BIRD none: either way o sees none).
        assertEquals(null, v4.med(), v4::toString);
        BgpPath v6 = awaitPath(ro, P_X6, petrel6, "x's IPv6 prefix from Petrel");
        assertEquals("65002 65001", v6.asPath(), v6::toString);
        assertEquals(petrel6, v6.nextHop(), v6::toString);
        assertTrue(v6.has(tagOf(x)), v6::toString);

        // o -> Petrel -> x: the other way.
        BgpPath back4 = awaitPath(rx, P_O4, petrel4, "o's IPv4 prefix from Petrel");
        assertEquals("65002 65003", back4.asPath(), back4::toString);
        assertEquals(petrel4, back4.nextHop(), back4::toString);
        BgpPath back6 = awaitPath(rx, P_O6, petrel6, "o's IPv6 prefix from Petrel");
        assertEquals("65002 65003", back6.asPath(), back6::toString);
        assertEquals(petrel6, back6.nextHop(), back6::toString);

        // iBGP-learned (i1) to eBGP (o): AS_PATH was empty, now Petrel's AS; next hop self.
        BgpPath fromI1 = awaitPath(ro, P_I1, petrel4, "i1's prefix from Petrel");
        assertEquals("65002", fromI1.asPath(), fromI1::toString);
        assertEquals(petrel4, fromI1.nextHop(), fromI1::toString);
        assertTrue(fromI1.has(tagOf(i1)), fromI1::toString);

        // eBGP-learned (x) to iBGP (i1): next hop unchanged (x's address), AS_PATH unchanged, LOCAL_PREF 100.
        BgpPath toI1 = awaitPath(ri1, P_X4, petrel4, "x's prefix from Petrel over iBGP");
        assertEquals("65001", toI1.asPath(), toI1::toString);
        assertEquals(addr(x), toI1.nextHop(), toI1::toString);
        assertEquals(Long.valueOf(100), toI1.localPref(), toI1::toString);

        // iBGP-learned (i1) is not sent to another iBGP peer (i2): Petrel's Adj-RIB-Out for i2 has x's prefix
        // (sent) and not i1's, and i2 has nothing from Petrel for it.
        awaitPath(ri2, P_X4, petrel4, "x's prefix from Petrel over iBGP");
        JsonNode out = Await.until("Petrel's rib-out for i2 has " + P_X4, CONVERGE, () -> petrel.ribOut("i2"),
                j -> prefixes(j.path("routes")).contains(P_X4), JsonNode::toPrettyString);
        assertFalse(prefixes(out.path("routes")).contains(P_I1), out::toPrettyString);
        assertTrue(ri2.pathsFrom(P_I1, petrel4).isEmpty(), () -> ri2.showRoute(P_I1));

        // Petrel counts what it received and sent.
        PeerStatus xs = petrel.peer("x4");
        PeerStatus os = petrel.peer("o4");
        assertTrue(xs.counters().prefixesReceived() >= 1, () -> petrel.describe(xs));
        assertTrue(os.counters().prefixesSent() >= 1, () -> petrel.describe(os));

        // Petrel's own routes (static-routes) reach its eBGP peers with just its AS.
        BgpPath own4 = awaitPath(ro, P_STATIC4, petrel4, "Petrel's static IPv4 route");
        assertEquals("65002", own4.asPath(), own4::toString);
        assertEquals(petrel4, own4.nextHop(), own4::toString);
        BgpPath own6 = awaitPath(rx, P_STATIC6, petrel6, "Petrel's static IPv6 route");
        assertEquals("65002", own6.asPath(), own6::toString);
        assertEquals(petrel6, own6.nextHop(), own6::toString);
        // ... and its iBGP peers with an empty AS_PATH, LOCAL_PREF 100 and Petrel as the next hop.
        BgpPath ownI = awaitPath(ri1, P_STATIC4, petrel4, "Petrel's static IPv4 route over iBGP");
        assertEquals("", ownI.asPath(), ownI::toString);
        assertEquals(petrel4, ownI.nextHop(), ownI::toString);
        assertEquals(Long.valueOf(100), ownI.localPref(), ownI::toString);
    }

    @Test
    void changesAndWithdrawalsPropagate() {
        String petrel4 = addr(a);
        // A new announcement, a change of its attributes (an implicit withdraw), and its withdrawal, each seen by o.
        rx.announce(Announcement.of(P_DYN).community(tagOf(x)));
        awaitPaths(ro, P_DYN, petrel4, P_DYN + " announced by x", l -> l.size() == 1 && l.get(0).has(tagOf(x))
                && !l.get(0).has("65001:7"));
        rx.announce(Announcement.of(P_DYN).community(tagOf(x), "65001:7").origin("egp"));
        BgpPath changed = awaitPaths(ro, P_DYN, petrel4, P_DYN + " re-announced with 65001:7 and ORIGIN EGP",
                l -> l.size() == 1 && l.get(0).has("65001:7")).get(0);
        assertEquals("egp", changed.origin(), changed::toString);
        rx.withdraw(P_DYN);
        awaitNoPath(ro, P_DYN, petrel4, P_DYN + " withdrawn by x");
        awaitNoPath(ri2, P_DYN, petrel4, P_DYN + " withdrawn by x");

        // Fail-over: y's path (MED 10) is best; when y withdraws it, x's (MED 50) takes over, and back.
        awaitPaths(ri2, P_FAIL, petrel4, "y's path for " + P_FAIL, l -> l.size() == 1
                && addr(y).equals(l.get(0).nextHop()));
        ry.withdraw(P_FAIL);
        awaitPaths(ri2, P_FAIL, petrel4, "x's path for " + P_FAIL + " once y withdrew", l -> l.size() == 1
                && addr(x).equals(l.get(0).nextHop()));
        awaitPaths(ro, P_FAIL, petrel4, "x's path for " + P_FAIL + " once y withdrew", l -> l.size() == 1
                && l.get(0).has(tagOf(x)));
        ry.announce(Announcement.of(P_FAIL).med(10).community(tagOf(y)));
        awaitPaths(ri2, P_FAIL, petrel4, "y's path for " + P_FAIL + " again", l -> l.size() == 1
                && addr(y).equals(l.get(0).nextHop()));
    }

    static List<String> prefixes(JsonNode routes) {
        List<String> out = new ArrayList<>();
        routes.forEach(r -> out.add(r.path("prefix").asText()));
        return out;
    }

    // ---- 2. Best path agrees with BIRD/FRR over the same candidates ------------------------------------------

    /**
     * One candidate set: the prefix, the announcer RFC 4271 §9.1.2.2 (with deterministic MED) says wins, the step
     * that decides, and who observes Petrel's choice (i2 over iBGP for eBGP-learned routes, where the next hop
     * is the winner's own address; o over eBGP for iBGP-learned ones, where the winner's community tells).
     */
    record Case(String prefix, Netns winner, String step, boolean observedByO) {}

    @Test
    void bestPathAgreesWithTheReference() {
        List<Case> cases = List.of(
                new Case(P_ASPATH, x, "AS_PATH length (y prepends; y's lower MED comes later)", false),
                new Case(P_MED, y, "MED within neighbour AS 65001 (x's lower router ID comes later)", false),
                new Case(P_ORIGIN, y, "ORIGIN IGP over INCOMPLETE (x's lower MED comes later)", false),
                new Case(P_RID, x, "router ID (.2 over .4), everything else equal", false),
                new Case(P_LOCALPREF, i1, "LOCAL_PREF 200 over 100 on iBGP (i1's AS_PATH is longer)", true),
                new Case(P_MED3, o, "deterministic MED: y beats x on MED within AS 65001, then o beats y on router"
                        + " ID (.3 over .4); x would beat o on router ID", false));
        Map<String, String> petrelShows = new LinkedHashMap<>();
        Map<String, String> petrelChoice = new LinkedHashMap<>();
        Map<String, String> twinChoice = new LinkedHashMap<>();
        StringBuilder evidence = new StringBuilder();
        for (Case c : cases) {
            // Petrel's own account, once every candidate is in: show routes PREFIX --explain.
            JsonNode r = Await.until("Petrel: " + candidates(c) + " eligible candidates for " + c.prefix(), CONVERGE,
                    () -> petrelRoute(c.prefix()), j -> eligible(j).size() == candidates(c) && bestSource(j) != null,
                    JsonNode::toPrettyString);
            String shown = bestSource(r).replaceAll("[46]$", "");
            petrelShows.put(c.prefix(), shown);
            // What Petrel advertises: the observer's path from Petrel, once it is the one Petrel shows (the first
            // one sent may have been chosen before every candidate arrived). If it never is, the last one seen.
            Router observer = c.observedByO() ? ro : ri2;
            List<BgpPath> seen = settle(() -> observer.pathsFrom(c.prefix(), addr(a)),
                    l -> l.size() == 1 && shown.equals(whoAdvertised(c, l.get(0))));
            petrelChoice.put(c.prefix(), seen.size() == 1 ? whoAdvertised(c, seen.get(0)) : "paths " + seen);
            evidence.append("--- ").append(c.prefix()).append(": expected ").append(name(c.winner())).append(" (")
                    .append(c.step()).append(")\nPetrel: ").append(r.path("explanation")).append('\n')
                    .append(observer.name()).append(" sees from Petrel: ").append(seen).append('\n');
        }
        // The twin's choice, read last: by now it has long had every candidate.
        for (Case c : cases) {
            BgpPath ref = Await.until(rt.kind() + " twin: best path for " + c.prefix() + " among all candidates",
                    CONVERGE, () -> rt.paths(c.prefix()), l -> l.size() == candidates(c) && l.stream()
                            .anyMatch(BgpPath::best), l -> rt.showRoute(c.prefix()))
                    .stream().filter(BgpPath::best).findFirst().orElseThrow();
            twinChoice.put(c.prefix(), whose(ref));
            evidence.append("--- ").append(rt.kind()).append(" twin ").append(c.prefix()).append(":\n")
                    .append(rt.showRoute(c.prefix())).append('\n');
        }
        Map<String, String> expected = new LinkedHashMap<>();
        cases.forEach(c -> expected.put(c.prefix(), name(c.winner())));
        String msg = "expected " + expected + "\nPetrel shows " + petrelShows + "\nPetrel advertised " + petrelChoice
                + "\n" + rt.kind() + " chose " + twinChoice + "\n" + evidence;
        assertEquals(twinChoice, petrelShows, msg);
        assertEquals(petrelShows, petrelChoice, msg);
        assertEquals(expected, petrelShows, msg);
    }

    /** Whose path the observer of case {@code c} got from Petrel. */
    String whoAdvertised(Case c, BgpPath p) {
        return c.observedByO() ? whoseTag(p) : whoseNextHop(p);
    }

    /** Polls {@code probe} until {@code ok} holds or {@link #CONVERGE} has passed; returns the last value. */
    static <T> T settle(Supplier<T> probe, Predicate<T> ok) {
        try {
            return Await.until("settled", CONVERGE, probe, ok);
        } catch (AssertionError e) {
            return probe.get();
        }
    }

    /** How many paths the twin has for the case's prefix: one per announcer. */
    static int candidates(Case c) {
        return c.prefix().equals(P_MED3) ? 3 : 2;
    }

    /** Which announcer a path of the twin came from (by neighbor). */
    String whose(BgpPath p) {
        for (Netns n : List.of(x, y, o, i1, i2)) {
            if (rt.fromKey(addr(n)).equals(p.from())) {
                return name(n);
            }
        }
        return "? (" + p + ")";
    }

    /** Which announcer a path came from, by its next hop (i2's view: iBGP leaves it unchanged). */
    String whoseNextHop(BgpPath p) {
        for (Netns n : List.of(x, y, o, i1, i2)) {
            if (addr(n).equals(p.nextHop())) {
                return name(n);
            }
        }
        return "? (" + p + ")";
    }

    /** Which announcer a path came from, by its community tag. */
    String whoseTag(BgpPath p) {
        for (Netns n : List.of(x, y, o, i1, i2)) {
            if (p.has(tagOf(n))) {
                return name(n);
            }
        }
        return "? (" + p + ")";
    }

    /** The peer name of the best path in a show-routes answer, or null. */
    static String bestSource(JsonNode showRoutes) {
        for (JsonNode route : showRoutes.path("routes")) {
            for (JsonNode p : route.path("paths")) {
                if (p.path("best").asBoolean(false)) {
                    return p.path("source").asText();
                }
            }
        }
        return null;
    }

    // ---- 3. ECMP ----------------------------------------------------------------------------------------------

    @Test
    void equalPathsFromOneNeighbourAsAreMultipath() {
        JsonNode r = Await.until("Petrel: two eligible candidates for " + P_RID, CONVERGE, () -> petrelRoute(P_RID),
                j -> eligible(j).size() == 2, JsonNode::toPrettyString);
        Map<String, Boolean> multipath = new LinkedHashMap<>();
        for (JsonNode c : r.path("explanation").path("candidates")) {
            if (c.path("path").path("eligible").asBoolean(false)) {
                multipath.put(c.path("path").path("source").asText(), c.path("multipath").asBoolean(false));
            }
        }
        assertEquals(Map.of("x4", true, "y4", true), multipath, r::toPrettyString);
        // The same through the CLI: `petrel show routes PREFIX --explain --json`, and its table.
        CommandResult cli = petrel.cli("show", "routes", P_RID, "--explain", "--json");
        JsonNode fromCli = FrrOutput.parse(cli.stdout());
        assertTrue(cli.ok() && fromCli != null, cli::describe);
        assertEquals(2, eligible(fromCli).stream().filter(c -> c.path("multipath").asBoolean(false)).count(),
                cli::describe);
        CommandResult text = petrel.cli("show", "routes", P_RID, "--explain");
        assertTrue(text.ok() && text.stdout().contains("x4") && text.stdout().contains("y4"), text::describe);
        System.out.println("petrel show routes " + P_RID + " --explain:\n" + text.stdout());
        // FRR marks its ECMP set the same way (maximum-paths 4 on the twin); BIRD's BGP has no ECMP in its table
        // (only when exporting to the kernel, with `merge paths`), so there is nothing to compare with.
        if (rt.kind().equals("FRR")) {
            List<BgpPath> ref = Await.until("FRR twin: both paths for " + P_RID + " multipath", CONVERGE,
                    () -> rt.paths(P_RID), l -> l.size() == 2 && l.stream().allMatch(BgpPath::multipath),
                    l -> rt.showRoute(P_RID));
            assertEquals(2, ref.size());
        }
    }

    static List<JsonNode> eligible(JsonNode showRoutes) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : showRoutes.path("explanation").path("candidates")) {
            if (c.path("path").path("eligible").asBoolean(false)) {
                out.add(c);
            }
        }
        return out;
    }

    // ---- 4. A policy change, no session reset ------------------------------------------------------------------

    @Test
    void exportPolicyChangeIsAppliedWithoutASessionReset() {
        String petrel4 = addr(a);
        awaitPath(ro, P_POL_A, petrel4, "x's " + P_POL_A + " from Petrel");
        BgpPath before = awaitPath(ro, P_POL_B, petrel4, "x's " + P_POL_B + " from Petrel");
        assertFalse(before.has("65002:999"), before::toString);
        long petrelUps = petrel.peer("o4").establishedTransitions();
        int oUps = ro.sessionsEstablished(petrel4);

        // `petrel peer policy o4 --export to-o-v2`, as the admin socket takes it.
        JsonNode r = petrel.call("peer-policy", Map.of("peer", "o4", "export", "to-o-v2"));
        awaitNoPath(ro, P_POL_A, petrel4, P_POL_A + " withdrawn by the new export policy");
        BgpPath after = awaitPaths(ro, P_POL_B, petrel4, P_POL_B + " re-sent with community 65002:999",
                l -> l.size() == 1 && l.get(0).has("65002:999")).get(0);
        assertTrue(after.has(tagOf(x)), after::toString);
        // Other routes to o are untouched.
        BgpPath other = awaitPath(ro, P_X4, petrel4, "x's " + P_X4 + " from Petrel");
        assertFalse(other.has("65002:999"), other::toString);

        // And back.
        petrel.call("peer-policy", Map.of("peer", "o4", "export", "to-o"));
        awaitPath(ro, P_POL_A, petrel4, P_POL_A + " sent again under the old policy");
        awaitPaths(ro, P_POL_B, petrel4, P_POL_B + " without the community again",
                l -> l.size() == 1 && !l.get(0).has("65002:999"));

        // No session went down for it, on either side.
        PeerStatus st = petrel.peer("o4");
        assertEquals(SessionState.ESTABLISHED, st.state(), () -> petrel.describe(st));
        assertEquals(petrelUps, st.establishedTransitions(), () -> r + "\n" + petrel.describe(st));
        assertEquals(oUps, ro.sessionsEstablished(petrel4), () -> ro.neighbor(petrel4).toString());
        assertTrue(ro.neighbor(petrel4).established(), () -> ro.neighbor(petrel4).toString());
    }

    // ---- Small networks of their own ---------------------------------------------------------------------------

    // ---- 5. Route limit --------------------------------------------------------------------------------------

    @Test
    void routeLimitResetsTheSessionWithCease1() {
        withNetwork(getClass().getSimpleName() + "-limit", n -> {
            Netns pa = n.netns("a");
            Netns pb = n.netns("b");
            Lan l = n.lan(pa, pb);
            String petrel4 = l.address(pa, false);
            Router b = startRouter(n, pb, Router.Spec.of("b", AS_XY, l.address(pb, false), l.address(pb, true))
                    .neighbor(new Router.Neighbor("petrel4", petrel4, AS_PETREL, true, true))
                    .announce(Announcement.of("10.255.231.0/24"), Announcement.of("10.255.232.0/24"),
                            Announcement.of("10.255.233.0/24")));
            Petrel p = Petrel.start(n, pa, PetrelConf.of(petrel4, AS_PETREL).listen(petrel4, 179)
                    .peer(PetrelConf.Peer.of("b4", l.address(pb, false), AS_XY).families("ipv4-unicast")
                            .importPolicy("all").exportPolicy("all").idleHold(2, 8)
                            .extra("max-prefixes = 2").extra("max-prefixes-action = reset")));
            // The third prefix trips the limit: Petrel sends Cease/1 (RFC 4486) with AFI 1, SAFI 1 and the limit 2;
            // with the RFC 8538 N bit negotiated (FRR) it goes as Cease/9 Hard Reset carrying 6/1.
            PeerStatus st = p.await("b4", "Cease/1 sent for the route limit", UP, s -> s.lastError() != null
                    && "sent".equals(s.lastError().direction()) && s.lastError().code() == 6
                    && (s.lastError().subcode() == 1 || s.lastError().subcode() == 9));
            String text = st.lastError().text();
            assertTrue(st.lastError().subcode() == 1 || text.contains("6/1"), () -> p.describe(st));
            assertTrue(p.log().contains("exceed the limit of 2"), () -> p.describe(st));
            assertTrue(st.establishedTransitions() >= 1, () -> p.describe(st));
            // The daemon says why it went down.
            PeerSnapshot seen = Await.until(b.kind() + " records Petrel's Cease/1", UP,
                    () -> b.neighbor(petrel4), s -> s.lastError() != null
                            && s.lastError().toLowerCase().contains("prefix")
                            || "0601".equals(s.lastErrorCode()),
                    s -> s + "\n--- log ---\n" + b.logTail(30));
            // The NOTIFICATION's data as the daemon logged it: AFI 1, SAFI 1, limit 2 (RFC 4486 §4). BIRD prints it in
            // hex; FRR logs the Hard Reset with its inner 6/1 (and shows only the first 7 octets of the data).
            String log = b.logTail(400);
            if (b.kind().equals("BIRD")) {
                assertTrue(log.contains("Maximum number of prefixes reached: 00010100000002"), () -> seen + "\n" + log);
            } else {
                assertTrue(log.contains(petrel4 + " 6/1 (Cease/Maximum Number of Prefixes Reached)"),
                        () -> seen + "\n" + log);
            }
            return null;
        });
    }

    // ---- 6. Treat-as-withdraw (RFC 7606) ----------------------------------------------------------------------

    @Test
    void malformedUpdateIsTreatedAsWithdrawAndTheSessionStays() {
        withNetwork(getClass().getSimpleName() + "-7606", n -> {
            Netns pa = n.netns("a");
            Netns ps = n.netns("s");
            Netns po = n.netns("o");
            Lan l = n.lan(pa, ps, po);
            String petrel4 = l.address(pa, false);
            String speaker4 = l.address(ps, false);
            String pA = "10.255.235.0/24";
            String pB = "10.255.236.0/24";
            String pC = "10.255.237.0/24";
            Petrel p = Petrel.start(n, pa, PetrelConf.of(petrel4, AS_PETREL).listen(petrel4, 179)
                    .peer(PetrelConf.Peer.of("spk", speaker4, AS_SPEAKER).families("ipv4-unicast").passive(true)
                            .importPolicy("all").exportPolicy("none"))
                    .peer(PetrelConf.Peer.of("o4", l.address(po, false), AS_O).families("ipv4-unicast")
                            .importPolicy("all").exportPolicy("all")));
            Router obs = startRouter(n, po, Router.Spec.of("o", AS_O, l.address(po, false), l.address(po, true))
                    .neighbor(new Router.Neighbor("petrel4", petrel4, AS_PETREL, true, true)));
            ScriptedSpeaker spk = n.register(ScriptedSpeaker
                    .start(n, ps, speaker4, petrel4, AS_SPEAKER, speaker4, 9));
            spk.awaitEstablished(UP);
            p.awaitState("spk", SessionState.ESTABLISHED, UP);
            p.awaitState("o4", SessionState.ESTABLISHED, UP);

            List<byte[]> good = List.of(BgpMessages.origin(0),
                    BgpMessages.asPath(AS_SPEAKER),
                    BgpMessages.nextHop(speaker4));
            spk.send("announce-abc", BgpMessages.update(List.of(), good,
                    List.of(pA, pB, pC)), UP);
            for (String pfx : List.of(pA, pB, pC)) {
                BgpPath path = awaitPath(obs, pfx, petrel4, pfx + " from the speaker, through Petrel");
                assertEquals("65002 65005", path.asPath(), path::toString);
            }

            // ORIGIN 5 (undefined): RFC 7606 §7.1, treat-as-withdraw for the UPDATE's NLRI (pA).
            spk.send("bad-origin-a", BgpMessages.update(List.of(),
                    List.of(BgpMessages.origin(5),
                            BgpMessages.asPath(AS_SPEAKER),
                            BgpMessages.nextHop(speaker4)), List.of(pA)), UP);
            awaitNoPath(obs, pA, petrel4, pA + " withdrawn after the UPDATE with ORIGIN 5");
            // MULTI_EXIT_DISC of length 3: RFC 7606 §7.4, treat-as-withdraw (pB).
            spk.send("bad-med-b", BgpMessages.update(List.of(),
                    List.of(BgpMessages.origin(0),
                            BgpMessages.asPath(AS_SPEAKER),
                            BgpMessages.nextHop(speaker4),
                            BgpMessages.attribute(
                                    BgpMessages.OPTIONAL, 4, new byte[] {0, 0, 1})),
                    List.of(pB)), UP);
            awaitNoPath(obs, pB, petrel4, pB + " withdrawn after the UPDATE with a 3-octet MED");
            // The session carries on: a well-formed UPDATE brings pA back, pC was never touched.
            spk.send("announce-a", BgpMessages.update(List.of(), good, List.of(pA)), UP);
            awaitPath(obs, pA, petrel4, pA + " announced again on the same session");
            assertEquals(1, obs.pathsFrom(pC, petrel4).size(), () -> obs.showRoute(pC));

            PeerStatus st = p.peer("spk");
            assertEquals(SessionState.ESTABLISHED, st.state(), () -> p.describe(st));
            assertEquals(1, st.establishedTransitions(), () -> p.describe(st));
            assertTrue(st.counters().malformedUpdates() >= 2, () -> p.describe(st));
            assertEquals(0, st.counters().notificationsSent(), () -> p.describe(st));
            assertFalse(spk.sessionEnded(), spk::log);
            assertTrue(p.log().contains("treat-as-withdraw") || p.log().contains("7606"), () -> p.logTail(40));
            return null;
        });
    }

    // ---- IPv6 routes over an IPv4 session -------------------------------------------------------------------

    /**
     * Petrel's default {@code families} offers IPv6 unicast on every session, IPv4 transport included. BIRD and FRR
     * then send IPv6 routes with their own IPv6 address on the link as next hop (global and link-local); so does
     * Petrel (its global IPv6 address on the session's interface). It used to send the IPv4-mapped
     * {@code ::ffff:<its IPv4 address>}, which BIRD 2.0.12 rejects ("Invalid NEXT_HOP attribute - mismatched
     * address family (10.255.x.1 for ipv6)"); that is now only the last resort when the interface has no IPv6
     * address.
     */
    @Test
    void ipv6RoutesOverAnIpv4SessionCarryPetrelsIpv6Address() {
        withNetwork(getClass().getSimpleName() + "-v6v4", n -> {
            Netns pa = n.netns("a");
            Netns pb = n.netns("b");
            Lan l = n.lan(pa, pb);
            String petrel4 = l.address(pa, false);
            String v6 = "fd00:255:f260::/48";
            Petrel.start(n, pa, PetrelConf.of(petrel4, AS_PETREL).listen(petrel4, 179)
                    .extra("static-routes = [ { prefix = \"" + v6 + "\", type = blackhole } ]")
                    .peer(PetrelConf.Peer.of("b4", l.address(pb, false), AS_XY).importPolicy("all")
                            .exportPolicy("all")));
            Router b = startRouter(n, pb, Router.Spec.of("b", AS_XY, l.address(pb, false), l.address(pb, true))
                    .neighbor(new Router.Neighbor("petrel4", petrel4, AS_PETREL, true, true, true)));
            BgpPath p = awaitPath(b, v6, petrel4, "Petrel's IPv6 static route over the IPv4 session");
            assertEquals(l.address(pa, true), p.nextHop(), p::toString);
            return null;
        });
    }

    /** A test network closed at the end of the scenario, whatever happens. */
    static <T> T withNetwork(String label, Function<TestNetwork, T> body) {
        TestNetwork n = TestNetwork.create(label);
        try {
            return body.apply(n);
        } finally {
            n.close();
        }
    }
}
