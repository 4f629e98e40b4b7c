package dev.petrel.speaker.events;

import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's bounded buffer between the thread that produces a stream's changes and the subscriber.
 *
 * <p>The producer (the RIB or FIB thread, or a session's event loop under the peer lock) only ever appends under
 * a short lock and never waits: a full buffer is handled by the {@link StreamOptions.Overflow} policy. Delivery
 * runs on a virtual thread of its own per subscription, started when there is something to deliver and demand
 * for it, so a subscriber that blocks in {@code onNext} holds up nobody but itself. Signals to one subscriber are
 * serial (Reactive Streams rule 1.3): at most one delivery thread runs at a time.
 */
final class BufferedSubscription<T> implements Flow.Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(BufferedSubscription.class);
    private static final Object COMPLETE = new Object();

    private final Flow.Subscriber<? super StreamItem<T>> subscriber;
    private final EventSource<T> source;
    private final StreamOptions options;
    private final String stream;
    private final AtomicBoolean draining = new AtomicBoolean();

    // Guarded by this.
    private final ArrayDeque<Object> buffer = new ArrayDeque<>();
    private long demand;
    private boolean holding;
    /** Registered with the hub: changes are offered to it. False before its snapshot and during a resync. */
    private volatile boolean attached;
    private volatile boolean cancelled;

    BufferedSubscription(Flow.Subscriber<? super StreamItem<T>> subscriber, EventSource<T> source,
            StreamOptions options, String stream) {
        this.subscriber = subscriber;
        this.source = source;
        this.options = options;
        this.stream = stream;
    }

    /** onSubscribe, then the source is asked for a snapshot. */
    void start() {
        subscriber.onSubscribe(this);
        if (!cancelled) {
            source.attach(this);
        }
    }

    boolean attached() {
        return attached;
    }

    /** The producer's: the snapshot that starts (or restarts, after a resync) the stream. False if cancelled. */
    boolean snapshot(StreamItem.Snapshot<T> snapshot) {
        synchronized (this) {
            if (cancelled) {
                return false;
            }
            buffer.add(snapshot);
            attached = true;
        }
        signal();
        return true;
    }

    /**
     * The producer's: one change. Returns false when the subscription is no longer attached (cancelled, or it
     * overflowed just now and dropped into a resync): the hub then forgets it.
     */
    boolean offer(StreamItem.Change<T> change) {
        boolean hold = false;
        boolean release = false;
        boolean overflowed = false;
        synchronized (this) {
            if (cancelled || !attached) {
                return false;
            }
            int size = buffer.size();
            int limit = options.bufferSize();
            boolean backpressure = options.overflow() == StreamOptions.Overflow.BACKPRESSURE;
            if (size < limit || (backpressure && size < 4L * limit)) {
                buffer.add(change);
                if (backpressure && size + 1 >= limit && !holding) {
                    holding = true;
                    hold = true;
                }
            } else {
                long dropped = size;
                buffer.clear();
                buffer.add(new StreamItem.Resync<T>(change.sequence(), dropped, "the subscriber's buffer of "
                        + limit + " items overflowed" + (backpressure ? " even with backpressure (4x its size)" : "")
                        + "; a new snapshot follows"));
                attached = false;
                release = holding;
                holding = false;
                overflowed = true;
            }
        }
        if (hold) {
            source.hold(this);
        }
        if (release) {
            source.release(this);
        }
        if (overflowed) {
            LOG.info("{} stream: a subscriber fell {} items behind; it gets a resync marker and a new snapshot",
                    stream, options.bufferSize());
        }
        signal();
        return attached;
    }

    /** The producer's: the stream ends; onComplete follows what is buffered. */
    void complete() {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            buffer.add(COMPLETE);
            attached = false;
        }
        signal();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            // Rule 3.9: a non-positive request is an error signalled to the subscriber.
            cancel();
            subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
            return;
        }
        synchronized (this) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        signal();
    }

    @Override
    public void cancel() {
        boolean release;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            attached = false;
            buffer.clear();
            release = holding;
            holding = false;
        }
        if (release) {
            source.release(this);
        }
        source.detach(this);
    }

    private void signal() {
        if (draining.compareAndSet(false, true)) {
            Thread.ofVirtual().name("petrel-events-" + stream).start(this::drain);
        }
    }

    @SuppressWarnings("unchecked")
    private void drain() {
        while (true) {
            Object item;
            boolean release = false;
            synchronized (this) {
                Object head = buffer.peek();
                if (cancelled || head == null || (demand == 0 && head != COMPLETE)) {
                    // Cleared under the lock that offers take, so an offer after this starts a new drain.
                    draining.set(false);
                    return;
                }
                item = buffer.poll();
                if (item != COMPLETE) {
                    demand--;
                }
                if (holding && buffer.size() <= options.bufferSize() / 2) {
                    holding = false;
                    release = true;
                }
            }
            if (release) {
                source.release(this);
            }
            if (item == COMPLETE) {
                cancelled = true;
                subscriber.onComplete();
                return;
            }
            try {
                subscriber.onNext((StreamItem<T>) item);
            } catch (RuntimeException | Error e) {
                // Rule 2.13: a subscriber that throws is treated as having cancelled.
                LOG.warn("{} stream: a subscriber's onNext threw; its subscription is cancelled", stream, e);
                cancel();
                synchronized (this) {
                    draining.set(false);
                }
                return;
            }
            if (item instanceof StreamItem.Resync<?>) {
                // The subscriber has caught up with the marker: now take the new snapshot.
                source.attach(this);
            }
        }
    }
}
