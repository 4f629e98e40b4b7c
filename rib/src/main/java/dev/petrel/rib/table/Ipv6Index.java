package dev.petrel.rib.table;

import dev.petrel.wire.nlri.Ipv6Prefix;
import dev.petrel.wire.nlri.Prefix;
import java.util.Arrays;

/** {@link PrefixIndex} for IPv6: the address as two longs and the length as a byte, per id. */
public final class Ipv6Index extends PrefixIndex {
    private long[] high = new long[0];
    private long[] low = new long[0];
    /** Length + 1; 0 for an unused id. */
    private byte[] lengths = new byte[0];

    private static int hash(long hi, long lo, int len) {
        return mix(mix(hi) * 31L + lo * 0x9E3779B97F4A7C15L + len);
    }

    public int find(long hi, long lo, int len) {
        return probe(hash(hi, lo, len), hi, lo, len);
    }

    private int probe(int h, long hi, long lo, int len) {
        int[] slots = slots();
        int mask = mask();
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == 0) {
                return -1;
            }
            int id = s - 1;
            if (high[id] == hi && low[id] == lo && (lengths[id] & 0xff) == len + 1) {
                return id;
            }
        }
    }

    public int intern(long hi, long lo, int len) {
        int h = hash(hi, lo, len);
        int id = probe(h, hi, lo, len);
        if (id >= 0) {
            return id;
        }
        id = newId();
        high[id] = hi;
        low[id] = lo;
        lengths[id] = (byte) (len + 1);
        insert(id, h);
        return id;
    }

    public long high(int id) {
        return high[id];
    }

    public long low(int id) {
        return low[id];
    }

    @Override
    public int find(Prefix p) {
        Ipv6Prefix v6 = (Ipv6Prefix) p;
        return find(v6.high(), v6.low(), v6.length());
    }

    @Override
    public int intern(Prefix p) {
        Ipv6Prefix v6 = (Ipv6Prefix) p;
        return intern(v6.high(), v6.low(), v6.length());
    }

    @Override
    public Prefix prefix(int id) {
        return new Ipv6Prefix(high[id], low[id], length(id));
    }

    @Override
    public int length(int id) {
        return (lengths[id] & 0xff) - 1;
    }

    @Override
    public boolean live(int id) {
        return id < limit && lengths[id] != 0;
    }

    @Override
    int hashOf(int id) {
        return hash(high[id], low[id], length(id));
    }

    @Override
    void grow(int needed) {
        if (needed > high.length) {
            int n = grownLength(high.length, needed);
            high = Arrays.copyOf(high, n);
            low = Arrays.copyOf(low, n);
            lengths = Arrays.copyOf(lengths, n);
        }
    }

    @Override
    void clearKey(int id) {
        lengths[id] = 0;
    }

    @Override
    int keyBytes() {
        return 17;
    }
}
