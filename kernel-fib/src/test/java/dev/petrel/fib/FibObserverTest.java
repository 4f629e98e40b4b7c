package dev.petrel.fib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.petrel.fib.FibResult.Kind;
import dev.petrel.fib.kernel.KernelError;
import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.Rtnl;
import dev.petrel.rib.FibEntry;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The FIB's results: a snapshot first, then what the kernel did with each route, nothing missed or repeated. */
class FibObserverTest {
    private static final Prefix STALE = Prefix.parse("10.244.0.0/26");
    private static final Prefix P1 = Prefix.parse("10.244.1.0/26");
    private static final Prefix P2 = Prefix.parse("10.244.2.0/26");
    private static final Prefix P3 = Prefix.parse("10.244.3.0/26");
    private final FakeKernel kernel = new FakeKernel();
    private Fib fib;

    /** Records what it is told; the FIB thread writes, the test thread reads. */
    private static final class Recorder implements FibObserver {
        List<FibEntryView> snapshot;
        final List<FibResult> results = new ArrayList<>();

        @Override
        public synchronized void attached(List<FibEntryView> entries) {
            snapshot = entries;
        }

        @Override
        public synchronized void result(FibResult result) {
            results.add(result);
        }

        synchronized List<FibResult> of(Prefix p) {
            return results.stream().filter(r -> r.prefix().equals(p)).toList();
        }

        synchronized List<FibResult> all() {
            return List.copyOf(results);
        }
    }

    @AfterEach
    void close() {
        if (fib != null) {
            fib.close();
        }
    }

    private void start(String... peers) throws Exception {
        fib = new Fib(new FibSettings(254, 186, 20, true, 16, Duration.ofSeconds(120), Duration.ofHours(1),
                Duration.ofMillis(50), 64), kernel, null, null).start(List.of(peers));
    }

    private static FibEntry via(String gateway) {
        return new FibEntry(List.of(NextHop.of(gateway)), -1, "tor");
    }

    private static KernelRoute ours(Prefix p, String gw) throws Exception {
        return new KernelRoute(p, 254, 186, Rtnl.RTN_UNICAST, 0, 20,
                List.of(KernelNextHop.via(InetAddress.getByName(gw))), null);
    }

    private KernelRoute inKernel(Prefix p) {
        synchronized (kernel) {
            return kernel.table.values().stream().filter(r -> r.prefix().equals(p)).findFirst().orElse(null);
        }
    }

