package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.interop.harness.Await;
import dev.petrel.interop.harness.BgpState;
import dev.petrel.interop.harness.Bird;
import dev.petrel.interop.harness.BirdConfig;
import dev.petrel.interop.harness.Capability;
import dev.petrel.interop.harness.Frr;
import dev.petrel.interop.harness.FrrConfig;
import dev.petrel.interop.harness.Hosts;
import dev.petrel.interop.harness.PeerSnapshot;
import dev.petrel.interop.harness.TestNetwork;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Proves the harness with real BIRD &lt;-&gt; FRR sessions: BIRD on host a, FRR on host b, one veth link.
 */
@Tag("interop")
class BirdFrrSessionTest {

    private static final Duration UP = Duration.ofSeconds(30);
    private static final long AS_BIRD = 65001;
    private static final long AS_FRR = 65002;
    private static final long AS_IBGP = 65010;
    private static final String BIRD_V4 = "10.255.200.0/24";
    private static final String FRR_V4 = "10.255.201.0/24";
    private static final String BIRD_V6 = "fd00:255:f200::/48";
    private static final String FRR_V6 = "fd00:255:f201::/48";

    private TestNetwork net;
    private Hosts hosts;

    @BeforeEach
    void setUp(TestInfo info) {
        InteropSupport.requireInterop();
        net = TestNetwork.create(info.getTestMethod().map(m -> m.getName()).orElse("interop"));
        hosts = Hosts.pair(net);
    }

    @AfterEach
    void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    /** eBGP over IPv4 with one BIRD protocol "frr" and one FRR neighbor; both sides' options tweakable. */
    private record Pair(Bird bird, Frr frr, String birdAddr, String frrAddr) {
        PeerSnapshot birdSide() {
            return bird.protocol("frr");
        }

        PeerSnapshot frrSide() {
            return frr.neighbor(birdAddr);
        }
    }

    private Pair ebgp(java.util.function.UnaryOperator<BirdConfig.BgpPeer> birdOpts,
            java.util.function.UnaryOperator<FrrConfig.Neighbor> frrOpts) {
        String a = hosts.aAddress(false);
        String b = hosts.bAddress(false);
        Bird bird = Bird.start(net, hosts.a(), BirdConfig.routerId(a).staticRoute(BIRD_V4)
                .peer(birdOpts.apply(BirdConfig.BgpPeer.of("frr", a, AS_BIRD, b, AS_FRR).channels(true, false))));
        Frr frr = Frr.start(net, hosts.b(), FrrConfig.router(AS_FRR, b).network(FRR_V4)
                .neighbor(frrOpts.apply(FrrConfig.Neighbor.of(a, AS_BIRD))));
        return new Pair(bird, frr, a, b);
    }

    private static void awaitBothEstablished(Pair p) {
        p.bird().awaitState("frr", BgpState.ESTABLISHED, UP);
        p.frr().awaitState(p.birdAddr(), BgpState.ESTABLISHED, UP);
    }

    @Test
    void ebgpOverIpv4EstablishesAndExchangesRoutes() {
        Pair p = ebgp(b -> b, n -> n);
        awaitBothEstablished(p);

        PeerSnapshot birdSide = p.birdSide();
        PeerSnapshot frrSide = p.frrSide();
        assertEquals(9, birdSide.holdTimeSeconds(), birdSide::toString);
        assertEquals(9, frrSide.holdTimeSeconds(), frrSide::toString);
        assertEquals(3, frrSide.keepaliveSeconds(), frrSide::toString);
        assertTrue(birdSide.neighborCapabilities().containsAll(EnumSet.of(Capability.MULTIPROTOCOL,
                Capability.FOUR_OCTET_AS, Capability.ROUTE_REFRESH, Capability.HOSTNAME)), birdSide::toString);
        assertTrue(birdSide.neighborAfis().contains("ipv4"), birdSide::toString);
        assertTrue(frrSide.neighborCapabilities().containsAll(EnumSet.of(Capability.MULTIPROTOCOL,
                Capability.FOUR_OCTET_AS, Capability.ROUTE_REFRESH)), frrSide::toString);
        assertTrue(frrSide.neighborAfis().contains("ipv4"), frrSide::toString);

        Await.until("BIRD learns " + FRR_V4 + " from FRR", UP, () -> p.bird().routesFrom("frr"),
                r -> r.contains(FRR_V4), r -> r + "\n" + p.bird().showRoutes());
        Await.until("FRR learns " + BIRD_V4 + " from BIRD", UP, () -> p.frr().routes(false),
                r -> r.contains(BIRD_V4), r -> r + "\n" + p.frr().showRoutes(false));
    }

