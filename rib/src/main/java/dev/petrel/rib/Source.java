package dev.petrel.rib;

import dev.petrel.wire.PeerType;
import java.net.InetAddress;

/**
 * Where routes come from: a BGP peer, local origination (config and API), or the kernel. Immutable; the RIB
 * gives each source a small integer id that tables use instead of references.
 *
 * @param id the RIB's index of this source (0 is local origination)
 * @param name the peer's configured name, or "local" / "kernel"
 * @param kind what kind of source
 * @param peerType EXTERNAL or INTERNAL for a peer; null otherwise
 * @param remoteAs the peer's AS (0 for non-peers)
 * @param routerId the peer's BGP Identifier, unsigned (0 for non-peers)
 * @param address the peer's address (null for non-peers)
 * @param reflectionClient an iBGP peer configured as our route-reflector client (RFC 4456), as it was when the
 *     session came up: the reflection rules of the export see it so for the life of the session
 */
public record Source(int id, String name, Kind kind, PeerType peerType, long remoteAs, long routerId,
        InetAddress address, boolean reflectionClient) {
    public Source(int id, String name, Kind kind, PeerType peerType, long remoteAs, long routerId,
            InetAddress address) {
        this(id, name, kind, peerType, remoteAs, routerId, address, false);
    }

    public enum Kind {
        PEER,
        LOCAL,
        KERNEL
    }

    private static final byte[] NO_ADDRESS = new byte[0];

    public boolean isPeer() {
        return kind == Kind.PEER;
    }

    /** The address octets, or none for a non-peer. */
    public byte[] addressBytes() {
        return address == null ? NO_ADDRESS : address.getAddress();
    }

    public static Source local(int id) {
        return new Source(id, "local", Kind.LOCAL, null, 0, 0, null);
    }

    public static Source kernel(int id) {
        return new Source(id, "kernel", Kind.KERNEL, null, 0, 0, null);
    }
}
