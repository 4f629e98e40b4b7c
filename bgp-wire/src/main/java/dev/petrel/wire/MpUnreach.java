package dev.petrel.wire;

import dev.petrel.wire.nlri.PrefixList;

/** MP_UNREACH_NLRI (RFC 4760 §4): withdrawn routes of one family. Empty, it is an End-of-RIB (RFC 4724 §2). */
public record MpUnreach(Family family, PrefixList withdrawn) {
    public MpUnreach {
        if (family == null || withdrawn == null) {
            throw new NullPointerException("family and withdrawn are required");
        }
        if (!withdrawn.isEmpty() && withdrawn.family().afi() != family.afi()) {
            throw new IllegalArgumentException("NLRI of AFI " + withdrawn.family().afi() + " in MP_UNREACH of " + family);
        }
    }
}
