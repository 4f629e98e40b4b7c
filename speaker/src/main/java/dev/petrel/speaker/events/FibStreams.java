package dev.petrel.speaker.events;

import dev.petrel.fib.Fib;
import dev.petrel.fib.FibEntryView;
import dev.petrel.fib.FibObserver;
import dev.petrel.fib.FibResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The FIB results stream: the FIB thread owns the kernel's state, so subscriptions attach with a FIB query, as the
 * RIB streams do with a RIB query. Without a kernel FIB, a subscription gets an empty snapshot and nothing more.
 */
final class FibStreams implements FibObserver {
    private final Fib fib;
    private boolean observing;
    /** The FIB thread's (or, without a FIB, guarded by this). */
    private final EventHub<FibEvent> hub = new EventHub<>();

    FibStreams(Fib fib) {
        this.fib = fib;
    }

    @Override
    public void attached(List<FibEntryView> entries) {
        // Each subscription reads its own snapshot when it attaches.
    }

    @Override
    public void result(FibResult r) {
        hub.publish(new FibEvent(r.prefix(), switch (r.kind()) {
            case INSTALLED -> FibEvent.Kind.INSTALLED;
            case REMOVED -> FibEvent.Kind.REMOVED;
            case FAILED -> FibEvent.Kind.FAILED;
        }, r.entry(), r.error() == null ? null : r.error().toString()));
    }

    private synchronized void observe() {
        if (!observing) {
            observing = true;
            fib.observe(this);
        }
    }

    EventSource<FibEvent> source() {
        return new EventSource<>() {
            @Override
            public void attach(BufferedSubscription<FibEvent> sub) {
                if (fib == null) {
                    synchronized (FibStreams.this) {
                        hub.attach(sub, List.of());
                    }
                    return;
                }
                observe();
                fib.query(f -> {
                    List<FibEvent> snapshot = new ArrayList<>();
                    for (FibEntryView v : f.entries()) {
                        snapshot.add(FibEvent.of(v));
                    }
                    hub.attach(sub, snapshot);
                    return null;
                }).exceptionally(e -> {
                    sub.complete();
                    return null;
                });
            }

            @Override
            public void detach(BufferedSubscription<FibEvent> sub) {
                if (fib == null) {
                    synchronized (FibStreams.this) {
                        hub.detach(sub);
                    }
                    return;
                }
                fib.query(f -> {
                    hub.detach(sub);
                    return null;
                });
            }
        };
    }

    /** After the FIB thread has stopped: as {@link RibStreams#completeNow}. */
    void completeNow() {
        synchronized (this) {
            hub.complete();
        }
    }

    void complete() {
        if (fib == null) {
            completeNow();
            return;
        }
        try {
            fib.query(f -> {
                hub.complete();
                return null;
            }).get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            // The FIB is closed: its subscribers' streams end with it.
        }
    }
}
