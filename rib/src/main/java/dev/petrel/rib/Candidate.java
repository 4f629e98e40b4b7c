package dev.petrel.rib;

import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.PathAttributes;

/**
 * What the decision process looks at in one route: its post-import-policy attributes and where it came from.
 * {@link Path} is the RIB's implementation; tests use small records.
 */
public interface Candidate {
    /** The attributes after import policy. */
    PathAttributes attributes();

    /** EXTERNAL or INTERNAL for a route learned from a peer; null for a locally originated one. */
    PeerType peerType();

    /** True for a route this speaker originates (static, API or kernel-learned). */
    default boolean local() {
        return peerType() == null;
    }

    /** The effective LOCAL_PREF: the attribute when present, else the default (100, RFC 4271 §9.1.1 practice). */
    default long localPref() {
        long lp = attributes().localPref();
        return lp < 0 ? DEFAULT_LOCAL_PREF : lp;
    }

    /** The BGP Identifier of the peer the route came from, unsigned; 0 for a local route. */
    long peerRouterId();

    /** The peer's address as 4 or 16 octets (for the last tie-breaker); empty for a local route. */
    byte[] peerAddress();

    /** The AS the route was learned from (RFC 4271 §9.1.2.2 (c)): for MED comparison; 0 when the path is empty. */
    default long neighborAs() {
        return attributes().neighborAs();
    }

    /** Interior cost to the next hop (RFC 4271 §9.1.2.2 (e)). Petrel has no IGP: 0 for every route today. */
    default long igpCost() {
        return 0;
    }

    /** A route kept from a restarting peer (RFC 4724) that has not been refreshed yet. */
    default boolean stale() {
        return false;
    }

    /** The ADD-PATH path identifier it was received with (RFC 7911), unsigned; 0 without ADD-PATH. */
    default int pathId() {
        return 0;
    }

    /**
     * Whether the decision process may consider it: import policy accepted it and it passed the eligibility checks
     * (AS loop, next hop). An ineligible candidate is only listed by {@code show routes --explain}.
     */
    default boolean eligible() {
        return true;
    }

    /** Why it is not eligible, for {@code show routes --explain}; null when it is, or when no reason was kept. */
    default String ineligibleReason() {
        return null;
    }

    long DEFAULT_LOCAL_PREF = 100;
}
