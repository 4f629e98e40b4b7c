package dev.petrel.rib;

import dev.petrel.wire.Family;
import java.util.HashMap;
import java.util.Map;

/**
 * A peer as the RIB knows it: a handle the speaker keeps and passes back with every event. Its fields other than
 * {@link #id} and {@link #name} are owned by the RIB thread.
 */
public final class RibPeer {
    final int id;
    final String name;
    PeerRibConfig config;
    /** Set while Established. */
    Source source;
    RouteSink sink;
    SessionInfo session;
    final Map<Family, AdjRibIn> in = new HashMap<>();
    UpdateGroup group;
    UpdateGroup.Member member;
    /** The session was asked to stop reading (backpressure) and not yet resumed. Written by session threads too. */
    volatile boolean paused;
    boolean removed;
    /**
     * While the peer restarts and until its End-of-RIB (RFC 4724 §4.2): the source its stale routes belong to
     * (the next session takes it over when it is the same), their families, and when they go ({@code nanoTime}).
     */
    Source staleSource;
    final java.util.Set<dev.petrel.wire.Family> staleFamilies = new java.util.HashSet<>();
    long staleDeadline;
    java.time.Duration endOfRibWait = java.time.Duration.ZERO;
    /** Messages and prefixes sent, for counters (written by the RIB thread, read by anyone). */
    volatile long updatesSent;
    volatile long prefixesSent;

    RibPeer(int id, PeerRibConfig config) {
        this.id = id;
        this.name = config.name();
        this.config = config;
    }

    public String name() {
        return name;
    }

    public int id() {
        return id;
    }

    AdjRibIn in(Family f) {
        return in.computeIfAbsent(f, AdjRibIn::new);
    }

    boolean up() {
        return source != null;
    }

    @Override
    public String toString() {
        return name;
    }
}
