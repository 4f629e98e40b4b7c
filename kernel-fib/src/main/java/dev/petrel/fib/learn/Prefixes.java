package dev.petrel.fib.learn;

import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Ipv6Prefix;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The prefix questions learning and the guard ask. Containment itself is {@link dev.petrel.rib.policy.Prefixes}
 * (the route-policy code asks the same questions); this adds turning kernel addresses into prefixes.
 */
public final class Prefixes {
    private Prefixes() {}

    /** Whether {@code inner} is {@code outer} or more specific than it; false across families. */
    public static boolean contains(Prefix outer, Prefix inner) {
        return dev.petrel.rib.policy.Prefixes.contains(outer, inner);
    }

    /** Whether {@code address} is inside {@code prefix}; false across families. */
    public static boolean contains(Prefix prefix, InetAddress address) {
        return dev.petrel.rib.policy.Prefixes.contains(prefix, address);
    }

    /** 32 for IPv4, 128 for IPv6. */
    public static int bits(Prefix prefix) {
        return dev.petrel.rib.policy.Prefixes.bits(prefix);
    }

    /** Whether the prefix names one address: a /32 or a /128. */
    public static boolean isHost(Prefix prefix) {
        return prefix.length() == bits(prefix);
    }

    /** The subnet {@code address/length}, host bits cleared: what {@code ip addr} means by "10.0.0.5/24". */
    public static Prefix of(InetAddress address, int length) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return new Ipv4Prefix(read32(b, 0), length);
        }
        return new Ipv6Prefix(read64(b, 0), read64(b, 8), length);
    }

    /** The address as a /32 or /128. */
    public static Prefix host(InetAddress address) {
        return of(address, address.getAddress().length * 8);
    }

    /**
     * The address without an IPv6 scope or a host name, so that two views of one address are equal:
     * {@code fe80::1%eth0} from the kernel and {@code fe80::1} from a BGP next hop are the same 16 octets.
     */
    public static InetAddress plain(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e); // cannot happen: 4 or 16 octets
        }
    }

    private static int read32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    private static long read64(byte[] b, int off) {
        return ((long) read32(b, off) << 32) | Integer.toUnsignedLong(read32(b, off + 4));
    }
}
