package dev.petrel.wire.attr;

import static dev.petrel.wire.attr.AttributeCodes.*;

import dev.petrel.wire.ErrorAction;

/**
 * The one table of path attributes Petrel knows (the shape of BIRD's {@code bgp_attr_table[]}): name, standard
 * flags, what RFC 7606 says to do when the attribute is malformed, the UPDATE error subcode RFC 4271 would have
 * used, and a length/content check.
 *
 * <p>Actions per RFC 7606 §7 and later RFCs: ORIGIN, AS_PATH, NEXT_HOP, MED, LOCAL_PREF, COMMUNITIES,
 * ORIGINATOR_ID, CLUSTER_LIST, the community families, OTC, Tunnel Encapsulation, PMSI and ATTR_SET:
 * treat-as-withdraw. ATOMIC_AGGREGATE, AGGREGATOR, AS4_PATH, AS4_AGGREGATOR, AIGP, BGP-LS and Prefix-SID:
 * attribute discard. MP_REACH_NLRI and MP_UNREACH_NLRI: session reset (handled by the UPDATE decoder).
 */
final class AttributeSpecs {
    /** Checks a value; returns null when it is well-formed, else what is wrong. */
    @FunctionalInterface
    interface Check {
        String check(byte[] b, int off, int len, boolean fourOctetAs);
    }

    /**
     * Marks a check's answer as a length conflict, which RFC 4271 §6.3 reports with 3/5 Attribute Length Error
     * whatever the attribute; {@link #subcodeFor} reads the mark and strips it.
     */
    private static final String LENGTH = "\u0000length:";

    static String lengthError(String why) {
        return LENGTH + why;
    }

    /** The UPDATE error subcode for a failed check of {@code spec}. */
    static int subcodeFor(Spec spec, String why) {
        return why.startsWith(LENGTH) ? 5 : spec.subcode();
    }

    /** The sentence of a failed check, without the length mark. */
    static String reason(String why) {
        return why.startsWith(LENGTH) ? why.substring(LENGTH.length()) : why;
    }

    record Spec(int code, String name, int flags, ErrorAction onMalformed, int subcode, Check check) {}

    private static final Spec[] TABLE = new Spec[256];

    private static final int WELL_KNOWN = TRANSITIVE;
    private static final int OPT_TRANS = OPTIONAL | TRANSITIVE;
    private static final int OPT_NON_TRANS = OPTIONAL;
    private static final ErrorAction TAW = ErrorAction.TREAT_AS_WITHDRAW;
    private static final ErrorAction DISCARD = ErrorAction.ATTRIBUTE_DISCARD;
    private static final ErrorAction RESET = ErrorAction.SESSION_RESET;

