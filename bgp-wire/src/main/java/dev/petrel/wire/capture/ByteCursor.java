package dev.petrel.wire.capture;

import java.util.Arrays;

/**
 * A bounded big-endian reader over part of an array. Every read checks what remains first and throws
 * {@link Underflow} when the field does not fit, so no length field can make a reader allocate or read past its
 * record. Readers catch {@code Underflow} around one record and turn it into a {@link CaptureProblem}.
 */
final class ByteCursor {
    /** A field ran past the end of the bounded region. Cheap: no stack trace. */
    static final class Underflow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Underflow(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] buf;
    private int pos;
    private final int limit;

    ByteCursor(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException("region " + off + "+" + len + " outside " + buf.length);
        }
        this.buf = buf;
        this.pos = off;
        this.limit = off + len;
    }

    byte[] array() {
        return buf;
    }

    int position() {
        return pos;
    }

    int limit() {
        return limit;
    }

    int remaining() {
        return limit - pos;
    }

    private void need(int n, String what) {
        if (n < 0 || n > limit - pos) {
            throw new Underflow(what + ": needs " + n + " octets, " + (limit - pos) + " remain");
        }
    }

    int u8(String what) {
        need(1, what);
        return buf[pos++] & 0xff;
    }

    int u16(String what) {
        need(2, what);
        int v = Bytes.u16(buf, pos);
        pos += 2;
        return v;
    }

    long u32(String what) {
        need(4, what);
        long v = Bytes.u32(buf, pos);
        pos += 4;
        return v;
    }

    byte[] bytes(int n, String what) {
        need(n, what);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    void skip(int n, String what) {
        need(n, what);
        pos += n;
    }

    /** Reads an IPv4 (4 octets) or IPv6 (16 octets) address as text. */
    String address(int n, String what) {
        need(n, what);
        String a = Bytes.address(buf, pos, n);
        pos += n;
        return a;
    }
}
