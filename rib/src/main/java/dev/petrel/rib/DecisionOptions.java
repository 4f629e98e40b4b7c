package dev.petrel.rib;

/** PLACEHOLDER until the decision branch lands. */
public record DecisionOptions(boolean alwaysCompareMed, boolean deterministicMed, int maxPaths, boolean multipathRelax) {
    public static final DecisionOptions DEFAULT = new DecisionOptions(false, false, 1, false);
}
