package dev.petrel.wire.capture;

/** Small helpers for reading fixed-width integers and formatting addresses. No bounds checks: callers check. */
final class Bytes {
    private Bytes() {}

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    static int u16le(byte[] b, int off) {
        return (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8);
    }

    static int i32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    static long u32(byte[] b, int off) {
        return i32(b, off) & 0xffffffffL;
    }

    static int i32le(byte[] b, int off) {
        return (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8) | ((b[off + 2] & 0xff) << 16) | ((b[off + 3] & 0xff) << 24);
    }

    static long u32(byte[] b, int off, boolean bigEndian) {
        return (bigEndian ? i32(b, off) : i32le(b, off)) & 0xffffffffL;
    }

    static int u16(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? u16(b, off) : u16le(b, off);
    }

    /** An IPv4 (4 octets) or IPv6 (16 octets) address in text form. */
    static String address(byte[] b, int off, int len) {
        if (len == 4) {
            return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
        }
        if (len == 16) {
            return ipv6(b, off);
        }
        throw new IllegalArgumentException("address length " + len);
    }

    /** RFC 5952 text, as everywhere in Petrel. */
    private static String ipv6(byte[] b, int off) {
        return dev.petrel.wire.nlri.Ipv6.format(dev.petrel.wire.nlri.Ipv6.readLong(b, off),
                dev.petrel.wire.nlri.Ipv6.readLong(b, off + 8));
    }
}
