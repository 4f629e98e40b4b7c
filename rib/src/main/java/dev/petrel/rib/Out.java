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
 *
 * <p>Without ADD-PATH send (the usual case) one path per prefix: a reference, a next hop and a bit per prefix id;
 * and, only in a group some of whose members are the source of routes it advertises (a reflector's clients), the
 * source id of each such route ({@link #origin}): that member was not sent it.
 * With it ({@link #addPaths} &gt; 0) the per-prefix arrays stay empty and {@link #sent} keeps, per prefix id, the
 * paths sent ({@link Sent}: path identifier, recorded set, next hop), in decision order.
 */
final class Out {
    final Family family;
    final RouteTable table;
    final Policy policy;
    final boolean mp;
    /** ADD-PATH send (RFC 7911): how many paths per prefix (the best N, or Integer.MAX_VALUE: all); 0 without. */
    final int addPaths;
    /** Under ADD-PATH, per prefix id: the paths sent, or null. */
    private Sent[] sent = new Sent[0];
    private PathAttributes[] advertised = new PathAttributes[0];
    private NextHop[] nextHops = new NextHop[0];
    /** Per id: {@code advertised} holds the input set of a cacheable export, not the set sent. */
    private long[] viaInput = new long[0];
    /**
     * Per id: 1 + the source id of the advertised route when that source is a member of the group (which was not
     * sent it), else 0. Allocated on the first such route: a group whose members send it nothing has none.
     */
    private int[] origin;
    final DirtySet dirty = new DirtySet();
    int count;

    /**
     * What an ADD-PATH group sent for one prefix: {@code n} paths in decision order, each with the path identifier
     * it went with ({@link Path#sendId}), the recorded attribute set (the path's own set for a cacheable export,
     * as {@code input} says, else the set sent; retained) and, for MP families, the next hop.
     */
    static final class Sent {
        int n;
        int[] ids;
        PathAttributes[] attributes;
        NextHop[] nextHops;
        boolean[] input;
        /** Per path: the source id of the member it came from (which was not sent it), or -1. */
        int[] from;

        Sent(int capacity, boolean mp) {
            ids = new int[capacity];
            from = new int[capacity];
            attributes = new PathAttributes[capacity];
            nextHops = mp ? new NextHop[capacity] : null;
            input = new boolean[capacity];
        }

        /** The index of path identifier {@code pathId}, or -1. */
        int indexOf(int pathId) {
            for (int i = 0; i < n; i++) {
                if (ids[i] == pathId) {
                    return i;
                }
            }
            return -1;
        }

        NextHop nextHop(int i) {
            return nextHops == null ? null : nextHops[i];
        }

        long bytes() {
            int c = ids.length;
            return 40 + 2 * (16 + 4L * c) + (16 + 4L * c) + (nextHops == null ? 0 : 16 + 4L * c)
                    + (16 + (c + 7) / 8 * 8);
        }
    }

    Out(Family family, RouteTable table, Policy policy) {
        this(family, table, policy, 0);
    }

    Out(Family family, RouteTable table, Policy policy, int addPaths) {
        this.family = family;
        this.table = table;
        this.policy = policy;
        this.mp = !family.equals(Family.IPV4_UNICAST);
        this.addPaths = addPaths;
    }

    /** Whether anything is advertised for {@code id}. */
    boolean has(int id) {
        return addPaths == 0 ? advertised(id) != null : sent(id) != null;
    }

    /** Under ADD-PATH: what was sent for {@code id}, or null. Not to be changed by the caller. */
    Sent sent(int id) {
        return id < sent.length ? sent[id] : null;
    }

    /**
     * Under ADD-PATH: records what is now advertised for {@code id}: {@code n} paths with their path identifiers,
     * recorded sets (retained here), next hops, input flags and the member each came from, or -1 (the arrays are
     * the caller's scratch, copied).
     */
    void setPaths(RibState rib, int id, int n, int[] ids, PathAttributes[] attrs, NextHop[] nhs, boolean[] input,
            int[] from) {
        if (id >= sent.length) {
            sent = Arrays.copyOf(sent, dev.petrel.rib.table.PrefixIndex.grownLength(sent.length, id + 1));
        }
        for (int i = 0; i < n; i++) {
            rib.interner.retain(attrs[i]);
        }
        Sent prev = sent[id];
        if (prev != null) {
            for (int i = 0; i < prev.n; i++) {
                rib.interner.release(prev.attributes[i]);
                prev.attributes[i] = null;
                if (prev.nextHops != null) {
                    prev.nextHops[i] = null;
                }
            }
        }
        if (n == 0) {
            if (prev != null) {
                sent[id] = null;
                count--;
                table.unhold(id);
            }
            return;
        }
        Sent s = prev;
        if (s == null || s.ids.length < n) {
            s = new Sent(n, mp);
        }
        s.n = n;
        System.arraycopy(ids, 0, s.ids, 0, n);
        System.arraycopy(attrs, 0, s.attributes, 0, n);
        System.arraycopy(input, 0, s.input, 0, n);
        System.arraycopy(from, 0, s.from, 0, n);
        if (mp) {
            System.arraycopy(nhs, 0, s.nextHops, 0, n);
        }
        sent[id] = s;
        if (prev == null) {
            count++;
            table.hold(id);
        }
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
        return Math.min(addPaths == 0 ? advertised.length : sent.length, table.index.limit());
    }

    PathAttributes advertised(int id) {
        return id < advertised.length ? advertised[id] : null;
    }

    boolean viaInput(int id) {
        int w = id >>> 6;
        return w < viaInput.length && (viaInput[w] & (1L << id)) != 0;
    }

    /** The source id of the route advertised for {@code id} when a member of the group sent it, else -1. */
    int origin(int id) {
        return origin == null || id >= origin.length ? -1 : origin[id] - 1;
    }

    /** Records that the route advertised for {@code id} came from member source {@code sourceId} (-1: none). */
    void setOrigin(int id, int sourceId) {
        if (origin == null) {
            if (sourceId < 0) {
                return;
            }
            origin = new int[0];
        }
        if (id >= origin.length) {
            if (sourceId < 0) {
                return;
            }
            origin = Arrays.copyOf(origin, dev.petrel.rib.table.PrefixIndex.grownLength(origin.length, id + 1));
        }
        origin[id] = sourceId + 1;
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
        } else {
            setOrigin(id, -1);
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
        for (int id = 0; id < sent.length; id++) {
            if (sent[id] != null) {
                setPaths(rib, id, 0, null, null, null, null, null);
            }
        }
    }

    long bytes() {
        long b = 4L * advertised.length + 4L * nextHops.length + 8L * viaInput.length + dirty.bytes()
                + (origin == null ? 0 : 4L * origin.length);
        if (addPaths > 0) {
            b += 4L * sent.length;
            for (Sent s : sent) {
                if (s != null) {
                    b += s.bytes();
                }
            }
        }
        return b;
    }
}
