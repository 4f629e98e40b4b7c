package dev.petrel.rib;

/**
 * The knobs of the decision process, named as FRR names them ({@code bgp bestpath ...}, {@code maximum-paths}).
 *
 * @param alwaysCompareMed compare MED between routes from different neighbour ASes too ({@code bgp always-compare-med})
 * @param deterministicMed pick the best of each neighbour AS first, then compare the winners, so the result does not
 *     depend on the order the candidates arrived in ({@code bgp deterministic-med})
 * @param medMissingAsWorst a route without MED counts as MED 4294967295 instead of 0
 *     ({@code bgp bestpath med missing-as-worst})
 * @param maxPaths the most paths installed for ECMP, the best included; 1 = no multipath ({@code maximum-paths})
 * @param multipathRelax paths from different neighbour ASes may share ECMP when their AS_PATH lengths are equal
 *     ({@code bgp bestpath as-path multipath-relax})
 */
public record DecisionOptions(boolean alwaysCompareMed, boolean deterministicMed, boolean medMissingAsWorst,
        int maxPaths, boolean multipathRelax) {
    /**
     * RFC 4271 behaviour with one addition: deterministic MED is on, as in FRR's datacenter profile (Cisco and
     * BIRD leave it off), because a best path that depends on arrival order cannot be replayed in tests or
     * explained after the fact.
     */
    public static final DecisionOptions DEFAULT = new DecisionOptions(false, true, false, 1, false);

    public DecisionOptions {
        if (maxPaths < 1) {
            throw new IllegalArgumentException("maxPaths must be at least 1, got " + maxPaths);
        }
    }

    public DecisionOptions withAlwaysCompareMed(boolean on) {
        return new DecisionOptions(on, deterministicMed, medMissingAsWorst, maxPaths, multipathRelax);
    }

    public DecisionOptions withDeterministicMed(boolean on) {
        return new DecisionOptions(alwaysCompareMed, on, medMissingAsWorst, maxPaths, multipathRelax);
    }

    public DecisionOptions withMedMissingAsWorst(boolean on) {
        return new DecisionOptions(alwaysCompareMed, deterministicMed, on, maxPaths, multipathRelax);
    }

    public DecisionOptions withMaxPaths(int n) {
        return new DecisionOptions(alwaysCompareMed, deterministicMed, medMissingAsWorst, n, multipathRelax);
    }

    public DecisionOptions withMultipathRelax(boolean on) {
        return new DecisionOptions(alwaysCompareMed, deterministicMed, medMissingAsWorst, maxPaths, on);
    }
}
