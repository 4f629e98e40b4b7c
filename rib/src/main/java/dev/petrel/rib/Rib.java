package dev.petrel.rib;

import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RIB: one thread owns every table; everyone else talks to it through this class's methods, which queue a
 * {@link RibCommand} and return at once. Safe to call from any thread.
 *
 * <p><b>Backpressure.</b> {@link #routes} returns false once the queue holds more than {@code queueHigh} commands:
 * the session then stops reading from its socket, and the RIB calls {@link RouteSink#resumeReading} on every
 * paused peer when the queue is back below {@code queueLow}. So a peer that sends faster than the RIB decides
 * is slowed by TCP, not buffered in memory. A consumer of {@link RibObserver} events that falls behind can ask for
 * the same ({@link #holdReading}): while any hold is on, sessions are paused as if the queue were full. Outbound,
 * the RIB stops encoding for an update group while any of its peers' channels is not writable, and picks up on
 * {@link #writable}.
 *
 * <p><b>Batches.</b> The thread takes up to {@value #BATCH} commands, then gives the update groups a bounded slice
 * of encoding, and repeats: while announcements arrive faster than they can be sent, the groups' pending sets
 * absorb repeated changes to one prefix (latest wins). While UPDATEs are still queued a group sends only full
 * slices (4,096 prefixes), so a table streaming in goes out in a few large writes per member rather than one small
 * write per batch; once none waits (other commands do not count), everything pending goes out.
 */
public final class Rib implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Rib.class);
    static final int BATCH = 1024;

    final RibSettings settings;
    private final LinkedBlockingQueue<RibCommand> queue = new LinkedBlockingQueue<>();
    /** UPDATEs queued and not yet run: while there are, the groups send only full slices. */
    private final java.util.concurrent.atomic.AtomicInteger updatesQueued = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicInteger nextPeerId = new AtomicInteger(1);
    private final Thread thread;
    private volatile boolean closed;
    /** Who holds reading paused ({@link #holdReading}), by identity; guarded by itself. */
    private final java.util.Set<Object> readingHolders =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Some holder holds reading: read by {@link #routes} and the RIB thread without the lock. */
    private volatile boolean readingHeld;
    /** Told the nanoseconds of each decision run (see {@link #onDecisionRun}); set from any thread. */
    private volatile java.util.function.LongConsumer decisionRuns = n -> {};
    final RibState state;

    public Rib(RibSettings settings) {
        this.settings = settings;
        this.state = new RibState(settings);
        this.thread = new Thread(this::loop, "petrel-rib");
        thread.setDaemon(true);
    }

    public Rib start() {
        thread.start();
        return this;
    }

    public RibSettings settings() {
        return settings;
    }

    // ---- The API (any thread) ---------------------------------------------------------------------------------

    /**
     * Reports the duration of every decision run, in nanoseconds, to {@code nanos} (on the RIB thread, so it must
     * be quick and must not call back into the RIB). A run is one batch of commands that changes something
     * (routes, peers, policies; a batch of queries alone is not timed) with the decision process, export policy
     * and the encoding of the UPDATEs it leads to: what a burst of routes waits for before it reaches the peers.
     * The RIB keeps no metrics library of its own; the speaker turns these into a histogram. Replaces any
     * earlier consumer.
     */
    public void onDecisionRun(java.util.function.LongConsumer nanos) {
        decisionRuns = java.util.Objects.requireNonNull(nanos);
    }

    /** Registers a peer; its routes flow once {@link #peerUp} is called. */
    public RibPeer addPeer(PeerRibConfig config) {
        RibPeer p = new RibPeer(nextPeerId.getAndIncrement(), config);
        submit(new RibCommand.AddPeer(p));
        return p;
    }

    /** Forgets a peer (its routes are withdrawn first if it is up). */
    public void removePeer(RibPeer peer) {
        submit(new RibCommand.RemovePeer(peer));
    }

    /** Changes a peer's policies or options; import policy is re-applied from Adj-RIB-In and export re-run. */
    public void reconfigure(RibPeer peer, PeerRibConfig config) {
        submit(new RibCommand.Reconfigure(peer, config));
    }

    public void peerUp(RibPeer peer, SessionInfo session, RouteSink sink) {
        submit(new RibCommand.PeerUp(peer, session, sink));
    }

    public void peerDown(RibPeer peer, String reason) {
        peerDown(peer, reason, StaleRetention.NONE);
    }

    /** The session ended; the routes of {@code keep}'s families stay, stale, while the peer restarts. */
    public void peerDown(RibPeer peer, String reason, StaleRetention keep) {
        submit(new RibCommand.PeerDown(peer, reason, keep));
    }

    /**
     * An UPDATE received from {@code peer}, with the RFC 7606 action its decoding asked for (NONE, ATTRIBUTE_DISCARD
     * or TREAT_AS_WITHDRAW). Returns false when the RIB is behind: the caller should stop reading from the peer
     * until {@link RouteSink#resumeReading} is called.
     */
    public boolean routes(RibPeer peer, Update update, ErrorAction action) {
        // Paused before the command is queued: the RIB looks at its paused peers after every batch, so the batch
        // that runs this UPDATE sees the mark and resumes the peer if the hold or the queue went away meanwhile.
        boolean pause = readingHeld || queue.size() >= settings.queueHigh();
        if (pause) {
            peer.paused = true;
        }
        updatesQueued.incrementAndGet();
        submit(new RibCommand.Routes(peer, update, action));
        return !pause;
    }

    /**
     * Asks every session to stop reading until {@code holder} releases ({@link #releaseReading}): {@link #routes}
     * returns false while any holder holds, and paused peers are not resumed. For a consumer of
     * {@link RibObserver} events that has fallen behind: TCP then slows the peers rather than the consumer's
     * buffer growing. Holders are told apart by identity; holding twice is holding once. Any thread; the RIB
     * thread never waits for a holder.
     */
    public void holdReading(Object holder) {
        synchronized (readingHolders) {
            readingHolders.add(java.util.Objects.requireNonNull(holder));
            readingHeld = true;
        }
    }

    /**
     * Ends {@code holder}'s hold (nothing if it holds none). When the last hold ends, the RIB resumes the paused
     * peers at once (if its queue is below {@code queueLow}), not at the next UPDATE.
     */
    public void releaseReading(Object holder) {
        boolean last;
        synchronized (readingHolders) {
            last = readingHolders.remove(holder) && readingHolders.isEmpty();
            if (last) {
                readingHeld = false;
            }
        }
        if (last) {
            submit(new RibCommand.Wake());
        }
    }

    /**
     * Attaches {@code observer}: on the RIB thread it is handed a snapshot ({@link RibObserver#attached}) and then
     * told every change after it. Attaching one that is attached already does nothing.
     */
    public void observe(RibObserver observer) {
        submit(new RibCommand.Observe(java.util.Objects.requireNonNull(observer)));
    }

    /** Detaches {@code observer}: once this command has run, it is told nothing more. */
    public void unobserve(RibObserver observer) {
        submit(new RibCommand.Unobserve(observer));
    }

    /**
     * Holds back every UPDATE and End-of-RIB to every peer until {@link #releaseOutput}: a graceful restart's
     * selection deferral (RFC 4724 §4.1). Routes are still received, decided and installed in the kernel meanwhile.
     * Commands run in order: called before any peer is up, not even a first End-of-RIB leaves.
     */
    public void deferOutput() {
        submit(new RibCommand.DeferOutput(true));
    }

    /** Ends {@link #deferOutput}: the update groups send the tables as they are now, then End-of-RIB. */
    public void releaseOutput() {
        submit(new RibCommand.DeferOutput(false));
    }

    public void endOfRib(RibPeer peer, Family family) {
        submit(new RibCommand.EndOfRib(peer, family));
    }

    public void routeRefresh(RibPeer peer, dev.petrel.wire.RouteRefresh request) {
        submit(new RibCommand.Refresh(peer, request));
    }

    /** The peer's channel became writable again. */
    public void writable(RibPeer peer) {
        submit(new RibCommand.Writable(peer));
    }

    /** Originates {@code prefix} locally (config static routes, the embedding API). Replaces an earlier one. */
    public void originate(Prefix prefix, PathAttributes attributes, NextHop nextHop) {
        submit(new RibCommand.Originate(prefix, attributes, nextHop));
    }

    public void withdrawLocal(Prefix prefix) {
        submit(new RibCommand.WithdrawLocal(prefix));
    }

    /**
     * A kernel route the learn policy picked (issue "Kernel FIB"): a candidate from the kernel source, with the
     * interface policy can match on and its kernel priority (-1 for none). Replaces an earlier one.
     */
    public void learn(Prefix prefix, PathAttributes attributes, NextHop nextHop, String interfaceName, int priority) {
        submit(new RibCommand.Learn(prefix, attributes, nextHop, interfaceName, priority));
    }

    public void unlearn(Prefix prefix) {
        submit(new RibCommand.Unlearn(prefix));
    }

    /**
     * Starts feeding the kernel FIB: {@code listener} gets every current best path that {@code export} accepts,
     * then every change, on the RIB thread.
     */
    public void attachFib(FibListener listener, dev.petrel.rib.policy.Policy export) {
        submit(new RibCommand.AttachFib(listener, export));
    }

    /** Replaces the kernel export policy; every best path is re-evaluated. */
    public void kernelExport(dev.petrel.rib.policy.Policy export) {
        submit(new RibCommand.KernelExport(export));
    }

    /** Runs {@code question} on the RIB thread, where it may read every table, and returns its answer. */
    public <T> CompletableFuture<T> query(Function<RibView, T> question) {
        CompletableFuture<T> f = new CompletableFuture<>();
        submit(new RibCommand.Query<>(question, f));
        return f;
    }

    /** Commands waiting: for metrics and tests. */
    public int queueDepth() {
        return queue.size();
    }

    private void submit(RibCommand c) {
        if (closed) {
            if (c instanceof RibCommand.Query<?> q) {
                q.answer().completeExceptionally(new IllegalStateException("the RIB is closed"));
            }
            return;
        }
        queue.add(c);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (RibCommand c; (c = queue.poll()) != null; ) {
            if (c instanceof RibCommand.Query<?> q) {
                q.answer().completeExceptionally(new IllegalStateException("the RIB is closed"));
            }
        }
    }

    // ---- The RIB thread ---------------------------------------------------------------------------------------

    private void loop() {
        List<RibCommand> batch = new ArrayList<>(BATCH);
        while (!closed) {
            try {
                if (queue.isEmpty() && !state.hasOutput()) {
                    RibCommand c = queue.poll(1, TimeUnit.SECONDS);
                    if (c == null) {
                        state.flush(true); // a group held back by a slow member may split it out by now
                        state.expireStale(System.nanoTime());
                        continue;
                    }
                    batch.add(c);
                }
                queue.drainTo(batch, BATCH - batch.size());
                long start = System.nanoTime();
                boolean changes = false;
                for (RibCommand c : batch) {
                    changes |= !(c instanceof RibCommand.Query<?> || c instanceof RibCommand.Wake);
                    run(c);
                }
                batch.clear();
                if (state.holdsStale()) {
                    state.expireStale(System.nanoTime());
                }
                if (!readingHeld && queue.size() <= settings.queueLow()) {
                    state.resumePaused();
                }
                // Idle once no UPDATE waits: a query or a writability event does not hold output back.
                state.flush(updatesQueued.get() == 0);
                if (changes) {
                    decisionRuns.accept(System.nanoTime() - start);
                }
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (RuntimeException | Error e) {
                // A bug of ours: say so loudly, keep the tables' owner alive for everyone else.
                LOG.error("RIB: failed while processing a command", e);
                batch.clear();
                // Commands of the batch may not have run: count the UPDATEs still waiting again.
                updatesQueued.set((int) queue.stream().filter(c -> c instanceof RibCommand.Routes).count());
            }
        }
    }

    private void run(RibCommand c) {
        try {
            switch (c) {
                case RibCommand.AddPeer a -> state.addPeer(a.peer());
                case RibCommand.RemovePeer r -> state.removePeer(r.peer());
                case RibCommand.Reconfigure r -> state.reconfigure(r.peer(), r.config());
                case RibCommand.PeerUp u -> state.peerUp(u.peer(), u.session(), u.sink());
                case RibCommand.PeerDown d -> state.peerDown(d.peer(), d.reason(), d.keep());
                case RibCommand.Routes r -> {
                    updatesQueued.decrementAndGet();
                    state.routes(r.peer(), r.update(), r.action());
                }
                case RibCommand.EndOfRib e -> state.endOfRib(e.peer(), e.family());
                case RibCommand.Refresh r -> state.refresh(r.peer(), r.request());
                case RibCommand.Writable w -> state.writable(w.peer());
                case RibCommand.Originate o -> state.originate(o.prefix(), o.attributes(), o.nextHop());
                case RibCommand.WithdrawLocal w -> state.withdrawLocal(w.prefix());
                case RibCommand.Learn l -> state.learn(l.prefix(), l.attributes(), l.nextHop(), l.interfaceName(),
                        l.priority());
                case RibCommand.Unlearn u -> state.unlearn(u.prefix());
                case RibCommand.AttachFib a -> state.attachFib(a.listener(), a.export());
                case RibCommand.KernelExport k -> state.kernelExport(k.export());
                case RibCommand.Observe o -> state.observers.add(o.observer(), state.view());
                case RibCommand.Unobserve u -> state.observers.remove(u.observer());
                case RibCommand.DeferOutput d -> state.outputDeferred = d.deferred();
                case RibCommand.Wake w -> {}
                case RibCommand.Query<?> q -> answer(q);
            }
        } catch (RuntimeException e) {
            LOG.error("RIB: {} failed", c.getClass().getSimpleName(), e);
            if (c instanceof RibCommand.Query<?> q) {
                q.answer().completeExceptionally(e);
            }
        }
    }

    private <T> void answer(RibCommand.Query<T> q) {
        try {
            q.answer().complete(q.question().apply(state.view()));
        } catch (RuntimeException e) {
            q.answer().completeExceptionally(e);
        }
    }
}
