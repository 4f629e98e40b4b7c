package dev.petrel.rib.table;

import java.util.Arrays;

/**
 * Prefix ids waiting to be looked at again, each at most once, in the order they first became dirty: an update
 * group's pending changes. Latest-wins comes for free: the group reads the current best path when it drains an
 * id, so ten changes to one prefix while a peer was slow cost one UPDATE.
 */
public final class DirtySet {
    private long[] member = new long[16];
    private int[] ring = new int[64];
    private int head;
    private int count;

    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public boolean contains(int id) {
        int w = id >>> 6;
        return w < member.length && (member[w] & (1L << id)) != 0;
    }

    /** Marks {@code id}; true when it was not marked. */
    public boolean add(int id) {
        int w = id >>> 6;
        if (w >= member.length) {
            member = Arrays.copyOf(member, Math.max(w + 1, member.length * 2));
        }
        long bit = 1L << id;
        if ((member[w] & bit) != 0) {
            return false;
        }
        member[w] |= bit;
        if (count == ring.length) {
            int[] bigger = new int[ring.length * 2];
            for (int i = 0; i < count; i++) {
                bigger[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + count) & (ring.length - 1)] = id;
        count++;
        return true;
    }

    /** Takes the oldest id; -1 when empty. */
    public int poll() {
        if (count == 0) {
            return -1;
        }
        int id = ring[head];
        head = (head + 1) & (ring.length - 1);
        count--;
        member[id >>> 6] &= ~(1L << id);
        return id;
    }

    public void clear() {
        Arrays.fill(member, 0);
        head = 0;
        count = 0;
    }

    public long bytes() {
        return 8L * member.length + 4L * ring.length;
    }
}
