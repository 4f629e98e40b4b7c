package dev.petrel.rib.policy;

import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Ipv6Prefix;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;

/**
 * Prefix containment on the wire module's int/long prefixes, without allocating. Public because the kernel FIB
 * guard ({@code dev.petrel.fib.learn}) asks the same questions and should not repeat the bit arithmetic.
 */
public final class Prefixes {
    private Prefixes() {}

    /** The number of bits in an address of the prefix's family: 32 or 128. */
    public static int bits(Prefix p) {
        return p instanceof Ipv4Prefix ? 32 : 128;
    }

    /** Whether {@code inner} is {@code outer} or more specific than it; false across families. */
    public static boolean contains(Prefix outer, Prefix inner) {
        if (inner.length() < outer.length()) {
            return false;
        }
        if (outer instanceof Ipv4Prefix o) {
            return inner instanceof Ipv4Prefix i && (i.address() & mask32(o.length())) == o.address();
        }
        Ipv6Prefix o = (Ipv6Prefix) outer;
        return inner instanceof Ipv6Prefix i && covers(o, i.high(), i.low());
    }

    /**
     * Whether {@code address} is inside {@code prefix}; false across families. Reads the address through
     * {@link InetAddress#getAddress()}, the only view the JDK gives, which copies 4 or 16 octets.
     */
    public static boolean contains(Prefix prefix, InetAddress address) {
        byte[] b = address.getAddress();
        if (prefix instanceof Ipv4Prefix p) {
            return b.length == 4 && (read32(b, 0) & mask32(p.length())) == p.address();
        }
        Ipv6Prefix p = (Ipv6Prefix) prefix;
        return b.length == 16 && covers(p, read64(b, 0), read64(b, 8));
    }

    private static boolean covers(Ipv6Prefix p, long high, long low) {
        int len = p.length();
        if (len <= 64) {
            return (high & mask64(len)) == p.high();
        }
        return high == p.high() && (low & mask64(len - 64)) == p.low();
    }

    private static int mask32(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    private static long mask64(int length) {
        return length == 0 ? 0 : -1L << (64 - length);
    }

    private static int read32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    private static long read64(byte[] b, int off) {
        return ((long) read32(b, off) << 32) | Integer.toUnsignedLong(read32(b, off + 4));
    }
}