    @Test
    void ibgpOverIpv6EstablishesAndExchangesRoutes() {
        String a = hosts.aAddress(true);
        String b = hosts.bAddress(true);
        Bird bird = Bird.start(net, hosts.a(), BirdConfig.routerId(hosts.aAddress(false)).staticRoute(BIRD_V6)
                .peer(BirdConfig.BgpPeer.of("frr", a, AS_IBGP, b, AS_IBGP).channels(false, true)
                        .direct(true)));
        Frr frr = Frr.start(net, hosts.b(), FrrConfig.router(AS_IBGP, hosts.bAddress(false)).network(FRR_V6)
                .neighbor(FrrConfig.Neighbor.of(a, AS_IBGP)));

        PeerSnapshot birdSide = bird.awaitState("frr", BgpState.ESTABLISHED, UP);
        PeerSnapshot frrSide = frr.awaitState(a, BgpState.ESTABLISHED, UP);
        assertTrue(birdSide.raw().contains("internal"), birdSide::toString);
        assertTrue(birdSide.neighborAfis().contains("ipv6"), birdSide::toString);
        assertTrue(frrSide.neighborAfis().contains("ipv6"), frrSide::toString);

        Await.until("BIRD learns " + FRR_V6 + " over iBGP", UP, () -> bird.routesFrom("frr"),
                r -> r.contains(FRR_V6), r -> r + "\n" + bird.showRoutes());
        Await.until("FRR learns " + BIRD_V6 + " over iBGP", UP, () -> frr.routes(true),
                r -> r.contains(BIRD_V6), r -> r + "\n" + frr.showRoutes(true));
    }

    @Test
    void md5SameKeyEstablishes() {
        Pair p = ebgp(b -> b.password("s3cret-key"), n -> n.password("s3cret-key"));
        awaitBothEstablished(p);
    }

    @Test
    void md5DifferentKeysNeverEstablish() {
        Pair p = ebgp(b -> b.password("bird-key"), n -> n.password("frr-key"));
        // The kernel drops every segment with a wrong signature: neither side may ever get past Connect/Active.
        // Watched for about one hold time plus some connect retries, by polling both states.
        Await.never("a session with mismatched TCP-MD5 keys reaches Established", Duration.ofSeconds(8),
                () -> new PeerSnapshot[] {p.birdSide(), p.frrSide()},
                s -> s[0].established() || s[1].established() || s[0].state() == BgpState.OPEN_CONFIRM
                        || s[1].state() == BgpState.OPEN_CONFIRM,
                s -> "BIRD: " + s[0] + "\nFRR: " + s[1]);
        PeerSnapshot birdSide = p.birdSide();
        PeerSnapshot frrSide = p.frrSide();
        assertTrue(EnumSet.of(BgpState.CONNECT, BgpState.ACTIVE, BgpState.IDLE).contains(birdSide.state()),
                birdSide::toString);
        assertTrue(EnumSet.of(BgpState.CONNECT, BgpState.ACTIVE, BgpState.IDLE).contains(frrSide.state()),
                frrSide::toString);
        int opens = p.frr().json("show bgp neighbors " + p.birdAddr() + " json").path(p.birdAddr())
                .path("messageStats").path("opensRecv").asInt(-1);
        assertEquals(0, opens, "FRR received an OPEN through mismatched MD5 keys\n" + frrSide);
    }

    @Test
    void gtsmOnBothSidesEstablishesWithBirdPassive() {
        Pair p = ebgp(b -> b.ttlSecurity(true).passive(true), n -> n.ttlSecurityHops(1));
        // GTSM on both ends (TTL 255 sent, >= 255 required) and BIRD only listening: FRR's connection gets in.
        awaitBothEstablished(p);
    }

