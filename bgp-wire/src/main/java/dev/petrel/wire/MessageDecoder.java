package dev.petrel.wire;

/**
 * Decodes one whole BGP message (header included) against a session context. This is the codec's entry point.
 *
 * <p>Never throws on peer input and never reads outside {@code buf[off, off+len)}: every outcome, including a
 * header that cannot be framed, is a {@link DecodeResult} whose strongest problem says what to do (RFC 7606).
 */
public final class MessageDecoder {
    private MessageDecoder() {}

    public static DecodeResult decode(byte[] buf, SessionContext ctx) {
        return decode(buf, 0, buf.length, ctx);
    }

    public static DecodeResult decode(byte[] buf, int off, int len, SessionContext ctx) {
        if (off < 0 || len < 0 || off + len > buf.length) {
            throw new IllegalArgumentException("range outside the buffer"); // the caller's bug, not the peer's
        }
        DecodeResult header = checkHeader(buf, off, len, ctx.maxMessageLength());
        if (header != null) {
            return header;
        }
        try {
            return switch (MessageType.fromCode(buf[off + 18] & 0xff)) {
                case OPEN -> OpenCodec.decode(buf, off, len);
                case UPDATE -> UpdateDecoder.decode(buf, off, len, ctx);
                case NOTIFICATION -> DecodeResult.ok(new Notification(buf[off + 19] & 0xff, buf[off + 20] & 0xff,
                        Bytes.of(buf, off + 21, len - 21)));
                case KEEPALIVE -> DecodeResult.ok(Keepalive.INSTANCE);
                case ROUTE_REFRESH -> decodeRouteRefresh(buf, off, len);
            };
        } catch (RuntimeException bug) {
            // Defence in depth: a decoder bug must not take the process down. The fuzz tests call the decoders
            // without this net so that such bugs are found, not hidden.
            return DecodeResult.reset(Problem.reset(Notification.MESSAGE_HEADER_ERROR, 0, Bytes.EMPTY,
                    "internal decoder error on a " + len + "-octet message: " + bug));
        }
    }

    /** The header checks of RFC 4271 §6.1 as a result, or null when the header frames a message of {@code len}. */
    static DecodeResult checkHeader(byte[] buf, int off, int len, int maxLength) {
        if (len < Framing.HEADER_LENGTH) {
            return DecodeResult.reset(Problem.reset(1, 2, Bytes.wrap(new byte[] {(byte) (len >>> 8), (byte) len}),
                    "message of " + len + " octets is shorter than a header"));
        }
        int r = Framing.check(buf, off, len, maxLength);
        int declared = UpdateDecoder.u16(buf, off + 16);
        return switch (r) {
            case Framing.BAD_MARKER -> DecodeResult.reset(Problem.reset(1, 1, Bytes.EMPTY,
                    "marker is not all ones (RFC 4271 §6.1)"));
            case Framing.BAD_LENGTH -> DecodeResult.reset(Problem.reset(1, 2, Bytes.of(buf, off + 16, 2),
                    "bad message length " + declared + " for type " + (buf[off + 18] & 0xff) + " (RFC 4271 §6.1)"));
            case Framing.BAD_TYPE -> DecodeResult.reset(Problem.reset(1, 3, Bytes.of(buf, off + 18, 1),
                    "bad message type " + (buf[off + 18] & 0xff) + " (RFC 4271 §6.1)"));
            default -> declared != len
                    ? DecodeResult.reset(Problem.reset(1, 2, Bytes.of(buf, off + 16, 2),
                            "length field " + declared + " does not match the " + len + " octets framed"))
                    : null;
        };
    }

    /** RFC 2918 §3, RFC 7313 §5: BoRR and EoRR must be exactly 4 octets of body; a request may carry ORF entries. */
    private static DecodeResult decodeRouteRefresh(byte[] buf, int off, int len) {
        int p = off + Framing.HEADER_LENGTH;
        Family family = Family.of(UpdateDecoder.u16(buf, p), buf[p + 3] & 0xff);
        int subtype = buf[p + 2] & 0xff;
        if (len != 23 && (subtype == RouteRefresh.BORR || subtype == RouteRefresh.EORR)) {
            // RFC 7313 §5: the data is the complete ROUTE-REFRESH message.
            return DecodeResult.reset(Problem.reset(Notification.ROUTE_REFRESH_MESSAGE_ERROR, 1,
                    Bytes.of(buf, off, len),
                    "ROUTE-REFRESH " + (subtype == 1 ? "BoRR" : "EoRR") + " of length " + len + " is not 23 (RFC 7313 §5)"));
        }
        return DecodeResult.ok(new RouteRefresh(family, subtype, Bytes.of(buf, p + 4, len - 23)));
    }
}
