package dev.petrel.wire;

import static dev.petrel.wire.attr.AttributeCodes.*;

import dev.petrel.wire.attr.AttributeDecoder;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4PrefixList;
import dev.petrel.wire.nlri.Ipv4UnicastCodec;
import dev.petrel.wire.nlri.NlriCodec;
import dev.petrel.wire.nlri.NlriCodecs;
import dev.petrel.wire.nlri.PrefixList;

/**
 * Decodes an UPDATE body and applies the message-level rules of RFC 7606 (§3, §5): field lengths, missing
 * well-known attributes, NLRI syntax, MP_REACH/MP_UNREACH syntax, and the §5.2 escalation for UPDATEs without
 * reachable NLRI. Attribute-level rules are in {@link AttributeDecoder}.
 */
final class UpdateDecoder {
    private static final int UPDATE_ERROR = 3;
    private static final int MALFORMED_ATTRIBUTE_LIST = 1;
    private static final int MISSING_WELL_KNOWN = 3;
    private static final int INVALID_NEXT_HOP = 8;
    private static final int OPTIONAL_ATTRIBUTE_ERROR = 9;
    private static final int INVALID_NETWORK_FIELD = 10;

    private UpdateDecoder() {}

    /**
     * Per-thread working state, cleared for each message, so that a well-formed UPDATE allocates only what it
     * returns. Decoding is not re-entrant on one thread, and nothing here escapes a call.
     */
    private static final class Scratch {
        final Problems problems = new Problems();
        final AttributeDecoder.Found found = new AttributeDecoder.Found();
        final StringBuilder why = new StringBuilder();
        final int[] kept = new int[AttributeDecoder.SCRATCH_INTS];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Decodes the message at {@code buf[off, off+len)}; the header has already been checked. */
    static DecodeResult decode(byte[] buf, int off, int len, SessionContext ctx) {
        int end = off + len;
        int p = off + Framing.HEADER_LENGTH;
        int withdrawnLength = u16(buf, p);
        int withdrawnStart = p + 2;
        if (withdrawnStart + withdrawnLength + 2 > end) {
            return reset(MALFORMED_ATTRIBUTE_LIST, "Withdrawn Routes Length " + withdrawnLength
                    + " runs past the message (RFC 4271 §6.3, RFC 7606 §3(b))");
        }
        int attrLengthAt = withdrawnStart + withdrawnLength;
        int attrLength = u16(buf, attrLengthAt);
        int attrStart = attrLengthAt + 2;
        int attrEnd = attrStart + attrLength;
        if (attrEnd > end) {
            return reset(MALFORMED_ATTRIBUTE_LIST, "Withdrawn Routes Length " + withdrawnLength
                    + " + Total Path Attribute Length " + attrLength + " + 23 exceeds the message length " + len
                    + " (RFC 7606 §3(b))");
        }
        boolean v4AddPath = !ctx.addPathReceive().isEmpty() && ctx.addPathReceive().contains(Family.IPV4_UNICAST);
        Scratch scratch = SCRATCH.get();
        StringBuilder why = scratch.why;
        why.setLength(0);
        PrefixList withdrawn = Ipv4UnicastCodec.INSTANCE.decode(buf, withdrawnStart, attrLengthAt, v4AddPath, why);
        if (withdrawn == null) {
            return reset(INVALID_NETWORK_FIELD, "Withdrawn Routes: " + why + " (RFC 7606 §3(i), §5.3)");
        }
        PrefixList nlri = Ipv4UnicastCodec.INSTANCE.decode(buf, attrEnd, end, v4AddPath, why);
        if (nlri == null) {
            return reset(INVALID_NETWORK_FIELD, "NLRI: " + why + " (RFC 7606 §3(j), §5.3)");
        }

        Problems problems = scratch.problems;
        problems.clear();
        AttributeDecoder.Found found = scratch.found;
        found.clear();
        PathAttributes attributes = AttributeDecoder.decode(buf, attrStart, attrEnd, ctx, problems, found,
                scratch.kept);
        if (problems.strongest() == ErrorAction.SESSION_RESET) {
            return new DecodeResult(null, problems.toList());
        }

        MpReach mpReach = null;
        boolean mpReachPresent = found.mpReachOff >= 0;
        if (mpReachPresent) {
            mpReach = decodeMpReach(buf, found.mpReachStart, found.mpReachOff, found.mpReachLen, ctx, problems);
            if (problems.strongest() == ErrorAction.SESSION_RESET) {
                return new DecodeResult(null, problems.toList());
            }
        }
        MpUnreach mpUnreach = null;
        if (found.mpUnreachOff >= 0) {
            mpUnreach = decodeMpUnreach(buf, found.mpUnreachStart, found.mpUnreachOff, found.mpUnreachLen, ctx,
                    problems);
            if (problems.strongest() == ErrorAction.SESSION_RESET) {
                return new DecodeResult(null, problems.toList());
            }
        }

        boolean reachable = !nlri.isEmpty() || mpReachPresent;
        if (reachable) {
            // RFC 7606 §3(d): a missing well-known mandatory attribute means treat-as-withdraw. A malformed one that
            // was present is already reported under its own name.
            missing(found, ORIGIN, "ORIGIN", problems);
            missing(found, AS_PATH, "AS_PATH", problems);
            if (!nlri.isEmpty()) {
                missing(found, NEXT_HOP, "NEXT_HOP", problems);
            }
        }
        if (!nlri.isEmpty() && found.nextHopKept) {
            String bad = semanticallyInvalidNextHop(found.nextHop);
            if (bad != null) {
                // RFC 4271 §6.3: log and ignore the route, no NOTIFICATION; withdrawing keeps Adj-RIB-In consistent.
                problems.add(ErrorAction.TREAT_AS_WITHDRAW, UPDATE_ERROR, INVALID_NEXT_HOP, NEXT_HOP,
                        "NEXT_HOP " + dev.petrel.wire.nlri.Ipv4.format(found.nextHop) + " is " + bad);
            }
        }
        if (!reachable && found.otherThanMpUnreach
                && problems.strongest().compareTo(ErrorAction.ATTRIBUTE_DISCARD) > 0) {
            // RFC 7606 §5.2: with no reachable NLRI, treat-as-withdraw cannot be trusted to be meant: reset.
            Problem worst = strongest(problems);
            problems.add(new Problem(ErrorAction.SESSION_RESET, UPDATE_ERROR, worst.subcode(), worst.data(),
                    worst.attributeType(), "UPDATE without reachable NLRI has an error that needs more than attribute"
                            + " discard (RFC 7606 §5.2): " + worst.description()));
            return new DecodeResult(null, problems.toList());
        }
        Update update = new Update(withdrawn, attributes, nlri, mpReach, mpUnreach);
        if (problems.isEmpty()) {
            return DecodeResult.ok(update);
        }
        // RFC 4724 §2: an End-of-RIB carries no path attributes (besides an empty MP_UNREACH_NLRI). One whose
        // attributes were all dropped looks like one but is not, and must not end a stale phase.
        boolean attributesOnWire = found.otherThanMpUnreach || found.mpReachOff >= 0;
        Family eor = attributesOnWire || problems.strongest() == ErrorAction.SESSION_RESET ? null : update.endOfRib();
        return new DecodeResult(update, problems.toList(), eor);
    }

