package dev.petrel.fsm.session;

import dev.petrel.fsm.Timer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The timers of one connection, on its owner's event loop, against the monotonic clock ({@link System#nanoTime}).
 *
 * <p>Each timer is a deadline plus at most one scheduled wake-up at or before it. Restarting a timer only moves
 * the deadline when the wake-up is already early enough, so the hold timer, restarted by every KEEPALIVE and
 * UPDATE, costs a field write instead of a cancelled task per message. A wake-up that finds its deadline moved
 * reschedules itself; one that finds the timer stopped (or restarted under a newer generation) does nothing, so a
 * stale expiry never reaches the state machine.
 *
 * <p>Jitter (RFC 4271 §10): ConnectRetry and Keepalive are shortened by a random 0-25 %, so that peers started
 * together do not stay in step.
 */
final class TimerSet {
    private final EventLoop loop;
    private final Consumer<Timer> expired;
    private final long[] deadline = new long[Timer.values().length];
    private final boolean[] running = new boolean[Timer.values().length];
    private final long[] wakeAt = new long[Timer.values().length];
    private final ScheduledFuture<?>[] wake = new ScheduledFuture<?>[Timer.values().length];
    private final int[] generation = new int[Timer.values().length];
    private boolean closed;

    TimerSet(EventLoop loop, Consumer<Timer> expired) {
        this.loop = loop;
        this.expired = expired;
    }

    void start(Timer t, Duration d) {
        if (closed) {
            return;
        }
        long nanos = d.toNanos();
        if (t == Timer.CONNECT_RETRY || t == Timer.KEEPALIVE) {
            nanos -= (long) (nanos * 0.25 * ThreadLocalRandom.current().nextDouble());
        }
        int i = t.ordinal();
        long at = System.nanoTime() + nanos;
        deadline[i] = at;
        running[i] = true;
        if (wake[i] != null && wakeAt[i] - at <= 0) {
            return; // the pending wake-up comes first and will move to the new deadline
        }
        if (wake[i] != null) {
            wake[i].cancel(false);
        }
        schedule(i, at);
    }

    void stop(Timer t) {
        int i = t.ordinal();
        running[i] = false;
        generation[i]++;
        if (wake[i] != null) {
            wake[i].cancel(false);
            wake[i] = null;
        }
    }

    boolean isRunning(Timer t) {
        return running[t.ordinal()];
    }

    /** Nanoseconds until the timer expires, or -1 when it is not running. */
    long remainingNanos(Timer t) {
        int i = t.ordinal();
        return running[i] ? Math.max(0, deadline[i] - System.nanoTime()) : -1;
    }

    void stopAll() {
        for (Timer t : Timer.values()) {
            stop(t);
        }
    }

    void close() {
        stopAll();
        closed = true;
    }

    private void schedule(int i, long at) {
        int gen = ++generation[i];
        wakeAt[i] = at;
        wake[i] = loop.schedule(() -> fire(i, gen), Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void fire(int i, int gen) {
        if (closed || !running[i] || gen != generation[i]) {
            return;
        }
        wake[i] = null;
        long now = System.nanoTime();
        if (deadline[i] - now > 0) {
            schedule(i, deadline[i]);
            return;
        }
        running[i] = false;
        expired.accept(Timer.values()[i]);
    }
}
