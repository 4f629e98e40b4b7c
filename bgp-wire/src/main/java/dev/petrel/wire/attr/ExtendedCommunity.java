package dev.petrel.wire.attr;

import dev.petrel.wire.nlri.Ipv4;

/**
 * An EXTENDED_COMMUNITIES value (RFC 4360): 8 octets. Unknown types are valid and kept (RFC 7606 §7.14); the
 * text form names the common route-target and route-origin types and prints others in hex.
 */
public record ExtendedCommunity(long value) {
    public int type() {
        return (int) (value >>> 56) & 0xff;
    }

    public int subtype() {
        return (int) (value >>> 48) & 0xff;
    }

    @Override
    public String toString() {
        int t = type() & 0xbf; // the transitive bit does not change the layout
        int st = subtype();
        String kind = st == 2 ? "rt" : st == 3 ? "soo" : null;
        if (kind != null) {
            switch (t) {
                case 0x00:
                    return kind + ":" + ((value >>> 32) & 0xffff) + ":" + (value & 0xffffffffL);
                case 0x01:
                    return kind + ":" + Ipv4.format((int) (value >>> 16)) + ":" + (value & 0xffff);
                case 0x02:
                    return kind + ":" + ((value >>> 16) & 0xffffffffL) + ":" + (value & 0xffff);
                default:
                    break;
            }
        }
        return String.format("0x%016x", value);
    }
}
