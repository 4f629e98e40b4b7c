package dev.petrel.fsm;

/**
 * Connection collision detection (RFC 4271 §6.8, with RFC 6286 §2.3 for equal identifiers): when two
 * connections to the same peer both reach the point where the peer's BGP Identifier is known, exactly one
 * survives, and both ends make the same choice without talking to each other.
 */
public final class Collision {
    /** Which of the two connections to keep. */
    public enum Keep {
        /** the connection we initiated */
        OUTGOING,
        /** the connection the peer initiated */
        INCOMING
    }

    private Collision() {}

    /**
     * RFC 4271 §6.8: compare the identifiers as unsigned 32-bit integers; if ours is lower, keep the connection
     * the peer initiated, else keep ours. RFC 6286 §2.3: when they are equal (only possible between ASes), the
     * connection initiated by the speaker with the larger AS number is kept.
     */
    public static Keep resolve(int localId, long localAs, int peerId, long peerAs) {
        int cmp = Integer.compareUnsigned(localId, peerId);
        if (cmp == 0) {
            return localAs > peerAs ? Keep.OUTGOING : Keep.INCOMING;
        }
        return cmp < 0 ? Keep.INCOMING : Keep.OUTGOING;
    }
}
