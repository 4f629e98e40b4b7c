package dev.petrel.wire;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The next hop of an MP_REACH_NLRI (RFC 4760): one address, or for IPv6 (RFC 2545) a global address followed by
 * a link-local one. An IPv4 route may have an IPv6 next hop under RFC 8950.
 *
 * @param global the first (or only) address
 * @param linkLocal the IPv6 link-local address of a 32-octet next hop, or null
 */
public record NextHop(InetAddress global, InetAddress linkLocal) {
    public NextHop {
        if (global == null) {
            throw new NullPointerException("global");
        }
        if (linkLocal != null && !(global instanceof Inet6Address && linkLocal instanceof Inet6Address)) {
            throw new IllegalArgumentException("a link-local next hop comes only with an IPv6 global one");
        }
    }

    public static NextHop of(String global) {
        return new NextHop(address(global), null);
    }

    public static NextHop of(String global, String linkLocal) {
        return new NextHop(address(global), linkLocal == null ? null : address(linkLocal));
    }

    private static InetAddress address(String literal) {
        if (!literal.isEmpty() && (Character.digit(literal.charAt(0), 16) >= 0 || literal.charAt(0) == ':')) {
            try {
                // Only literals reach here (a digit or ':' first), so no name lookup happens. Keep an IPv6 literal
                // IPv6 even when it is IPv4-mapped.
                InetAddress a = InetAddress.getByName(literal);
                if (literal.indexOf(':') >= 0 && !(a instanceof Inet6Address)) {
                    return Inet6Address.getByAddress(null, dev.petrel.wire.nlri.Ipv6.bytes(literal), -1);
                }
                return a;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + literal, e);
            }
        }
        throw new IllegalArgumentException("not an IP address: " + literal);
    }

    /** Decodes a next hop of 4, 16 or 32 octets; null for any other length. */
    public static NextHop decode(byte[] buf, int off, int len) {
        try {
            return switch (len) {
                case 4 -> new NextHop(InetAddress.getByAddress(java.util.Arrays.copyOfRange(buf, off, off + 4)), null);
                case 16 -> new NextHop(ipv6(buf, off), null);
                case 32 -> new NextHop(ipv6(buf, off), ipv6(buf, off + 16));
                default -> null;
            };
        } catch (UnknownHostException e) {
            return null; // cannot happen for 4 or 16 octets
        }
    }

    /**
     * 16 octets as an IPv6 address, always. InetAddress.getByAddress would return an Inet4Address for an
     * IPv4-mapped address (::ffff:a.b.c.d, the next hop of 6PE routes, RFC 4798 §3), which then re-encodes as a
     * 4-octet next hop in an IPv6 MP_REACH_NLRI, or, as the global half of a 32-octet next hop, is refused by the
     * constructor.
     */
    private static Inet6Address ipv6(byte[] buf, int off) throws UnknownHostException {
        return Inet6Address.getByAddress(null, java.util.Arrays.copyOfRange(buf, off, off + 16), -1);
    }

    /** The octets on the wire: 4, 16 or 32. */
    public byte[] encode() {
        byte[] g = global.getAddress();
        if (linkLocal == null) {
            return g;
        }
        byte[] out = new byte[32];
        System.arraycopy(g, 0, out, 0, 16);
        System.arraycopy(linkLocal.getAddress(), 0, out, 16, 16);
        return out;
    }

    @Override
    public String toString() {
        String g = global.getHostAddress();
        return linkLocal == null ? g : g + " " + linkLocal.getHostAddress();
    }
}