    /** The first of the strongest problems. Not through DecodeResult: one without a message must be a reset. */
    private static Problem strongest(Problems problems) {
        Problem best = null;
        for (Problem p : problems.toList()) {
            if (best == null || p.action().compareTo(best.action()) > 0) {
                best = p;
            }
        }
        return best;
    }

    private static void missing(AttributeDecoder.Found found, int type, String name, Problems problems) {
        if (!found.saw(type)) {
            problems.add(new Problem(ErrorAction.TREAT_AS_WITHDRAW, UPDATE_ERROR, MISSING_WELL_KNOWN,
                    Bytes.wrap(new byte[] {(byte) type}), type,
                    "missing well-known attribute " + name + " (RFC 7606 §3(d))"));
        }
    }

    /** RFC 4271 §6.3 semantic checks that need no configuration; null when the next hop may be usable. */
    static String semanticallyInvalidNextHop(int a) {
        int first = a >>> 24;
        if (first == 0) {
            return "in 0.0.0.0/8";
        }
        if (first == 127) {
            return "a loopback address";
        }
        if (first >= 224) {
            return first < 240 ? "a multicast address" : "in reserved space 240.0.0.0/4";
        }
        return null;
    }

    private static MpReach decodeMpReach(byte[] buf, int start, int off, int len, SessionContext ctx,
            Problems problems) {
        if (len < 5) {
            mpReset(problems, MP_REACH_NLRI, buf, start, off, len,
                    "MP_REACH_NLRI length " + len + " is less than 5 (RFC 7606 §5.3)");
            return null;
        }
        Family family = Family.of(u16(buf, off), buf[off + 2] & 0xff);
        int nhLen = buf[off + 3] & 0xff;
        if (4 + nhLen + 1 > len) {
            mpReset(problems, MP_REACH_NLRI, buf, start, off, len, "MP_REACH_NLRI next-hop length " + nhLen
                    + " runs past the attribute (" + (len - 5) + " octets left; RFC 7606 §5.3)");
            return null;
        }
        NlriCodec codec = NlriCodecs.forFamily(family);
        if (codec == null || !ctx.families().contains(family)) {
            // BIRD and FRR ignore a family that was not negotiated rather than reset; so does Petrel.
            problems.add(ErrorAction.NONE, UPDATE_ERROR, OPTIONAL_ATTRIBUTE_ERROR, MP_REACH_NLRI,
                    "MP_REACH_NLRI of " + family + (codec == null ? ", a family Petrel does not decode" :
                            ", which was not negotiated") + ": its routes are ignored");
            return null;
        }
        if (!codec.isValidNextHopLength(nhLen, ctx.extendedNextHop().contains(family))) {
            mpReset(problems, MP_REACH_NLRI, buf, start, off, len,
                    "MP_REACH_NLRI next-hop length " + nhLen + " is not valid for " + family + " (RFC 7606 §7.11)");
            return null;
        }
        NextHop nextHop = NextHop.decode(buf, off + 4, nhLen);
        int nlriStart = off + 4 + nhLen + 1; // one reserved octet (formerly SNPAs) follows the next hop
        StringBuilder why = new StringBuilder();
        PrefixList prefixes = codec.decode(buf, nlriStart, off + len, ctx.addPathReceive().contains(family), why);
        if (prefixes == null) {
            mpReset(problems, MP_REACH_NLRI, buf, start, off, len, "MP_REACH_NLRI: " + why + " (RFC 7606 §5.3)");
            return null;
        }
        return new MpReach(family, nextHop, prefixes);
    }

