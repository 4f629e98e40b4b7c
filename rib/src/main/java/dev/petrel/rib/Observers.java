package dev.petrel.rib;

import dev.petrel.wire.Family;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RibObserver}s attached to the RIB and what it tells them. Owned by the RIB thread.
 *
 * <p>A path is changed in place, so whether a change is news needs its state from before: the import code calls
 * {@link #before} with the path it is about to change, and {@link #adjChanged} / {@link #bestChanged} compare with
 * that. Nothing of this runs, and nothing is allocated, while no observer is attached: callers check {@link #any}
 * (an array length) first; and no event is built for a kind no attached observer wants now
 * ({@link RibObserver#wantsBestPaths}, {@link RibObserver#wantsAdjRibIn}).
 */
final class Observers {
    private static final Logger LOG = LoggerFactory.getLogger(Rib.class);
    private static final RibObserver[] NONE = new RibObserver[0];

    /** Copied on change, so a callback may detach (by throwing) while the array is being walked. */
    private RibObserver[] list = NONE;

    // The path about to change and its state before the change; path null = nothing captured.
    private Path path;
    private boolean wasBest;
    private PathAttributes received;
    private PathAttributes attributes;
    private NextHop nextHop;
    private int meta;
    private String ineligible;

    boolean any() {
        return list.length != 0;
    }

    /** Hands {@code o} its snapshot, then starts telling it every change. */
    void add(RibObserver o, RibView view) {
        for (RibObserver x : list) {
            if (x == o) {
                return; // attached already: a second snapshot would repeat what it has
            }
        }
        try {
            o.attached(view);
        } catch (RuntimeException e) {
            LOG.error("RIB: observer {} failed on its snapshot: not attached", o, e);
            return;
        }
        list = Arrays.copyOf(list, list.length + 1);
        list[list.length - 1] = o;
    }

    void remove(RibObserver o) {
        for (int i = 0; i < list.length; i++) {
            if (list[i] == o) {
                RibObserver[] n = new RibObserver[list.length - 1];
                System.arraycopy(list, 0, n, 0, i);
                System.arraycopy(list, i + 1, n, i, n.length - i);
                list = n;
                return;
            }
        }
    }

    /** Calls every observer; one that throws is detached ({@link #failed}) and the others still hear it. */
    private void tell(java.util.function.Consumer<RibObserver> call) {
        for (RibObserver o : list) {
            try {
                call.accept(o);
            } catch (RuntimeException x) {
                failed(o, x);
            }
        }
    }

    private void failed(RibObserver o, RuntimeException e) {
        LOG.error("RIB: observer {} failed: detached", o, e);
        remove(o);
    }

    /** {@code p} at prefix {@code id} of {@code t} is about to change in place: remember how it is. */
    void before(RouteTable t, int id, Path p) {
        path = p;
        wasBest = t.best(id) == p;
        received = p.received;
        attributes = p.attributes;
        nextHop = p.nextHop;
        meta = p.meta;
        ineligible = p.ineligible;
    }

    /** Nothing captured: the next change is of a new path. */
    void forget() {
        path = null;
        received = null;
        attributes = null;
        nextHop = null;
        ineligible = null;
    }

    /**
     * Path {@code p} of peer {@code peer} was added or changed and the decision re-run: tells the observers unless it
     * was captured by {@link #before} and nothing but the stale mark differs.
     */
    void adjChanged(RibPeer peer, RouteTable t, int id, Path p) {
        if (p == path && Objects.equals(received, p.received) && sameResult(p)
                && Objects.equals(ineligible, p.ineligible) && (meta & Path.ELIGIBLE) == (p.meta & Path.ELIGIBLE)) {
            return;
        }
        if (!anyWantsAdjRibIn()) {
            return;
        }
        tellAdj(peer, t.index.prefix(id), Integer.toUnsignedLong(p.pathId), PathEntry.of(p, t.best(id) == p));
    }

    /** Path {@code p} of {@code peer} at prefix {@code id} was withdrawn or removed. */
    void adjRemoved(RibPeer peer, RouteTable t, int id, Path p) {
        if (anyWantsAdjRibIn()) {
            tellAdj(peer, t.index.prefix(id), Integer.toUnsignedLong(p.pathId), null);
        }
    }

    private void tellAdj(RibPeer peer, Prefix prefix, long pathId, PathEntry after) {
        for (RibObserver o : list) {
            try {
                o.adjRibInChanged(peer.name, prefix, pathId, after);
            } catch (RuntimeException x) {
                failed(o, x);
            }
        }
    }

    private boolean anyWantsAdjRibIn() {
        for (RibObserver o : list) {
            if (o.wantsAdjRibIn()) {
                return true;
            }
        }
        return false;
    }

    private boolean anyWantsBestPaths() {
        for (RibObserver o : list) {
            if (o.wantsBestPaths()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The decision for prefix {@code id} reported a change ({@code oldBest}, as {@link RouteTable#decide} returns
     * it): tells the observers the new best unless it is the captured path, best before as well, and what a
     * subscriber sees of it is unchanged. Forgets the capture.
     */
    void bestChanged(RouteTable t, int id, Path oldBest) {
        Path now = t.best(id);
        boolean same = now != null && now == oldBest && now == path && wasBest && sameResult(now);
        forget();
        if (same || !anyWantsBestPaths()) {
            return;
        }
        Prefix prefix = t.index.prefix(id);
        PathEntry e = now == null ? null : PathEntry.of(now, true);
        for (RibObserver o : list) {
            try {
                o.bestChanged(prefix, e);
            } catch (RuntimeException x) {
                failed(o, x);
            }
        }
    }

    /** The post-policy result the captured path had: attributes, next hop and kernel priority. */
    private boolean sameResult(Path p) {
        return Objects.equals(attributes, p.attributes) && Objects.equals(nextHop, p.nextHop)
                && (meta >>> 8) == (p.meta >>> 8);
    }

    void endOfRib(RibPeer peer, Family f) {
        tell(o -> o.endOfRib(peer.name, f));
    }

    void sessionEnded(RibPeer peer) {
        tell(o -> o.sessionEnded(peer.name));
    }
}
