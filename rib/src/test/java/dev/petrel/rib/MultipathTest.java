package dev.petrel.rib;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.wire.attr.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ECMP set: who ties with the best up to IGP cost, the neighbour-AS rules, relax, and the limit. */
class MultipathTest {
    static final DecisionOptions ECMP = DecisionOptions.DEFAULT.withMaxPaths(8);
    static final Route BASE = Route.base("base");

    // Three eBGP paths from AS 65001 that differ only in the tie-breakers.
    static final Route A = BASE.from("10.0.0.1", "192.0.2.1").named("A");
    static final Route B = BASE.from("10.0.0.2", "192.0.2.2").named("B");
    static final Route C = BASE.from("10.0.0.3", "192.0.2.3").named("C");
    // Same AS_PATH length from AS 65010.
    static final Route OTHER_AS = BASE.withAsPath(65010, 65002).from("10.0.0.4", "192.0.2.4").named("other AS");

    @Test
    void withoutMultipathOnlyTheBest() {
        Selection<Route> s = BestPath.select(List.of(C, A, B), DecisionOptions.DEFAULT);
        assertSame(A, s.best());
        assertEquals(List.of(A), s.paths());
    }

    @Test
    void equalPathsFromOneNeighbourAsBestFirstThenByTieBreakers() {
        assertEquals(List.of(A, B, C), BestPath.select(List.of(C, B, A), ECMP).paths());
        assertEquals(List.of(A, B, C), BestPath.select(List.of(B, C, A), ECMP).paths());
    }

    @Test
    void maxPathsKeepsTheTieBreakerWinners() {
        Route d = BASE.from("10.0.0.0", "192.0.2.9").withLocalPref(90).named("D");
        for (List<Route> order : MedTest.permutations(List.of(A, B, C, d))) {
            assertEquals(List.of(A, B), BestPath.select(order, ECMP.withMaxPaths(2)).paths(), order.toString());
            assertEquals(List.of(A, B, C), BestPath.select(order, ECMP.withMaxPaths(3)).paths(), order.toString());
        }
    }

    @Test
    void anotherNeighbourAsOnlyWithRelax() {
        assertEquals(List.of(A, B), BestPath.select(List.of(OTHER_AS, B, A), ECMP).paths());
        assertEquals(List.of(A, B, OTHER_AS), BestPath.select(List.of(OTHER_AS, B, A), ECMP.withMultipathRelax(true)).paths());
    }

    @Test
    void relaxStillNeedsEveryStepUpToIgpCost() {
        DecisionOptions relax = ECMP.withMultipathRelax(true);
        Route longer = BASE.withAsPath(65010, 65002, 65003).named("longer");
        Route egp = OTHER_AS.withOrigin(Origin.EGP).named("EGP");
        Route ibgp = OTHER_AS.ibgp().named("iBGP");
        Route costly = OTHER_AS.withIgpCost(5).named("costly");
        Route lowerPref = OTHER_AS.withLocalPref(50).named("lower pref");
        Route stale = OTHER_AS.withStale().withClusterList(9L).named("stale, longer cluster list");
        Selection<Route> s = BestPath.select(List.of(longer, egp, ibgp, costly, lowerPref, stale, A), relax);
        assertEquals(List.of(A, stale), s.paths(), "only steps after IGP cost may differ");
    }

    @Test
    void aDifferentMedFromTheSameAsExcludesAPath() {
        Route best = A.withMed(10);
        Route worseMed = B.withMed(20);
        Route otherAsMed = OTHER_AS.withMed(99);
        assertEquals(List.of(best), BestPath.select(List.of(worseMed, best), ECMP).paths());
        // MED is not comparable across ASes, so relax lets the other AS in whatever its MED.
        assertEquals(List.of(best, otherAsMed),
                BestPath.select(List.of(worseMed, otherAsMed, best), ECMP.withMultipathRelax(true)).paths());
    }

    @Test
    void ibgpPathsNeedAnIdenticalAsPathUnlessRelaxed() {
        Route x = A.ibgp();
        Route y = B.ibgp();
        Route sameLength = C.ibgp().withAsPath(65001, 65003).named("same length");
        assertEquals(List.of(x, y), BestPath.select(List.of(sameLength, y, x), ECMP).paths());
        assertEquals(List.of(x, y, sameLength),
                BestPath.select(List.of(sameLength, y, x), ECMP.withMultipathRelax(true)).paths());
    }

    @Test
    void localAndIneligibleRoutesNeverShareEcmp() {
        Route local = BASE.originatedHere().named("local");
        Route kernel = BASE.originatedHere().named("kernel");
        assertEquals(List.of(local), BestPath.select(List.of(local, kernel, A), ECMP).paths());
        assertFalse(BestPath.multipath(A, local, ECMP));
        Route rejected = B.ineligible("rejected by import policy");
        assertEquals(List.of(A, C), BestPath.select(List.of(rejected, C, A), ECMP).paths());
    }

    @Test
    void nothingEligibleNothingSelected() {
        Selection<Route> s = BestPath.select(List.of(A.ineligible("next hop unreachable")), ECMP);
        assertNull(s.best());
        assertEquals(List.of(), s.paths());
        assertEquals(List.of(), BestPath.select(List.<Route>of(), ECMP).paths());
    }

    @Test
    void theOutputArrayMustHoldMaxPaths() {
        Route[] small = new Route[2];
        assertThrows(IllegalArgumentException.class, () -> BestPath.select(A, r -> null, ECMP, small));
        assertThrows(IllegalArgumentException.class, () -> ECMP.withMaxPaths(0));
    }
}
