package dev.petrel.rib;

/** What NEXT_HOP (or the MP_REACH next hop) a peer gets. */
public enum NextHopMode {
    /** RFC 4271 §5.1.3: our own address towards eBGP peers, the route's next hop unchanged towards iBGP peers. */
    DEFAULT,
    /** Always our own address (iBGP next-hop-self, as towards route reflectors in a Calico cluster). */
    SELF,
    /** Always the route's own next hop (eBGP next-hop-unchanged, as for a route server). */
    KEEP
}
