package dev.petrel.config;

import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Ipv6Prefix;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The route literals of the configuration: prefixes, communities, large communities. Each parse returns the value
 * or throws {@link Bad} with a message that names the rule; the caller reports it where the value was written.
 */
final class Literals {
    private static final Pattern PREFIX = Pattern.compile("([^/]+)/([0-9]{1,3})");
    private static final Pattern COMMUNITY = Pattern.compile("([0-9]{1,5}):([0-9]{1,5})");
    private static final Pattern LARGE = Pattern.compile("([0-9]{1,10}):([0-9]{1,10}):([0-9]{1,10})");
    /** The well-known communities by the names BIRD, FRR and {@link Community#toString()} use. */
    private static final Map<String, Community> WELL_KNOWN = Map.of(
            "graceful-shutdown", Community.GRACEFUL_SHUTDOWN,
            "blackhole", Community.BLACKHOLE,
            "no-export", Community.NO_EXPORT,
            "no-advertise", Community.NO_ADVERTISE,
            "no-export-subconfed", Community.NO_EXPORT_SUBCONFED,
            "nopeer", Community.NOPEER);

    private Literals() {}

    /** A value that breaks its rule; the message says which. */
    static final class Bad extends Exception {
        Bad(String message) {
            super(message, null, false, false);
        }
    }

    /** "10.0.0.0/8" or "2001:db8::/32", host bits zero (a prefix with them set is refused, with the fix). */
    static Prefix prefix(String text) throws Bad {
        Matcher m = PREFIX.matcher(text);
        InetAddress a = m.matches() ? IpLiterals.ip(m.group(1)) : null;
        if (a == null) {
            throw new Bad("\"" + text + "\" is not a prefix like 10.0.0.0/8 or 2001:db8::/32");
        }
        boolean v6 = m.group(1).indexOf(':') >= 0;
        int length = Integer.parseInt(m.group(2));
        int bits = v6 ? 128 : 32;
        if (length > bits) {
            throw new Bad("\"" + text + "\": the length of an IPv" + (v6 ? 6 : 4) + " prefix is 0.." + bits);
        }
        Prefix p = prefix(a, v6, length);
        if (!hostBitsZero(a, v6, p)) {
            throw new Bad(text + " has host bits set; did you mean " + p + "?");
        }
        return p;
    }

    /** An address ("10.0.0.1", as a /32 or /128) or a prefix. */
    static Prefix addressOrPrefix(String text) throws Bad {
        if (text.indexOf('/') >= 0) {
            return prefix(text);
        }
        InetAddress a = IpLiterals.ip(text);
        if (a == null) {
            throw new Bad("\"" + text + "\" is not an address or a prefix (10.0.0.1, 10.0.0.0/8, fd00::/8)");
        }
        boolean v6 = text.indexOf(':') >= 0;
        return prefix(a, v6, v6 ? 128 : 32);
    }

    private static Prefix prefix(InetAddress a, boolean v6, int length) {
        byte[] b = a.getAddress();
        if (!v6) {
            return new Ipv4Prefix(read32(b, 0), length);
        }
        if (b.length == 4) { // "::ffff:10.0.0.0": the JDK gives the IPv4 address of an IPv4-mapped literal
            return new Ipv6Prefix(0, 0xffff00000000L | Integer.toUnsignedLong(read32(b, 0)), length);
        }
        return new Ipv6Prefix(((long) read32(b, 0) << 32) | Integer.toUnsignedLong(read32(b, 4)),
                ((long) read32(b, 8) << 32) | Integer.toUnsignedLong(read32(b, 12)), length);
    }

    /** Whether masking to the prefix length cleared no bit of the address. */
    private static boolean hostBitsZero(InetAddress a, boolean v6, Prefix masked) {
        Prefix host = prefix(a, v6, v6 ? 128 : 32);
        if (host instanceof Ipv4Prefix h) {
            return h.address() == ((Ipv4Prefix) masked).address();
        }
        Ipv6Prefix h = (Ipv6Prefix) host;
        Ipv6Prefix m = (Ipv6Prefix) masked;
        return h.high() == m.high() && h.low() == m.low();
    }

    /** "65000:100" (each half 0..65535) or a well-known name: no-export, no-advertise, blackhole, ... */
    static Community community(String text) throws Bad {
        Community known = WELL_KNOWN.get(text);
        if (known != null) {
            return known;
        }
        Matcher m = COMMUNITY.matcher(text);
        if (m.matches()) {
            int hi = Integer.parseInt(m.group(1));
            int lo = Integer.parseInt(m.group(2));
            if (hi <= 0xffff && lo <= 0xffff) {
                return Community.of(hi, lo);
            }
        }
        throw new Bad("\"" + text + "\" is not a community: \"ASN:VALUE\", each 0..65535 (RFC 1997), or one of "
                + String.join(", ", WELL_KNOWN.keySet().stream().sorted().toList()));
    }

    /** "GLOBAL:LOCAL1:LOCAL2", each 0..4294967295 (RFC 8092). */
    static LargeCommunity largeCommunity(String text) throws Bad {
        Matcher m = LARGE.matcher(text);
        if (m.matches()) {
            long g = Long.parseLong(m.group(1));
            long l1 = Long.parseLong(m.group(2));
            long l2 = Long.parseLong(m.group(3));
            if (((g | l1 | l2) & ~0xffffffffL) == 0) {
                return new LargeCommunity(g, l1, l2);
            }
        }
        throw new Bad("\"" + text + "\" is not a large community: \"GLOBAL:LOCAL1:LOCAL2\", each 0..4294967295"
                + " (RFC 8092)");
    }

    /** "IPv4" or "IPv6", for messages. */
    static String familyName(Prefix p) {
        return p instanceof Ipv4Prefix ? "IPv4" : "IPv6";
    }

    static int bits(Prefix p) {
        return p instanceof Ipv4Prefix ? 32 : 128;
    }

    private static int read32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
