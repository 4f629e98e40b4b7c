package dev.petrel.speaker;

import dev.petrel.fsm.Negotiated;
import dev.petrel.fsm.SessionState;
import dev.petrel.fsm.session.PeerSession;
import dev.petrel.fsm.session.RouteRetention;
import dev.petrel.fsm.session.SessionListener;
import dev.petrel.rib.Rib;
import dev.petrel.rib.RibPeer;
import dev.petrel.rib.SessionInfo;
import dev.petrel.rib.StaleRetention;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.RouteRefresh;
import dev.petrel.wire.Update;
import dev.petrel.wire.cap.Capability;
import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Connects sessions to the RIB: Established hands the RIB a sink bound to the session's channel; UPDATEs and
 * ROUTE-REFRESHes become RIB commands (and the RIB's backpressure pauses reading); session end withdraws the
 * peer's routes, or keeps them stale while it restarts (RFC 4724 §4.2, as the session decided). Everything else goes on to the embedding application's listener.
 */
final class RibBridge implements SessionListener {
    private final Rib rib;
    private final SessionListener next;
    private final Map<PeerSession, RibPeer> peers = new ConcurrentHashMap<>();
    /** graceful-restart.stale-routes-time, as configured now. */
    private final Supplier<Duration> endOfRibWait;

    RibBridge(Rib rib, SessionListener next, Supplier<Duration> endOfRibWait) {
        this.rib = rib;
        this.next = next == null ? new SessionListener() {} : next;
        this.endOfRibWait = endOfRibWait;
    }

    /** Told when peers are added and removed: the embedding listener, when it wants to know. */
    PeerWatcher watcher() {
        return next instanceof PeerWatcher w ? w : NO_WATCHER;
    }

    private static final PeerWatcher NO_WATCHER = new PeerWatcher() {};

    void register(PeerSession session, RibPeer peer) {
        peers.put(session, peer);
    }

    /** Forgets a session (a dynamic peer's, when it is removed): nothing of it reaches the RIB any more. */
    void unregister(PeerSession session) {
        peers.remove(session);
    }

    RibPeer peer(PeerSession session) {
        return peers.get(session);
    }

    @Override
    public void stateChanged(PeerSession peer, SessionState from, SessionState to, String reason) {
        next.stateChanged(peer, from, to, reason);
    }

    @Override
    public void established(PeerSession session, Negotiated n) {
        RibPeer p = peers.get(session);
        Channel ch = session.establishedChannel();
        if (p != null && ch != null) {
            InetAddress local = ch.localAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
            boolean enhanced = n.both(Capability.EnhancedRouteRefresh.class);
            rib.peerUp(p, new SessionInfo(n.context(), Integer.toUnsignedLong(n.peerRouterId()), local, enhanced,
                    otherFamilyAddress(local), forwardingPreserved(n)), new SessionSink(session, ch));
        }
        next.established(session, n);
    }

    /**
     * An address of the other IP version on the interface that holds {@code local}: a global IPv6 address for an
     * IPv4 session (what FRR uses as next hop for IPv6 routes over it), an IPv4 one for an IPv6 session.
     */
    static InetAddress otherFamilyAddress(InetAddress local) {
        if (local == null) {
            return null;
        }
        try {
            java.net.NetworkInterface nif = java.net.NetworkInterface.getByInetAddress(local);
            if (nif == null) {
                return null;
            }
            for (InetAddress a : java.util.Collections.list(nif.getInetAddresses())) {
                boolean otherFamily = (a instanceof java.net.Inet6Address) != (local instanceof java.net.Inet6Address);
                if (otherFamily && !a.isLinkLocalAddress() && !a.isLoopbackAddress() && !a.isAnyLocalAddress()) {
                    return a instanceof java.net.Inet6Address v6 && v6.getScopeId() != 0
                            ? java.net.InetAddress.getByAddress(v6.getAddress()) : a;
                }
            }
        } catch (java.io.IOException e) {
            // no interface information: the RIB falls back to what it can derive from the session address
        }
        return null;
    }

    /** The families the peer's Graceful Restart capability lists with the F bit (RFC 4724 §3). */
    static Set<Family> forwardingPreserved(Negotiated n) {
        Capability.GracefulRestart gr = n.peer().capability(Capability.GracefulRestart.class);
        if (gr == null) {
            return Set.of();
        }
        Set<Family> out = new HashSet<>();
        for (Capability.GrFamily f : gr.families()) {
            if (f.forwardingPreserved()) {
                out.add(f.family());
            }
        }
        return out;
    }

    @Override
    public void down(PeerSession session, String reason, RouteRetention keep) {
        RibPeer p = peers.get(session);
        if (p != null) {
            rib.peerDown(p, reason, keep.keepsAny()
                    ? new StaleRetention(keep.families(), keep.restartTime(), endOfRibWait.get())
                    : StaleRetention.NONE);
        }
        next.down(session, reason, keep);
    }

    @Override
    public boolean message(PeerSession session, DecodeResult r) {
        boolean more = next.message(session, r);
        RibPeer p = peers.get(session);
        if (p == null) {
            return more;
        }
        if (r.endOfRib() != null) {
            rib.endOfRib(p, r.endOfRib());
            return more;
        }
        if (r.message() instanceof Update u) {
            ErrorAction a = r.action();
            if (a == ErrorAction.SESSION_RESET || a == ErrorAction.AFI_SAFI_DISABLE) {
                return more; // the session resets: nothing of it is used
            }
            return rib.routes(p, u, a) && more;
        }
        if (r.message() instanceof RouteRefresh rr) {
            rib.routeRefresh(p, rr);
        }
        return more;
    }

    @Override
    public void writabilityChanged(PeerSession session, boolean writable) {
        RibPeer p = peers.get(session);
        if (p != null && writable) {
            rib.writable(p);
        }
        next.writabilityChanged(session, writable);
    }
}
