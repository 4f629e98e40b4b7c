package dev.petrel.wire.nlri;

import dev.petrel.wire.Family;

/** An IPv4 prefix held as two ints; host bits are zeroed by the constructor. */
public record Ipv4Prefix(int address, int length) implements Prefix {
    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("IPv4 prefix length must be 0..32, got " + length);
        }
        address &= mask(length);
    }

    static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    public static Ipv4Prefix of(String address, int length) {
        return new Ipv4Prefix(Ipv4.parse(address), length);
    }

    @Override
    public int afi() {
        return Family.AFI_IPV4;
    }

    @Override
    public String toString() {
        return Ipv4.format(address) + "/" + length;
    }
}