    /** Waits until {@code rec} has been told something about {@code p} that {@code what} accepts; returns it. */
    private static FibResult await(Recorder rec, Prefix p, String what, Predicate<FibResult> cond)
            throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (true) {
            for (FibResult r : rec.of(p)) {
                if (cond.test(r)) {
                    return r;
                }
            }
            if (System.nanoTime() > end) {
                fail("timed out waiting until " + what + "; results: " + rec.all());
            }
            Thread.sleep(5);
        }
    }

    private static Predicate<FibResult> kind(Kind k) {
        return r -> r.kind() == k;
    }

    @Test
    void snapshotThenInstalledFailedRetriedRemovedRepairedAndStaleRemoval() throws Exception {
        kernel.table.put(ours(STALE, "10.255.62.9").key(), ours(STALE, "10.255.62.9"));
        start("tor");
        fib.changed(P1, via("10.255.62.1"));
        Recorder rec = new Recorder();
        fib.observe(rec).get();

        // The snapshot is entries() as it was: the adopted route, and P1 (installed by the query's write first).
        assertEquals(List.of(STALE, P1), rec.snapshot.stream().map(FibEntryView::prefix).toList());
        assertEquals(RouteState.STALE, rec.snapshot.get(0).state());
        assertEquals(RouteState.INSTALLED, rec.snapshot.get(1).state());
        assertEquals(List.of(), rec.all(), "what the snapshot holds is not told again");

        // Installed: with what the kernel holds.
        fib.changed(P2, via("10.255.62.2"));
        FibResult installed = await(rec, P2, "P2 installed", kind(Kind.INSTALLED));
        assertEquals(RouteState.INSTALLED, installed.entry().state());
        assertEquals(ours(P2, "10.255.62.2"), installed.entry().installed());
        assertNull(installed.error());
        assertNull(installed.retryIn());

        // Failed with the kernel's error, told once however often it is retried, then installed on a retry.
        synchronized (kernel) {
            kernel.failing.put(P3, KernelError.ENETUNREACH);
        }
        fib.changed(P3, via("10.255.62.3"));
        FibResult failed = await(rec, P3, "P3 failed", kind(Kind.FAILED));
        assertEquals("ENETUNREACH", failed.error().name());
        assertEquals("fake failure", failed.error().message());
        assertEquals(Duration.ofMillis(50), failed.retryIn());
        assertEquals(RouteState.FAILED, failed.entry().state());
        assertNull(failed.entry().installed());
        awaitAttempts(P3, 3);
        assertEquals(1, rec.of(P3).size(), "a repeated identical failure is not told again: " + rec.of(P3));
        synchronized (kernel) {
            kernel.failing.clear();
        }
        FibResult retried = await(rec, P3, "P3 installed on retry", kind(Kind.INSTALLED));
        assertEquals(RouteState.INSTALLED, retried.entry().state());
        assertEquals(0, retried.entry().attempts());
        assertEquals(List.of(Kind.FAILED, Kind.INSTALLED), rec.of(P3).stream().map(FibResult::kind).toList());

        // Removed: the FIB forgets the prefix.
        fib.changed(P1, null);
        FibResult removed = await(rec, P1, "P1 removed", kind(Kind.REMOVED));
        assertNull(removed.entry());
        assertNull(inKernel(P1));

        // Deleted by someone else: removed (still wanted), then written back.
        kernel.externalDelete(ours(P2, "10.255.62.2").key());
        FibResult lost = await(rec, P2, "P2 lost", kind(Kind.REMOVED));
        assertNotNull(lost.entry());
        assertEquals(RouteState.PENDING, lost.entry().state());
        await(rec, P2, "P2 repaired", r -> r.kind() == Kind.INSTALLED && r != installed);
        assertEquals(List.of(Kind.INSTALLED, Kind.REMOVED, Kind.INSTALLED),
                rec.of(P2).stream().map(FibResult::kind).toList());

        // Convergence removes the stale route nobody re-announced.
        fib.peerConverged("tor");
        FibResult gone = await(rec, STALE, "the stale route removed", kind(Kind.REMOVED));
        assertNull(gone.entry());

        // A mirror built from the snapshot and the results holds what the FIB says the kernel holds.
        Map<Prefix, KernelRoute> mirror = new TreeMap<>();
        rec.snapshot.forEach(e -> mirror.put(e.prefix(), e.installed()));
        for (FibResult r : rec.all()) {
            mirror.put(r.prefix(), r.entry() == null ? null : r.entry().installed());
        }
        mirror.values().removeIf(java.util.Objects::isNull);
        Map<Prefix, KernelRoute> truth = new TreeMap<>();
        fib.query(Fib::entries).get().stream().filter(e -> e.installed() != null)
                .forEach(e -> truth.put(e.prefix(), e.installed()));
        assertEquals(truth, mirror);
        assertEquals(Map.of(P2, ours(P2, "10.255.62.2"), P3, ours(P3, "10.255.62.3")), truth);
    }

    @Test
    void aDetachedObserverIsToldNothingMoreAndOthersStillAre() throws Exception {
        start();
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        fib.observe(a).get();
        fib.observe(b).get();
        fib.observe(a).get(); // already attached: not twice
        fib.changed(P1, via("10.255.62.1"));
        await(a, P1, "a told", kind(Kind.INSTALLED));
        await(b, P1, "b told", kind(Kind.INSTALLED));
        assertEquals(1, a.all().size(), a.all().toString());
        fib.unobserve(a).get();
        fib.changed(P2, via("10.255.62.2"));
        await(b, P2, "b told of P2", kind(Kind.INSTALLED));
        fib.query(Fib::counts).get(); // a round trip on the FIB thread after the write
        assertEquals(List.of(), a.of(P2));
    }

    @Test
    void anObserverThatThrowsOnAttachIsNotAttachedAndOneThatThrowsOnResultsDoesNotStopTheFib() throws Exception {
        start();
        FibObserver bad = new FibObserver() {
            @Override
            public void attached(List<FibEntryView> entries) {
                throw new IllegalStateException("no");
            }

            @Override
            public void result(FibResult result) {
                fail("not attached, so never told");
            }
        };
        ExecutionException e = assertThrows(ExecutionException.class, () -> fib.observe(bad).get());
        assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
        Recorder after = new Recorder();
        FibObserver throwing = new FibObserver() {
            @Override
            public void attached(List<FibEntryView> entries) {}

            @Override
            public void result(FibResult result) {
                throw new IllegalStateException("broken observer");
            }
        };
        fib.observe(throwing).get();
        fib.observe(after).get();
        fib.changed(P1, via("10.255.62.1"));
        await(after, P1, "the next observer still told", kind(Kind.INSTALLED));
        assertNotNull(inKernel(P1));
    }

    /**
     * A new priority is a new kernel route: when its install fails, the old route's removal in the same batch
     * succeeds, and the prefix stays failed (and retried) rather than being taken as written.
     */
    @Test
    void aFailedInstallAtANewPriorityStaysFailedAndIsRetried() throws Exception {
        start();
        Recorder rec = new Recorder();
        fib.observe(rec).get();
        fib.changed(P1, via("10.255.62.1"));
        await(rec, P1, "installed at 20", kind(Kind.INSTALLED));
        KernelRoute.Key at512 = new KernelRoute.Key(P1, 254, 512);
        synchronized (kernel) {
            kernel.failingKeys.put(at512, KernelError.EINVAL);
        }
        fib.changed(P1, new FibEntry(List.of(NextHop.of("10.255.62.1")), 512, "tor"));
        await(rec, P1, "the old route removed", kind(Kind.REMOVED));
        FibResult failed = await(rec, P1, "the new one failed", kind(Kind.FAILED));
        assertEquals(RouteState.FAILED, failed.entry().state());
        awaitAttempts(P1, 2);
        assertEquals(RouteState.FAILED, fib.query(f -> f.entry(P1)).get().state());
        synchronized (kernel) {
            kernel.failingKeys.clear();
        }
        FibResult written = await(rec, P1, "installed at 512 on a retry",
                r -> r.kind() == Kind.INSTALLED && r.entry().installed().priority() == 512);
        assertEquals(RouteState.INSTALLED, written.entry().state());
        assertEquals(512, inKernel(P1).priority());
    }

    @Test
    void aFailingChangeUndoneBeforeItsRetryIsToldAsInstalledAsBefore() throws Exception {
        start();
        Recorder rec = new Recorder();
        fib.observe(rec).get();
        fib.changed(P1, via("10.255.62.1"));
        FibResult first = await(rec, P1, "installed", kind(Kind.INSTALLED));
        synchronized (kernel) {
            kernel.failing.put(P1, KernelError.EINVAL);
        }
        fib.changed(P1, via("10.255.62.2"));
        FibResult failed = await(rec, P1, "the change failed", kind(Kind.FAILED));
        assertEquals(ours(P1, "10.255.62.1"), failed.entry().installed(), "the kernel still holds the old route");
        fib.changed(P1, via("10.255.62.1")); // back to what the kernel holds: nothing to write
        FibResult back = await(rec, P1, "installed as before", r -> r.kind() == Kind.INSTALLED && r != first);
        assertEquals(RouteState.INSTALLED, back.entry().state());
        assertEquals(0, back.entry().attempts());
        assertNull(back.entry().problem());
    }

    private void awaitAttempts(Prefix p, int n) throws Exception {
        long end = System.nanoTime() + 5_000_000_000L;
        while (fib.query(f -> f.entry(p)).get().attempts() < n) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + n + " attempts at " + p);
            }
            Thread.sleep(5);
        }
    }
}
