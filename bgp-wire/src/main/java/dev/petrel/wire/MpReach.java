package dev.petrel.wire;

import dev.petrel.wire.nlri.PrefixList;

/** MP_REACH_NLRI (RFC 4760 §3): reachable routes of one family with their next hop. */
public record MpReach(Family family, NextHop nextHop, PrefixList nlri) {
    public MpReach {
        if (family == null || nextHop == null || nlri == null) {
            throw new NullPointerException("family, nextHop and nlri are required");
        }
        if (!nlri.isEmpty() && nlri.family().afi() != family.afi()) {
            throw new IllegalArgumentException("NLRI of AFI " + nlri.family().afi() + " in MP_REACH of " + family);
        }
    }
}
