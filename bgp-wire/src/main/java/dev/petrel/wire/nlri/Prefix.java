package dev.petrel.wire.nlri;

import dev.petrel.wire.Family;

/**
 * An IP prefix, canonical: host bits are always zero (RFC 4271 §4.3 "the value of trailing bits is irrelevant",
 * so two encodings that differ only there are one prefix).
 */
public sealed interface Prefix extends Comparable<Prefix> permits Ipv4Prefix, Ipv6Prefix {
    int length();

    int afi();

    /** Parses "10.0.0.0/8" or "2001:db8::/32"; host bits are masked. */
    static Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a prefix needs a length: " + text);
        }
        String addr = text.substring(0, slash);
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in " + text, e);
        }
        return addr.indexOf(':') >= 0 ? Ipv6Prefix.of(addr, len) : Ipv4Prefix.of(addr, len);
    }

    @Override
    default int compareTo(Prefix o) {
        if (afi() != o.afi()) {
            return Integer.compare(afi(), o.afi());
        }
        if (this instanceof Ipv4Prefix a && o instanceof Ipv4Prefix b) {
            int c = Integer.compareUnsigned(a.address(), b.address());
            return c != 0 ? c : Integer.compare(a.length(), b.length());
        }
        Ipv6Prefix a = (Ipv6Prefix) this;
        Ipv6Prefix b = (Ipv6Prefix) o;
        int c = Long.compareUnsigned(a.high(), b.high());
        if (c == 0) {
            c = Long.compareUnsigned(a.low(), b.low());
        }
        return c != 0 ? c : Integer.compare(a.length(), b.length());
    }

    default Family unicastFamily() {
        return Family.of(afi(), Family.SAFI_UNICAST);
    }
}
