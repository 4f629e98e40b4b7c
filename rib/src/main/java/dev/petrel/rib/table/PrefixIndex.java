package dev.petrel.rib.table;

import dev.petrel.wire.nlri.Prefix;
import java.util.Arrays;

/**
 * Gives every prefix of one family a small dense id, so the tables are arrays indexed by id rather than maps of
 * prefix objects: a full table costs about 20 octets per prefix here, and every other table 4 octets per prefix
 * per reference it holds. Ids are reused after {@link #release}; a prefix keeps its id as long as anything holds
 * it (the table releases it when its last path goes).
 *
 * <p>The hash table maps slots to ids + 1 (0 = empty), linear probing with backward-shift deletion; the keys live
 * in the subclass's per-id arrays.
 */
public abstract sealed class PrefixIndex permits Ipv4Index, Ipv6Index {
    private int[] slots = new int[64];
    private int mask = 63;
    private int size;
    /** Ids handed out so far (the high-water mark); arrays indexed by id need this length. */
    int limit;
    private int[] free = new int[16];
    private int freeCount;

    /** The number of prefixes held. */
    public final int size() {
        return size;
    }

    /** One past the highest id in use at any time so far: the length id-indexed arrays need. */
    public final int limit() {
        return limit;
    }

    /** The prefix with id {@code id}. */
    public abstract Prefix prefix(int id);

    /** The id of {@code p}, or -1. */
    public abstract int find(Prefix p);

    /** The id of {@code p}, added when new. */
    public abstract int intern(Prefix p);

    /** The prefix length of id {@code id}. */
    public abstract int length(int id);

    abstract int hashOf(int id);

    abstract void grow(int capacity);

    /** Octets held per id slot by the subclass's key arrays. */
    abstract int keyBytes();

    /** Whether id {@code id} is in use (ids of released prefixes are not). */
    public abstract boolean live(int id);

    abstract void clearKey(int id);

    /**
     * Probing, written out in each subclass's find (no lambda on the hot path): start at {@code h & mask()},
     * step by one, stop at a 0 slot; a non-zero slot holds id + 1.
     */
    final int[] slots() {
        return slots;
    }

    final int mask() {
        return mask;
    }

    /** A new id for a key the subclass is about to store; the caller then calls {@link #insert}. */
    final int newId() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (limit == Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("prefix index full");
        }
        int id = limit++;
        grow(limit);
        return id;
    }

    final void insert(int id, int h) {
        int i = h & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = id + 1;
        if (++size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
    }

    /** Forgets prefix {@code id}; its id may be handed out again. */
    public final void release(int id) {
        int h = hashOf(id);
        int i = h & mask;
        while (slots[i] != id + 1) {
            if (slots[i] == 0) {
                throw new IllegalStateException("id " + id + " is not in the index");
            }
            i = (i + 1) & mask;
        }
        int hole = i;
        for (int j = (hole + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            int home = hashOf(slots[j] - 1) & mask;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = 0;
        size--;
        clearKey(id);
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = id;
    }

    private void rehash(int capacity) {
        int[] old = slots;
        slots = new int[capacity];
        mask = capacity - 1;
        for (int s : old) {
            if (s != 0) {
                int i = hashOf(s - 1) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = s;
            }
        }
    }

    /** Octets held: the slot table, the key arrays and the free list. */
    public final long bytes() {
        return 4L * slots.length + (long) keyBytes() * limit + 4L * free.length;
    }

    static int mix(long k) {
        // murmur3's fmix64: every input bit reaches the low bits that pick the slot. (A bare multiply does not:
        // prefixes have many zero host bits and their length in the low byte, so they would share slots.)
        long h = k ^ (k >>> 33);
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return (int) (h ^ (h >>> 33));
    }

    /** The size an id-indexed array should grow to so that it holds {@code needed}: amortised doubling. */
    public static int grownLength(int current, int needed) {
        if (needed <= current) {
            return current;
        }
        return Math.max(needed, Math.max(16, current + (current >> 1)));
    }
}
