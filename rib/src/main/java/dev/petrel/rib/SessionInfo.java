package dev.petrel.rib;

import dev.petrel.wire.Family;
import dev.petrel.wire.SessionContext;
import java.net.InetAddress;
import java.util.Set;

/**
 * What an Established session tells the RIB.
 *
 * @param context the negotiated encoding context (families, 4-octet AS, ADD-PATH, extended messages)
 * @param peerRouterId the peer's BGP Identifier, unsigned
 * @param localAddress our end of the TCP connection: the next hop when we put ourselves as next hop
 * @param enhancedRefresh both sides support enhanced route refresh (RFC 7313)
 * @param otherFamilyAddress an address of ours of the other IP version on the same interface (a global IPv6
 *     address for an IPv4 session, an IPv4 one for an IPv6 session), or null: our next hop for the routes of
 *     the other family that the session carries
 * @param forwardingPreserved the families the peer's Graceful Restart capability lists with the F bit: of its
 *     routes kept stale across its restart, those of the other families go at once (RFC 4724 §4.2)
 */
public record SessionInfo(SessionContext context, long peerRouterId, InetAddress localAddress,
        boolean enhancedRefresh, InetAddress otherFamilyAddress, Set<Family> forwardingPreserved) {
    public SessionInfo {
        forwardingPreserved = Set.copyOf(forwardingPreserved);
    }

    public SessionInfo(SessionContext context, long peerRouterId, InetAddress localAddress, boolean enhancedRefresh,
            InetAddress otherFamilyAddress) {
        this(context, peerRouterId, localAddress, enhancedRefresh, otherFamilyAddress, Set.of());
    }

    public SessionInfo(SessionContext context, long peerRouterId, InetAddress localAddress, boolean enhancedRefresh) {
        this(context, peerRouterId, localAddress, enhancedRefresh, null);
    }
}
