package dev.petrel.wire;

import java.util.Set;

/**
 * What two speakers negotiated in their OPENs, and who the peer is: everything a decode or an encode of an
 * UPDATE depends on. Immutable; a session swaps in a new one when it reaches OpenConfirm.
 *
 * @param fourOctetAs both sides sent the 4-octet AS capability (RFC 6793): AS_PATH carries 4-octet ASNs
 * @param extendedMessage both sides sent the extended message capability (RFC 8654): messages up to 65535
 * @param families the families both sides announced (RFC 4760); routes of others are ignored and logged
 * @param addPathReceive families in which received NLRI carry a path identifier (RFC 7911)
 * @param addPathSend families in which sent NLRI carry a path identifier
 * @param extendedNextHop families whose NLRI may come with a next hop of another AFI (RFC 8950)
 * @param peerType eBGP or iBGP
 * @param localAs our AS
 * @param peerAs the peer's AS, or 0 when unknown (then the leftmost-AS check is skipped)
 * @param enforceFirstAs for eBGP, treat-as-withdraw a route whose AS_PATH does not start with the peer's AS
 *     (RFC 7606 §7.2 SHOULD); route servers do not prepend themselves, so it can be turned off
 */
public record SessionContext(
        boolean fourOctetAs,
        boolean extendedMessage,
        Set<Family> families,
        Set<Family> addPathReceive,
        Set<Family> addPathSend,
        Set<Family> extendedNextHop,
        PeerType peerType,
        long localAs,
        long peerAs,
        boolean enforceFirstAs) {

    /** Until OPENs are exchanged: RFC 4271 defaults, IPv4 unicast only. */
    public static final SessionContext INITIAL = new SessionContext(false, false, Set.of(Family.IPV4_UNICAST),
            Set.of(), Set.of(), Set.of(), PeerType.EXTERNAL, 0, 0, false);

    /**
     * What a reader of a capture or an MRT file assumes when no OPEN says otherwise: a 4-octet-AS iBGP session
     * (so that no attribute is discarded for coming from eBGP) with both unicast families and no ADD-PATH.
     */
    public static final SessionContext ASSUMED = new SessionContext(true, true,
            Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), Set.of(), Set.of(), Set.of(), PeerType.INTERNAL, 0, 0,
            false);

    public SessionContext {
        families = Set.copyOf(families);
        addPathReceive = Set.copyOf(addPathReceive);
        addPathSend = Set.copyOf(addPathSend);
        extendedNextHop = Set.copyOf(extendedNextHop);
        if (peerType == null) {
            throw new NullPointerException("peerType");
        }
    }

    /** 4096, or 65535 with RFC 8654 extended messages. */
    public int maxMessageLength() {
        return extendedMessage ? Framing.MAX_EXTENDED_LENGTH : Framing.MAX_LENGTH;
    }

    public boolean isExternal() {
        return peerType == PeerType.EXTERNAL;
    }

    public SessionContext withFourOctetAs(boolean v) {
        return new SessionContext(v, extendedMessage, families, addPathReceive, addPathSend, extendedNextHop,
                peerType, localAs, peerAs, enforceFirstAs);
    }

    public SessionContext withExtendedMessage(boolean v) {
        return new SessionContext(fourOctetAs, v, families, addPathReceive, addPathSend, extendedNextHop,
                peerType, localAs, peerAs, enforceFirstAs);
    }

    public SessionContext withFamilies(Set<Family> v) {
        return new SessionContext(fourOctetAs, extendedMessage, v, addPathReceive, addPathSend, extendedNextHop,
                peerType, localAs, peerAs, enforceFirstAs);
    }

    public SessionContext withAddPath(Set<Family> receive, Set<Family> send) {
        return new SessionContext(fourOctetAs, extendedMessage, families, receive, send, extendedNextHop,
                peerType, localAs, peerAs, enforceFirstAs);
    }

    public SessionContext withExtendedNextHop(Set<Family> v) {
        return new SessionContext(fourOctetAs, extendedMessage, families, addPathReceive, addPathSend, v,
                peerType, localAs, peerAs, enforceFirstAs);
    }

    public SessionContext withPeer(PeerType type, long local, long peer, boolean enforceFirst) {
        return new SessionContext(fourOctetAs, extendedMessage, families, addPathReceive, addPathSend,
                extendedNextHop, type, local, peer, enforceFirst);
    }

    /** The same session seen from the other end: what we receive, it sends. */
    public SessionContext reversed() {
        return new SessionContext(fourOctetAs, extendedMessage, families, addPathSend, addPathReceive,
                extendedNextHop, peerType, peerAs, localAs, enforceFirstAs);
    }
}
