package dev.petrel.wire.nlri;

import dev.petrel.wire.Family;
import java.util.ArrayList;
import java.util.List;

/**
 * The prefixes of one NLRI field (or one MP_REACH/MP_UNREACH), with their ADD-PATH path identifiers when the
 * session carries them (RFC 7911).
 *
 * <p>Held in primitive arrays, not one object per prefix: a full table is a million prefixes, and the decoder
 * produces these on the hot path. {@link #get(int)} builds a {@link Prefix} on demand for everything else.
 * Immutable; equality is over content, including path identifiers and order.
 */
public abstract sealed class PrefixList permits Ipv4PrefixList, Ipv6PrefixList {
    /** Path identifiers (unsigned 32-bit values in ints), or null when the list carries none. */
    final int[] pathIds;
    final int size;

    PrefixList(int size, int[] pathIds) {
        this.size = size;
        this.pathIds = pathIds;
    }

    public abstract Family family();

    public final int size() {
        return size;
    }

    public final boolean isEmpty() {
        return size == 0;
    }

    public final boolean hasPathIds() {
        return pathIds != null;
    }

    /** The path identifier of prefix {@code i} as an unsigned value; 0 when the list carries none. */
    public final long pathId(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return pathIds == null ? 0 : Integer.toUnsignedLong(pathIds[i]);
    }

    public abstract Prefix get(int i);

    /** The prefix length of entry {@code i}. */
    public abstract int length(int i);

    public final List<Prefix> toList() {
        List<Prefix> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(get(i));
        }
        return out;
    }

    /** Entries [from, to) as a new list of the same family. */
    public abstract PrefixList slice(int from, int to);

    /** "prefix/len", or "prefix/len path N" under ADD-PATH: the text form used in logs and JSON. */
    public final String text(int i) {
        return pathIds == null ? get(i).toString() : get(i) + " path " + pathId(i);
    }

    @Override
    public final String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(text(i));
        }
        return sb.append(']').toString();
    }

    /** An empty list for a unicast family of AFI 1 or 2. */
    public static PrefixList empty(Family family) {
        return family.afi() == Family.AFI_IPV6 ? Ipv6PrefixList.EMPTY : Ipv4PrefixList.EMPTY;
    }

    /** A list of the given prefixes (all of one AFI), without path identifiers. */
    public static PrefixList of(Prefix... prefixes) {
        return of(List.of(prefixes), null);
    }

    /** A list of the given prefixes (all of one AFI) with the given path identifiers (or null for none). */
    public static PrefixList of(List<? extends Prefix> prefixes, long[] pathIds) {
        if (pathIds != null && pathIds.length != prefixes.size()) {
            throw new IllegalArgumentException("one path id per prefix");
        }
        if (prefixes.isEmpty()) {
            return Ipv4PrefixList.EMPTY; // as the decoder returns an empty field, with or without ADD-PATH
        }
        int[] ids = null;
        if (pathIds != null) {
            ids = new int[pathIds.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) pathIds[i];
            }
        }
        if (prefixes.get(0) instanceof Ipv4Prefix) {
            long[] e = new long[prefixes.size()];
            for (int i = 0; i < e.length; i++) {
                Ipv4Prefix p = (Ipv4Prefix) prefixes.get(i);
                e[i] = Ipv4PrefixList.entry(p.address(), p.length());
            }
            return new Ipv4PrefixList(e, e.length, ids);
        }
        long[] w = new long[prefixes.size() * 2];
        byte[] l = new byte[prefixes.size()];
        for (int i = 0; i < l.length; i++) {
            Ipv6Prefix p = (Ipv6Prefix) prefixes.get(i);
            w[2 * i] = p.high();
            w[2 * i + 1] = p.low();
            l[i] = (byte) p.length();
        }
        return new Ipv6PrefixList(w, l, l.length, ids);
    }

    static int[] slicePathIds(int[] ids, int from, int to) {
        return ids == null ? null : java.util.Arrays.copyOfRange(ids, from, to);
    }
}
