package dev.petrel.speaker.events;

import dev.petrel.rib.PathEntry;
import dev.petrel.wire.nlri.Prefix;

/**
 * A prefix's best path (Loc-RIB, RFC 4271 §3.2), or a change of it.
 *
 * @param prefix the prefix
 * @param best the best path (attributes after import policy, the peer it came from or {@code local}/{@code
 *     kernel}), or null when the prefix has no usable path any more (a withdrawal)
 */
public record BestPathEvent(Prefix prefix, PathEntry best) {
    /** Whether this withdraws the prefix. */
    public boolean withdrawn() {
        return best == null;
    }
}
