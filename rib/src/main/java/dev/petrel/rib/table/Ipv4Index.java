package dev.petrel.rib.table;

import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Prefix;
import java.util.Arrays;

/** {@link PrefixIndex} for IPv4: each key is the address in the high 32 bits and the length in the low 8. */
public final class Ipv4Index extends PrefixIndex {
    private static final long NONE = -1;
    private long[] keys = new long[0];

    public static long key(int address, int length) {
        return ((long) address << 32) | length;
    }

    /** The id of the prefix with key {@code k}, or -1. */
    public int find(long k) {
        return probe(mix(k), k);
    }

    private int probe(int h, long k) {
        int[] slots = slots();
        int mask = mask();
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == 0) {
                return -1;
            }
            if (keys[s - 1] == k) {
                return s - 1;
            }
        }
    }

    /** The id of the prefix with key {@code k}, added when new. */
    public int intern(long k) {
        int h = mix(k);
        int id = probe(h, k);
        if (id >= 0) {
            return id;
        }
        id = newId();
        keys[id] = k;
        insert(id, h);
        return id;
    }

    public long key(int id) {
        return keys[id];
    }

    @Override
    public int find(Prefix p) {
        Ipv4Prefix v4 = (Ipv4Prefix) p;
        return find(key(v4.address(), v4.length()));
    }

    @Override
    public int intern(Prefix p) {
        Ipv4Prefix v4 = (Ipv4Prefix) p;
        return intern(key(v4.address(), v4.length()));
    }

    @Override
    public Prefix prefix(int id) {
        long k = keys[id];
        return new Ipv4Prefix((int) (k >>> 32), (int) k & 0xff);
    }

    @Override
    public int length(int id) {
        return (int) keys[id] & 0xff;
    }

    @Override
    public boolean live(int id) {
        return id < limit && keys[id] != NONE;
    }

    @Override
    int hashOf(int id) {
        return mix(keys[id]);
    }

    @Override
    void grow(int needed) {
        if (needed > keys.length) {
            int old = keys.length;
            keys = Arrays.copyOf(keys, grownLength(old, needed));
            Arrays.fill(keys, old, keys.length, NONE);
        }
    }

    @Override
    void clearKey(int id) {
        keys[id] = NONE;
    }

    @Override
    int keyBytes() {
        return 8;
    }
}
