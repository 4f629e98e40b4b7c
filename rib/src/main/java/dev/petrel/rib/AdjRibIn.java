package dev.petrel.rib;


/**
 * One peer's Adj-RIB-In for one family, as counters: the paths themselves live in the {@link RouteTable}'s
 * per-prefix lists, holding both the received and the post-policy attributes ({@link RouteTable#pathsOf} finds
 * a peer's).
 */
final class AdjRibIn {
    final dev.petrel.wire.Family family;
    /** Paths held (received, eligible or not). */
    int paths;
    /** Paths whose import policy accepted them and that are eligible: what route limits count. */
    int accepted;
    /**
     * Of {@link #accepted}, the stale ones (kept through the peer's restart or an enhanced refresh, not yet sent
     * again): the route limit counts the others only, so a peer that adds prefixes as it comes back is not held
     * to the limit by routes its End-of-RIB is about to sweep.
     */
    int staleAccepted;
    /** Paths over the route limit, held ineligible (limit action REJECT). */
    int overLimit;
    boolean endOfRibReceived;
    /** A limit warning has been logged since the count last fell below the limit. */
    boolean limitWarned;

    AdjRibIn(dev.petrel.wire.Family family) {
        this.family = family;
    }

    static long key(int prefixId, int pathId) {
        return ((long) prefixId << 32) | Integer.toUnsignedLong(pathId);
    }

    static int prefixId(long key) {
        return (int) (key >>> 32);
    }

    static int pathId(long key) {
        return (int) key;
    }
}
