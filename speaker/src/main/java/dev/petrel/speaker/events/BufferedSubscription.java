package dev.petrel.speaker.events;

import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's bounded buffer between the thread that produces a stream's changes and the subscriber.
 *
 * <p>The producer (the RIB or FIB thread, or a session's event loop under the peer lock) only appends under this
 * object's lock and never waits: a full buffer is handled by the {@link StreamOptions.Overflow} policy. Delivery
 * runs on a virtual thread of its own per subscription, started when there is something to deliver and demand
 * for it, so a subscriber that blocks in {@code onNext} holds up nobody but itself. Signals to one subscriber are
 * serial (Reactive Streams rule 1.3): at most one delivery thread runs at a time, and terminal signals
 * ({@code onComplete}, {@code onError}) go through it too.
 *
 * <p>A backpressure hold is taken and released under this object's lock, so a release can never overtake the hold
 * it releases; and it lasts at most {@link StreamOptions#maxHold()}, after which the subscription drops into a
 * resync: a peer that is not read cannot have its KEEPALIVEs seen, and a longer hold would expire its hold timer.
 * Re-attaching after a resync (a snapshot, a walk of the whole table on the owner's thread) backs off when a
 * subscriber keeps overflowing, so that it cannot make the RIB take snapshots back to back.
 */
final class BufferedSubscription<T> implements Flow.Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(BufferedSubscription.class);
    private static final Object COMPLETE = new Object();
    /** Resyncs closer together than this count as one streak for the re-attach back-off. */
    private static final long STREAK_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long MAX_BACKOFF_MILLIS = 8_000;
    /** Hold limits and re-attach back-offs: a timer for every subscription of every speaker in the JVM. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "petrel-events-timer");
        t.setDaemon(true);
        return t;
    });

    /** A subscriber's mistake, delivered as onError in order. */
    private record Failure(Throwable error) {}

    private final Flow.Subscriber<? super StreamItem<T>> subscriber;
    private final EventSource<T> source;
    private final StreamOptions options;
    private final String stream;
    private final AtomicBoolean draining = new AtomicBoolean();

    // Guarded by this.
    private final ArrayDeque<Object> buffer = new ArrayDeque<>();
    private long demand;
    private boolean holding;
    /** Which hold a timer is for: a hold released and taken again gets a new number. */
    private long holdNumber;
    // The delivery thread's.
    private int streak;
    private long lastResync;
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
        boolean wake;
        synchronized (this) {
            if (cancelled) {
                return false;
            }
            buffer.add(snapshot);
            attached = true;
            wake = demand > 0;
        }
        if (wake) {
            signal();
        }
        return true;
    }

    /**
     * The producer's: one change. Returns false when the subscription is no longer attached (cancelled, or it
     * overflowed just now and dropped into a resync): the hub then forgets it.
     */
    boolean offer(StreamItem.Change<T> change) {
        boolean wake;
        boolean overflowed = false;
        long hold = -1;
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
                    hold = ++holdNumber;
                    source.hold(this);
                }
            } else {
                dropIntoResync(change.sequence(), "the subscriber's buffer of " + limit + " items overflowed"
                        + (backpressure ? " even with backpressure (4x its size)" : ""));
                overflowed = true;
            }
            wake = demand > 0;
        }
        if (hold >= 0) {
            long number = hold;
            TIMER.schedule(() -> holdExpired(number), options.maxHold().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (overflowed) {
            LOG.info("{} stream: a subscriber fell behind; it gets a resync marker and a new snapshot", stream);
        }
        if (wake) {
            signal();
        }
        return attached;
    }

    /**
     * Under the lock: drops every buffered item for a resync marker, stops taking changes and releases a hold.
     *
     * @param next the sequence number of the change that could not be taken (the first dropped when none was
     *     buffered)
     */
    private void dropIntoResync(long next, String reason) {
        long first = next;
        long dropped = 0;
        for (Object o : buffer) {
            if (o instanceof StreamItem.Change<?> c) {
                if (dropped == 0) {
                    first = c.sequence();
                }
                dropped++;
            }
        }
        buffer.clear();
        buffer.add(new StreamItem.Resync<T>(first, dropped, reason + "; a new snapshot follows"));
        attached = false;
        releaseHold();
    }

    /** The timer's: a hold that lasted {@link StreamOptions#maxHold()} turns into a resync. */
    private void holdExpired(long number) {
        synchronized (this) {
            if (cancelled || !holding || holdNumber != number) {
                return;
            }
            dropIntoResync(Long.MAX_VALUE, "the subscriber held its peers for " + options.maxHold().toMillis()
                    + " ms, the most a hold may last before their hold timers are at risk");
        }
        LOG.info("{} stream: a backpressure hold reached {} ms; the subscriber gets a resync instead", stream,
                options.maxHold().toMillis());
        // It may hear no more changes to find out it was dropped: tell the hub now.
        source.detach(this);
        signal();
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
            // Rule 3.9: an error to the subscriber, delivered in order by the delivery thread (rule 1.3).
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                buffer.clear();
                buffer.add(new Failure(new IllegalArgumentException("request(" + n + "): demand must be positive")));
                attached = false;
                releaseHold();
            }
            source.detach(this);
            signal();
            return;
        }
        synchronized (this) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        signal();
    }

    @Override
    public void cancel() {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            attached = false;
            buffer.clear();
            releaseHold();
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
            synchronized (this) {
                Object head = buffer.peek();
                boolean terminal = head == COMPLETE || head instanceof Failure;
                if (cancelled || head == null || (demand == 0 && !terminal)) {
                    // Cleared under the lock that offers take, so an offer after this starts a new drain.
                    draining.set(false);
                    return;
                }
                item = buffer.poll();
                if (!terminal) {
                    demand--;
                }
                if (buffer.size() <= options.bufferSize() / 2) {
                    releaseHold();
                }
            }
            if (item == COMPLETE || item instanceof Failure) {
                cancelled = true;
                if (item instanceof Failure f) {
                    subscriber.onError(f.error());
                } else {
                    subscriber.onComplete();
                }
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
                reattach();
            }
        }
    }

    /**
     * The subscriber has caught up with the resync marker: take the new snapshot, at once the first time, then
     * after 250 ms, 500 ms... up to 8 s while resyncs keep coming within 30 s of each other.
     */
    private void reattach() {
        long now = System.nanoTime();
        streak = lastResync != 0 && now - lastResync < STREAK_NANOS ? streak + 1 : 1;
        lastResync = now;
        long delay = backoffMillis(streak);
        if (delay == 0) {
            source.attach(this);
        } else {
            TIMER.schedule(() -> {
                if (!cancelled) {
                    source.attach(this);
                }
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** How long the re-attach after the {@code streak}-th resync in a row waits, in milliseconds. */
    static long backoffMillis(int streak) {
        return streak <= 1 ? 0 : Math.min(MAX_BACKOFF_MILLIS, 250L << Math.min(10, streak - 2));
    }

    /** Ends our hold on the source's reading, if we hold it. Under this object's lock. */
    private void releaseHold() {
        if (holding) {
            holding = false;
            source.release(this);
        }
    }
}
