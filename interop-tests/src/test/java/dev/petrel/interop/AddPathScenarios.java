package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.fsm.SessionState;
import dev.petrel.interop.harness.Announcement;
import dev.petrel.interop.harness.Await;
import dev.petrel.interop.harness.BgpPath;
import dev.petrel.interop.harness.BgpState;
import dev.petrel.interop.harness.Capability;
import dev.petrel.interop.harness.Lan;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.PeerSnapshot;
import dev.petrel.interop.harness.Petrel;
import dev.petrel.interop.harness.PetrelConf;
import dev.petrel.interop.harness.TestNetwork;
import dev.petrel.speaker.PeerStatus;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Petrel's ADD-PATH send (RFC 7911) against BIRD and FRR receivers: one subclass per daemon ({@link #startRouter}).
 *
 * <p>Five namespaces on one LAN: a (Petrel, AS 65002, import all, export all), two sources b (AS 65001) and c
 * (AS 65003) that both announce {@value #P}, and two receivers that announce nothing and offer to receive
 * ADD-PATH: d (AS 65004, {@code add-path-send = all} in Petrel) and e (AS 65005, Petrel's default, off: the
 * control). All of the same daemon. The scenarios share the topology and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AddPathScenarios {

    static final Duration UP = Duration.ofSeconds(60);
    static final Duration CONVERGE = Duration.ofSeconds(30);
    static final long AS_PETREL = 65002;
    static final long AS_B = 65001;
    static final long AS_C = 65003;
    static final long AS_D = 65004;
    static final long AS_E = 65005;
    static final String P = "10.255.230.0/24";

    TestNetwork net;
    Lan lan;
    Netns a;
    Netns b;
    Netns c;
    Netns d;
    Netns e;
    Petrel petrel;
    Router rb;
    Router rc;
    Router rd;
    Router re;

    /** Starts BIRD or FRR in {@code ns} as {@code spec} says. */
    abstract Router startRouter(TestNetwork net, Netns ns, Router.Spec spec);

    @BeforeAll
    void startTopology() {
        InteropSupport.requireInterop();
        net = TestNetwork.create(getClass().getSimpleName());
        a = net.netns("a");
        b = net.netns("b");
        c = net.netns("c");
        d = net.netns("d");
        e = net.netns("e");
        lan = net.lan(a, b, c, d, e);
        Router.Neighbor toPetrel = new Router.Neighbor("petrel", addr(a), AS_PETREL, true, true);
        rb = startRouter(net, b, Router.Spec.of("b", AS_B, addr(b), lan.address(b, true)).neighbor(toPetrel)
                .announce(Announcement.of(P)));
        rc = startRouter(net, c, Router.Spec.of("c", AS_C, addr(c), lan.address(c, true)).neighbor(toPetrel)
                .announce(Announcement.of(P)));
        Router.Neighbor fromPetrel = new Router.Neighbor("petrel", addr(a), AS_PETREL, true, false).withAddPathRx();
        rd = startRouter(net, d, Router.Spec.of("d", AS_D, addr(d), lan.address(d, true)).neighbor(fromPetrel));
        re = startRouter(net, e, Router.Spec.of("e", AS_E, addr(e), lan.address(e, true)).neighbor(fromPetrel));
        PetrelConf conf = PetrelConf.of(addr(a), AS_PETREL).listen(addr(a), 179)
                .peer(peer("b", b, AS_B))
                .peer(peer("c", c, AS_C))
                .peer(peer("d", d, AS_D).extra("add-path-send = all"))
                .peer(peer("e", e, AS_E));
        petrel = Petrel.start(net, a, conf);
        for (String peer : List.of("b", "c", "d", "e")) {
            petrel.awaitState(peer, SessionState.ESTABLISHED, UP);
        }
        for (Router r : List.of(rd, re)) {
            r.awaitState(addr(a), BgpState.ESTABLISHED, UP);
        }
    }

    @AfterAll
    void stopTopology() {
        if (net != null) {
            net.close();
        }
    }

    PetrelConf.Peer peer(String name, Netns ns, long as) {
        return PetrelConf.Peer.exchangingAll(name, addr(ns), as, "ipv4-unicast");
    }

    String addr(Netns ns) {
        return lan.address(ns, false);
    }

    /** The AS_PATHs of {@code r}'s paths for {@link #P} from Petrel, once they are exactly {@code expected}. */
    List<BgpPath> awaitAsPaths(Router r, Set<String> expected, String what) {
        return RouteScenarios.awaitPaths(r, P, addr(a), what,
                l -> l.size() == expected.size() && asPaths(l).equals(expected));
    }

    static Set<String> asPaths(List<BgpPath> paths) {
        Set<String> s = new HashSet<>();
        paths.forEach(p -> s.add(p.asPath()));
        return s;
    }

    String viaB() {
        return AS_PETREL + " " + AS_B;
    }

    String viaC() {
        return AS_PETREL + " " + AS_C;
    }

    /** The path ids of Petrel's Adj-RIB-Out entries for {@link #P} towards {@code peer} (-1 where none is). */
    List<Long> ribOutPathIds(String peer) {
        JsonNode out = petrel.ribOut(peer);
        return java.util.stream.StreamSupport.stream(out.path("routes").spliterator(), false)
                .filter(r -> P.equals(r.path("prefix").asText()))
                .map(r -> r.path("path_id").asLong(-1)).toList();
    }

    // ---- 1. Negotiation ---------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void addPathSendIsNegotiatedOnlyWhereConfigured() {
        PeerStatus pd = petrel.peer("d");
        assertEquals(List.of("ipv4-unicast"), pd.negotiated().addPathSend(), () -> petrel.describe(pd));
        PeerStatus pe = petrel.peer("e");
        assertEquals(List.of(), pe.negotiated().addPathSend(), () -> petrel.describe(pe));
        for (String peer : List.of("b", "c")) {
            PeerStatus p = petrel.peer(peer);
            assertEquals(List.of(), p.negotiated().addPathSend(), () -> petrel.describe(p));
        }
        // The receivers' view: both offer ADD-PATH; only Petrel's OPEN to d carries it.
        PeerSnapshot sd = rd.neighbor(addr(a));
        assertTrue(sd.localCapabilities().contains(Capability.ADD_PATH), sd::raw);
        assertTrue(sd.neighborCapabilities().contains(Capability.ADD_PATH), sd::raw);
        PeerSnapshot se = re.neighbor(addr(a));
        assertTrue(se.localCapabilities().contains(Capability.ADD_PATH), se::raw);
        assertFalse(se.neighborCapabilities().contains(Capability.ADD_PATH), se::raw);
    }

    // ---- 2. Two paths to d, one to e ------------------------------------------------------------------------

    @Test
    @Order(2)
    void theReceiverGetsBothPathsAndTheControlOne() {
        awaitAsPaths(rd, Set.of(viaB(), viaC()), "two paths for " + P + " from Petrel (ADD-PATH)");
        List<Long> ids = Await.until("Petrel's rib-out to d: two paths for " + P + ", distinct ids", CONVERGE,
                () -> ribOutPathIds("d"), l -> l.size() == 2 && !l.get(0).equals(l.get(1)),
                l -> l + "\n" + petrel.ribOut("d").toPrettyString());
        assertTrue(ids.stream().allMatch(id -> id >= 0), ids::toString);

        List<BgpPath> one = RouteScenarios.awaitPaths(re, P, addr(a), "one path for " + P + " from Petrel (no ADD-PATH)",
                l -> l.size() == 1);
        assertTrue(Set.of(viaB(), viaC()).contains(one.get(0).asPath()), one::toString);
        Await.never(re.kind() + " e: a second path for " + P + " without ADD-PATH", Duration.ofSeconds(2),
                () -> re.pathsFrom(P, addr(a)), l -> l.size() > 1, l -> l + "\n" + re.showRoute(P));
    }

    // ---- 3. A source withdraws: one path left ---------------------------------------------------------------

    @Test
    @Order(3)
    void aWithdrawnSourceLeavesOnePath() {
        awaitAsPaths(rd, Set.of(viaB(), viaC()), "two paths for " + P + " before b withdraws");
        rb.withdraw(P);
        awaitAsPaths(rd, Set.of(viaC()), "only the path through c after b withdrew " + P);
        awaitAsPaths(re, Set.of(viaC()), "the control: the path through c after b withdrew " + P);
        Await.until("Petrel's rib-out to d: one path for " + P, CONVERGE, () -> ribOutPathIds("d"),
                l -> l.size() == 1, l -> l + "\n" + petrel.ribOut("d").toPrettyString());

        rb.announce(Announcement.of(P));
        awaitAsPaths(rd, Set.of(viaB(), viaC()), "two paths again after b announced " + P + " again");
    }
}
