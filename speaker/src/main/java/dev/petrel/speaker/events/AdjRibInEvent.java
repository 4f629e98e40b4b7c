package dev.petrel.speaker.events;

import dev.petrel.rib.PathEntry;
import dev.petrel.wire.nlri.Prefix;

/**
 * A path a peer sent (Adj-RIB-In, RFC 4271 §3.2), before and after import policy, or a change of it.
 *
 * @param peer the peer's name
 * @param prefix the prefix
 * @param pathId the ADD-PATH path identifier (0 without ADD-PATH)
 * @param path the path held now: {@code received()} as the peer sent it (pre-policy), {@code attributes()} after
 *     import policy, null when policy or a check rejected it ({@code ineligible()} says why); null when the path
 *     was withdrawn or the peer's session ended
 */
public record AdjRibInEvent(String peer, Prefix prefix, long pathId, PathEntry path) {
    /** Whether this withdraws the path (or, in a change, the peer's session ended). */
    public boolean withdrawn() {
        return path == null;
    }

    /** Whether import policy and the checks accepted the path. */
    public boolean accepted() {
        return path != null && path.eligible();
    }
}
