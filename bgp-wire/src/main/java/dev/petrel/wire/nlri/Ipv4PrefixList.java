package dev.petrel.wire.nlri;

import dev.petrel.wire.Family;
import java.util.Arrays;

/** IPv4 prefixes packed one per long: the address in the high 32 bits, the length in the low 8. */
public final class Ipv4PrefixList extends PrefixList {
    public static final Ipv4PrefixList EMPTY = new Ipv4PrefixList(new long[0], 0, null);

    private final long[] entries;

    Ipv4PrefixList(long[] entries, int size, int[] pathIds) {
        super(size, pathIds);
        this.entries = entries;
    }

    /**
     * A list over {@code entries[0, size)} (address in the high 32 bits, length in the low 8, host bits zero),
     * without copying: the caller must not change those entries while the list is in use. For encoders that
     * build many short lists from a reusable scratch array.
     */
    public static Ipv4PrefixList wrap(long[] entries, int size, int[] pathIds) {
        return new Ipv4PrefixList(entries, size, pathIds);
    }

    static long entry(int address, int length) {
        return ((long) address << 32) | length;
    }

    @Override
    public Family family() {
        return Family.IPV4_UNICAST;
    }

    /** Entry {@code i} packed as in {@link #wrap}: the address in the high 32 bits, the length in the low 8. */
    public long entry(int i) {
        checkIndex(i);
        return entries[i];
    }

    /** The (host-bits-zero) address of entry {@code i}. */
    public int address(int i) {
        checkIndex(i);
        return (int) (entries[i] >>> 32);
    }

    @Override
    public int length(int i) {
        checkIndex(i);
        return (int) entries[i] & 0xff;
    }

    @Override
    public Ipv4Prefix get(int i) {
        return new Ipv4Prefix(address(i), length(i));
    }

    @Override
    public PrefixList slice(int from, int to) {
        return new Ipv4PrefixList(Arrays.copyOfRange(entries, from, to), to - from, slicePathIds(pathIds, from, to));
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4PrefixList l && size == l.size
                && Arrays.equals(entries, 0, size, l.entries, 0, size)
                && Arrays.equals(pathIds, l.pathIds);
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + Long.hashCode(entries[i]);
        }
        return 31 * h + Arrays.hashCode(pathIds);
    }
}
