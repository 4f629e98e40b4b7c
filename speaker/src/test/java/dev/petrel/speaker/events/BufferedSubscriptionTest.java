package dev.petrel.speaker.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** One subscription against a fake source: demand, terminal signals, holds, back-off. */
class BufferedSubscriptionTest {
    /** A source whose hub the test drives by hand; counts holds. */
    static final class FakeSource implements EventSource<Integer> {
        final EventHub<Integer> hub = new EventHub<>();
        final List<Object> holders = new CopyOnWriteArrayList<>();
        volatile int attaches;
        volatile int detaches;

        @Override
        public synchronized void attach(BufferedSubscription<Integer> sub) {
            attaches++;
            hub.attach(sub, List.of());
        }

        @Override
        public synchronized void detach(BufferedSubscription<Integer> sub) {
            detaches++;
            hub.detach(sub);
        }

        @Override
        public void hold(Object holder) {
            holders.add(holder);
        }

        @Override
        public void release(Object holder) {
            assertTrue(holders.remove(holder), "a release without its hold");
        }

        synchronized void publish(int v) {
            hub.publish(v);
        }
    }

    static final class Sink implements Flow.Subscriber<StreamItem<Integer>> {
        final List<Object> got = new CopyOnWriteArrayList<>();
        volatile Flow.Subscription s;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.s = s;
        }

        @Override
        public void onNext(StreamItem<Integer> item) {
            got.add(item);
        }

        @Override
        public void onError(Throwable t) {
            got.add(t);
        }

        @Override
        public void onComplete() {
            got.add("complete");
        }
    }

    static void await(BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out");
            Thread.sleep(5);
        }
    }

    @Test
    void aNonPositiveRequestIsAnErrorDeliveredInOrderAndDetaches() throws Exception {
        FakeSource src = new FakeSource();
        Sink sink = new Sink();
        new BufferedSubscription<>(sink, src, StreamOptions.DEFAULT, "test").start();
        sink.s.request(0);
        await(() -> !sink.got.isEmpty());
        assertInstanceOf(IllegalArgumentException.class, sink.got.get(0));
        await(() -> src.detaches == 1);
        src.publish(1);
        Thread.sleep(50);
        assertEquals(1, sink.got.size(), "nothing after the error");
    }

    @Test
    void aHoldIsReleasedOnCancelAndExpiresIntoAResync() throws Exception {
        FakeSource src = new FakeSource();
        Sink sink = new Sink();
        StreamOptions opts = new StreamOptions(16, StreamOptions.Overflow.BACKPRESSURE, Duration.ofMillis(200));
        new BufferedSubscription<>(sink, src, opts, "test").start();
        for (int i = 0; i < 16; i++) {
            src.publish(i);
        }
        assertEquals(1, src.holders.size(), "a full buffer holds the source");
        // Nobody reads: after maxHold the hold turns into a resync and is released.
        await(() -> src.holders.isEmpty());
        await(() -> src.detaches == 1); // the timer tells the hub right after the release

        sink.s.request(Long.MAX_VALUE);
        await(() -> sink.got.size() >= 2);
        StreamItem.Resync<?> r = assertInstanceOf(StreamItem.Resync.class, sink.got.get(0));
        assertEquals(1, r.sequence(), "the first change dropped");
        assertEquals(16, r.dropped());
        assertInstanceOf(StreamItem.Snapshot.class, sink.got.get(1), "re-attached after the marker");

        // A new hold, then cancel: released.
        for (int i = 0; i < 16; i++) {
            src.publish(i);
        }
        await(() -> sink.got.size() >= 18);
        sink.s.cancel(); // from here on only the stalled subscriber below can hold
        Sink stalled = new Sink();
        new BufferedSubscription<>(stalled, src, opts, "test").start();
        for (int i = 0; i < 20; i++) {
            src.publish(i);
        }
        assertEquals(1, src.holders.size());
        stalled.s.cancel();
        assertTrue(src.holders.isEmpty(), "cancel releases the hold");
    }

    @Test
    void reattachBacksOffWhenResyncsFollowEachOther() {
        List<Long> delays = new ArrayList<>();
        for (int streak = 1; streak <= 8; streak++) {
            delays.add(BufferedSubscription.backoffMillis(streak));
        }
        assertEquals(List.of(0L, 250L, 500L, 1000L, 2000L, 4000L, 8000L, 8000L), delays);
    }
}
