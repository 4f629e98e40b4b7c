package dev.petrel.speaker.events;

import dev.petrel.rib.PathEntry;
import dev.petrel.rib.Rib;
import dev.petrel.rib.RibObserver;
import dev.petrel.rib.RibView;
import dev.petrel.rib.RouteEntry;
import dev.petrel.wire.Family;
import dev.petrel.wire.nlri.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The streams whose state the RIB thread owns: best paths, Adj-RIB-In, End-of-RIB. One {@link RibObserver} feeds
 * the three hubs on the RIB thread; it is attached with the first subscription, so a speaker nobody watches pays
 * nothing. A subscription attaches with a RIB query, which runs on the RIB thread between two batches of changes:
 * the snapshot it takes and its registration with the hub are one step, so no change is missed or repeated.
 */
final class RibStreams implements RibObserver {
    /** The families whose tables a snapshot reads. */
    private static final List<Family> FAMILIES = List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST);

    private final Rib rib;
    private boolean observing;
    // The RIB thread's.
    final EventHub<BestPathEvent> best = new EventHub<>();
    final EventHub<AdjRibInEvent> adjRibIn = new EventHub<>();
    final EventHub<EndOfRibEvent> endOfRib = new EventHub<>();

    RibStreams(Rib rib) {
        this.rib = rib;
    }

    @Override
    public void attached(RibView view) {
        // Nothing to read: each subscription reads its own snapshot when it attaches.
    }

    /** The RIB thread's, as the hubs: no best-path events are built while nobody subscribes to them. */
    @Override
    public boolean wantsBestPaths() {
        return best.hasSubscriptions();
    }

    @Override
    public boolean wantsAdjRibIn() {
        return adjRibIn.hasSubscriptions();
    }

    @Override
    public void bestChanged(Prefix prefix, PathEntry path) {
        if (best.hasSubscriptions()) { // no event object for a stream nobody watches
            best.publish(new BestPathEvent(prefix, path));
        }
    }

    @Override
    public void adjRibInChanged(String peer, Prefix prefix, long pathId, PathEntry after) {
        if (adjRibIn.hasSubscriptions()) {
            adjRibIn.publish(new AdjRibInEvent(peer, prefix, pathId, after));
        }
    }

    @Override
    public void endOfRib(String peer, Family family) {
        endOfRib.publish(new EndOfRibEvent(peer, family));
    }

    @Override
    public void sessionEnded(String peer) {
        endOfRib.publish(new EndOfRibEvent(peer, null));
    }

    /** The observer is queued before the first subscription's query, so the query runs after it is attached. */
    private synchronized void observe() {
        if (!observing) {
            observing = true;
            rib.observe(this);
        }
    }

    <T> EventSource<T> source(EventHub<T> hub, Function<RibView, List<T>> snapshot) {
        return new EventSource<>() {
            @Override
            public void attach(BufferedSubscription<T> sub) {
                observe();
                rib.query(view -> {
                    hub.attach(sub, snapshot.apply(view));
                    return null;
                }).exceptionally(e -> {
                    sub.complete(); // the RIB is closed: the stream is over
                    return null;
                });
            }

            @Override
            public void detach(BufferedSubscription<T> sub) {
                rib.query(view -> {
                    hub.detach(sub);
                    return null;
                });
            }

            @Override
            public void hold(Object holder) {
                rib.holdReading(holder);
            }

            @Override
            public void release(Object holder) {
                rib.releaseReading(holder);
            }
        };
    }

    static List<BestPathEvent> bestSnapshot(RibView view) {
        List<BestPathEvent> out = new ArrayList<>();
        for (Family f : FAMILIES) {
            for (RouteEntry e : view.bestRoutes(f)) {
                out.add(new BestPathEvent(e.prefix(), e.best()));
            }
        }
        return out;
    }

    static List<AdjRibInEvent> adjRibInSnapshot(RibView view) {
        List<AdjRibInEvent> out = new ArrayList<>();
        for (String peer : view.peerNames()) {
            for (Family f : FAMILIES) {
                for (RouteEntry e : view.ribIn(peer, f, Integer.MAX_VALUE)) {
                    for (PathEntry p : e.paths()) {
                        out.add(new AdjRibInEvent(peer, e.prefix(), p.pathId(), p));
                    }
                }
            }
        }
        return out;
    }

    static List<EndOfRibEvent> endOfRibSnapshot(RibView view) {
        List<EndOfRibEvent> out = new ArrayList<>();
        for (String peer : view.peerNames()) {
            for (Family f : view.endOfRibReceived(peer)) {
                out.add(new EndOfRibEvent(peer, f));
            }
        }
        return out;
    }

    /**
     * After the RIB thread has stopped: completes the hubs from this thread (nobody else touches them any more), for
     * when the completion queued by {@link #complete} could not run before the RIB closed. Idempotent.
     */
    void completeNow() {
        best.complete();
        adjRibIn.complete();
        endOfRib.complete();
    }

    /** The speaker is closing: every subscriber gets onComplete after what it has buffered. */
    java.util.concurrent.CompletableFuture<Void> complete() {
        return rib.query(view -> {
            completeNow();
            return (Void) null;
        });
    }
}
