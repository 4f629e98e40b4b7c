package dev.petrel.rib.table;

import dev.petrel.wire.attr.PathAttributes;

/**
 * One shared instance per distinct attribute set, with a reference count: a full table has about a million
 * routes but only about a third as many attribute sets, so the RIB stores a reference per route and compares
 * sets by identity (update packing groups prefixes by it).
 *
 * <p>{@link PathAttributes#hashCode} is seeded at random per process and cached, so a peer cannot send sets
 * that all land in one probe run, and retain/release cost no hashing. Open addressing with linear probing and backward-shift deletion; a set leaves the
 * table when its count drops to zero. Owned by the RIB thread.
 */
public final class AttributeInterner {
    private PathAttributes[] sets = new PathAttributes[1024];
    private int[] hashes = new int[1024];
    private int[] refs = new int[1024];
    private int mask = 1023;
    private int size;
    private long bytes;

    /** Distinct sets held. */
    public int size() {
        return size;
    }

    /** Octets of canonical attribute bytes held (the arrays' contents, without object headers). */
    public long attributeBytes() {
        return bytes;
    }

    /** Octets held by the table itself. */
    public long tableBytes() {
        return 12L * sets.length;
    }

    /** The shared instance equal to {@code a}, counting one more reference to it. */
    public PathAttributes intern(PathAttributes a) {
        int h = a.hashCode();
        int i = h & mask;
        for (; ; i = (i + 1) & mask) {
            PathAttributes s = sets[i];
            if (s == null) {
                break;
            }
            if (s == a || (hashes[i] == h && s.equals(a))) {
                refs[i]++;
                return s;
            }
        }
        sets[i] = a;
        hashes[i] = h;
        refs[i] = 1;
        bytes += a.size();
        if (++size * 2 > sets.length) {
            grow();
        }
        return a;
    }

    /** One more reference to {@code a}, which must be an interned instance. */
    public void retain(PathAttributes a) {
        refs[slotOf(a)]++;
    }

    /**
     * {@code n} more references to the interned {@code a} (n may be -1 to drop the one the caller held): an
     * UPDATE's prefixes share one set, so the RIB counts them and adjusts once per message.
     */
    public void adjust(PathAttributes a, int n) {
        if (n > 0) {
            refs[slotOf(a)] += n;
        } else if (n < 0) {
            for (int i = 0; i < -n; i++) {
                release(a);
            }
        }
    }

    /** One reference fewer to the interned {@code a}; it leaves the table at zero. Null is ignored. */
    public void release(PathAttributes a) {
        if (a == null) {
            return;
        }
        int i = slotOf(a);
        if (--refs[i] > 0) {
            return;
        }
        bytes -= a.size();
        int hole = i;
        for (int j = (hole + 1) & mask; sets[j] != null; j = (j + 1) & mask) {
            int home = hashes[j] & mask;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                sets[hole] = sets[j];
                hashes[hole] = hashes[j];
                refs[hole] = refs[j];
                hole = j;
            }
        }
        sets[hole] = null;
        size--;
    }

    /** The reference count of the interned {@code a} (0 when it is not held): for tests and leak checks. */
    public int references(PathAttributes a) {
        int h = a.hashCode();
        for (int i = h & mask; sets[i] != null; i = (i + 1) & mask) {
            if (sets[i] == a) {
                return refs[i];
            }
        }
        return 0;
    }

    private int slotOf(PathAttributes a) {
        int h = a.hashCode();
        for (int i = h & mask; ; i = (i + 1) & mask) {
            PathAttributes s = sets[i];
            if (s == a) {
                return i;
            }
            if (s == null) {
                throw new IllegalStateException("not an interned attribute set: " + a);
            }
        }
    }

    private void grow() {
        PathAttributes[] os = sets;
        int[] oh = hashes;
        int[] or = refs;
        int cap = os.length * 2;
        sets = new PathAttributes[cap];
        hashes = new int[cap];
        refs = new int[cap];
        mask = cap - 1;
        for (int k = 0; k < os.length; k++) {
            if (os[k] != null) {
                int i = oh[k] & mask;
                while (sets[i] != null) {
                    i = (i + 1) & mask;
                }
                sets[i] = os[k];
                hashes[i] = oh[k];
                refs[i] = or[k];
            }
        }
    }
}
