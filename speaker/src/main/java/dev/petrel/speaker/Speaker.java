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

    private final PetrelConfig config;
    private final BgpTransport transport;
    private final Map<InetAddress, Peer> byAddress = new LinkedHashMap<>();
    private final List<Peer> peers = new ArrayList<>();
    private final Rib rib;
    private final RibBridge bridge;

    private record Peer(PeerConfig config, TransportSettings transport, PeerSession session, RibPeer rib) {}

    private Speaker(PetrelConfig config, TransportConfig transportConfig, SessionListener listener) {
        this.config = config;
        this.transport = new BgpTransport(transportConfig);
        this.rib = new Rib(RibMapping.settings(config));
        this.bridge = new RibBridge(rib, listener);
        try {
            for (PeerConfig pc : config.peers()) {
                TransportSettings ts = PeerMapping.transport(config, pc);
                PeerSession session = new PeerSession(PeerMapping.session(config, pc), transport.eventLoop(),
                        init -> transport.connect(ts, init), bridge);
                RibPeer rp = rib.addPeer(RibMapping.peer(config, pc));
                bridge.register(session, rp);
                Peer p = new Peer(pc, ts, session, rp);
                peers.add(p);
                byAddress.put(Addresses.normalise(pc.address()), p);
            }
            transport.configureListeners(peers.stream().map(Peer::transport).toList());
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        rib.start();
    }

    /** The RIB: routes, queries ({@link Rib#query}), local origination. */
    public Rib rib() {
        return rib;
    }

    /**
     * Builds the speaker, binds the listeners (failing if an address cannot be bound) and starts every peer that
     * is not configured {@code shutdown}.
     */
    public static Speaker start(PetrelConfig config) {
        return start(config, TransportConfig.defaults(), null);
    }

    public static Speaker start(PetrelConfig config, TransportConfig transportConfig, SessionListener listener) {
        Speaker s = new Speaker(config, transportConfig, listener);
        try {
            List<InetSocketAddress> listen = new ArrayList<>();
            for (ListenAddress l : config.listen()) {
                listen.add(new InetSocketAddress(l.address(), l.port()));
            }
            if (!listen.isEmpty()) {
                s.transport.listen(listen, s.acceptPolicy());
            }
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
        LOG.info("petrel started: router-id {}, AS {}, {} peers, listening on {}",
                config.routerId().getHostAddress(), config.localAs(), s.peers.size(), config.listen());
        return s;
    }

    /**
     * Connections from addresses that are not configured peers are refused before a byte is read and only
     * counted (RFC 4486 allows Cease/5 after accept; closing at once keeps a scanner from costing us anything).
     */
    private AcceptPolicy acceptPolicy() {
        return (remote, local) -> {
            Peer p = byAddress.get(remote.getAddress());
            if (p == null) {
                return Acceptance.reject();
            }
            return Acceptance.accept(p.transport(), p.session().incoming());
        };
    }

    public PetrelConfig config() {
        return config;
    }

    /** A snapshot of every peer, in configuration order. */
    public List<PeerStatus> peers() {
        List<PeerStatus> out = new ArrayList<>(peers.size());
        for (Peer p : peers) {
            out.add(StatusMapping.status(p.config(), p.session()));
        }
        return out;
    }

    /** The session of a peer by name, or null. */
    public PeerSession session(String name) {
        for (Peer p : peers) {
            if (p.config().name().equals(name)) {
                return p.session();
            }
        }
        return null;
    }

    /** Connections refused because they did not come from a configured peer. */
    public long rejectedConnections() {
        return transport.rejectedConnections();
    }

    /** Sends every peer a Cease/2 with a shutdown communication (RFC 9003), then closes the transport. */
    @Override
    public void close() {
        Notification bye = Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN, "petrel is shutting down");
        List<java.util.concurrent.Future<?>> closing = new ArrayList<>();
        for (Peer p : peers) {
            closing.add(p.session().close(bye));
        }
        // Once each session's loop has run its stop, the NOTIFICATIONs are queued on their channels ahead of the
        // close that transport.close() queues behind them, so they leave first.
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
        transport.close();
        rib.close();
    }
}
