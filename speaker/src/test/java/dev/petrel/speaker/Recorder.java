package dev.petrel.speaker;

import dev.petrel.speaker.events.StreamItem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;

/**
 * A test subscriber: records every item and checks the stream's contract as it goes (a snapshot first, then
 * consecutive sequence numbers; after a resync marker, a snapshot again). Requests {@code initial} items, then
 * more only when told ({@link #request}); with initial = Long.MAX_VALUE it never holds back.
 */
final class Recorder<T> implements Flow.Subscriber<StreamItem<T>> {
    final List<StreamItem<T>> items = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    private final long initial;
    private volatile Flow.Subscription subscription;
    private long expected = -1;
    private boolean wantSnapshot = true;
    volatile boolean completed;
    volatile long lastSequence = -1;
    volatile int resyncs;
    final CountDownLatch subscribed = new CountDownLatch(1);

    Recorder(long initial) {
        this.initial = initial;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(initial);
        subscribed.countDown();
    }

    @Override
    public synchronized void onNext(StreamItem<T> item) {
        items.add(item);
        switch (item) {
            case StreamItem.Snapshot<T> s -> {
                if (!wantSnapshot) {
                    violations.add("a snapshot without a resync before it at " + s.sequence());
                }
                wantSnapshot = false;
                expected = s.sequence() + 1;
            }
            case StreamItem.Change<T> c -> {
                if (wantSnapshot) {
                    violations.add("a change before the snapshot: " + c.sequence());
                } else if (c.sequence() != expected) {
                    violations.add("gap: expected " + expected + ", got " + c.sequence());
                }
                expected = c.sequence() + 1;
            }
            case StreamItem.Resync<T> r -> {
                resyncs++;
                wantSnapshot = true;
            }
        }
        lastSequence = item.sequence();
    }

    @Override
    public void onError(Throwable t) {
        violations.add("onError: " + t);
    }

    @Override
    public void onComplete() {
        completed = true;
    }

    void request(long n) {
        subscription.request(n);
    }

    void cancel() {
        subscription.cancel();
    }

    synchronized List<StreamItem<T>> copy() {
        return new ArrayList<>(items);
    }

    /** Applies the items since the last snapshot: the state the subscriber would hold, by key. */
    synchronized <K> java.util.Map<K, T> state(java.util.function.Function<T, K> key,
            java.util.function.Predicate<T> removes) {
        java.util.Map<K, T> state = new java.util.LinkedHashMap<>();
        for (StreamItem<T> item : items) {
            switch (item) {
                case StreamItem.Snapshot<T> s -> {
                    state.clear();
                    s.entries().forEach(e -> state.put(key.apply(e), e));
                }
                case StreamItem.Change<T> c -> {
                    if (removes.test(c.event())) {
                        state.remove(key.apply(c.event()));
                    } else {
                        state.put(key.apply(c.event()), c.event());
                    }
                }
                case StreamItem.Resync<T> r -> state.clear();
            }
        }
        return state;
    }

    synchronized boolean sees(java.util.function.Predicate<T> event) {
        for (StreamItem<T> item : items) {
            if (item instanceof StreamItem.Change<T> c && event.test(c.event())) {
                return true;
            }
            if (item instanceof StreamItem.Snapshot<T> s && s.entries().stream().anyMatch(event)) {
                return true;
            }
        }
        return false;
    }
}
