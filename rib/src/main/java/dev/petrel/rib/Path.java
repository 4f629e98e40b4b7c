package dev.petrel.rib;

import dev.petrel.wire.NextHop;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.PathAttributes;

/**
 * One route to one prefix from one source: the Adj-RIB-In entry, before policy ({@link #received}) and after it
 * ({@link #attributes}, null when import policy rejected it or it is not eligible). The paths of one prefix form
 * a singly linked list through {@link #next}, the candidates of the decision process.
 *
 * <p>Owned by the RIB thread; never handed to another thread (snapshots copy what they need). Kept small: a full
 * table is a million of these.
 */
public sealed class Path implements Candidate permits LearnedPath {
    /** Import policy accepted it and it passed the eligibility checks. */
    static final int ELIGIBLE = 1;
    /** Kept from before a peer restart (RFC 4724) or an enhanced route refresh (RFC 7313), not refreshed yet. */
    static final int STALE = 2;
    /** Taken already while ranking the paths of a prefix ({@link BestPath.Ranker}); set only during a ranking. */
    static final int RANKED = 4;

    final Source source;
    /** The ADD-PATH path identifier it was received with (RFC 7911), 0 without ADD-PATH. */
    final int pathId;
    /**
     * The path identifier it is sent with to ADD-PATH peers (RFC 7911): given by its {@link RouteTable} when the
     * path is added, unique among the paths of its prefix, and kept for the life of the path (a changed path keeps
     * it, a new one gets another). Fills what was alignment padding: a Path is 48 octets with it or without it.
     */
    int sendId;
    /** As received (canonical, interned). */
    PathAttributes received;
    /** After import policy (interned); null when rejected. */
    PathAttributes attributes;
    NextHop nextHop;
    Path next;
    /** Flags in the low 8 bits; the kernel route priority set by policy + 1 above them (0 = none). */
    int meta;
    /** Why it is not eligible, when it is not: for `show routes --explain` and counters. */
    String ineligible;

    Path(Source source, int pathId) {
        this.source = source;
        this.pathId = pathId;
    }

    public Source source() {
        return source;
    }

    @Override
    public int pathId() {
        return pathId;
    }

    /** The path identifier it is sent with under ADD-PATH (unsigned). */
    public int sendId() {
        return sendId;
    }

    public PathAttributes received() {
        return received;
    }

    @Override
    public PathAttributes attributes() {
        return attributes;
    }

    public NextHop nextHop() {
        return nextHop;
    }

    @Override
    public boolean eligible() {
        return (meta & ELIGIBLE) != 0;
    }

    @Override
    public String ineligibleReason() {
        return ineligible;
    }

    @Override
    public boolean stale() {
        return (meta & STALE) != 0;
    }

    /** The kernel route priority a policy set, or -1. */
    public int kernelPriority() {
        return (meta >>> 8) - 1;
    }

    void kernelPriority(int priority) {
        meta = (meta & 0xff) | ((priority + 1) << 8);
    }

    void flag(int f, boolean on) {
        meta = on ? meta | f : meta & ~f;
    }

    @Override
    public PeerType peerType() {
        return source.peerType();
    }

    @Override
    public long peerRouterId() {
        return source.routerId();
    }

    @Override
    public byte[] peerAddress() {
        return source.addressBytes();
    }

    @Override
    public String toString() {
        return source.name() + (pathId != 0 ? " path " + Integer.toUnsignedString(pathId) : "") + " " + attributes;
    }
}
