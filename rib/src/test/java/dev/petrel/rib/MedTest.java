package dev.petrel.rib;

import static dev.petrel.rib.CompareTest.assertPrefers;
import static dev.petrel.rib.DecisionStep.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.AsPath.Segment;
import dev.petrel.wire.attr.AsPath.SegmentType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** MED: compared within a neighbour AS only, missing MED, and the order dependence deterministic MED removes. */
class MedTest {
    static final DecisionOptions O = DecisionOptions.DEFAULT;
    static final DecisionOptions ONE_PASS = O.withDeterministicMed(false);
    static final DecisionOptions ALWAYS = O.withAlwaysCompareMed(true);
    static final Route BASE = Route.base("base");

    /** From AS 65001, and from AS 65010 with the same path length. */
    static final Route FROM_65001 = BASE;
    static final Route FROM_65010 = BASE.withAsPath(65010, 65002);

    @Test
    void medIsComparedWithinOneNeighbourAs() {
        assertPrefers(FROM_65001.withMed(10), FROM_65001.withMed(20).withRouterId("10.0.0.0"), MED);
    }

    @Test
    void medIsIgnoredAcrossNeighbourAsesUnlessAlwaysCompared() {
        Route lowMed = FROM_65001.withMed(10).withRouterId("10.0.0.9").named("low MED");
        Route highMed = FROM_65010.withMed(20).named("high MED");
        assertPrefers(highMed, lowMed, ROUTER_ID, O);
        assertPrefers(lowMed, highMed, MED, ALWAYS);
    }

    @Test
    void aMissingMedIsZeroOrTheWorst() {
        Route none = FROM_65001.withRouterId("10.0.0.9").named("no MED");
        Route five = FROM_65001.withMed(5).named("MED 5");
        assertPrefers(none, five, MED);
        assertPrefers(five, none, MED, O.withMedMissingAsWorst(true));
        // Missing equals 0: something later decides.
        assertPrefers(FROM_65001.withMed(0), none, ROUTER_ID);
        assertPrefers(FROM_65001.withMed(0xfffffffeL), none, MED, O.withMedMissingAsWorst(true));
    }

    @Test
    void routesFromOurOwnAsCompareMedAndAPathStartingWithAnAsSetComparesWithNothing() {
        Route internal = BASE.ibgp().withAsPath().withMed(10).withRouterId("10.0.0.9");
        assertPrefers(internal, internal.withMed(20).withRouterId("10.0.0.1"), MED);
        AsPath set = new AsPath(List.of(new Segment(SegmentType.AS_SET, List.of(65001L, 65002L))));
        Route aggregate = BASE.withAsPath(set).withMed(10).withRouterId("10.0.0.9");
        assertPrefers(aggregate.withMed(20).withRouterId("10.0.0.1"), aggregate, ROUTER_ID);
        assertPrefers(aggregate, aggregate.withMed(20).withRouterId("10.0.0.10"), ROUTER_ID);
        assertPrefers(aggregate, aggregate.withMed(20).withRouterId("10.0.0.1"), MED, ALWAYS);
    }

    /**
     * The classic set: R3 beats R1 on MED (both from AS 65001), R1 beats R2 and R2 beats R3 on router id (MED not
     * comparable across ASes). A cycle, so a single pass returns whichever the order favours.
     */
    static final Route R1 = FROM_65001.withMed(200).from("10.0.0.1", "192.0.2.1").named("R1");
    static final Route R2 = FROM_65010.withMed(150).from("10.0.0.2", "192.0.2.2").named("R2");
    static final Route R3 = FROM_65001.withMed(100).from("10.0.0.3", "192.0.2.3").named("R3");

    @Test
    void theClassicSetIsACycle() {
        assertPrefers(R3, R1, MED);
        assertPrefers(R1, R2, ROUTER_ID);
        assertPrefers(R2, R3, ROUTER_ID);
    }

    @Test
    void withoutDeterministicMedTheWinnerDependsOnArrivalOrder() {
        Set<Route> winners = new HashSet<>();
        for (List<Route> order : permutations(List.of(R1, R2, R3))) {
            winners.add(BestPath.best(order, ONE_PASS));
        }
        assertEquals(Set.of(R1, R2, R3), winners, "each of the three wins in some order");
        assertSame(R3, BestPath.best(List.of(R1, R2, R3), ONE_PASS));
        assertSame(R2, BestPath.best(List.of(R1, R3, R2), ONE_PASS));
        assertSame(R1, BestPath.best(List.of(R2, R3, R1), ONE_PASS));
    }

    @Test
    void deterministicMedGivesOneWinnerInEveryOrder() {
        // Best of AS 65001 is R3 (MED 100); R2 alone for AS 65010; R2 beats R3 on router id.
        for (List<Route> order : permutations(List.of(R1, R2, R3))) {
            assertSame(R2, BestPath.best(order, O), order.toString());
        }
    }

    @Test
    void deterministicMedWithMoreGroupsAndIneligibleOnes() {
        Route r4 = FROM_65010.withMed(50).from("10.0.0.4", "192.0.2.4").named("R4");
        Route r5 = BASE.withAsPath(65020, 65002).withMed(0).from("10.0.0.5", "192.0.2.5").named("R5");
        Route r6 = BASE.withLocalPref(500).named("R6").ineligible("AS loop");
        // AS 65001: R3; AS 65010: R4 (MED 50 beats R2's 150); AS 65020: R5. By router id: R3.
        for (List<Route> order : permutations(List.of(R1, R2, R3, r4, r5, r6))) {
            assertSame(R3, BestPath.best(order, O), order.toString());
        }
    }

    @Test
    void alwaysCompareMedIsTransitiveInEveryOrder() {
        for (List<Route> order : permutations(List.of(R1, R2, R3))) {
            assertSame(R3, BestPath.best(order, ALWAYS), order.toString());
            assertSame(R3, BestPath.best(order, ALWAYS.withDeterministicMed(false)), order.toString());
        }
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> p : permutations(rest)) {
                List<T> l = new ArrayList<>();
                l.add(first);
                l.addAll(p);
                out.add(l);
            }
        }
        return out;
    }
}
