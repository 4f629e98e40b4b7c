package dev.petrel.speaker.events;

import dev.petrel.rib.Rib;
import dev.petrel.speaker.PeerWatcher;
import java.util.concurrent.Flow;

/**
 * A speaker's event streams, each a {@link Flow.Publisher} of {@link StreamItem}s: a snapshot, then every change
 * with consecutive sequence numbers (see {@link StreamItem}). Subscribe any number of times; each subscription has
 * its own bounded buffer ({@link StreamOptions}) and is delivered on a virtual thread of its own, so a slow or
 * blocking subscriber never blocks the RIB, the FIB or a session, nor another subscriber.
 *
 * <p>Applications get this from {@code Petrel.events()}; {@link #peerWatcher()} and {@link #bind} are how the
 * speaker feeds it.
 */
public final class Events {
    /** For the speaker ({@code Petrel}), which feeds it; applications get it from {@code Petrel.events()}. */
    public Events() {}

    private final PeerStreams peers = new PeerStreams();
    private volatile RibStreams rib;
    private volatile FibStreams fib;

    /** For the speaker: its session listener, which also hears of peers added and removed. */
    public PeerWatcher peerWatcher() {
        return peers;
    }

    /** For the speaker, once started: where the RIB and (when enabled) the kernel FIB streams come from. */
    public void bind(Rib rib, dev.petrel.fib.Fib fib) {
        this.rib = new RibStreams(rib);
        this.fib = new FibStreams(fib);
    }

    /**
     * Peers: in the snapshot each peer's current session state; then peers added, session state changes (with
     * the reason: a NOTIFICATION, a timer, a connection failure) and peers removed. Available before start.
     */
    public Flow.Publisher<StreamItem<PeerEvent>> peers(StreamOptions options) {
        return new StreamPublisher<>(peers.source(), options, "peers");
    }

    /** Best paths (Loc-RIB): every prefix's best path, then each change of it, withdrawals as a null path. */
    public Flow.Publisher<StreamItem<BestPathEvent>> bestPaths(StreamOptions options) {
        RibStreams r = rib();
        return new StreamPublisher<>(r.source(r.best, RibStreams::bestSnapshot), options, "best-paths");
    }

    /**
     * Adj-RIB-In of every peer: each path as received (pre-policy) with the import policy's result (post-policy),
     * then each change: a new or replaced path, a policy change's new verdict, a withdrawal (null path; every path
     * of a peer whose session ends).
     */
    public Flow.Publisher<StreamItem<AdjRibInEvent>> adjRibIn(StreamOptions options) {
        RibStreams r = rib();
        return new StreamPublisher<>(r.source(r.adjRibIn, RibStreams::adjRibInSnapshot), options, "adj-rib-in");
    }

    /** End-of-RIB: the families each peer's current session has completed, then each new End-of-RIB. */
    public Flow.Publisher<StreamItem<EndOfRibEvent>> endOfRib(StreamOptions options) {
        RibStreams r = rib();
        return new StreamPublisher<>(r.source(r.endOfRib, RibStreams::endOfRibSnapshot), options, "end-of-rib");
    }

    /**
     * The kernel FIB's results: every route Petrel holds in the kernel with its state, then what the kernel did
     * with each write (installed, removed, failed with the error). With the kernel FIB off: an empty snapshot and
     * no changes.
     */
    public Flow.Publisher<StreamItem<FibEvent>> fib(StreamOptions options) {
        FibStreams f = fib;
        if (f == null) {
            throw notStarted();
        }
        return new StreamPublisher<>(f.source(), options, "fib");
    }

    private RibStreams rib() {
        RibStreams r = rib;
        if (r == null) {
            throw notStarted();
        }
        return r;
    }

    private static IllegalStateException notStarted() {
        return new IllegalStateException("the speaker is not started: the RIB and FIB streams exist once it runs");
    }

    /**
     * The speaker has stopped: the peer stream's subscribers get onComplete after what they have buffered, and so
     * do the route streams' if {@link #stopping} could not reach them while the threads ran.
     */
    public void stopped() {
        peers.complete();
        RibStreams r = rib;
        if (r != null) {
            r.completeNow();
        }
        FibStreams f = fib;
        if (f != null) {
            f.completeNow();
        }
    }

    /**
     * The speaker is about to stop (call it while the RIB and FIB still run): the route streams' subscribers get
     * onComplete after what they have buffered.
     */
    public void stopping() {
        RibStreams r = rib;
        if (r != null) {
            try {
                r.complete().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // The RIB is closed or stuck: its subscribers' streams end with it.
            }
        }
        FibStreams f = fib;
        if (f != null) {
            f.complete();
        }
    }
}
