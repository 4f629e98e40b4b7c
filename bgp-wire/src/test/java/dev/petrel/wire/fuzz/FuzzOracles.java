package dev.petrel.wire.fuzz;

import dev.petrel.wire.BgpMessage;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.Framing;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.Notification;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.Problem;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.Aggregator;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.AttributeCodes;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * The oracles every fuzz target applies to one decoded message, and the session contexts they decode against.
 *
 * <ol>
 *   <li>Nothing escapes {@link MessageDecoder#decode}, and no problem is the decoder's own safety net ("internal
 *       decoder error"): that net turns a bug into a session reset in production, so here it is a finding.
 *   <li>A message that is not a reset re-encodes, and decoding the re-encoded octets gives an equal message:
 *       decode(encode(decode(x))) = decode(x). Messages too long for the encoder's limit are skipped.
 *   <li>The decoder reads only {@code buf[off, off+len)}: the same octets embedded in a larger array, with other
 *       octets around them, decode to an equal result.
 * </ol>
 *
 * Failures throw {@link AssertionError}, which Jazzer reports as a finding (and JUnit as a failure).
 */
final class FuzzOracles {
    private FuzzOracles() {}

    private static final Set<Family> BOTH = Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST);

    /**
     * A context chosen by the low five bits of {@code selector}: bit 0 4-octet AS, bit 1 ADD-PATH in both families
     * and directions, bit 2 iBGP (else eBGP with peer AS 65001), bit 3 extended messages, bit 4 extended next hop
     * for IPv4 and, on eBGP, the leftmost-AS check.
     */
    static SessionContext context(int selector) {
        boolean four = (selector & 1) != 0;
        Set<Family> addPath = (selector & 2) != 0 ? BOTH : Set.of();
        boolean internal = (selector & 4) != 0;
        boolean extended = (selector & 8) != 0;
        boolean bit4 = (selector & 16) != 0;
        return new SessionContext(four, extended, BOTH, addPath, addPath,
                bit4 ? Set.of(Family.IPV4_UNICAST) : Set.of(), internal ? PeerType.INTERNAL : PeerType.EXTERNAL,
                internal ? 65001 : 65000, 65001, bit4 && !internal);
    }

    /** Established with everything negotiated: 4-octet AS, ADD-PATH both families, extended message, eBGP. */
    static final SessionContext ESTABLISHED = new SessionContext(true, true, BOTH, BOTH, BOTH, Set.of(),
            PeerType.EXTERNAL, 65000, 65001, true);

    /**
     * The input after its first octet, as a message: as it is, or (when the selector's top bit is set) with a
     * marker and a correct length put in front of it so that the fuzzer spends its time on message bodies. The
     * octets after the selector then start with the type.
     */
    static byte[] message(byte[] input) {
        int selector = input[0] & 0xff;
        if ((selector & 0x80) == 0) {
            return Arrays.copyOfRange(input, 1, input.length);
        }
        int bodyLen = Math.min(input.length - 1, 0xffff - 18);
        byte[] msg = new byte[18 + bodyLen];
        Arrays.fill(msg, 0, 16, (byte) 0xff);
        msg[16] = (byte) (msg.length >>> 8);
        msg[17] = (byte) msg.length;
        System.arraycopy(input, 1, msg, 18, bodyLen);
        return msg;
    }

    /** Decodes {@code buf[off, off+len)} and applies every oracle; returns the result. */
    static DecodeResult check(byte[] buf, int off, int len, SessionContext ctx) {
        DecodeResult r = MessageDecoder.decode(buf, off, len, ctx);
        checkResult(r, buf, off, len, ctx);
        checkRange(r, buf, off, len, ctx);
        checkReencoding(r, ctx);
        return r;
    }

    static DecodeResult check(byte[] msg, SessionContext ctx) {
        return check(msg, 0, msg.length, ctx);
    }

    /** Oracle (a), and the result's own consistency. */
    private static void checkResult(DecodeResult r, byte[] buf, int off, int len, SessionContext ctx) {
        Objects.requireNonNull(r, "decode returned null");
        for (Problem p : r.problems()) {
            if (p.description().startsWith("internal decoder error")) {
                throw new AssertionError("decoder bug caught by MessageDecoder's safety net: " + p.description()
                        + "\ninput: " + hex(buf, off, len));
            }
            // NOTIFICATION data echoes what was received, never more (CVE-2017-15865); 1/2 carries the 2-octet
            // length even when fewer octets than a header arrived.
            if (p.data().length() > Math.max(len, 2)) {
                throw new AssertionError("NOTIFICATION data longer than the message: " + p);
            }
        }
        if (r.isReset()) {
            Notification n = r.notification();
            if (n == null) {
                throw new AssertionError("a reset without a NOTIFICATION: " + r);
            }
            MessageEncoder.toBytes(n, ctx); // the session must be able to send it
        } else {
            BgpMessage m = r.message();
            if (m == null || m.type().code() != (buf[off + 18] & 0xff)) {
                throw new AssertionError("message " + m + " does not match the header type " + (buf[off + 18] & 0xff));
            }
        }
    }

    /** Oracle (c): padding around the message changes nothing. */
    private static void checkRange(DecodeResult r, byte[] buf, int off, int len, SessionContext ctx) {
        for (int fill : new int[] {0x00, 0xff}) {
            int pad = 37;
            byte[] big = new byte[pad + len + pad];
            Arrays.fill(big, (byte) fill);
            System.arraycopy(buf, off, big, pad, len);
            DecodeResult again = MessageDecoder.decode(big, pad, len, ctx);
            if (!r.equals(again)) {
                throw new AssertionError("the decoder read outside its range (padding 0x" + Integer.toHexString(fill)
                        + "):\nalone:    " + r + "\nembedded: " + again + "\ninput: " + hex(buf, off, len));
            }
        }
    }

    /** Oracle (b): decode(encode(decode(x))) = decode(x). */
    private static void checkReencoding(DecodeResult r, SessionContext ctx) {
        if (r.message() == null || r.isReset()) {
            return;
        }
        byte[] again;
        try {
            // What we receive under ctx is what the peer sends under ctx.reversed() (ADD-PATH send/receive).
            again = MessageEncoder.toBytes(r.message(), ctx.reversed());
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("exceeds the maximum")) {
                return; // e.g. an OPEN over 4096 octets received on an extended-message session
            }
            throw new AssertionError("cannot re-encode " + r.message(), e);
        }
        int framed = Framing.check(again, 0, again.length, ctx.maxMessageLength());
        if (framed != again.length) {
            throw new AssertionError("re-encoded message does not frame (" + framed + "): " + hex(again, 0,
                    again.length));
        }
        DecodeResult r2 = MessageDecoder.decode(again, ctx);
        for (Problem p : r2.problems()) {
            if (p.description().startsWith("internal decoder error")) {
                throw new AssertionError("decoder bug on re-encoded octets: " + p.description());
            }
        }
        if (r2.isReset()) {
            // A treat-as-withdraw UPDATE keeps what made it so (an AS_SET, say). Re-sent without any reachable route
            // it is, by RFC 7606 §5.2, a reset; anything else must decode.
            boolean allowed = r.action() == ErrorAction.TREAT_AS_WITHDRAW && r.message() instanceof Update u
                    && u.reachable().isEmpty();
            if (!allowed) {
                throw new AssertionError("re-encoded message is a reset:\nfirst:  " + r + "\nsecond: " + r2
                        + "\nre-encoded: " + hex(again, 0, again.length));
            }
            return;
        }
        if (!ctx.fourOctetAs() && r.message() instanceof Update u && cannotCrossTwoOctetSession(u)) {
            return;
        }
        if (r.action() == ErrorAction.TREAT_AS_WITHDRAW && r.message() instanceof Update u
                && r2.message() instanceof Update u2) {
            // Treated as withdrawn, only the routes count: the attributes that made it so (AS 0, an AS_SET) can
            // change shape on the way through a 2-octet session (AS 0 in AS4_PATH is discarded, RFC 6793 §6), and a
            // defect in something not kept does not travel at all. The routes must not change.
            if (!u.treatAsWithdraw().equals(u2.treatAsWithdraw())) {
                throw new AssertionError("a treated-as-withdraw UPDATE changed its routes:\nfirst:  " + r
                        + "\nsecond: " + r2 + "\nre-encoded: " + hex(again, 0, again.length));
            }
            return;
        }
        if (!r.message().equals(r2.message())) {
            throw new AssertionError("decode(encode(decode(x))) differs:\nfirst:  " + r + "\nsecond: " + r2
                    + "\nre-encoded: " + hex(again, 0, again.length));
        }
        if (r.action().compareTo(ErrorAction.ATTRIBUTE_DISCARD) <= 0 && r2.action() != ErrorAction.NONE) {
            throw new AssertionError("a clean message re-encoded with problems:\nfirst:  " + r + "\nsecond: " + r2);
        }
    }

    /**
     * Whether RFC 6793 loses part of this path on the way to a 2-octet-AS peer and back, by design: once AS4_PATH is
     * needed (some ASN above 65535), a receiver ignores it when AGGREGATOR holds an AS other than AS_TRANS
     * (§4.2.3), and AS4_PATH carries no confederation segment (§6), so 4-octet member ASNs, or a confederation
     * segment after the path has left the confederation, come back as AS_TRANS or not at all.
     */
    static boolean cannotCrossTwoOctetSession(Update u) {
        AsPath path = u.attributes().asPath();
        if (path == null) {
            return false;
        }
        boolean needAs4 = false;
        boolean confedBig = false;
        boolean confedAfterOthers = false;
        boolean seenOther = false;
        for (AsPath.Segment seg : path.segments()) {
            boolean confed = seg.type() == AsPath.SegmentType.AS_CONFED_SEQUENCE
                    || seg.type() == AsPath.SegmentType.AS_CONFED_SET;
            for (long as : seg.asns()) {
                needAs4 |= as > 0xffff;
                confedBig |= confed && as > 0xffff;
            }
            confedAfterOthers |= confed && seenOther;
            seenOther |= !confed;
        }
        Aggregator a = u.attributes().aggregator();
        boolean aggregatorNotTrans = a != null && a.as() <= 0xffff && a.as() != AttributeCodes.AS_TRANS;
        return needAs4 && (aggregatorNotTrans || confedBig || confedAfterOthers);
    }

    static String hex(byte[] b, int off, int len) {
        return java.util.HexFormat.of().formatHex(b, off, off + len);
    }
}
