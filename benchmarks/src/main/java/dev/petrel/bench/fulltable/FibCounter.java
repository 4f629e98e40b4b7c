package dev.petrel.bench.fulltable;

import dev.petrel.fib.kernel.KernelEvent;
import dev.petrel.fib.kernel.KernelException;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.RtNetlinkKernel;
import dev.petrel.wire.nlri.Prefix;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts the routes one protocol holds in one table of the router namespace's FIB, from the kernel's route
 * notifications: a thread of its own polls an rtnetlink monitor socket opened inside the namespace (receive buffer
 * {@code receiveBufferBytes}, forced past {@code rmem_max} as root) and keeps the set of distinct prefixes of
 * {@code protocol} in {@code table}. No polling of {@code ip route}: the kernel tells us each change once.
 *
 * <p>When the socket overran (notifications were lost), the set is rebuilt from a dump and the overrun counted,
 * so the figures stay exact but the moment the count reached its target may be late by the dump's duration.
 *
 * <p>{@link #expect} names a target count; the poll thread records the {@link System#nanoTime} at which the count
 * first equals it (the same clock as the speaker JVMs' timestamps: CLOCK_MONOTONIC).
 */
final class FibCounter implements AutoCloseable {
    private final RtNetlinkKernel kernel;
    private final int table;
    private final int protocol;
    private final Set<Prefix> present = new HashSet<>(); // the poll thread's, or under the lock for a recount
    private final Object lock = new Object();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile int count;
    private volatile long events; // route notifications of ours (protocol and table)
    private volatile long otherEvents; // every other route notification
    private volatile int overruns;
    private volatile int target = -1;
    private volatile long reachedNs = -1;
    private volatile Throwable failure;
    private boolean recount;

    private FibCounter(RtNetlinkKernel kernel, int table, int protocol) {
        this.kernel = kernel;
        this.table = table;
        this.protocol = protocol;
        this.thread = Thread.ofPlatform().daemon().name("fib-counter").unstarted(this::loop);
    }

    /** Opens the monitor inside namespace {@code netns} and starts counting what is there from now on. */
    static FibCounter open(String netns, int table, int protocol, int receiveBufferBytes) throws KernelException {
        RtNetlinkKernel k = RtNetlinkKernel.open(netns, receiveBufferBytes);
        FibCounter c = new FibCounter(k, table, protocol);
        synchronized (c.lock) {
            c.rebuild(); // routes already there (none, normally)
        }
        c.thread.start();
        return c;
    }

    private void loop() {
        try {
            while (!stopping) {
                kernel.poll(200, this::apply);
                if (recount) {
                    recount = false;
                    synchronized (lock) {
                        rebuild();
                    }
                    check();
                }
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    private void apply(KernelEvent e) {
        switch (e) {
            case KernelEvent.RouteAdded a -> {
                if (ours(a.route())) {
                    events++;
                    if (present.add(a.route().prefix())) {
                        count++;
                        check();
                    }
                } else {
                    otherEvents++;
                }
            }
            case KernelEvent.RouteDeleted d -> {
                if (ours(d.route())) {
                    events++;
                    if (present.remove(d.route().prefix())) {
                        count--;
                        check();
                    }
                } else {
                    otherEvents++;
                }
            }
            case KernelEvent.Overrun o -> {
                overruns++;
                recount = true;
            }
            default -> { }
        }
    }

    private boolean ours(KernelRoute r) {
        return r.table() == table && r.protocol() == protocol;
    }

    private void check() {
        if (count == target && reachedNs < 0) {
            reachedNs = System.nanoTime();
        }
    }

    /** Replaces the set by what a dump says (caller holds the lock). */
    private void rebuild() throws KernelException {
        present.clear();
        for (KernelRoute r : kernel.routes()) {
            if (ours(r)) {
                present.add(r.prefix());
            }
        }
        count = present.size();
    }

    /** From now on, wait for the count to be {@code n}. */
    void expect(int n) {
        reachedNs = -1;
        target = n;
        if (count == n) {
            reachedNs = System.nanoTime();
        }
    }

    /** Waits until the count reached the target; the nanoTime it did, or -1 after {@code timeout}. */
    long await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (reachedNs < 0) {
            if (failure != null) {
                throw new BenchmarkFailure("FIB counter failed: " + failure);
            }
            if (System.nanoTime() > deadline) {
                return -1;
            }
            Thread.sleep(5);
        }
        return reachedNs;
    }

    int count() {
        return count;
    }

    long events() {
        return events;
    }

    long otherEvents() {
        return otherEvents;
    }

    int overruns() {
        return overruns;
    }

    /** One dump of the whole FIB: how many routes of ours it holds, and how long the dump took (s). */
    double[] dumpCount() throws KernelException {
        long t0 = System.nanoTime();
        int n = 0;
        synchronized (lock) {
            for (KernelRoute r : kernel.routes()) {
                if (ours(r)) {
                    n++;
                }
            }
        }
        return new double[] {n, (System.nanoTime() - t0) / 1e9};
    }

    /** CPU seconds the poll thread used so far (decoding notifications in the benchmark JVM). */
    double cpuSeconds() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long ns = mx.getThreadCpuTime(thread.threadId());
        return ns < 0 ? Double.NaN : ns / 1e9;
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kernel.close();
    }
}
