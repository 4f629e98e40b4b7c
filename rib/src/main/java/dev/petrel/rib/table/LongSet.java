package dev.petrel.rib.table;

import java.util.Arrays;

/**
 * An open-addressing set of longs (linear probing, backward-shift deletion): a peer's Adj-RIB-In keys, about 16
 * octets per entry instead of the 50-odd of a {@code HashSet<Long>}. {@code -1} cannot be stored (the empty
 * slot); RIB keys never are -1 because prefix ids are below 2^31.
 */
public final class LongSet {
    private static final long EMPTY = -1;
    private long[] slots;
    private int size;
    private int mask;

    public LongSet() {
        this(16);
    }

    public LongSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new long[cap];
        Arrays.fill(slots, EMPTY);
        mask = cap - 1;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private static int mix(long k) {
        // murmur3's fmix64: every input bit reaches the low bits that pick the slot. (A bare multiply does not:
        // prefixes have many zero host bits and their length in the low byte, so they would share slots.)
        long h = k ^ (k >>> 33);
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return (int) (h ^ (h >>> 33));
    }

    public boolean contains(long k) {
        for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == k) {
                return true;
            }
            if (s == EMPTY) {
                return false;
            }
        }
    }

    /** Adds {@code k}; true when it was not there. */
    public boolean add(long k) {
        if (k == EMPTY) {
            throw new IllegalArgumentException("-1 cannot be stored");
        }
        int i = mix(k) & mask;
        for (; ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == k) {
                return false;
            }
            if (s == EMPTY) {
                break;
            }
        }
        slots[i] = k;
        if (++size * 2 > slots.length) {
            grow();
        }
        return true;
    }

    /** Removes {@code k}; true when it was there. */
    public boolean remove(long k) {
        int i = mix(k) & mask;
        for (; ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == EMPTY) {
                return false;
            }
            if (s == k) {
                break;
            }
        }
        // Backward-shift: move later entries of the run into the hole so lookups never stop early.
        int hole = i;
        for (int j = (hole + 1) & mask; slots[j] != EMPTY; j = (j + 1) & mask) {
            int home = mix(slots[j]) & mask;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = EMPTY;
        size--;
        return true;
    }

    public void clear() {
        Arrays.fill(slots, EMPTY);
        size = 0;
    }

    /** The members, in no particular order: a copy, so the caller may change the set while going through it. */
    public long[] toArray() {
        long[] out = new long[size];
        int n = 0;
        for (long s : slots) {
            if (s != EMPTY) {
                out[n++] = s;
            }
        }
        return out;
    }

    /** Octets held by the table. */
    public long bytes() {
        return 16L + 8L * slots.length;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        Arrays.fill(slots, EMPTY);
        mask = slots.length - 1;
        for (long s : old) {
            if (s != EMPTY) {
                int i = mix(s) & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = s;
            }
        }
    }
}
