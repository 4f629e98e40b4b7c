package dev.petrel.rib;

import static dev.petrel.rib.DecisionStep.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.AsPath.Segment;
import dev.petrel.wire.attr.AsPath.SegmentType;
import dev.petrel.wire.attr.Origin;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture per tie-breaker, each the baseline with one knob turned, each compared in both orders: the
 * preferred route, the step that decided, and antisymmetry.
 */
class CompareTest {
    static final DecisionOptions O = DecisionOptions.DEFAULT;
    static final Route BASE = Route.base("base");

    /** Asserts {@code better} beats {@code worse} at {@code step}, whichever is passed first. */
    static void assertPrefers(Route better, Route worse, DecisionStep step, DecisionOptions o) {
        int r = BestPath.compare(better, worse, o);
        assertTrue(r < 0, better + " should beat " + worse + ", got " + BestPath.step(r));
        assertEquals(step, BestPath.step(r), better + " vs " + worse);
        assertEquals(-r, BestPath.compare(worse, better, o), "antisymmetric");
        assertEquals(step.code(), Math.abs(r));
        assertEquals(0, BestPath.compare(better, better, o));
        assertEquals(0, BestPath.compare(worse, worse, o));
    }

    static void assertPrefers(Route better, Route worse, DecisionStep step) {
        assertPrefers(better, worse, step, O);
    }

    static Stream<Arguments> oneKnobEach() {
        return Stream.of(
                Arguments.of(LOCAL_PREF, BASE.withLocalPref(200), BASE),
                Arguments.of(LOCAL_PREF, BASE.withLocalPref(0xffffffffL), BASE.withLocalPref(200)),
                Arguments.of(LOCAL_ORIGIN, BASE.originatedHere(), BASE),
                Arguments.of(AS_PATH_LENGTH, BASE, BASE.withAsPath(65001, 65002, 65003)),
                Arguments.of(ORIGIN, BASE, BASE.withOrigin(Origin.EGP)),
                Arguments.of(ORIGIN, BASE.withOrigin(Origin.EGP), BASE.withOrigin(Origin.INCOMPLETE)),
                Arguments.of(MED, BASE.withMed(10), BASE.withMed(20)),
                Arguments.of(MED, BASE.withMed(1), BASE.withMed(0xffffffffL)),
                Arguments.of(PEER_TYPE, BASE, BASE.ibgp()),
                Arguments.of(IGP_COST, BASE.withIgpCost(10), BASE.withIgpCost(20)),
                // The winner has the higher address, so only the router id can have decided.
                Arguments.of(ROUTER_ID, BASE.from("10.0.0.1", "192.0.2.9"), BASE.from("10.0.0.2", "192.0.2.1")),
                Arguments.of(ROUTER_ID, BASE.withRouterId("10.0.0.1"), BASE.withRouterId("200.0.0.1")),
                Arguments.of(CLUSTER_LIST_LENGTH, BASE.ibgp().withClusterList(1L).withAddress("192.0.2.9"),
                        BASE.ibgp().withClusterList(1L, 2L)),
                Arguments.of(STALE, BASE.withAddress("192.0.2.9"), BASE.withStale()),
                Arguments.of(PEER_ADDRESS, BASE.withAddress("192.0.2.1"), BASE.withAddress("192.0.2.2")),
                Arguments.of(PATH_ID, BASE.withPathId(1), BASE.withPathId(2)),
                Arguments.of(PATH_ID, BASE.withPathId(1), BASE.withPathId(0x80000000)));
    }

    @ParameterizedTest(name = "{0}: {1} over {2}")
    @MethodSource("oneKnobEach")
    void eachStepDecidesInBothOrders(DecisionStep step, Route better, Route worse) {
        assertPrefers(better.named("better"), worse.named("worse"), step);
    }

    @Test
    void stepsAreAppliedInOrder() {
        // Each earlier step overrides every later one that points the other way.
        assertPrefers(BASE.withLocalPref(101).withAsPath(1, 2, 3, 4).withOrigin(Origin.INCOMPLETE), BASE,
                LOCAL_PREF);
        assertPrefers(BASE.originatedHere().withAsPath(1, 2, 3).withMed(500), BASE, LOCAL_ORIGIN);
        assertPrefers(BASE.withOrigin(Origin.INCOMPLETE).withMed(500).ibgp(), BASE.withAsPath(1, 2, 3), AS_PATH_LENGTH);
        assertPrefers(BASE.withMed(500).ibgp().withIgpCost(9), BASE.withOrigin(Origin.EGP), ORIGIN);
        assertPrefers(BASE.withMed(1).ibgp(), BASE.withMed(2), MED);
        assertPrefers(BASE.withIgpCost(9).withRouterId("10.9.9.9"), BASE.ibgp(), PEER_TYPE);
        assertPrefers(BASE.withIgpCost(1).withRouterId("10.9.9.9"), BASE.withIgpCost(2), IGP_COST);
        assertPrefers(BASE.withClusterList(1L, 2L, 3L).withStale(), BASE.withRouterId("10.0.0.2"), ROUTER_ID);
        assertPrefers(BASE.withStale(), BASE.withClusterList(1L), CLUSTER_LIST_LENGTH);
        assertPrefers(BASE.withAddress("192.0.2.200").withPathId(7), BASE.withStale(), STALE);
        assertPrefers(BASE.withPathId(7), BASE.withAddress("192.0.2.2"), PEER_ADDRESS);
    }

