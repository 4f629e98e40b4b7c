package dev.petrel.fsm.session;

/**
 * Per-peer counters since the daemon started. Written only by the peer's event loop, read by anyone: each field
 * is volatile and has a single writer, so reads see a recent value without locks.
 */
public final class SessionStats {
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
}
