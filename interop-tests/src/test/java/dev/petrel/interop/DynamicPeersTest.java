package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.SessionState;
import dev.petrel.interop.harness.Announcement;
import dev.petrel.interop.harness.Await;
import dev.petrel.interop.harness.BgpPath;
import dev.petrel.interop.harness.BgpState;
import dev.petrel.interop.harness.KernelCounters;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.Petrel;
import dev.petrel.interop.harness.PetrelConf;
import dev.petrel.speaker.PeerStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Petrel as a route reflector whose clients are dynamic peers of listen ranges, with real BIRD and FRR clients
 * that know Petrel's address while Petrel knows none of theirs.
 *
 * <p>One LAN (hosts numbered .1 up in the order below), all AS {@value #AS}: Petrel at .1; range {@code nodes}
 * (X.0/30, route-reflector clients) holds a BIRD client at .2 and an FRR client at .3; range {@code secure}
 * (X.4/31, TCP MD5 key {@value #KEY}, a kernel prefix key) holds an FRR client with that key at .4 and a BIRD
 * client with another at .5; a BIRD client at .6 is in no range. The scenarios share the topology and run in
 * order.
 */
@Tag("interop")
class DynamicPeersTest extends LanScenarios {
    static final Duration QUIET = Duration.ofSeconds(5);
    static final long AS = 65010;
    static final String KEY = "range-md5-key";
    static final String P_BIRD = "10.255.250.0/24";
    static final String P_FRR = "10.255.251.0/24";

    Netns a;
    Netns bird;
    Netns frr;
    Netns secure;
    Netns wrongKey;
    Netns outside;
    Petrel petrel;
    Router rBird;
    Router rFrr;
    Router rSecure;
    Router rWrongKey;
    Router rOutside;

    @BeforeAll
    void startTopology() {
        LanTopology t = open("dpa", "dpb", "dpf", "dps", "dpw", "dpo");
        a = t.host("dpa");
        bird = t.host("dpb");
        frr = t.host("dpf");
        secure = t.host("dps");
        wrongKey = t.host("dpw");
        outside = t.host("dpo");
        String x = t.lan().v4Prefix();
        PetrelConf conf = t.petrelConf(a, AS)
                .extra("peer-templates { nodes { remote-as = internal, route-reflector-client = true,"
                        + " families = [ipv4-unicast], hold-time = 9s } }")
                .extra("listen-ranges = [\n"
                        + "  { prefix = \"" + x + "0/30\", template = nodes }\n"
                        + "  { name = secure, prefix = \"" + x + "4/31\", template = nodes, password = \"" + KEY
                        + "\" }\n]");
        petrel = t.petrel(a, conf);
        // Sessions are awaited by the scenarios: some of them are never to come up.
        Router.Neighbor toPetrel = new Router.Neighbor("petrel", addr(a), AS, true, true);
        rBird = t.router(BirdRouter::start, bird, t.spec("bird", bird, AS).neighbor(toPetrel));
        rFrr = t.router(FrrRouter::start, frr, t.spec("frr", frr, AS).neighbor(toPetrel));
        rSecure = t.router(FrrRouter::start, secure, t.spec("secure", secure, AS).neighbor(toPetrel.withPassword(KEY)));
        rWrongKey = t.router(BirdRouter::start, wrongKey, t.spec("wrongkey", wrongKey, AS)
                .neighbor(toPetrel.withPassword("not-" + KEY)));
        rOutside = t.router(BirdRouter::start, outside, t.spec("outside", outside, AS).neighbor(toPetrel));
    }

    PeerStatus dynamicPeer(String name) {
        return petrel.peers().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    // ---- 1. Accepted from the range: a BIRD and an FRR client, reflected to each other -----------------------

    @Test
    @Order(1)
    void clientsInTheRangeAreAcceptedAsDynamicPeersAndRoutesAreReflected() {
        for (Router r : List.of(rBird, rFrr)) {
            r.awaitState(addr(a), BgpState.ESTABLISHED, UP);
        }
        for (Netns ns : List.of(bird, frr)) {
            PeerStatus p = petrel.awaitState("nodes/" + addr(ns), SessionState.ESTABLISHED, UP);
            assertTrue(p.dynamic(), p::toString);
            assertEquals("nodes", p.listenRange(), p::toString);
            assertEquals(addr(ns), p.address(), p::toString);
            assertEquals(AS, p.remoteAs(), p::toString);
        }
        String table = petrel.cli("show", "peers").stdout();
        System.out.println("petrel show peers:\n" + table);
        assertTrue(table.contains("*" + addr(bird)) && table.contains("dynamic peer"), table);

        rBird.announce(Announcement.of(P_BIRD));
        rFrr.announce(Announcement.of(P_FRR));
        assertReflected(rFrr, P_BIRD, bird);
        assertReflected(rBird, P_FRR, frr);
    }

    void assertReflected(Router r, String prefix, Netns origin) {
        BgpPath p = RouteScenarios.awaitPath(r, prefix, addr(a), prefix + " reflected by Petrel");
        Router.Reflection x = Await.until(r.kind() + " " + r.name() + ": RFC 4456 attributes of " + prefix,
                CONVERGE, () -> r.reflection(prefix, addr(a)), java.util.Objects::nonNull, y -> r.showRoute(prefix));
        String detail = r.kind() + " " + r.name() + ": " + p + " " + x + "\n" + r.showRoute(prefix);
        assertEquals(addr(origin), x.originatorId(), detail);
        assertEquals(List.of(addr(a)), x.clusterList(), detail + " (cluster ID: the router ID)");
        assertEquals(addr(origin), p.nextHop(), detail);
    }

    // ---- 2. Outside every range: refused, never a peer -------------------------------------------------------

    @Test
    @Order(2)
    void aClientOutsideTheRangesIsRefused() {
        // BIRD records the reset of each attempt; then nothing it tries gets further.
        Await.until("BIRD outside: a connection attempt refused", UP, () -> rOutside.neighbor(addr(a)),
                s -> s.lastError() != null, Object::toString);
        Await.never("BIRD outside the ranges gets a session", QUIET, () -> rOutside.neighbor(addr(a)),
                s -> s.state() == BgpState.ESTABLISHED || s.state() == BgpState.OPEN_CONFIRM, Object::toString);
        assertTrue(petrel.peers().stream().noneMatch(p -> p.address().equals(addr(outside))),
                () -> petrel.peers().toString());
    }

    // ---- 3. A range with a password: the kernel's prefix key -------------------------------------------------

    @Test
    @Order(3)
    void aRangeWithAPasswordAcceptsTheRightKeyOnly() {
        // The key as the kernel holds it on Petrel's listener: one entry for the whole /31 (ss prints the prefix
        // keys of a socket as md5keys:ADDR/LEN=KEY,...).
        String ss = a.execOk("ss", "-tlnie", "sport", "= :179").stdout();
        System.out.println("ss -tlnie sport = :179\n" + ss);
        assertTrue(ss.contains("md5keys:") && ss.contains(topology.lan().v4Prefix() + "4/31="), ss);
        KernelCounters before = KernelCounters.read(a);
        rSecure.awaitState(addr(a), BgpState.ESTABLISHED, UP);
        PeerStatus p = petrel.awaitState("secure/" + addr(secure), SessionState.ESTABLISHED, UP);
        assertEquals("secure", p.listenRange());
        Await.until("the kernel drops BIRD's SYNs signed with the wrong key", UP,
                () -> KernelCounters.read(a).since(before, "TcpExtTCPMD5Failure"), n -> n > 0,
                n -> KernelCounters.read(a).show("TcpExtTCPMD5Failure", "TcpExtTCPMD5NotFound"));
        Await.never("BIRD with the wrong key gets a session", QUIET, () -> rWrongKey.neighbor(addr(a)),
                s -> s.state() == BgpState.ESTABLISHED || s.state() == BgpState.OPEN_CONFIRM, Object::toString);
        assertTrue(petrel.peers().stream().noneMatch(x -> x.address().equals(addr(wrongKey))),
                () -> petrel.peers().toString());
        // and the reflected routes reach the MD5 client too
        assertReflected(rSecure, P_BIRD, bird);
    }

    // ---- 4. A client that stops: its peer and routes go ------------------------------------------------------

    @Test
    @Order(4)
    void aStoppedClientsPeerIsRemovedWithItsRoutes() {
        RouteScenarios.awaitPath(rFrr, P_BIRD, addr(a), P_BIRD + " before BIRD stops");
        ((BirdRouter) rBird).disable("petrel");
        Await.until("Petrel: BIRD's dynamic peer removed", CONVERGE, () -> dynamicPeer("nodes/" + addr(bird)),
                java.util.Objects::isNull, Object::toString);
        RouteScenarios.awaitNoPath(rFrr, P_BIRD, addr(a), P_BIRD + " withdrawn after BIRD stopped");
        assertTrue(petrel.log().contains("dynamic peer nodes/" + addr(bird) + ": session ended"),
                () -> petrel.logTail(40));
        // It comes back: a fresh peer for the same address.
        ((BirdRouter) rBird).enable("petrel");
        petrel.awaitState("nodes/" + addr(bird), SessionState.ESTABLISHED, UP);
        assertReflected(rFrr, P_BIRD, bird);
    }
}
