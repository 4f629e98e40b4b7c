package dev.petrel.wire.nlri;

import dev.petrel.wire.Family;
import java.util.Arrays;

/** IPv6 prefixes packed as two longs of address and one byte of length each. */
public final class Ipv6PrefixList extends PrefixList {
    public static final Ipv6PrefixList EMPTY = new Ipv6PrefixList(new long[0], new byte[0], 0, null);

    private final long[] words;
    private final byte[] lengths;

    /**
     * A list over {@code words[0, 2*size)} (high and low 64 bits per prefix) and {@code lengths[0, size)}, without
     * copying: the caller must not change them while the list is in use.
     */
    public static Ipv6PrefixList wrap(long[] words, byte[] lengths, int size, int[] pathIds) {
        return new Ipv6PrefixList(words, lengths, size, pathIds);
    }

    Ipv6PrefixList(long[] words, byte[] lengths, int size, int[] pathIds) {
        super(size, pathIds);
        this.words = words;
        this.lengths = lengths;
    }

    @Override
    public Family family() {
        return Family.IPV6_UNICAST;
    }

    public long high(int i) {
        checkIndex(i);
        return words[2 * i];
    }

    public long low(int i) {
        checkIndex(i);
        return words[2 * i + 1];
    }

    @Override
    public int length(int i) {
        checkIndex(i);
        return lengths[i] & 0xff;
    }

    @Override
    public Ipv6Prefix get(int i) {
        return new Ipv6Prefix(high(i), low(i), length(i));
    }

    @Override
    public PrefixList slice(int from, int to) {
        return new Ipv6PrefixList(Arrays.copyOfRange(words, 2 * from, 2 * to), Arrays.copyOfRange(lengths, from, to),
                to - from, slicePathIds(pathIds, from, to));
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv6PrefixList l && size == l.size
                && Arrays.equals(words, 0, 2 * size, l.words, 0, 2 * size)
                && Arrays.equals(lengths, 0, size, l.lengths, 0, size)
                && Arrays.equals(pathIds, l.pathIds);
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < 2 * size; i++) {
            h = 31 * h + Long.hashCode(words[i]);
        }
        return 31 * h + Arrays.hashCode(pathIds);
    }
}
