package dev.petrel.wire.nlri;

import dev.petrel.wire.Family;

/** An IPv6 prefix held as two longs (high and low 64 bits); host bits are zeroed by the constructor. */
public record Ipv6Prefix(long high, long low, int length) implements Prefix {
    public Ipv6Prefix {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("IPv6 prefix length must be 0..128, got " + length);
        }
        if (length <= 64) {
            high &= length == 0 ? 0 : -1L << (64 - length);
            low = 0;
        } else {
            low &= -1L << (128 - length);
        }
    }

    public static Ipv6Prefix of(String address, int length) {
        long[] hl = Ipv6.parse(address);
        return new Ipv6Prefix(hl[0], hl[1], length);
    }

    @Override
    public int afi() {
        return Family.AFI_IPV6;
    }

    @Override
    public String toString() {
        return Ipv6.format(high, low) + "/" + length;
    }
}
