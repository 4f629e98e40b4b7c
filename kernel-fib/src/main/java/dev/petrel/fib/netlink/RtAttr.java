package dev.petrel.fib.netlink;

import java.nio.ByteBuffer;

/**
 * {@code struct rtattr} / {@code struct nlattr}: {@code rta_len} u16 (header included), {@code rta_type} u16,
 * then the payload, padded to 4 bytes. Attributes nest: a nested attribute's payload is itself a run of
 * attributes. The top two type bits are flags ({@code NLA_F_NESTED}, {@code NLA_F_NET_BYTEORDER}) and are
 * masked off by {@link #type}.
 *
 * <p>Reading is a loop over offsets, not an iterator object:
 * {@code for (int a = from; a < to; a = RtAttr.next(b, a, to, "what"))}, with {@link #checked} validating the
 * attribute at {@code a} first. Unknown types are simply not looked at.
 */
public final class RtAttr {
    private RtAttr() {}

    public static final int HEADER = 4;
    public static final int NLA_F_NESTED = 0x8000;
    public static final int NLA_F_NET_BYTEORDER = 0x4000;
    public static final int TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    /**
     * Validates the attribute at {@code offset} against the end of its container and returns its {@code rta_len}.
     * {@code where} names the container for the exception ("RTM_NEWROUTE", "RTA_MULTIPATH", ...).
     */
    public static int checked(ByteBuffer b, int offset, int end, String where) {
        if (end - offset < HEADER) {
            throw new MalformedNetlinkException(where + ": attribute header cut off at offset " + offset + " ("
                    + (end - offset) + " of " + HEADER + " bytes)");
        }
        int len = Short.toUnsignedInt(b.getShort(offset));
        if (len < HEADER || len > end - offset) {
            throw new MalformedNetlinkException(where + ": attribute type " + type(b, offset) + " at offset " + offset
                    + " has rta_len " + len + " but " + (end - offset) + " bytes are left");
        }
        return len;
    }

    /** The offset of the attribute after the (checked) one at {@code offset}; {@code end} when it was the last. */
    public static int next(ByteBuffer b, int offset, int end) {
        return Math.min(end, offset + NlMsgHdr.align(Short.toUnsignedInt(b.getShort(offset))));
    }

    public static int type(ByteBuffer b, int offset) {
        return Short.toUnsignedInt(b.getShort(offset + 2)) & TYPE_MASK;
    }

    public static int payload(int offset) {
        return offset + HEADER;
    }

    public static int payloadLength(ByteBuffer b, int offset) {
        return Short.toUnsignedInt(b.getShort(offset)) - HEADER;
    }

    /** A u32 payload, checked to be at least 4 bytes. */
    public static int u32(ByteBuffer b, int offset, String name) {
        requireLength(b, offset, 4, name);
        return b.getInt(payload(offset));
    }

    /** A NUL-terminated string payload (the NUL, if any, is not part of the result). */
    public static String string(ByteBuffer b, int offset) {
        int from = payload(offset);
        int n = payloadLength(b, offset);
        int len = 0;
        while (len < n && b.get(from + len) != 0) {
            len++;
        }
        byte[] bytes = new byte[len];
        b.get(from, bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static void requireLength(ByteBuffer b, int offset, int min, String name) {
        int n = payloadLength(b, offset);
        if (n < min) {
            throw new MalformedNetlinkException(name + " has " + n + " payload bytes, " + min + " needed");
        }
    }

    // ---- writing ----

    public static void putU32(ByteBuffer b, int type, int value) {
        b.putShort((short) (HEADER + 4)).putShort((short) type).putInt(value);
    }

    /** An IPv4 address (network order) from the int form the prefixes use. */
    public static void putIpv4(ByteBuffer b, int type, int address) {
        b.putShort((short) (HEADER + 4)).putShort((short) type);
        putBigEndianInt(b, address);
    }

    /** An IPv6 address (network order) from its two 64-bit halves. */
    public static void putIpv6(ByteBuffer b, int type, long high, long low) {
        b.putShort((short) (HEADER + 16)).putShort((short) type);
        putBigEndianLong(b, high);
        putBigEndianLong(b, low);
    }

    public static void putBytes(ByteBuffer b, int type, byte[] payload) {
        b.putShort((short) (HEADER + payload.length)).putShort((short) type).put(payload);
        NlMsgHdr.pad(b);
    }

    /** Starts a nested attribute; returns its offset for {@link #endNested}. */
    public static int beginNested(ByteBuffer b, int type) {
        int start = b.position();
        b.putShort((short) 0).putShort((short) type);
        return start;
    }

    public static void endNested(ByteBuffer b, int start) {
        NlMsgHdr.pad(b);
        int len = b.position() - start;
        if (len > 0xffff) {
            throw new IllegalArgumentException("nested attribute of " + len + " bytes exceeds rta_len");
        }
        b.putShort(start, (short) len);
    }

    static void putBigEndianInt(ByteBuffer b, int v) {
        b.put((byte) (v >>> 24)).put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
    }

    static void putBigEndianLong(ByteBuffer b, long v) {
        putBigEndianInt(b, (int) (v >>> 32));
        putBigEndianInt(b, (int) v);
    }

    static int getBigEndianInt(ByteBuffer b, int at) {
        return (b.get(at) & 0xff) << 24 | (b.get(at + 1) & 0xff) << 16 | (b.get(at + 2) & 0xff) << 8
                | (b.get(at + 3) & 0xff);
    }

    static long getBigEndianLong(ByteBuffer b, int at) {
        return (long) getBigEndianInt(b, at) << 32 | (getBigEndianInt(b, at + 4) & 0xffffffffL);
    }
}
