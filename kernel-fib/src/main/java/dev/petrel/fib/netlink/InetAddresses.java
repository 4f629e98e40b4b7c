package dev.petrel.fib.netlink;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Addresses in attribute payloads (network byte order) to and from {@link InetAddress}. */
final class InetAddresses {
    private InetAddresses() {}

    /** The address of {@code length} (4 or 16) bytes at {@code at}; an IPv4-mapped IPv6 address stays IPv6. */
    static InetAddress read(ByteBuffer b, int at, int length, String name) {
        if (length != 4 && length != 16) {
            throw new MalformedNetlinkException(name + " has " + length + " address bytes, 4 or 16 expected");
        }
        byte[] raw = new byte[length];
        b.get(at, raw);
        try {
            return length == 4 ? InetAddress.getByAddress(raw) : Inet6Address.getByAddress(null, raw, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 and 16 bytes are valid address lengths", e);
        }
    }

    /** Writes {@code a} as an attribute of {@code type}. */
    static void put(ByteBuffer b, int type, InetAddress a) {
        if (a instanceof Inet4Address) {
            RtAttr.putIpv4(b, type, ipv4(a));
        } else {
            RtAttr.putBytes(b, type, a.getAddress());
        }
    }

    /** The address as the int the prefixes use. */
    static int ipv4(InetAddress a) {
        byte[] r = a.getAddress();
        return (r[0] & 0xff) << 24 | (r[1] & 0xff) << 16 | (r[2] & 0xff) << 8 | (r[3] & 0xff);
    }

    static int family(InetAddress a) {
        return a instanceof Inet4Address ? dev.petrel.fib.kernel.Rtnl.AF_INET : dev.petrel.fib.kernel.Rtnl.AF_INET6;
    }
}
