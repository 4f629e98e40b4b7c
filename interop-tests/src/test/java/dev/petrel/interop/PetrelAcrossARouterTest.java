package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.SessionState;
import dev.petrel.interop.harness.Await;
import dev.petrel.interop.harness.BgpState;
import dev.petrel.interop.harness.KernelCounters;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.PeerSnapshot;
import dev.petrel.interop.harness.Petrel;
import dev.petrel.interop.harness.PetrelConf;
import dev.petrel.interop.harness.RoutedHosts;
import dev.petrel.interop.harness.TestNetwork;
import dev.petrel.speaker.PeerStatus;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Petrel (host a) and BIRD or FRR (host b) with a router namespace between them ({@link RoutedHosts}): the peer
 * is two hops away. What {@code multihop} and {@code ttl-security} mean on the wire, proved by the router's and
 * the hosts' kernel counters, not only by session states.
 *
 * <p>The counterpart is always passive, so every connection is Petrel's: whether its SYN crosses the router (TTL)
 * and whether Petrel's socket accepts the answer (GTSM floor) is the whole question. eBGP, Petrel AS 65002, the
 * counterpart AS 65001; short timers as in {@link PetrelInteropScenarios}.
 */
@Tag("interop")
class PetrelAcrossARouterTest {

    static final Duration UP = PetrelInteropScenarios.UP;
    /** How long a session that must not come up is watched: several of Petrel's 2 s connect retries. */
    static final Duration NEVER_WINDOW = Duration.ofSeconds(7);

    TestNetwork net;
    RoutedHosts hosts;

    /** The daemon on host b. */
    enum Kind {
        BIRD {
            @Override
            Counterpart start(TestNetwork net, Netns ns, Counterpart.Setup s) {
                return PetrelBirdTest.startBird(net, ns, s);
            }
        },
        FRR {
            @Override
            Counterpart start(TestNetwork net, Netns ns, Counterpart.Setup s) {
                return PetrelFrrTest.startFrr(net, ns, s);
            }
        };

        abstract Counterpart start(TestNetwork net, Netns ns, Counterpart.Setup s);
    }

    static Stream<Arguments> kindsAndFamilies() {
        return Stream.of(Kind.values()).flatMap(k -> Stream.of(Arguments.of(k, false), Arguments.of(k, true)));
    }

    @BeforeEach
    void setUp(TestInfo info) {
        InteropSupport.requireInterop();
        String label = getClass().getSimpleName() + "-" + info.getTestMethod().map(m -> m.getName()).orElse("x")
                + "-" + info.getDisplayName().replaceAll("[^A-Za-z0-9]+", "_");
        net = TestNetwork.create(label);
        hosts = RoutedHosts.create(net);
    }

    @AfterEach
    void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    // ---- set-up -----------------------------------------------------------------------------------------------

    /** The counterpart on b: eBGP, passive, {@code hops} from Petrel, GTSM as given. */
    Counterpart.Setup setup(boolean ipv6, int hops, boolean ttlSecurity) {
        return new Counterpart.Setup(ipv6, hosts.bAddress(ipv6), PetrelInteropScenarios.AS_PEER,
                hosts.bAddress(false), hosts.aAddress(ipv6), PetrelInteropScenarios.AS_PETREL,
                ipv6 ? PetrelInteropScenarios.PEER_V6 : PetrelInteropScenarios.PEER_V4, true, null, ttlSecurity, hops);
    }

    PetrelInteropScenarios.Session start(Kind kind, Counterpart.Setup s, UnaryOperator<PetrelConf.Peer> opts) {
        Counterpart c = kind.start(net, hosts.b(), s);
        String name = c.kind().toLowerCase();
        PetrelConf conf = PetrelConf.of(hosts.aAddress(false), s.petrelAs())
                .listen(s.petrelAddress(), 179)
                .peer(opts.apply(PetrelConf.Peer.of(name, s.localAddress(), s.localAs())));
        Petrel p = Petrel.start(net, hosts.a(), conf);
        return new PetrelInteropScenarios.Session(p, c, name, s);
    }

