package dev.petrel.daemon.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Proves that threads make progress: {@link #beat()} (every {@link #INTERVAL}, from a thread of its own) posts a
 * tiny task to each watched executor, the task records when it ran, and {@link #report()} calls a thread stuck
 * once its last task ran more than {@code staleAfter} ago. "The process answers HTTP" proves nothing about the
 * BGP event loops; a task that has to wait in each loop's queue does.
 *
 * <p>At most one heartbeat per executor is outstanding, so a stuck loop does not pile them up. A loop counts as
 * having run at the watchdog's creation, so it gets {@code staleAfter} to run its first one.
 */
public final class Watchdog {
    /** How often {@link #beat()} is meant to run. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);
    /**
     * Silence after which a loop is stuck. The RIB answers a heartbeat after the commands queued ahead of it, at
     * most its queue's high-water mark of UPDATEs, a few seconds at worst under a full table: 10 s is well past
     * that and still catches a deadlock quickly (a kubelet restarts the pod after its own failure threshold).
     */
    public static final Duration STALE_AFTER = Duration.ofSeconds(10);

    private static final class Loop {
        final String name;
        final Executor executor;
        final AtomicBoolean pending = new AtomicBoolean();
        volatile long lastNanos;
        /** When the outstanding heartbeat was posted. */
        volatile long postedNanos;
        /** How long the last heartbeat waited in the queue before it ran: the loop's lag. */
        volatile long lagNanos;

        Loop(String name, Executor executor, long now) {
            this.name = name;
            this.executor = executor;
            this.lastNanos = now;
        }
    }

    private final List<Loop> loops = new ArrayList<>();
    private final Duration staleAfter;
    private final LongSupplier clock;

    /**
     * @param executors the watched threads by name, in the order reports list them
     * @param clock nanoseconds, monotonic ({@code System::nanoTime}; a fake one in tests)
     */
    public Watchdog(Map<String, Executor> executors, Duration staleAfter, LongSupplier clock) {
        this.staleAfter = staleAfter;
        this.clock = clock;
        long now = clock.getAsLong();
        executors.forEach((name, ex) -> loops.add(new Loop(name, ex, now)));
    }

    /** Posts a heartbeat to every executor that has none outstanding. */
    public void beat() {
        for (Loop l : loops) {
            if (!l.pending.compareAndSet(false, true)) {
                continue;
            }
            l.postedNanos = clock.getAsLong();
            try {
                l.executor.execute(() -> {
                    long now = clock.getAsLong();
                    l.lagNanos = now - l.postedNanos;
                    l.lastNanos = now;
                    l.pending.set(false);
                });
            } catch (RejectedExecutionException e) {
                // The executor is shut down: it runs nothing any more, so it goes stale; try again next beat.
                l.pending.set(false);
            }
        }
    }

    /**
     * Per watched thread, in seconds, how long its last heartbeat waited before it ran, or how long the outstanding
     * one has waited so far if that is longer (a stuck loop's lag keeps growing instead of showing its last value).
     */
    public Map<String, Double> lagSeconds() {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        long now = clock.getAsLong();
        for (Loop l : loops) {
            long lag = l.lagNanos;
            if (l.pending.get()) {
                lag = Math.max(lag, now - l.postedNanos);
            }
            out.put(l.name, lag / 1e9);
        }
        return out;
    }

    public Liveness.Report report() {
        List<Liveness.Beat> beats = new ArrayList<>(loops.size());
        for (Loop l : loops) {
            beats.add(new Liveness.Beat(l.name, l.lastNanos));
        }
        return Liveness.evaluate(beats, clock.getAsLong(), staleAfter);
    }
}
