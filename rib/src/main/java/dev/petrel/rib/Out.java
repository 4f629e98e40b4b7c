package dev.petrel.rib;

import dev.petrel.rib.policy.Policy;
import dev.petrel.rib.table.DirtySet;
import dev.petrel.wire.Family;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.attr.PathAttributes;
import java.util.Arrays;

/**
 * One family of an update group's Adj-RIB-Out: what was last advertised per prefix id (interned attribute sets;
 * for families whose next hop travels in MP_REACH_NLRI, the next hop too) and the ids waiting to be looked at.
 * Every id it refers to is held in the {@link RouteTable} so it is not reused before the withdrawal goes out.
 */
final class Out {
    final Family family;
    final RouteTable table;
    final Policy policy;
    final boolean mp;
    private PathAttributes[] advertised = new PathAttributes[0];
    private NextHop[] nextHops = new NextHop[0];
    /** Per id: {@code advertised} holds the input set of a cacheable export, not the set sent. */
    private long[] viaInput = new long[0];
    final DirtySet dirty = new DirtySet();
    int count;

    Out(Family family, RouteTable table, Policy policy) {
        this.family = family;
        this.table = table;
        this.policy = policy;
        this.mp = !family.equals(Family.IPV4_UNICAST);
    }

    void mark(int id) {
        if (dirty.add(id)) {
            table.hold(id);
        }
    }

    /** Every prefix with a best path: a new group's initial table. */
    void markAll() {
        for (int id = 0, n = table.index.limit(); id < n; id++) {
            if (table.best(id) != null) {
                mark(id);
            }
        }
    }

    int limit() {
        return Math.min(advertised.length, table.index.limit());
    }

    PathAttributes advertised(int id) {
        return id < advertised.length ? advertised[id] : null;
    }

    boolean viaInput(int id) {
        int w = id >>> 6;
        return w < viaInput.length && (viaInput[w] & (1L << id)) != 0;
    }

    NextHop advertisedNextHop(int id) {
        return mp && id < nextHops.length ? nextHops[id] : null;
    }

    /**
     * Records what was sent for {@code id}: {@code a} (retained here), which is the input set when {@code
     * input} (a cacheable export), or null for a withdrawal.
     */
    void set(RibState rib, int id, PathAttributes a, NextHop nh, boolean input) {
        if (id >= advertised.length) {
            int n = dev.petrel.rib.table.PrefixIndex.grownLength(advertised.length, id + 1);
            advertised = Arrays.copyOf(advertised, n);
            if (mp) {
                nextHops = Arrays.copyOf(nextHops, n);
            }
            viaInput = Arrays.copyOf(viaInput, (n + 63) >>> 6);
        }
        if (input) {
            viaInput[id >>> 6] |= 1L << id;
        } else {
            viaInput[id >>> 6] &= ~(1L << id);
        }
        PathAttributes prev = advertised[id];
        if (a != null) {
            rib.interner.retain(a);
        }
        advertised[id] = a;
        if (mp) {
            nextHops[id] = nh;
        }
        if (prev == null && a != null) {
            count++;
            table.hold(id);
        } else if (prev != null) {
            rib.interner.release(prev);
            if (a == null) {
                count--;
                table.unhold(id);
            }
        }
    }

    /** The group is gone: let go of everything. */
    void dispose(RibState rib) {
        for (int id; (id = dirty.poll()) >= 0; ) {
            table.unhold(id);
        }
        for (int id = 0; id < advertised.length; id++) {
            if (advertised[id] != null) {
                set(rib, id, null, null, false);
            }
        }
    }

    long bytes() {
        return 4L * advertised.length + 4L * nextHops.length + 8L * viaInput.length + dirty.bytes();
    }
}
