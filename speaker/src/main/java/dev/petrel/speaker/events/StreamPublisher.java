package dev.petrel.speaker.events;

import java.util.concurrent.Flow;

/** A stream as a {@link Flow.Publisher}: each subscriber gets its own buffer and snapshot. */
final class StreamPublisher<T> implements Flow.Publisher<StreamItem<T>> {
    private final EventSource<T> source;
    private final StreamOptions options;
    private final String name;

    StreamPublisher(EventSource<T> source, StreamOptions options, String name) {
        this.source = source;
        this.options = options;
        this.name = name;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super StreamItem<T>> subscriber) {
        java.util.Objects.requireNonNull(subscriber, "subscriber");
        new BufferedSubscription<>(subscriber, source, options, name).start();
    }
}
