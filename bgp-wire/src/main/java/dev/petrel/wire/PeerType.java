package dev.petrel.wire;

/** Whether the peer is in another AS (eBGP) or ours (iBGP); several RFC 7606 rules depend on it. */
public enum PeerType {
    EXTERNAL,
    INTERNAL
}