    @Test
    void missingLocalPrefIs100() {
        assertEquals(0, BestPath.compare(BASE, BASE.withLocalPref(100), O));
        assertPrefers(BASE, BASE.withLocalPref(99), LOCAL_PREF);
    }

    @Test
    void aLocalRouteWinsOverLearnedOnesButNotOverLocalPref() {
        Route local = BASE.originatedHere().withAsPath().named("local");
        assertPrefers(local, BASE.withAsPath(), LOCAL_ORIGIN);
        assertPrefers(BASE.withLocalPref(200), local, LOCAL_PREF);
        // Two local sources with the same attributes: nothing tells them apart.
        assertEquals(0, BestPath.compare(local, local.named("kernel"), O));
        assertEquals(EQUAL, BestPath.step(0));
    }

    @Test
    void asSetCountsOneAndConfederationSegmentsNone() {
        // 65001 {65002 65003 65004} has length 2, as does 65001 65002.
        AsPath withSet = new AsPath(List.of(new Segment(SegmentType.AS_SEQUENCE, List.of(65001L)),
                new Segment(SegmentType.AS_SET, List.of(65002L, 65003L, 65004L))));
        Route set = BASE.withAsPath(withSet).withRouterId("10.0.0.9");
        assertPrefers(BASE, set, ROUTER_ID);
        // (64512 64513) 65001 65002 has length 2 too.
        AsPath confed = new AsPath(List.of(new Segment(SegmentType.AS_CONFED_SEQUENCE, List.of(64512L, 64513L)),
                new Segment(SegmentType.AS_SEQUENCE, List.of(65001L, 65002L))));
        assertPrefers(BASE, BASE.withAsPath(confed).withRouterId("10.0.0.9"), ROUTER_ID);
        assertPrefers(BASE.withAsPath(confed), BASE.withAsPath(65001, 65002, 65003), AS_PATH_LENGTH);
    }

    @Test
    void originatorIdStandsInForTheRouterId() {
        // Reflected by 10.0.0.9 but originated by 10.0.0.1: it counts as 10.0.0.1 (RFC 4456 §9).
        Route reflected = BASE.ibgp().withRouterId("10.0.0.9").withOriginatorId("10.0.0.1").named("reflected");
        Route direct = BASE.ibgp().withRouterId("10.0.0.5").withAddress("192.0.2.0").named("direct");
        assertPrefers(reflected, direct, ROUTER_ID);
        assertEquals("router id 10.0.0.5 > ORIGINATOR_ID 10.0.0.1", Explanation.reason(ROUTER_ID, direct, reflected, O));
        Route reflectedHigh = reflected.withOriginatorId("10.0.0.6");
        assertPrefers(direct, reflectedHigh, ROUTER_ID);
        // Equal ORIGINATOR_IDs: the two copies of one route through two reflectors; the CLUSTER_LIST decides.
        Route viaOne = reflected.withClusterList(7L).withAddress("192.0.2.50");
        Route viaTwo = reflected.withRouterId("10.0.0.8").withClusterList(7L, 8L);
        assertPrefers(viaOne, viaTwo, CLUSTER_LIST_LENGTH);
    }

    @Test
    void peerAddressesCompareAsUnsignedOctets() {
        // 192 is negative as a Java byte: a signed compare would prefer 192.0.2.1.
        assertPrefers(BASE.withAddress("10.0.0.1"), BASE.withAddress("192.0.2.1"), PEER_ADDRESS);
        assertPrefers(BASE.withAddress("192.0.2.1"), BASE.withAddress("192.0.2.128"), PEER_ADDRESS);
        assertPrefers(BASE.withAddress("2001:db8::1"), BASE.withAddress("fe80::1"), PEER_ADDRESS);
        assertPrefers(BASE.withAddress("2001:db8::7f"), BASE.withAddress("2001:db8::80"), PEER_ADDRESS);
        assertPrefers(BASE.withAddress("2001:db8::ff00:1"), BASE.withAddress("2001:db8::ff01:0"), PEER_ADDRESS);
        // Different families: IPv4 first, although ::1's first octet is lower.
        assertPrefers(BASE.withAddress("192.0.2.1"), BASE.withAddress("::2"), PEER_ADDRESS);
    }

    @Test
    void aStaleRouteLosesOnlyAfterTheRfcTieBreakers() {
        Route stale = BASE.withStale().named("stale");
        assertPrefers(BASE.withAddress("192.0.2.99"), stale, STALE);
        // RFC 4724 keeps stale routes in use: a lower router id still wins.
        assertPrefers(stale, BASE.withRouterId("10.0.0.2"), ROUTER_ID);
        assertPrefers(stale.withLocalPref(200), BASE, LOCAL_PREF);
    }

    @Test
    void stepNamesTheDecidingStep() {
        for (DecisionStep s : DecisionStep.values()) {
            assertEquals(s, BestPath.step(s.code()));
            assertEquals(s, BestPath.step(-s.code()));
            assertFalse(s.label().isBlank());
        }
        assertEquals("higher LOCAL_PREF", LOCAL_PREF.label());
    }
}
