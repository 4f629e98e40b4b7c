package dev.petrel.speaker;

import dev.petrel.config.ListenAddress;
import dev.petrel.config.PeerConfig;
import dev.petrel.config.PetrelConfig;
import dev.petrel.fsm.session.PeerSession;
import dev.petrel.fsm.session.SessionListener;
import dev.petrel.fsm.transport.AcceptPolicy;
import dev.petrel.fsm.transport.Acceptance;
import dev.petrel.fsm.transport.Addresses;
import dev.petrel.fsm.transport.BgpTransport;
import dev.petrel.fsm.transport.TransportConfig;
import dev.petrel.fsm.transport.TransportSettings;
import dev.petrel.rib.Rib;
import dev.petrel.rib.RibPeer;
import dev.petrel.wire.Notification;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running BGP speaker: the transport, its listeners, one session per configured peer, and the RIB the sessions
 * feed and are fed by ({@link RibBridge}). The kernel FIB comes with a later issue.
 *
 * <p>Thread-safe: each session lives on its own event loop; {@link #peers()} reads published snapshots.
 */
public final class Speaker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Speaker.class);

    /** Replaced by {@link #reload}; read by {@link #policy} and {@link #config()}. */
    private volatile PetrelConfig config;
    private final BgpTransport transport;
    // Read by the accept policy on the event loops while a reload changes them.
    private final Map<InetAddress, Peer> byAddress = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Peer> peers = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The bound listeners by configured address, so that a reload closes only those it removes. */
    private final Map<ListenAddress, io.netty.channel.Channel> listeners = new LinkedHashMap<>();
    private final Rib rib;
    private final RibBridge bridge;
    private final DynamicPeers dynamic;

    private static final class Peer {
        private volatile PeerConfig config;
        private final TransportSettings transport;
        private final PeerSession session;
        private final RibPeer rib;
        private volatile dev.petrel.rib.PeerRibConfig ribConfig;

        Peer(PeerConfig config, TransportSettings transport, PeerSession session, RibPeer rib,
                dev.petrel.rib.PeerRibConfig ribConfig) {
            this.config = config;
            this.transport = transport;
            this.session = session;
            this.rib = rib;
            this.ribConfig = ribConfig;
        }

        PeerConfig config() {
            return config;
        }

        void config(PeerConfig c) {
            config = c;
        }

        TransportSettings transport() {
            return transport;
        }

        PeerSession session() {
            return session;
        }

        RibPeer rib() {
            return rib;
        }

        dev.petrel.rib.PeerRibConfig ribConfig() {
            return ribConfig;
        }

        void ribConfig(dev.petrel.rib.PeerRibConfig c) {
            ribConfig = c;
        }
    }

    private dev.petrel.fib.Fib fib;

    /**
     * This start follows a graceful stop (RFC 4724 restarting speaker) and the selection deferral is not over:
     * OPENs set the R bit and the RIB holds back its output.
     */
    private volatile boolean restarting;
    private SelectionDeferral deferral;

    private Speaker(PetrelConfig config, TransportConfig transportConfig, io.netty.channel.EventLoopGroup loops,
            SessionListener listener, boolean restarting) {
        this.config = config;
        this.restarting = restarting;
        this.transport = new BgpTransport(transportConfig, loops);
        this.rib = new Rib(RibMapping.settings(config));
        if (restarting) {
            rib.deferOutput(); // the first command: no peer is up before it
        }
        this.bridge = new RibBridge(rib, listener, () -> this.config.gracefulRestart().staleRoutesTime());
        this.dynamic = new DynamicPeers(config, transport, rib, bridge, () -> this.restarting);
        try {
            for (PeerConfig pc : config.peers()) {
                addPeer(config, pc);
            }
            configureListeners();
            transport.setListenerMd5PrefixKeys(dynamic.md5PrefixKeys());
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        for (dev.petrel.config.StaticRoute r : config.staticRoutes()) {
            rib.originate(r.prefix(), RibMapping.attributes(r), RibMapping.nextHop(r));
        }
        rib.start();
    }

    /** Builds a configured peer's session and RIB peer and registers them; does not start the session. */
    private Peer addPeer(PetrelConfig c, PeerConfig pc) {
        TransportSettings ts = PeerMapping.transport(c, pc);
        PeerSession session = new PeerSession(PeerMapping.session(c, pc, restarting), transport.eventLoop(),
                init -> transport.connect(ts, init), bridge);
        dev.petrel.rib.PeerRibConfig rc = RibMapping.peer(c, pc);
        RibPeer rp = rib.addPeer(rc);
        rfc8212(pc);
        bridge.register(session, rp);
        Peer p = new Peer(pc, ts, session, rp, rc);
        peers.add(p);
        byAddress.put(Addresses.normalise(pc.address()), p);
        bridge.watcher().peerAdded(session, false);
        return p;
    }

    /** The listeners' MD5 keys and TTL floors from the configured peers and the listen ranges' prototypes. */
    private void configureListeners() {
        List<TransportSettings> listening = new ArrayList<>(peers.stream().map(Peer::transport).toList());
        listening.addAll(dynamic.prototypes());
        transport.configureListeners(listening);
    }

    /**
     * What {@link #reload} would do with {@code next}, computed only ({@link ReloadPlanner}); nothing is touched.
     */
    public ReloadPlan plan(PetrelConfig next) {
        return ReloadPlanner.plan(config, next, dynamic.planView());
    }

    /**
     * Applies a new, validated configuration: only what {@link #plan} lists is touched, so an identical one sends
     * no message to any peer. Removed peers get Cease/3 and their routes are withdrawn; reset ones Cease/6 and
     * start again from the new configuration; added ones start; updated ones keep their session (policies
     * re-applied through {@link Rib#reconfigure}, timers for the next connection); listeners are bound and
     * closed without touching the sessions they accepted; static routes are originated and withdrawn by
     * difference; listen ranges are replaced and their live dynamic peers updated, reset or removed
     * ({@link DynamicPeers#reload}), with the listeners' MD5 prefix keys recomputed. Serialised with
     * {@link #setPolicies}.
     *
     * @return the plan applied
     * @throws IllegalStateException if the plan has changes that need a restart; nothing is applied then
     */
    public synchronized ReloadPlan reload(PetrelConfig next) {
        return reload(next, plan(next));
    }

    /** {@link #reload} with the plan already computed by {@link #plan} under this speaker's lock, still held. */
    synchronized ReloadPlan reload(PetrelConfig next, ReloadPlan plan) {
        if (!plan.applicable()) {
            throw new IllegalStateException("reload refused, nothing changed: these need a restart: "
                    + String.join("; ", plan.restartNeeded()));
        }
        if (plan.isEmpty()) {
            config = next;
            LOG.info("reload: no changes");
            return plan;
        }
        // Listeners first: a bind that fails (address not ours) fails the reload before any peer is touched.
        bindListeners(plan.listenAdded());
        Map<String, PeerConfig> nextPeers = new LinkedHashMap<>();
        next.peers().forEach(pc -> nextPeers.put(pc.name(), pc));
        List<java.util.concurrent.Future<?>> closing = new ArrayList<>();
        boolean peersChanged = false;
        for (ReloadPlan.PeerChange change : plan.peers()) {
            switch (change.action()) {
                case REMOVED -> {
                    closing.add(removePeer(change.name(), new Notification(Notification.CEASE,
                            Notification.CEASE_PEER_DECONFIGURED)));
                    peersChanged = true;
                }
                case RESET -> {
                    closing.add(removePeer(change.name(), new Notification(Notification.CEASE,
                            Notification.CEASE_OTHER_CONFIG_CHANGE)));
                    peersChanged = true;
                }
                case ADDED -> peersChanged = true;
                case UPDATED -> update(next, peer(change.name()), nextPeers.get(change.name()), change);
            }
        }
        if (!plan.ranges().isEmpty()) {
            closing.addAll(dynamic.reload(next, plan.ranges()));
        }
        // The old sessions' NOTIFICATIONs leave before a reset peer's new session can connect.
        await(closing);
        config = next;
        List<Peer> starting = new ArrayList<>();
        for (ReloadPlan.PeerChange change : plan.peers()) {
            if (change.action() == ReloadPlan.Action.ADDED || change.action() == ReloadPlan.Action.RESET) {
                starting.add(addPeer(next, nextPeers.get(change.name())));
            }
        }
        if (peersChanged || !plan.ranges().isEmpty()) {
            configureListeners();
        }
        if (!plan.ranges().isEmpty()) {
            // A removed range's key goes, an added one's comes; established connections keep theirs.
            transport.setListenerMd5PrefixKeys(dynamic.md5PrefixKeys());
        }
        for (Peer p : starting) {
            if (!p.config().shutdown()) {
                p.session().start();
            }
        }
        closeListeners(plan.listenRemoved());
        for (Prefix withdrawn : plan.staticWithdrawn()) {
            rib.withdrawLocal(withdrawn);
        }
        for (dev.petrel.config.StaticRoute r : plan.staticOriginated()) {
            rib.originate(r.prefix(), RibMapping.attributes(r), RibMapping.nextHop(r));
        }
        for (String line : plan.lines()) {
            LOG.info("reload: {}", line);
        }
        return plan;
    }

    private Peer peer(String name) {
        return peers.stream().filter(x -> x.config().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no running peer named " + name));
    }

    /** Sends {@code cease} and forgets the peer: its routes are withdrawn from the RIB, its MD5 key goes later. */
    private java.util.concurrent.Future<?> removePeer(String name, Notification cease) {
        Peer p = peer(name);
        peers.remove(p);
        byAddress.remove(Addresses.normalise(p.config().address()), p);
        bridge.unregister(p.session());
        java.util.concurrent.Future<?> f = p.session().close(cease);
        rib.removePeer(p.rib());
        bridge.watcher().peerRemoved(p.session());
        return f;
    }

    /** A change the running session takes: RIB options and policies, timers, shutdown, description. */
    private void update(PetrelConfig next, Peer p, PeerConfig pc, ReloadPlan.PeerChange change) {
        p.config(pc);
        if (change.softIn() || change.softOut()) {
            dev.petrel.rib.PeerRibConfig rc = RibMapping.peer(next, pc);
            p.ribConfig(rc);
            rib.reconfigure(p.rib(), rc);
        }
        if (change.timers()) {
            p.session().reconfigure(PeerMapping.session(next, pc, restarting));
        }
        if (change.shutdownChanged()) {
            if (pc.shutdown()) {
                p.session().stop(Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN,
                        "peer configured shutdown"));
            } else {
                p.session().manualStart();
            }
        }
    }

    private synchronized void bindListeners(List<ListenAddress> added) {
        if (added.isEmpty()) {
            return;
        }
        List<InetSocketAddress> addresses = added.stream()
                .map(l -> new InetSocketAddress(l.address(), l.port())).toList();
        List<io.netty.channel.Channel> bound = transport.listen(addresses, acceptPolicy());
        for (int i = 0; i < added.size(); i++) {
            listeners.put(added.get(i), bound.get(i));
        }
    }

    /** Closes listeners; connections they accepted are channels of their own and stay up. */
    private synchronized void closeListeners(List<ListenAddress> removed) {
        for (ListenAddress l : removed) {
            io.netty.channel.Channel c = listeners.remove(l);
            if (c != null) {
                c.close().syncUninterruptibly();
                LOG.info("no longer listening on {}", c.localAddress());
            }
        }
    }

    /** Waits, at most 2 s in all, for sessions to run their stop: their NOTIFICATIONs are queued by then. */
    private static void await(List<java.util.concurrent.Future<?>> closing) {
        long end = System.nanoTime() + 2_000_000_000L;
        for (java.util.concurrent.Future<?> f : closing) {
            try {
                f.get(Math.max(1, end - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("stopping a peer session: {}", e.toString());
            }
        }
    }

    /** RFC 8212: an eBGP peer without a policy exchanges no routes. Say so, once, where the operator looks. */
    private static void rfc8212(PeerConfig pc) {
        if (pc.internal()) {
            return;
        }
        if (!pc.importExplicit()) {
            LOG.info("peer {}: eBGP without an import policy: no route from it is accepted (RFC 8212);"
                    + " set import = all or a policy name", pc.name());
        }
        if (!pc.exportExplicit()) {
            LOG.info("peer {}: eBGP without an export policy: no route is sent to it (RFC 8212);"
                    + " set export = all or a policy name", pc.name());
        }
    }

    /**
     * Changes a peer's import and/or export policy (for every family it has) while its session stays up: import is
     * re-applied from the routes the peer sent, kept before policy, and export is re-run, so the peer gets just
     * the difference. {@code importPolicy}/{@code exportPolicy} are all, none, a policy name from the
     * configuration, or null to leave as is.
     *
     * @return what changed, for the operator
     * @throws IllegalArgumentException for an unknown peer or policy name
     */
    public synchronized String setPolicies(String peer, String importPolicy, String exportPolicy) {
        if (dynamic.session(peer) != null) {
            // Its next incarnation would come from the template again: a change here would not stick.
            throw new IllegalArgumentException("peer " + peer + " is a dynamic peer: it takes its policies from its"
                    + " listen range and template; change those in the configuration");
        }
        Peer p = peers.stream().filter(x -> x.config().name().equals(peer)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no peer named " + peer + "; peers: "
                        + String.join(", ", peers.stream().map(x -> x.config().name()).toList())));
        dev.petrel.rib.policy.Policy in = importPolicy == null ? null : policy(importPolicy);
        dev.petrel.rib.policy.Policy out = exportPolicy == null ? null : policy(exportPolicy);
        dev.petrel.rib.PeerRibConfig c = p.ribConfig();
        Map<dev.petrel.wire.Family, dev.petrel.rib.policy.Policy> imports = new java.util.HashMap<>(c.importPolicies());
        Map<dev.petrel.wire.Family, dev.petrel.rib.policy.Policy> exports = new java.util.HashMap<>(c.exportPolicies());
        for (dev.petrel.wire.Family f : imports.keySet()) {
            if (in != null) {
                imports.put(f, in);
            }
            if (out != null) {
                exports.put(f, out);
            }
        }
        dev.petrel.rib.PeerRibConfig next = new dev.petrel.rib.PeerRibConfig(c.name(), c.address(), c.remoteAs(),
                c.peerType(), imports, exports, c.allowOwnAs(), c.nextHop(), c.maxPrefixes(), c.limitAction(),
                c.addPathSend(), c.routeReflectorClient());
        p.ribConfig(next);
        rib.reconfigure(p.rib(), next);
        String what = "peer " + peer + ":" + (in == null ? "" : " import " + in.name())
                + (out == null ? "" : " export " + out.name()) + " (applied without a session reset)";
        LOG.info(what);
        return what;
    }

    private dev.petrel.rib.policy.Policy policy(String name) {
        return switch (name) {
            case "all" -> dev.petrel.rib.policy.Policy.ALL;
            case "none" -> dev.petrel.rib.policy.Policy.NONE;
            default -> {
                dev.petrel.rib.policy.Policy p = config.policies().get(name);
                if (p == null) {
                    throw new IllegalArgumentException("no policy named " + name + "; defined: all, none"
                            + (config.policies().isEmpty() ? "" : ", " + String.join(", ", config.policies().keySet())));
                }
                yield p;
            }
        };
    }

    /** The RIB: routes, queries ({@link Rib#query}), local origination. */
    public Rib rib() {
        return rib;
    }

    /** The kernel FIB, or null when {@code kernel.enabled} is off. */
    public dev.petrel.fib.Fib fib() {
        return fib;
    }

    /**
     * Builds the speaker, binds the listeners (failing if an address cannot be bound) and starts every peer that
     * is not configured {@code shutdown}.
     */
    public static Speaker start(PetrelConfig config) {
        return start(config, TransportConfig.defaults(), null);
    }

    /** As {@link #start(PetrelConfig)} with transport settings and a listener told of every session's events. */
    public static Speaker start(PetrelConfig config, TransportConfig transportConfig, SessionListener listener) {
        return start(config, transportConfig, null, listener);
    }

    /**
     * As {@link #start(PetrelConfig, TransportConfig, SessionListener)}, with the sessions on {@code loops}, an
     * event loop group shared with other speakers in this JVM ({@link BgpTransport#newGroup}; null for a group of
     * its own). Closing the speaker closes its channels and leaves a shared group running. A {@code listener}
     * that is a {@link PeerWatcher} is also told when peers are added and removed.
     */
    public static Speaker start(PetrelConfig config, TransportConfig transportConfig,
            io.netty.channel.EventLoopGroup loops, SessionListener listener) {
        return start(config, transportConfig, loops, listener, false);
    }

    /**
     * As {@link #start(PetrelConfig, TransportConfig, io.netty.channel.EventLoopGroup, SessionListener)}; with
     * {@code restartingGracefully} (and {@code graceful-restart.enabled}) this start follows a graceful stop
     * (RFC 4724 §4.1): OPENs set the R bit, and nothing is sent to any peer until every peer has sent End-of-RIB or
     * {@code graceful-restart.selection-deferral} has passed, so that peers keeping our stale routes get the whole
     * table before our End-of-RIB.
     */
    public static Speaker start(PetrelConfig config, TransportConfig transportConfig,
            io.netty.channel.EventLoopGroup loops, SessionListener listener, boolean restartingGracefully) {
        boolean restarting = restartingGracefully && config.gracefulRestart().enabled();
        if (restartingGracefully && !restarting) {
            LOG.warn("a graceful restart was asked for, but graceful-restart.enabled is false: starting afresh");
        }
        Speaker s = new Speaker(config, transportConfig, loops, listener, restarting);
        try {
            s.bindListeners(config.listen());
            if (config.kernel() != null && config.kernel().enabled()) {
                s.fib = KernelFib.start(config, s.rib);
            }
        } catch (dev.petrel.fib.kernel.KernelException e) {
            s.transport.close();
            s.rib.close();
            throw new IllegalStateException("kernel.enabled is on but the kernel's routing table cannot be used: "
                    + e.getMessage() + " (Petrel needs CAP_NET_ADMIN to write routes; or set kernel.enabled = false, or kernel.dry-run = true"
                    + " to keep them in memory only)",
                    e);
        } catch (RuntimeException e) {
            s.transport.close();
            s.rib.close();
            throw e;
        }
        for (Peer p : s.peers) {
            if (p.config().shutdown()) {
                LOG.info("peer {}: administratively down (shutdown = true)", p.config().name());
            } else {
                p.session().start();
            }
        }
        if (restarting) {
            s.deferral = new SelectionDeferral(s::configuredSessions, !config.listenRanges().isEmpty(), s.rib,
                    config.gracefulRestart().selectionDeferral(), s::endRestart, System::nanoTime);
            s.deferral.start(s.transport.eventLoop());
        }
        LOG.info("petrel started: router-id {}, AS {}, {} peers, listening on {}",
                config.routerId().getHostAddress(), config.localAs(), s.peers.size(), config.listen());
        return s;
    }

    /**
     * Connections from addresses that are not configured peers go to the listen ranges ({@link DynamicPeers});
     * those they refuse are refused before a byte is read and only counted (RFC 4486 allows Cease/5 after
     * accept; closing at once keeps a scanner from costing us anything). A configured peer inside a range is
     * always that peer.
     */
    private AcceptPolicy acceptPolicy() {
        return (remote, local) -> {
            Peer p = byAddress.get(remote.getAddress());
            if (p == null) {
                return dynamic.accept(remote.getAddress());
            }
            return Acceptance.accept(p.transport(), p.session().incoming());
        };
    }

    /** The running configuration. */
    public PetrelConfig config() {
        return config;
    }

    /** A snapshot of every peer: the configured ones in configuration order, then the dynamic ones, oldest first. */
    public List<PeerStatus> peers() {
        List<PeerStatus> out = new ArrayList<>(peers.size());
        for (Peer p : peers) {
            out.add(StatusMapping.status(p.config(), p.session()));
        }
        out.addAll(dynamic.status());
        return out;
    }

    /** The session of a peer by name, or null. */
    public PeerSession session(String name) {
        for (Peer p : peers) {
            if (p.config().name().equals(name)) {
                return p.session();
            }
        }
        return dynamic.session(name);
    }

    /** The transport's event loops, where every session runs: what a liveness watchdog must see progress on. */
    public List<io.netty.util.concurrent.EventExecutor> eventLoops() {
        return transport.eventLoops();
    }

    /** Connections refused: from no configured peer's address and no listen range's, or over a range's limit. */
    public long rejectedConnections() {
        return transport.rejectedConnections();
    }

    /** Connections refused because the listen range {@code range} held its {@code max-peers} already. */
    public long refusedByListenRange(String range) {
        return dynamic.refusedFull(range);
    }

    /** Connections refused because they came from an address in no listen range (and no configured peer's). */
    public long refusedOutsideListenRanges() {
        return dynamic.refusedOutside();
    }

    /** The sessions of the configured peers, for the selection deferral. */
    private List<PeerSession> configuredSessions() {
        List<PeerSession> out = new ArrayList<>(peers.size());
        for (Peer p : peers) {
            out.add(p.session());
        }
        return out;
    }

    /** Whether a graceful restart's selection deferral still holds our routes back. */
    public boolean restarting() {
        return restarting;
    }

    /**
     * The selection deferral is over: OPENs from now on clear the R bit, and the RIB sends every peer the table
     * and then End-of-RIB. Under the speaker's lock, as {@link #reload}, so that a reload that read {@code
     * restarting} before cannot then give a peer OPENs with the R bit for good; on a thread of its own, for the
     * deferral ends on an event loop or the RIB thread, which a reload holding the lock may be waiting for (a
     * listener bound on that loop).
     */
    void endRestart() {
        Thread.ofPlatform().name("petrel-restart-over").start(this::restartOver);
    }

    private synchronized void restartOver() {
        restarting = false;
        PetrelConfig c = config;
        for (Peer p : peers) {
            p.session().reconfigure(PeerMapping.session(c, p.config(), false));
        }
        dynamic.restartOver();
        rib.releaseOutput();
    }

    /**
     * Sends every peer a Cease/2 with a shutdown communication (RFC 9003), then closes the transport. With
     * {@code graceful-restart.enabled}, a session whose peer keeps our routes ends without a Hard Reset
     * ({@link PeerSession#closeForRestart}), so that the peer forwards on them until we are back.
     */
    @Override
    public void close() {
        stop(config.gracefulRestart().enabled());
    }

    /**
     * Stops for good, whatever {@code graceful-restart} says: every peer gets Cease/2 (as a Hard Reset where the N
     * bit is negotiated), so that it drops our routes at once instead of keeping them stale for our restart time.
     * For a node taken out of service; {@code petrel stop --for-good} in the daemon.
     */
    public void closeForGood() {
        stop(false);
    }

    private void stop(boolean graceful) {
        if (deferral != null) {
            deferral.cancel();
        }
        if (fib != null) {
            // First, so that the withdrawals of the closing sessions do not reach the kernel: with persist (the
            // default) Petrel's routes stay there and forwarding goes on until it is back.
            fib.close();
        }
        if (graceful) {
            // Before any session ends: its peer's routes leaving the RIB must not go out as withdrawals to the peers
            // still up, which would then delete them for good instead of keeping them stale with the rest.
            rib.deferOutput();
            try {
                rib.query(v -> null).get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("graceful stop: the RIB did not confirm holding its output back: {}", e.toString());
            }
        }
        Notification bye = Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN, graceful
                ? "petrel is restarting" : "petrel is shutting down");
        List<java.util.concurrent.Future<?>> closing = new ArrayList<>();
        for (Peer p : peers) {
            closing.add(graceful ? p.session().closeForRestart(bye) : p.session().close(bye));
        }
        closing.addAll(dynamic.close(bye, graceful));
        // Once each session's loop has run its stop, the NOTIFICATIONs are queued on their channels ahead of the
        // close that transport.close() queues behind them, so they leave first.
        await(closing);
        transport.close();
        rib.close();
    }
}
