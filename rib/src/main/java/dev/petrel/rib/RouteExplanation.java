package dev.petrel.rib;

import dev.petrel.wire.nlri.Prefix;
import java.util.List;

/**
 * `show routes PREFIX --explain`: every candidate of a prefix, ranked, with the step at which each loser lost.
 * An immutable snapshot of {@link Explanation}.
 *
 * @param prefix the prefix
 * @param candidates best first, then by rank, then the ineligible ones
 */
public record RouteExplanation(Prefix prefix, List<Candidate> candidates) {
    public RouteExplanation {
        candidates = List.copyOf(candidates);
    }

    /**
     * @param path the candidate
     * @param rank 1 for the best; 0 when not eligible
     * @param multipath in the ECMP set
     * @param lostTo the source name of the path it lost to, or null
     * @param lostAt the deciding step, or null
     * @param reason one line: "best", "LOCAL_PREF 100 &lt; 200", or why it is not eligible
     */
    public record Candidate(PathEntry path, int rank, boolean multipath, String lostTo, DecisionStep lostAt,
            String reason) {}
}