    private static MpUnreach decodeMpUnreach(byte[] buf, int start, int off, int len, SessionContext ctx,
            Problems problems) {
        if (len < 3) {
            mpReset(problems, MP_UNREACH_NLRI, buf, start, off, len,
                    "MP_UNREACH_NLRI length " + len + " is less than 3 (RFC 7606 §5.3)");
            return null;
        }
        Family family = Family.of(u16(buf, off), buf[off + 2] & 0xff);
        NlriCodec codec = NlriCodecs.forFamily(family);
        if (codec == null || !ctx.families().contains(family)) {
            problems.add(ErrorAction.NONE, UPDATE_ERROR, OPTIONAL_ATTRIBUTE_ERROR, MP_UNREACH_NLRI,
                    "MP_UNREACH_NLRI of " + family + (codec == null ? ", a family Petrel does not decode" :
                            ", which was not negotiated") + ": ignored");
            // Kept, empty, rather than dropped: an UPDATE holding only this would otherwise read as the IPv4
            // End-of-RIB (RFC 4724 §2) and end a graceful restart's IPv4 stale phase early (case 24).
            return new MpUnreach(family, PrefixList.empty(family));
        }
        StringBuilder why = new StringBuilder();
        PrefixList prefixes = codec.decode(buf, off + 3, off + len, ctx.addPathReceive().contains(family), why);
        if (prefixes == null) {
            mpReset(problems, MP_UNREACH_NLRI, buf, start, off, len, "MP_UNREACH_NLRI: " + why + " (RFC 7606 §5.3)");
            return null;
        }
        return new MpUnreach(family, prefixes);
    }

    /**
     * RFC 4760 §7: an incorrect MP attribute resets the session with 3/9 (Optional Attribute Error); RFC 4271 §6.3
     * puts the whole attribute (flags, type, length, value) in the data: from {@code start} (the header) to the end
     * of the value. Never more than was received (CVE-2017-15865).
     */
    private static void mpReset(Problems problems, int type, byte[] buf, int start, int off, int len, String why) {
        problems.add(new Problem(ErrorAction.SESSION_RESET, UPDATE_ERROR, OPTIONAL_ATTRIBUTE_ERROR,
                Bytes.of(buf, start, off + len - start), type, why));
    }

    private static DecodeResult reset(int subcode, String why) {
        return DecodeResult.reset(Problem.reset(UPDATE_ERROR, subcode, Bytes.EMPTY, why));
    }

    static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }
}