    /**
     * Watches both sides for {@link #NEVER_WINDOW}: Petrel never gets past Connect/Active (it would be in OpenSent
     * as soon as a TCP connection stood), the counterpart never gets an OPEN; then Petrel has received nothing.
     */
    static void neverComesUp(PetrelInteropScenarios.Session x, String why) {
        Await.never(why, NEVER_WINDOW, () -> new Object[] {x.petrelSide(), x.peerSide()},
                o -> ((PeerStatus) o[0]).state().ordinal() >= SessionState.OPEN_SENT.ordinal()
                        || ((PeerSnapshot) o[1]).state() == BgpState.OPEN_SENT
                        || ((PeerSnapshot) o[1]).state() == BgpState.OPEN_CONFIRM
                        || ((PeerSnapshot) o[1]).established(),
                o -> "Petrel: " + o[0] + "\n" + x.peer().kind() + ": " + o[1]);
        PeerStatus p = x.petrelSide();
        assertEquals(0, p.counters().messagesReceived(), x::both);
        assertEquals(0, p.establishedTransitions(), x::both);
    }

    // ---- 1. TTL 1 dies at the router --------------------------------------------------------------------------

    /**
     * Petrel with the default {@code multihop = 1} sends its SYNs with TTL 1: the router drops each one (TTL
     * exceeded in transit) and says so with ICMP Time Exceeded, although the counterpart (configured for a peer
     * two hops away, passive) would accept. Proof of TTL 1: the router's {@code IpInHdrErrors}
     * ({@code Ip6InHdrErrors}) and {@code IcmpOutTimeExcds} ({@code Icmp6OutTimeExcds}) rise, the counterpart
     * never sees an OPEN.
     */
    @ParameterizedTest(name = "{0} ipv6={1}")
    @MethodSource("kindsAndFamilies")
    void defaultMultihopOneNeverReachesPeerTwoHopsAway(Kind kind, boolean ipv6) {
        String hdrErrors = ipv6 ? "Ip6InHdrErrors" : "IpInHdrErrors";
        String timeExceeded = ipv6 ? "Icmp6OutTimeExcds" : "IcmpOutTimeExcds";
        KernelCounters before = KernelCounters.read(hosts.r());
        PetrelInteropScenarios.Session x = start(kind, setup(ipv6, 2, false), p -> p);
        neverComesUp(x, "Petrel's TTL-1 connection gets through the router");
        KernelCounters after = KernelCounters.read(hosts.r());
        assertTrue(after.since(before, hdrErrors) >= 1, () -> "the router dropped nothing for TTL: "
                + after.show(hdrErrors, timeExceeded) + " before " + before.show(hdrErrors, timeExceeded)
                + "\n" + x.both());
        assertTrue(after.since(before, timeExceeded) >= 1, () -> "the router sent no Time Exceeded: "
                + after.show(hdrErrors, timeExceeded) + " before " + before.show(hdrErrors, timeExceeded)
                + "\n" + x.both());
        // Nothing of Petrel's reached b.
        assertTrue(PetrelInteropScenarios.bgpConnections(hosts.b()).isEmpty(),
                () -> PetrelInteropScenarios.bgpConnections(hosts.b()) + "\n" + x.both());
        // What Petrel tells its operator: the router's Time Exceeded aborts a connect in SYN-SENT (Linux, both
        // families) with EHOSTUNREACH. The router rate-limits its ICMP errors, so a later attempt may get no
        // answer and be abandoned by Petrel's connect retry timer instead; the first one always gets its ICMP.
        assertTrue(x.petrel().log().contains("connect failed (no route to host: "), x::both);
        PeerStatus p = x.petrelSide();
        assertNotNull(p.lastError(), x::both);
        assertEquals("local", p.lastError().direction(), x::both);
        assertTrue(p.lastError().text().startsWith("connect failed: no route to host: ")
                || p.lastError().text().equals("connect got no answer before the connect retry timer fired"),
                x::both);
    }