    @Test
    void collisionWithBothSidesActiveEndsInOneEstablishedSession() {
        // Both sides active. To make the connections really cross: FRR's neighbor starts shut down while BIRD
        // keeps trying; BIRD is frozen (SIGSTOP) and FRR's neighbor enabled, so FRR connects (the kernel accepts
        // for the frozen BIRD) and sends its OPEN; once BIRD's connect-retry timer is overdue BIRD is thawed: it
        // accepts FRR's connection and opens its own, which reaches FRR while FRR is in OpenSent. Collision
        // detection (RFC 4271 6.8) must leave exactly one session up.
        Pair p = ebgp(b -> b.connectDelayTime(1).connectRetryTime(1), n -> n.connectRetry(1).shutdown(true));
        Await.until("BIRD trying to connect", UP, p::birdSide,
                s -> s.state() == BgpState.ACTIVE || s.state() == BgpState.CONNECT);
        p.bird().process().suspend();
        try {
            long frozenAt = System.nanoTime();
            p.frr().noShutdown(p.birdAddr());
            p.frr().awaitState(p.birdAddr(), BgpState.OPEN_SENT, UP);
            // Scenario set-up, not a correctness wait: let BIRD's 1 s connect-retry timer fall due.
            Await.until("BIRD's connect retry timer overdue", UP, () -> System.nanoTime() - frozenAt,
                    t -> t > Duration.ofMillis(1500).toNanos());
        } finally {
            p.bird().process().resume();
        }
        awaitBothEstablished(p);
        assertTrue(crossedConnections(p.bird().process().log()),
                "BIRD did not have an incoming and an outgoing connection at once (no collision happened):\n"
                        + p.bird().logTail(30));
        // Stays up across a few keepalive intervals (a mishandled collision would reset it).
        PeerSnapshot last = Await.never("the session drops after the collision", Duration.ofSeconds(4),
                p::frrSide, s -> !s.established());
        assertEquals(BgpState.ESTABLISHED, p.birdSide().state(), last::toString);
        var stats = p.frr().json("show bgp neighbors " + p.birdAddr() + " json").path(p.birdAddr());
        assertEquals(1, stats.path("connectionsEstablished").asInt(-1), last::toString);
        assertEquals(0, stats.path("connectionsDropped").asInt(-1), last::toString);
    }

    /** In BIRD's log, the lines just before "BGP session established" show both an accepted and an own connection. */
    private static boolean crossedConnections(String birdLog) {
        java.util.List<String> lines = birdLog.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("BGP session established")) {
                java.util.List<String> before = lines.subList(Math.max(0, i - 5), i);
                return before.stream().anyMatch(l -> l.contains("Incoming connection"))
                        && before.stream().anyMatch(l -> l.contains("Connecting to"));
            }
        }
        return false;
    }

    @Test
    void birdShutdownCommunicationReachesFrr() {
        Pair p = ebgp(b -> b, n -> n);
        awaitBothEstablished(p);
        p.bird().disable("frr", "petrel interop maintenance");
        PeerSnapshot frrSide = Await.until("FRR records BIRD's shutdown communication", UP, p::frrSide,
                s -> !s.established() && "petrel interop maintenance".equals(s.shutdownMessage()));
        assertEquals("0602", frrSide.lastErrorCode(), frrSide::toString);
        assertEquals(BgpState.DOWN, p.birdSide().state());

        p.bird().enable("frr");
        awaitBothEstablished(p);
    }

    @Test
    void frrShutdownCommunicationReachesBird() {
        Pair p = ebgp(b -> b, n -> n);
        awaitBothEstablished(p);
        p.frr().shutdown(p.birdAddr(), "frr going down for a test");
        PeerSnapshot birdSide = Await.until("BIRD records FRR's shutdown communication", UP, p::birdSide,
                s -> !s.established() && "frr going down for a test".equals(s.shutdownMessage()));
        assertTrue(p.bird().logTail(50).contains("Administrative shutdown"), birdSide::toString);

        p.frr().noShutdown(p.birdAddr());
        awaitBothEstablished(p);
    }
}