    static {
        add(ORIGIN, "origin", WELL_KNOWN, TAW, 6, (b, o, l, f) -> l != 1 ? lengthError("ORIGIN length " + l + " is not 1")
                : (b[o] & 0xff) > 2 ? "ORIGIN value " + (b[o] & 0xff) + " is not 0, 1 or 2" : null);
        add(AS_PATH, "as-path", WELL_KNOWN, TAW, 11, (b, o, l, f) -> AsPaths.checkSyntax(b, o, l, f ? 4 : 2));
        add(NEXT_HOP, "next-hop", WELL_KNOWN, TAW, 8, fixed("NEXT_HOP", 4));
        add(MULTI_EXIT_DISC, "med", OPT_NON_TRANS, TAW, 9, fixed("MULTI_EXIT_DISC", 4));
        add(LOCAL_PREF, "local-pref", WELL_KNOWN, TAW, 5, fixed("LOCAL_PREF", 4));
        add(ATOMIC_AGGREGATE, "atomic-aggregate", WELL_KNOWN, DISCARD, 5, fixed("ATOMIC_AGGREGATE", 0));
        add(AGGREGATOR, "aggregator", OPT_TRANS, DISCARD, 9, (b, o, l, f) -> {
            int want = f ? 8 : 6;
            if (l != want) {
                return lengthError("AGGREGATOR length " + l + " is not " + want + (f ? " on a 4-octet-AS session" : ""));
            }
            long as = f ? Integer.toUnsignedLong(read32(b, o)) : ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
            return as == 0 ? "AGGREGATOR AS 0 (RFC 7607)" : null;
        });
        add(COMMUNITIES, "communities", OPT_TRANS, TAW, 9, multiple("COMMUNITIES", 4));
        add(ORIGINATOR_ID, "originator-id", OPT_NON_TRANS, TAW, 9, fixed("ORIGINATOR_ID", 4));
        add(CLUSTER_LIST, "cluster-list", OPT_NON_TRANS, TAW, 9, multiple("CLUSTER_LIST", 4));
        add(MP_REACH_NLRI, "mp-reach-nlri", OPT_NON_TRANS, RESET, 9, null);
        add(MP_UNREACH_NLRI, "mp-unreach-nlri", OPT_NON_TRANS, RESET, 9, null);
        add(EXTENDED_COMMUNITIES, "extended-communities", OPT_TRANS, TAW, 9, multiple("EXTENDED_COMMUNITIES", 8));
        // RFC 7607 §2 leaves AS 0 in AS4_PATH to RFC 6793, which discards the attribute (§6), not the route.
        add(AS4_PATH, "as4-path", OPT_TRANS, DISCARD, 9, (b, o, l, f) -> {
            String why = AsPaths.checkSyntax(b, o, l, 4);
            return why != null ? why : AsPaths.hasAsZero(b, o, l) ? "AS 0 in AS4_PATH (RFC 7607)" : null;
        });
        add(AS4_AGGREGATOR, "as4-aggregator", OPT_TRANS, DISCARD, 9, (b, o, l, f) -> l != 8
                ? lengthError("AS4_AGGREGATOR length " + l + " is not 8")
                : read32(b, o) == 0 ? "AS4_AGGREGATOR AS 0 (RFC 7607)" : null);
        add(PMSI_TUNNEL, "pmsi-tunnel", OPT_TRANS, TAW, 9, (b, o, l, f) -> l < 5
                ? lengthError("PMSI_TUNNEL length " + l + " is less than 5")
                : (b[o + 1] & 0xff) > 0x0b ? "PMSI_TUNNEL tunnel type " + (b[o + 1] & 0xff) + " is unknown" : null);
        add(TUNNEL_ENCAPSULATION, "tunnel-encapsulation", OPT_TRANS, TAW, 9, AttributeSpecs::checkTunnelEncap);
        add(TRAFFIC_ENGINEERING, "traffic-engineering", OPT_NON_TRANS, TAW, 9, null);
        add(IPV6_EXTENDED_COMMUNITIES, "ipv6-extended-communities", OPT_TRANS, TAW, 9,
                multiple("IPv6 Address Specific Extended Community", 20));
        add(AIGP, "aigp", OPT_NON_TRANS, DISCARD, 9, AttributeSpecs::checkAigp);
        add(BGP_LS, "bgp-ls", OPT_NON_TRANS, DISCARD, 9, (b, o, l, f) -> checkTlvs("BGP-LS", b, o, l, 2, 2));
        add(LARGE_COMMUNITIES, "large-communities", OPT_TRANS, TAW, 9, multiple("LARGE_COMMUNITIES", 12));
        add(BGPSEC_PATH, "bgpsec-path", OPT_NON_TRANS, TAW, 9, null);
        add(OTC, "otc", OPT_TRANS, TAW, 9, (b, o, l, f) -> l != 4 ? lengthError("OTC length " + l + " is not 4")
                : read32(b, o) == 0 ? "OTC AS 0" : null);
        add(PREFIX_SID, "prefix-sid", OPT_TRANS, DISCARD, 9, AttributeSpecs::checkPrefixSid);
        add(ATTR_SET, "attr-set", OPT_TRANS, TAW, 9, (b, o, l, f) -> l < 4 ? lengthError("ATTR_SET length " + l + " is less than 4")
                : null);
    }

    private AttributeSpecs() {}

    private static void add(int code, String name, int flags, ErrorAction action, int subcode, Check check) {
        TABLE[code] = new Spec(code, name, flags, action, subcode, check);
    }

    static Spec get(int type) {
        return TABLE[type & 0xff];
    }

    static boolean isKnown(int type) {
        return type >= 0 && type < 256 && TABLE[type] != null;
    }

    /** The attribute's name in Petrel's JSON and logs ("as-path"), or "attribute-N". */
    static String name(int type) {
        Spec s = type >= 0 && type < 256 ? TABLE[type] : null;
        return s != null ? s.name() : "attribute-" + type;
    }

    static int standardFlags(int type) {
        Spec s = get(type);
        if (s == null) {
            throw new IllegalArgumentException("attribute " + type + " has no standard flags; use raw()");
        }
        return s.flags();
    }

