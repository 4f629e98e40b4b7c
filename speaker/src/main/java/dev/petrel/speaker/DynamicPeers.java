package dev.petrel.speaker;

import dev.petrel.config.ListenRange;
import dev.petrel.config.PeerConfig;
import dev.petrel.config.PetrelConfig;
import dev.petrel.fsm.Negotiated;
import dev.petrel.fsm.SessionState;
import dev.petrel.fsm.session.PeerSession;
import dev.petrel.fsm.session.RouteRetention;
import dev.petrel.fsm.transport.Acceptance;
import dev.petrel.fsm.transport.BgpTransport;
import dev.petrel.fsm.transport.Md5Prefix;
import dev.petrel.fsm.transport.TransportSettings;
import dev.petrel.rib.Rib;
import dev.petrel.rib.RibPeer;
import dev.petrel.rr.DynamicNeighbors;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Notification;
import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Ipv6Prefix;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speaker's dynamic peers: a connection from an address in a listen range (and no configured peer's) makes
 * a passive peer from the range's prototype, registered with the RIB and given the connection; when its session
 * ends (Idle, or back to Active with no connection: a refused OPEN, a NOTIFICATION, a hold timer, a closed
 * socket) it is removed, its routes withdrawn from the others, its session closed and forgotten. A later
 * connection from the same address makes a fresh peer.
 *
 * <p>Thread-safe: {@link #accept} runs on the event loop that accepted the connection; a peer's end runs on its
 * session's loop. {@link DynamicNeighbors} holds the one lock.
 */
final class DynamicPeers {
    private static final Logger LOG = LoggerFactory.getLogger(DynamicPeers.class);

    /** Replaced by {@link #reload}; read when a peer is made. */
    private volatile PetrelConfig config;
    private final BgpTransport transport;
    private final Rib rib;
    private final RibBridge bridge;
    private final DynamicNeighbors<Peer> neighbors;
    private volatile boolean closed;
    /**
     * Dynamic peers whose session ended while they restart (RFC 4724 §4.2): their RIB handle, holding their routes
     * stale, by address, until they connect again (the new peer takes it over) or their restart time is up.
     */
    private final Map<InetAddress, Parked> parked = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A restarting dynamic peer's RIB handle, the name (range/address) and range it had, when its routes' restart
     * time is up ({@code nanoTime}), and the timer that drops the handle then. Compared by identity: an address
     * parked again after a takeover is another parking, with its own timer.
     */
    private static final class Parked {
        final RibPeer rib;
        final String name;
        final String range;
        final long deadline;
        volatile java.util.concurrent.ScheduledFuture<?> expiry;

        Parked(RibPeer rib, String name, String range, long deadline) {
            this.rib = rib;
            this.name = name;
            this.range = range;
            this.deadline = deadline;
        }

        void cancel() {
            java.util.concurrent.ScheduledFuture<?> f = expiry;
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    /** The speaker's graceful restart is not over (the R bit in new peers' OPENs). */
    private final java.util.function.BooleanSupplier restarting;

    DynamicPeers(PetrelConfig config, BgpTransport transport, Rib rib, RibBridge bridge,
            java.util.function.BooleanSupplier restarting) {
        this.restarting = restarting;
        this.config = config;
        this.transport = transport;
        this.rib = rib;
        this.bridge = bridge;
        this.neighbors = new DynamicNeighbors<>(config.listenRanges());
    }

    /**
     * The transport settings of each range's prototype, without its MD5 key, for the listeners' TTL floors (a
     * range whose peers do not use GTSM means no floor for its family); the key goes in as a prefix key
     * ({@link #md5PrefixKeys}).
     */
    List<TransportSettings> prototypes() {
        List<TransportSettings> out = new ArrayList<>();
        for (ListenRange r : config.listenRanges()) {
            out.add(PeerMapping.transport(config, r.peer()).withMd5Key(null));
        }
        return out;
    }

    /** The MD5 key of each range that has a password, for the whole prefix. */
    Map<Md5Prefix, byte[]> md5PrefixKeys() {
        Map<Md5Prefix, byte[]> out = new HashMap<>();
        for (ListenRange r : config.listenRanges()) {
            r.peer().password().ifPresent(p -> out.put(new Md5Prefix(network(r), r.prefix().length()),
                    p.value().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static InetAddress network(ListenRange r) {
        byte[] b;
        if (r.prefix() instanceof Ipv4Prefix p) {
            b = java.nio.ByteBuffer.allocate(4).putInt(p.address()).array();
        } else {
            Ipv6Prefix p = (Ipv6Prefix) r.prefix();
            b = java.nio.ByteBuffer.allocate(16).putLong(p.high()).putLong(p.low()).array();
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 or 16 octets are always an address
        }
    }

    /**
     * What to do with a connection from {@code remote}, which is no configured peer's: hand it to the dynamic
     * peer of its address (new or existing), or refuse it (outside every range: counted by the transport and
     * logged at DEBUG, like any stranger; the range full: logged at INFO and counted per range).
     */
    Acceptance accept(InetAddress remote) {
        if (closed || neighbors.isEmpty()) {
            return Acceptance.reject();
        }
        return switch (neighbors.admit(remote, this::create)) {
            case DynamicNeighbors.Admission.Accepted<Peer> a -> {
                Peer p = a.entry().peer();
                if (a.fresh()) {
                    LOG.info("dynamic peer {}: connection accepted by listen range {} ({})", p.config.name(),
                            a.entry().range().name(), a.entry().range().prefix());
                }
                yield Acceptance.accept(p.transport, p.incoming());
            }
            case DynamicNeighbors.Admission.Outside<Peer> o -> Acceptance.reject();
            case DynamicNeighbors.Admission.Full<Peer> f -> Acceptance.refuse("listen range " + f.range().name()
                    + " (" + f.range().prefix() + ") already has its max-peers " + f.range().maxPeers());
        };
    }

    /**
     * Under {@link DynamicNeighbors}'s lock: must not block. The session is started here, so that its start is
     * queued on its loop before any connection another thread hands it once the lock is released (an Idle
     * session would refuse that connection).
     */
    private Peer create(PeerConfig pc) {
        Peer p = new Peer(pc);
        p.session.start();
        p.watchForAConnection();
        return p;
    }

    /** The live dynamic peers as the reload planner sees them. */
    List<ReloadPlanner.DynamicPeer> planView() {
        List<ReloadPlanner.DynamicPeer> out = new ArrayList<>();
        for (DynamicNeighbors.Entry<Peer> e : neighbors.peers()) {
            out.add(new ReloadPlanner.DynamicPeer(e.range().name(), e.config()));
        }
        return out;
    }

    /**
     * Applies a reload's listen-range changes: the ranges are replaced (new peers come from the new prototypes),
     * and each live peer of a changed range gets what {@link ReloadPlanner#dynamicPeer} says, decided under the
     * ranges' lock against the peers live now: removed (range gone or its address now outside it: Cease/3) or reset
     * (Cease/6: the client reconnects and is made again from the new prototype) end the peer and withdraw its
     * routes; updated ones keep their session, with policies re-applied and timers for the next session.
     *
     * @return the closing sessions, complete once each has queued its NOTIFICATION
     */
    List<Future<?>> reload(PetrelConfig next, List<ReloadPlan.PeerChange> rangeChanges) {
        Map<String, ReloadPlan.PeerChange> byRange = new HashMap<>();
        rangeChanges.forEach(c -> byRange.put(c.name(), c));
        Map<Peer, ReloadPlan.PeerChange> changes = new java.util.IdentityHashMap<>();
        List<DynamicNeighbors.Entry<Peer>> dropped = neighbors.reconfigure(next.listenRanges(), (e, r) -> {
            ReloadPlan.PeerChange rc = byRange.get(r.name());
            if (rc == null) {
                return false;
            }
            java.util.Optional<ReloadPlan.PeerChange> c = ReloadPlanner.dynamicPeer(rc, r, e.config());
            c.ifPresent(x -> changes.put(e.peer(), x));
            return c.isPresent() && c.get().action() != ReloadPlan.Action.UPDATED;
        });
        config = next;
        List<Future<?>> closing = new ArrayList<>();
        for (DynamicNeighbors.Entry<Peer> e : dropped) {
            ReloadPlan.PeerChange c = changes.get(e.peer());
            boolean reset = c != null && c.action() == ReloadPlan.Action.RESET;
            Notification bye = new Notification(Notification.CEASE,
                    reset ? Notification.CEASE_OTHER_CONFIG_CHANGE : Notification.CEASE_PEER_DECONFIGURED);
            String why = reset ? "reload reset it: " + String.join(", ", c.changed())
                    : "reload removed it" + (c != null && !c.changed().isEmpty() ? " (its address is outside"
                    + " the range's new prefix)" : " (its listen range was removed)");
            closing.add(e.peer().end(why, bye, false));
        }
        // A restarting peer of a changed range comes back, if at all, as the range now says, and an address that is
        // now a configured peer's is that peer's: their stale routes go.
        java.util.Set<InetAddress> configured = new java.util.HashSet<>();
        next.peers().forEach(pc -> configured.add(pc.address()));
        parked.forEach((address, p) -> {
            if (p.range == null || byRange.containsKey(p.range) || configured.contains(address)) {
                unpark(address, p);
            }
        });
        changes.forEach((peer, c) -> {
            if (c.action() == ReloadPlan.Action.UPDATED) {
                DynamicNeighbors.Entry<Peer> now = neighbors.get(peer.config.address());
                if (now != null && now.peer() == peer) {
                    peer.update(next, now.config(), c);
                }
            }
        });
        return closing;
    }

    /** A snapshot of every dynamic peer, oldest first. */
    List<PeerStatus> status() {
        List<PeerStatus> out = new ArrayList<>();
        for (DynamicNeighbors.Entry<Peer> e : neighbors.peers()) {
            out.add(StatusMapping.status(e.config(), e.peer().session).inRange(e.range().name()));
        }
        return out;
    }

    /** A dynamic peer's session by name ({@code RANGE/ADDRESS}), or null. */
    PeerSession session(String name) {
        for (DynamicNeighbors.Entry<Peer> e : neighbors.peers()) {
            if (e.config().name().equals(name)) {
                return e.peer().session;
            }
        }
        return null;
    }

    /** Connections refused because {@code range} was full. */
    long refusedFull(String range) {
        return neighbors.refusedFull(range);
    }

    /** Connections from addresses in no range and no configured peer's. */
    long refusedOutside() {
        return neighbors.refusedOutside();
    }

    /** Stops accepting and closes every dynamic session with {@code bye}; the futures complete when each has. */
    /** @param graceful end sessions so that peers keep our routes ({@link PeerSession#closeForRestart}) */
    List<Future<?>> close(Notification bye, boolean graceful) {
        closed = true;
        parked.values().forEach(Parked::cancel); // the RIB closes with the speaker
        parked.clear();
        List<Future<?>> out = new ArrayList<>();
        for (DynamicNeighbors.Entry<Peer> e : neighbors.peers()) {
            PeerSession s = e.peer().session;
            out.add(graceful ? s.closeForRestart(bye) : s.close(bye));
        }
        return out;
    }

    /** The speaker's graceful restart is over: the next OPENs clear the R bit. */
    void restartOver() {
        PetrelConfig c = config;
        for (DynamicNeighbors.Entry<Peer> e : neighbors.peers()) {
            e.peer().session.reconfigure(PeerMapping.session(c, e.peer().config, false));
        }
    }

    /**
     * The handle parked for {@code pc}'s address when it restarted, taken over by the new peer if it has the same
     * name (so the same range), reconfigured from the range's template as it is now; or null (one of another name
     * is dropped).
     */
    private Parked takeParked(PeerConfig pc) {
        Parked p = parked.remove(pc.address());
        if (p == null) {
            return null;
        }
        p.cancel();
        if (!p.name.equals(pc.name())) {
            rib.removePeer(p.rib);
            return null;
        }
        rib.reconfigure(p.rib, RibMapping.peer(config, pc));
        return p;
    }

    /**
     * Parks {@code p} for its address. The RIB drops the stale routes when the restart time is up; the handle goes
     * a little after, unless a new session took it over.
     */
    private void park(InetAddress address, Parked p) {
        Parked before = parked.put(address, p);
        if (before != null) {
            before.cancel();
            if (before.rib != p.rib) {
                rib.removePeer(before.rib);
            }
        }
        long delay = Math.max(0, p.deadline - System.nanoTime()) + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        p.expiry = transport.eventLoop().schedule(() -> unpark(address, p), delay,
                java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Drops {@code p} and its routes, if it is still parked. */
    private void unpark(InetAddress address, Parked p) {
        if (parked.remove(address, p)) {
            p.cancel();
            rib.removePeer(p.rib);
        }
    }

    /** The name of the range {@code address} is in now, or null. */
    private String rangeOf(InetAddress address) {
        DynamicNeighbors.Entry<Peer> e = neighbors.get(address);
        return e == null ? null : e.range().name();
    }

    /**
     * One dynamic peer: its session, RIB handle and transport settings, and the listener of its session, which
     * passes everything to the RIB bridge and watches for the end.
     */
    private final class Peer implements dev.petrel.fsm.session.SessionListener {
        private volatile PeerConfig config;
        private final TransportSettings transport;
        private final PeerSession session;
        private final RibPeer rib;
        private final AtomicBoolean ended = new AtomicBoolean();
        /** What the end of its Established session kept of its routes (RFC 4724 §4.2), or null. */
        private volatile RouteRetention retained;
        /** The parked handle it took over (its address restarted), or null. */
        private final Parked inherited;
        private volatile boolean everEstablished;

        Peer(PeerConfig config) {
            this.config = config;
            this.transport = PeerMapping.transport(DynamicPeers.this.config, config);
            this.inherited = takeParked(config);
            this.rib = inherited != null ? inherited.rib
                    : DynamicPeers.this.rib.addPeer(RibMapping.peer(DynamicPeers.this.config, config));
            BgpTransport t = DynamicPeers.this.transport;
            TransportSettings ts = transport;
            this.session = new PeerSession(PeerMapping.session(DynamicPeers.this.config, config,
                    restarting.getAsBoolean()), t.eventLoop(),
                    init -> t.connect(ts, init), this);
            bridge.register(session, rib);
            bridge.watcher().peerAdded(session, true);
        }

        /**
         * The session's handler for an accepted connection, and a watch on the connection: if it closes while the
         * session holds no other (it never got past Active, e.g. the peer hung up before its OPEN), the peer ends
         * too, for no state change may come to say so.
         */
        io.netty.channel.ChannelHandler incoming() {
            return new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(session.incoming());
                    ch.closeFuture().addListener(f -> session.eventLoop().execute(() -> {
                        SessionState s = session.state();
                        if (s == SessionState.IDLE || s == SessionState.ACTIVE) {
                            end("connection closed in " + s);
                        }
                    }));
                }
            };
        }

        /**
         * A peer whose connection the transport refused after the range accepted it (a socket option failing)
         * would wait in Active for ever and hold a place in its range: end it if no connection has reached its
         * session (it is still in Active) by DelayOpenTime plus half a minute.
         */
        void watchForAConnection() {
            long seconds = config.delayOpen().toSeconds() + 30;
            session.eventLoop().schedule(() -> {
                if (session.state() == SessionState.ACTIVE) {
                    end("no connection reached the session in " + seconds + "s");
                }
            }, seconds, java.util.concurrent.TimeUnit.SECONDS);
        }

        /** A reload's change to the running session: policies re-applied, timers for its next connection. */
        void update(PetrelConfig next, PeerConfig pc, ReloadPlan.PeerChange change) {
            config = pc;
            if (change.softIn() || change.softOut()) {
                DynamicPeers.this.rib.reconfigure(rib, RibMapping.peer(next, pc));
            }
            if (change.timers()) {
                session.reconfigure(PeerMapping.session(next, pc, restarting.getAsBoolean()));
            }
        }

        /** On the session's loop. */
        private void end(String reason) {
            end(reason, Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN, "dynamic peer removed"), true);
        }

        /**
         * Ends the peer with {@code bye} (once: a second end does nothing and completes at once); any thread.
         *
         * @param mayPark the end of a restarting peer may keep its handle for its next connection (not when a reload
         *     removes or resets it)
         * @return completes when the session has queued {@code bye}
         */
        private Future<?> end(String reason, Notification bye, boolean mayPark) {
            if (!ended.compareAndSet(false, true)) {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
            InetAddress address = config.address();
            Parked parking = mayPark && !DynamicPeers.this.closed ? parking() : null;
            boolean park = parking != null;
            if (park) {
                park(address, parking); // before the address is free: its next connection must find the handle
            }
            neighbors.remove(address, this);
            bridge.unregister(session);
            Future<?> closed = session.close(bye);
            if (!park) {
                DynamicPeers.this.rib.removePeer(rib);
            }
            bridge.watcher().peerRemoved(session);
            // Logged after what is queued on the loop now: the session records the NOTIFICATION that ended it
            // (with its reason) just after the state change that brought us here.
            session.eventLoop().execute(() -> {
                PeerSession.LastError last = session.lastError();
                String why = reason != null && !reason.isEmpty() ? reason
                        : last != null ? last.direction() + ": " + last.text() : "no reason given";
                LOG.info(park ? "dynamic peer {}: session ended ({}); removed, its routes kept stale while it restarts"
                        : "dynamic peer {}: session ended ({}); removed, its routes withdrawn", config.name(), why);
            });
            return closed;
        }

        /**
         * The parking for this peer's handle as it ends, or null: its Established session ended keeping routes; or
         * it took over a restarting peer's handle and ended before Established, so the stale routes keep the time
         * they had.
         */
        private Parked parking() {
            RouteRetention keep = retained;
            if (keep != null && keep.keepsAny()) {
                return new Parked(rib, config.name(), rangeOf(config.address()),
                        System.nanoTime() + keep.restartTime().toNanos());
            }
            if (inherited != null && !everEstablished) {
                return new Parked(rib, config.name(), inherited.range, inherited.deadline);
            }
            return null;
        }

        @Override
        public void stateChanged(PeerSession s, SessionState from, SessionState to, String reason) {
            bridge.stateChanged(s, from, to, reason);
            // A passive session goes Idle -> Active when started; any later Idle, or a fall back to Active (no
            // connection, waiting for one), is the end of the session this peer was made for.
            if (to == SessionState.IDLE || (to == SessionState.ACTIVE && from != SessionState.IDLE)) {
                // After the transition's actions: the end of an Established session says (down) what it keeps
                s.eventLoop().execute(() -> {
                    SessionState now = s.state();
                    if (now == SessionState.IDLE || now == SessionState.ACTIVE) {
                        end(reason);
                    }
                });
            }
        }

        @Override
        public void established(PeerSession s, Negotiated n) {
            retained = null;
            everEstablished = true;
            bridge.established(s, n);
        }

        @Override
        public void down(PeerSession s, String reason, RouteRetention keep) {
            retained = keep;
            bridge.down(s, reason, keep);
        }

        @Override
        public boolean message(PeerSession s, DecodeResult r) {
            return bridge.message(s, r);
        }

        @Override
        public void writabilityChanged(PeerSession s, boolean writable) {
            bridge.writabilityChanged(s, writable);
        }
    }
}
