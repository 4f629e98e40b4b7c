package dev.petrel.fsm.session;

import java.util.concurrent.atomic.LongAdder;

/**
 * Per-peer counters since the daemon started. Written only by the peer's event loop, read by anyone: each field
 * is volatile and has a single writer, so reads see a recent value without locks. The octet counts are the
 * exception: they are added on the channels' loops (a peer may have two connections during a collision), so they
 * are {@link LongAdder}s.
 */
public final class SessionStats {
    volatile long opensReceived;
    volatile long opensSent;
    volatile long keepalivesReceived;
    volatile long keepalivesSent;
    volatile long routeRefreshesReceived;
    volatile long routeRefreshesSent;
    /** Octets read from the peer's sockets: every frame, including any the session then discards. */
    final LongAdder octetsReceived = new LongAdder();
    /** Octets written to the peer's sockets: encoded messages and the RIB's pre-encoded UPDATEs. */
    final LongAdder octetsSent = new LongAdder();
    volatile long messagesReceived;
    volatile long messagesSent;
    volatile long updatesReceived;
    volatile long updatesSent;
    volatile long prefixesReceived;
    volatile long prefixesSent;
    volatile long notificationsReceived;
    volatile long notificationsSent;
    volatile long malformedUpdates;
    volatile long establishedTransitions;

    public long messagesReceived() {
        return messagesReceived;
    }

    public long messagesSent() {
        return messagesSent;
    }

    public long updatesReceived() {
        return updatesReceived;
    }

    public long updatesSent() {
        return updatesSent;
    }

    public long prefixesReceived() {
        return prefixesReceived;
    }

    public long prefixesSent() {
        return prefixesSent;
    }

    public long notificationsReceived() {
        return notificationsReceived;
    }

    public long notificationsSent() {
        return notificationsSent;
    }

    /** UPDATEs with any RFC 7606 problem (attribute discard or stronger). */
    public long malformedUpdates() {
        return malformedUpdates;
    }

    public long establishedTransitions() {
        return establishedTransitions;
    }

    public long opensReceived() {
        return opensReceived;
    }

    public long opensSent() {
        return opensSent;
    }

    public long keepalivesReceived() {
        return keepalivesReceived;
    }

    public long keepalivesSent() {
        return keepalivesSent;
    }

    public long routeRefreshesReceived() {
        return routeRefreshesReceived;
    }

    public long routeRefreshesSent() {
        return routeRefreshesSent;
    }

    public long octetsReceived() {
        return octetsReceived.sum();
    }

    public long octetsSent() {
        return octetsSent.sum();
    }
}