    private static Check fixed(String name, int want) {
        return (b, o, l, f) -> l == want ? null : lengthError(name + " length " + l + " is not " + want);
    }

    private static Check multiple(String name, int unit) {
        return (b, o, l, f) -> l > 0 && l % unit == 0 ? null
                : lengthError(name + " length " + l + " is not a non-zero multiple of " + unit);
    }

    static int read32(byte[] b, int o) {
        return ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    /** A sequence of TLVs with a type of {@code typeLen} octets and a length of {@code lenLen} octets. */
    private static String checkTlvs(String name, byte[] b, int o, int l, int typeLen, int lenLen) {
        int p = o;
        int end = o + l;
        if (l == 0) {
            return name + " attribute is empty";
        }
        while (p < end) {
            if (end - p < typeLen + lenLen) {
                return name + " TLV header truncated at octet " + (p - o);
            }
            int len = lenLen == 2 ? ((b[p + typeLen] & 0xff) << 8) | (b[p + typeLen + 1] & 0xff) : b[p + typeLen] & 0xff;
            p += typeLen + lenLen + len;
            if (p > end) {
                return name + " TLV of length " + len + " runs past the attribute";
            }
        }
        return null;
    }

    /**
     * RFC 8669 §6: malformed is also "a TLV length that doesn't conform to the length constraints for the TLV":
     * Label-Index is 7 octets (§3.1), Originator SRGB 2 + 6n with n ≥ 1 (§3.2). FRR cases.py {@code 010000}.
     */
    private static String checkPrefixSid(byte[] b, int o, int l, boolean f) {
        String why = checkTlvs("Prefix-SID", b, o, l, 1, 2);
        if (why != null) {
            return why;
        }
        for (int p = o; p < o + l; ) {
            int t = b[p] & 0xff;
            int len = ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
            if (t == 1 && len != 7) {
                return "Prefix-SID Label-Index TLV length " + len + " is not 7";
            }
            if (t == 3 && (len < 8 || (len - 2) % 6 != 0)) {
                return "Prefix-SID Originator SRGB TLV length " + len + " is not 2 + 6n";
            }
            p += 3 + len;
        }
        return null;
    }

    /** RFC 9012: Tunnel TLVs (type 2, length 2), each holding sub-TLVs (type 1, length 1 or 2 from type 128). */
    private static String checkTunnelEncap(byte[] b, int o, int l, boolean f) {
        int p = o;
        int end = o + l;
        if (l == 0) {
            return "Tunnel Encapsulation attribute is empty";
        }
        while (p < end) {
            if (end - p < 4) {
                return "Tunnel TLV header truncated at octet " + (p - o);
            }
            int len = ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
            int tlvEnd = p + 4 + len;
            if (tlvEnd > end) {
                return "Tunnel TLV of length " + len + " runs past the attribute";
            }
            if (len == 0) {
                return "Tunnel TLV of type " + (((b[p] & 0xff) << 8) | (b[p + 1] & 0xff)) + " is empty";
            }
            for (int q = p + 4; q < tlvEnd; ) {
                int st = b[q] & 0xff;
                int hdr = st >= 128 ? 3 : 2;
                if (tlvEnd - q < hdr) {
                    return "Tunnel sub-TLV header truncated";
                }
                int sl = st >= 128 ? ((b[q + 1] & 0xff) << 8) | (b[q + 2] & 0xff) : b[q + 1] & 0xff;
                q += hdr + sl;
                if (q > tlvEnd) {
                    return "Tunnel sub-TLV " + st + " of length " + sl + " runs past its TLV";
                }
            }
            p = tlvEnd;
        }
        return null;
    }

    /** RFC 7311: TLVs of type 1, length 2 counting the 3-octet header; the AIGP TLV is exactly 11 octets. */
    private static String checkAigp(byte[] b, int o, int l, boolean f) {
        int p = o;
        int end = o + l;
        if (l == 0) {
            return "AIGP attribute is empty";
        }
        while (p < end) {
            if (end - p < 3) {
                return "AIGP TLV header truncated";
            }
            int t = b[p] & 0xff;
            int len = ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
            if (len < 3 || p + len > end) {
                return "AIGP TLV length " + len + " is inconsistent with the attribute";
            }
            if (t == 1 && len != 11) {
                return "AIGP TLV length " + len + " is not 11";
            }
            p += len;
        }
        return null;
    }
}
