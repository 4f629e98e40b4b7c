package dev.petrel.config;

/**
 * The {@code rib} block: knobs of the decision process (RFC 4271 §9.1) that hold for every prefix.
 *
 * @param alwaysCompareMed compare MULTI_EXIT_DISC across neighbouring ASes too (RFC 4271 compares it only within one)
 * @param deterministicMed group a prefix's routes by neighbouring AS before comparing MED, so arrival order
 *     does not change the outcome
 * @param multipath the most equal-cost routes per prefix installed in the kernel, 1..{@value #MAX_MULTIPATH}
 * @param multipathRelax routes from different neighbouring ASes with AS_PATHs of equal length may be
 *     equal-cost; only with multipath > 1
 * @param defaultLocalPref the LOCAL_PREF of a route without one, 0..4294967295
 */
public record RibOptions(boolean alwaysCompareMed, boolean deterministicMed, int multipath, boolean multipathRelax,
        long defaultLocalPref) {
    public static final int MAX_MULTIPATH = 64;
}