    // ---- 2. multihop = 2 ----------------------------------------------------------------------------------

    /**
     * Petrel with {@code multihop = 2} against a counterpart configured for two hops: Established on both sides
     * across the router, the counterpart's prefix received, the TCP connection Petrel's (from a to b's port 179).
     */
    @ParameterizedTest(name = "{0} ipv6={1}")
    @MethodSource("kindsAndFamilies")
    void multihopTwoEstablishesAcrossTheRouter(Kind kind, boolean ipv6) {
        PetrelInteropScenarios.Session x = start(kind, setup(ipv6, 2, false), p -> p.multihop(2));
        x.awaitEstablished();
        PeerStatus p = x.petrel().await(x.name(), "the counterpart's prefix counted", UP,
                st -> st.counters().prefixesReceived() >= 1);
        assertEquals(SessionState.ESTABLISHED, p.state(), x::both);
        PetrelInteropScenarios.TcpConn c = PetrelInteropScenarios.onlyBgpConnection(hosts.a());
        assertEquals(179, c.remotePort(), () -> "Petrel should have connected: " + c + "\n" + x.both());
        assertTrue(c.remote().contains(hosts.bAddress(ipv6)), () -> c + "\n" + x.both());
    }

    // ---- 3. GTSM with the peer two hops away ---------------------------------------------------------------

    /**
     * GTSM on both sides, the counterpart allowing two hops, Petrel {@code ttl-security = true} with the default
     * {@code multihop = 1}: Petrel's socket only accepts TTL 255, and the counterpart's SYN-ACK (sent with 255)
     * arrives with 254 after the router. Petrel's SYN (TTL 255, 254 at b, enough for b's floor of 254) gets
     * through, but the answer is dropped by Petrel's kernel: {@code TcpExtTCPMinTTLDrop} rises in a, and the
     * session never comes up.
     */
    @ParameterizedTest(name = "{0} ipv6={1}")
    @MethodSource("kindsAndFamilies")
    void gtsmOneHopRejectsPeerTwoHopsAway(Kind kind, boolean ipv6) {
        String minTtlDrop = "TcpExtTCPMinTTLDrop";
        KernelCounters before = KernelCounters.read(hosts.a());
        PetrelInteropScenarios.Session x = start(kind, setup(ipv6, 2, true), p -> p.ttlSecurity(true));
        neverComesUp(x, "Petrel accepts packets with TTL 254 under GTSM for one hop");
        KernelCounters after = KernelCounters.read(hosts.a());
        assertTrue(after.since(before, minTtlDrop) >= 1, () -> "Petrel's kernel dropped nothing below its TTL floor: "
                + after.show(minTtlDrop) + " before " + before.show(minTtlDrop) + "\n" + x.both());
    }

    /**
     * The same with Petrel {@code multihop = 2}: its floor is 254, the counterpart's packets pass, Established on
     * both sides; and no segment of this session fell below Petrel's floor.
     */
    @ParameterizedTest(name = "{0} ipv6={1}")
    @MethodSource("kindsAndFamilies")
    void gtsmTwoHopsEstablishesAcrossTheRouter(Kind kind, boolean ipv6) {
        String minTtlDrop = "TcpExtTCPMinTTLDrop";
        KernelCounters before = KernelCounters.read(hosts.a());
        PetrelInteropScenarios.Session x = start(kind, setup(ipv6, 2, true), p -> p.ttlSecurity(true).multihop(2));
        x.awaitEstablished();
        KernelCounters after = KernelCounters.read(hosts.a());
        assertEquals(0, after.since(before, minTtlDrop), () -> after.show(minTtlDrop) + " before "
                + before.show(minTtlDrop) + "\n" + x.both());
    }
}
