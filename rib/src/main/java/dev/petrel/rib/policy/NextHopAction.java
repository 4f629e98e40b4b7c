package dev.petrel.rib.policy;

/**
 * What a policy asks of the next hop. The RIB applies it when it sends the route: the attribute set itself never
 * changes for it, so it does not cost an attribute set per peer.
 */
public enum NextHopAction {
    /** No override: RFC 4271 §5.1.3 (our address towards an eBGP peer, the route's own towards an iBGP one). */
    NONE,
    /** Our own address on the session, whatever the peer type (FRR's next-hop-self, BIRD's next hop self). */
    SELF,
    /** The route's next hop unchanged, towards eBGP peers too (Calico's keepOriginalNextHop, BIRD's next hop keep). */
    KEEP
}
