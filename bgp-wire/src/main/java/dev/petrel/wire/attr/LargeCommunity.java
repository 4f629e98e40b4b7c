package dev.petrel.wire.attr;

/** A LARGE_COMMUNITIES value (RFC 8092): three unsigned 32-bit numbers. */
public record LargeCommunity(long global, long local1, long local2) {
    public LargeCommunity {
        if (((global | local1 | local2) & ~0xffffffffL) != 0) {
            throw new IllegalArgumentException("large community parts must be 0..4294967295");
        }
    }

    @Override
    public String toString() {
        return global + ":" + local1 + ":" + local2;
    }
}
