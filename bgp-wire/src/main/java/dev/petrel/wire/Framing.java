package dev.petrel.wire;

/**
 * BGP message framing (RFC 4271 §4.1 and §6.1): the 16-octet marker, the 2-octet length and the type.
 *
 * <p>Framing is separate from parsing: this class only decides where a message ends, so that a stream reader
 * (the Netty frame decoder, the capture readers) can cut frames without knowing any message's body. The body
 * checks that depend on the type (OPEN at least 29 octets, KEEPALIVE exactly 19, ...) are here too because
 * RFC 4271 §6.1 reports them with the same NOTIFICATION (1/2 Bad Message Length).
 */
public final class Framing {
    public static final int MARKER_LENGTH = 16;
    public static final int HEADER_LENGTH = 19;
    /** The largest message without RFC 8654 extended messages. */
    public static final int MAX_LENGTH = 4096;
    /** The largest message when RFC 8654 extended messages are negotiated. */
    public static final int MAX_EXTENDED_LENGTH = 65535;

    /** The header is fine; {@link #check} returned the message length. */
    public static final int OK = 0;
    /** Fewer than 19 octets are available: wait for more. */
    public static final int NEED_MORE = -1;
    /** The marker is not all ones: NOTIFICATION 1/1. */
    public static final int BAD_MARKER = -2;
    /** The length field is outside [19, max] or wrong for the type: NOTIFICATION 1/2. */
    public static final int BAD_LENGTH = -3;
    /** The type is not one we know: NOTIFICATION 1/3. */
    public static final int BAD_TYPE = -4;

    private Framing() {}

    /**
     * Checks the header starting at {@code off}.
     *
     * @return the message length (at least 19) when the header frames a message, or one of the negative
     *     codes {@link #NEED_MORE}, {@link #BAD_MARKER}, {@link #BAD_LENGTH}, {@link #BAD_TYPE}
     */
    public static int check(byte[] buf, int off, int available, int maxLength) {
        if (available < HEADER_LENGTH) {
            return NEED_MORE;
        }
        for (int i = 0; i < MARKER_LENGTH; i++) {
            if (buf[off + i] != (byte) 0xff) {
                return BAD_MARKER;
            }
        }
        int length = ((buf[off + 16] & 0xff) << 8) | (buf[off + 17] & 0xff);
        int type = buf[off + 18] & 0xff;
        return checkLengthAndType(length, type, maxLength);
    }

    /**
     * The length and type rules of RFC 4271 §6.1 once the marker is known to be good.
     *
     * @return {@code length} when acceptable, else {@link #BAD_LENGTH} or {@link #BAD_TYPE}
     */
    public static int checkLengthAndType(int length, int type, int maxLength) {
        if (length < HEADER_LENGTH || length > maxLength) {
            return BAD_LENGTH;
        }
        MessageType t = MessageType.fromCode(type);
        if (t == null) {
            return BAD_TYPE;
        }
        if (length < t.minimumLength() || (t == MessageType.KEEPALIVE && length != HEADER_LENGTH)) {
            return BAD_LENGTH;
        }
        if (t == MessageType.OPEN && length > MAX_LENGTH) {
            return BAD_LENGTH; // RFC 8654 §3: OPEN stays within 4096 octets even with extended messages
        }
        return length;
    }

    /** Scans forward from {@code from} for the next position holding 16 octets of 0xff; -1 when there is none. */
    public static int findMarker(byte[] buf, int from, int end) {
        int run = 0;
        for (int i = from; i < end; i++) {
            if (buf[i] == (byte) 0xff) {
                if (++run == MARKER_LENGTH) {
                    // A longer run of 0xff: the marker is the last 16 of it only if the length follows, which the
                    // caller checks; the earliest position is the conventional choice.
                    return i - MARKER_LENGTH + 1;
                }
            } else {
                run = 0;
            }
        }
        return -1;
    }
}
