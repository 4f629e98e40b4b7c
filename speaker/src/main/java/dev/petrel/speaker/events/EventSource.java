package dev.petrel.speaker.events;

/**
 * The producer side of a stream: the thread that owns the state (the RIB thread, the FIB thread, or a lock for the
 * peers) and its {@link EventHub}. Attaching takes the snapshot and registers the subscription in one step on
 * that thread, so that no change falls between them.
 */
interface EventSource<T> {
    /** On the owner's thread, soon: offer {@code sub} a snapshot, then register it with the hub. */
    void attach(BufferedSubscription<T> sub);

    /** On the owner's thread, soon: unregister {@code sub}; nothing more is offered to it after that. */
    void detach(BufferedSubscription<T> sub);

    /** Slow the producer down on behalf of {@code holder} ({@link StreamOptions.Overflow#BACKPRESSURE}). */
    default void hold(Object holder) {}

    /** Stop slowing the producer down on behalf of {@code holder}. */
    default void release(Object holder) {}
}
