package dev.petrel.speaker.events;

import java.util.Arrays;
import java.util.List;

/**
 * One stream's fan-out: numbers each change and offers it to every attached subscription. Used only by the owner
 * of the stream's state (one thread, or callers holding one lock), so it needs no locking of its own; the
 * subscriptions' buffers are what cross threads. With no subscription, a change costs an increment.
 */
final class EventHub<T> {
    @SuppressWarnings("unchecked")
    private BufferedSubscription<T>[] subscriptions = new BufferedSubscription[0];
    private long sequence;
    private boolean completed;

    /** The number of the last change. */
    long sequence() {
        return sequence;
    }

    boolean hasSubscriptions() {
        return subscriptions.length > 0;
    }

    /** Numbers {@code event} and offers it to every subscription; one that overflowed into a resync leaves. */
    void publish(T event) {
        long s = ++sequence;
        BufferedSubscription<T>[] subs = subscriptions;
        if (subs.length == 0) {
            return;
        }
        StreamItem.Change<T> change = new StreamItem.Change<>(s, event);
        int left = subs.length;
        for (BufferedSubscription<T> sub : subs) {
            if (!sub.offer(change)) {
                left--;
            }
        }
        if (left != subs.length) {
            subscriptions = Arrays.stream(subs).filter(BufferedSubscription::attached)
                    .toArray(n -> newArray(n));
        }
    }

    /** Offers {@code sub} the snapshot, numbered with the last change it includes, and registers it. */
    void attach(BufferedSubscription<T> sub, List<T> snapshot) {
        if (completed) {
            sub.complete();
            return;
        }
        if (sub.snapshot(new StreamItem.Snapshot<>(sequence, snapshot))) {
            for (BufferedSubscription<T> s : subscriptions) {
                if (s == sub) {
                    return; // still registered from before its resync (no change came to drop it)
                }
            }
            BufferedSubscription<T>[] next = Arrays.copyOf(subscriptions, subscriptions.length + 1);
            next[next.length - 1] = sub;
            subscriptions = next;
        }
    }

    void detach(BufferedSubscription<T> sub) {
        subscriptions = Arrays.stream(subscriptions).filter(s -> s != sub).toArray(n -> newArray(n));
    }

    /** The source is closing: every subscriber gets onComplete after what it has buffered. */
    void complete() {
        completed = true;
        for (BufferedSubscription<T> sub : subscriptions) {
            sub.complete();
        }
        subscriptions = newArray(0);
    }

    @SuppressWarnings("unchecked")
    private static <T> BufferedSubscription<T>[] newArray(int n) {
        return new BufferedSubscription[n];
    }
}
