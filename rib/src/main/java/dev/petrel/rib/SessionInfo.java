package dev.petrel.rib;

import dev.petrel.wire.SessionContext;
import java.net.InetAddress;

/**
 * What an Established session tells the RIB.
 *
 * @param context the negotiated encoding context (families, 4-octet AS, ADD-PATH, extended messages)
 * @param peerRouterId the peer's BGP Identifier, unsigned
 * @param localAddress our end of the TCP connection: the next hop when we put ourselves as next hop
 * @param enhancedRefresh both sides support enhanced route refresh (RFC 7313)
 */
public record SessionInfo(SessionContext context, long peerRouterId, InetAddress localAddress,
        boolean enhancedRefresh) {}
