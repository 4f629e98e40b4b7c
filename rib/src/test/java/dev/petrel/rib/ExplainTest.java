package dev.petrel.rib;

import static dev.petrel.rib.DecisionStep.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.rib.Explanation.Entry;
import dev.petrel.wire.attr.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code show routes PREFIX --explain}: ranks, the step each loser lost at, to whom, and one line why. */
class ExplainTest {
    static final DecisionOptions O = DecisionOptions.DEFAULT;
    static final Route BASE = Route.base("base");

    static void assertEntry(Entry<Route> e, Route candidate, int rank, Route lostTo, DecisionStep lostAt,
            String reason) {
        assertSame(candidate, e.candidate());
        assertEquals(rank, e.rank(), candidate + " rank");
        assertEquals(rank == 1, e.best());
        assertSame(lostTo, e.lostTo(), candidate + " lost to");
        assertEquals(lostAt, e.lostAt(), candidate + " lost at");
        assertEquals(reason, e.reason());
    }

    @Test
    void everyCandidateWithItsRankAndReason() {
        Route best = BASE.withLocalPref(200).named("best");
        Route lowPref = BASE.from("10.0.0.0", "192.0.2.0").named("low pref");
        Route longPath = BASE.withLocalPref(200).withAsPath(65001, 65002, 65003).named("long path");
        Route looped = BASE.withLocalPref(300).named("looped").ineligible("AS loop: 65000 in AS_PATH");
        Route rejected = BASE.named("rejected").ineligible("rejected by import policy");
        Route ibgp = BASE.withLocalPref(200).ibgp().named("iBGP");

        Explanation<Route> x = BestPath.explain(List.of(lowPref, looped, longPath, ibgp, rejected, best), O);

        assertSame(best, x.best());
        List<Entry<Route>> e = x.entries();
        assertEquals(6, e.size());
        assertEntry(e.get(0), best, 1, null, null, "best");
        assertEntry(e.get(1), ibgp, 2, best, PEER_TYPE, "learned over iBGP, the winner over eBGP");
        assertEntry(e.get(2), longPath, 3, best, AS_PATH_LENGTH, "AS_PATH length 3 > 2");
        assertEntry(e.get(3), lowPref, 4, best, LOCAL_PREF, "LOCAL_PREF 100 < 200");
        assertEntry(e.get(4), looped, 0, null, null, "not eligible: AS loop: 65000 in AS_PATH");
        assertEntry(e.get(5), rejected, 0, null, null, "not eligible: rejected by import policy");
        assertTrue(e.stream().noneMatch(Entry::multipath));
    }

    @Test
    void deterministicMedNamesTheBestOfTheLosersAs() {
        // R1 lost to R3 inside AS 65001 on MED; R3 lost to R2 on router id.
        Explanation<Route> x = BestPath.explain(List.of(MedTest.R1, MedTest.R2, MedTest.R3), O);
        List<Entry<Route>> e = x.entries();
        assertEntry(e.get(0), MedTest.R2, 1, null, null, "best");
        assertEntry(e.get(1), MedTest.R3, 2, MedTest.R2, ROUTER_ID, "router id 10.0.0.3 > 10.0.0.2");
        assertEntry(e.get(2), MedTest.R1, 3, MedTest.R3, MED, "MED 200 > 100 (both from AS 65001)");
    }

    @Test
    void withoutDeterministicMedTheOnePassIsRetraced() {
        DecisionOptions onePass = O.withDeterministicMed(false);
        // Order R1, R3, R2: R3 displaces R1 on MED, then R2 displaces R3 on router id. R1 never met R2, and would
        // have beaten it: the explanation says whom it really lost to.
        Explanation<Route> x = BestPath.explain(List.of(MedTest.R1, MedTest.R3, MedTest.R2), onePass);
        Entry<Route> r1 = x.entries().stream().filter(en -> en.candidate() == MedTest.R1).findFirst().orElseThrow();
        assertSame(MedTest.R2, x.best());
        assertSame(MedTest.R3, r1.lostTo());
        assertEquals(MED, r1.lostAt());
        Entry<Route> r3 = x.entries().stream().filter(en -> en.candidate() == MedTest.R3).findFirst().orElseThrow();
        assertSame(MedTest.R2, r3.lostTo());
        assertEquals(ROUTER_ID, r3.lostAt());
    }

    @Test
    void multipathMembersAreMarked() {
        DecisionOptions ecmp = O.withMaxPaths(2);
        Explanation<Route> x = BestPath.explain(List.of(MultipathTest.C, MultipathTest.B, MultipathTest.A), ecmp);
        List<Entry<Route>> e = x.entries();
        assertEntry(e.get(0), MultipathTest.A, 1, null, null, "best");
        assertTrue(e.get(0).multipath());
        assertEntry(e.get(1), MultipathTest.B, 2, MultipathTest.A, ROUTER_ID, "router id 10.0.0.2 > 10.0.0.1");
        assertTrue(e.get(1).multipath());
        assertFalse(e.get(2).multipath(), "beyond maxPaths");
    }

    @Test
    void eachStepHasAReason() {
        DecisionOptions o = O;
        assertEquals("peer address 192.0.2.200 > 10.0.0.1",
                Explanation.reason(PEER_ADDRESS, BASE.withAddress("192.0.2.200"), BASE.withAddress("10.0.0.1"), o));
        assertEquals("learned from a peer, the winner is locally originated",
                Explanation.reason(LOCAL_ORIGIN, BASE, BASE.originatedHere(), o));
        assertEquals("ORIGIN INCOMPLETE > EGP",
                Explanation.reason(ORIGIN, BASE.withOrigin(Origin.INCOMPLETE), BASE.withOrigin(Origin.EGP), o));
        assertEquals("MED 5 > missing (0) (both from AS 65001)", Explanation.reason(MED, BASE.withMed(5), BASE, o));
        assertEquals("MED missing (4294967295) > 5 (always-compare-med)", Explanation.reason(MED, MultipathTest.OTHER_AS,
                BASE.withMed(5), o.withMedMissingAsWorst(true).withAlwaysCompareMed(true)));
        assertEquals("IGP cost 20 > 10", Explanation.reason(IGP_COST, BASE.withIgpCost(20), BASE.withIgpCost(10), o));
        assertEquals("CLUSTER_LIST length 2 > 1",
                Explanation.reason(CLUSTER_LIST_LENGTH, BASE.withClusterList(1L, 2L), BASE.withClusterList(3L), o));
        assertEquals("stale since its peer restarted, the winner is fresh",
                Explanation.reason(STALE, BASE.withStale(), BASE, o));
        assertEquals("peer address 2001:db8::2 > 2001:db8::1", Explanation.reason(PEER_ADDRESS,
                BASE.withAddress("2001:db8::2"), BASE.withAddress("2001:db8::1"), o));
        assertEquals("path id 4294967295 > 1",
                Explanation.reason(PATH_ID, BASE.withPathId(-1), BASE.withPathId(1), o));
        assertEquals("equal in every step, listed after the winner", Explanation.reason(EQUAL, BASE, BASE, o));
    }
}
