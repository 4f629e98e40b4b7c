package dev.petrel.rib;

import java.util.List;

/**
 * What the decision process chose for one prefix: the best path and the ECMP set.
 *
 * @param best the best path; null when no candidate is eligible
 * @param paths the ECMP set, best first, then in tie-breaker order; just the best without multipath; empty when
 *     there is no best
 */
public record Selection<C extends Candidate>(C best, List<C> paths) {
    public Selection {
        paths = List.copyOf(paths);
    }
}
