package dev.petrel.rib;

import dev.petrel.rib.table.Ipv4Index;
import dev.petrel.rib.table.Ipv6Index;
import dev.petrel.rib.table.PrefixIndex;
import dev.petrel.wire.Family;
import java.util.Arrays;

/**
 * The routes of one address family: every prefix's candidate paths (the Adj-RIBs-In after policy, as one linked
 * list per prefix) and its best path (the Loc-RIB). Arrays indexed by the prefix's id in {@link #index}.
 * Owned by the RIB thread.
 */
final class RouteTable {
    final Family family;
    final PrefixIndex index;
    private Path[] heads = new Path[0];
    private Path[] best = new Path[0];
    /** Per prefix: how many outputs (update groups' pending sets and advertised entries) still refer to its id. */
    private int[] holds = new int[0];
    /** Paths held, eligible or not. */
    long paths;
    /** Prefixes with a best path. */
    int bestCount;
    /** The next ADD-PATH send id (0 is skipped, so that every id differs from a plain route's). */
    private int nextSendId = 1;
    private boolean sendIdsWrapped;

    RouteTable(Family family) {
        this.family = family;
        this.index = family.afi() == Family.AFI_IPV6 ? new Ipv6Index() : new Ipv4Index();
    }

    /** Makes the per-id arrays long enough for every id the index has handed out. */
    void ensureCapacity() {
        int need = index.limit();
        if (need > heads.length) {
            int n = PrefixIndex.grownLength(heads.length, need);
            heads = Arrays.copyOf(heads, n);
            best = Arrays.copyOf(best, n);
            holds = Arrays.copyOf(holds, n);
        }
    }

    Path head(int id) {
        return id < heads.length ? heads[id] : null;
    }

    Path best(int id) {
        return id < best.length ? best[id] : null;
    }

    /** The path of {@code source} with {@code pathId} at prefix {@code id}, or null. */
    Path find(int id, Source source, int pathId) {
        for (Path p = head(id); p != null; p = p.next) {
            if (p.source == source && p.pathId == pathId) {
                return p;
            }
        }
        return null;
    }

    /**
     * Adds a new path at prefix {@code id} (the caller checked that the source has none with its path id), and gives
     * it its ADD-PATH send id: the next value of a counter, so unique among the prefix's paths until the counter
     * wraps after 2^32 paths; from then on a value still in use at the prefix is skipped (a walk of its list).
     */
    void add(int id, Path p) {
        ensureCapacity();
        int s = nextSendId++;
        if (s == 0) {
            sendIdsWrapped = true;
            s = nextSendId++;
        }
        if (sendIdsWrapped) {
            while (sendIdInUse(id, s)) {
                s = nextSendId++;
            }
        }
        p.sendId = s;
        p.next = heads[id];
        heads[id] = p;
        paths++;
    }

    private boolean sendIdInUse(int id, int s) {
        for (Path q = heads[id]; q != null; q = q.next) {
            if (q.sendId == s) {
                return true;
            }
        }
        return false;
    }

    /** Unlinks {@code p} from prefix {@code id}; releases the id when no path is left. */
    void unlink(int id, Path p) {
        Path prev = null;
        for (Path q = heads[id]; q != null; prev = q, q = q.next) {
            if (q == p) {
                if (prev == null) {
                    heads[id] = q.next;
                } else {
                    prev.next = q.next;
                }
                q.next = null;
                paths--;
                return;
            }
        }
        throw new IllegalStateException("path not at prefix " + index.prefix(id));
    }

    /**
     * Runs the decision process for prefix {@code id}. Returns the previous best path when the best path changed
     * (in identity, or because {@code touched}, a path whose attributes changed in place, is or was the best), or
     * null when nothing changed. {@link #NONE} stands for "there was no best path before".
     */
    Path decide(int id, Path touched, DecisionOptions options) {
        Path old = best[id];
        Path now = BestPath.best(heads[id], options);
        if (now != old) {
            best[id] = now;
            if (old == null) {
                bestCount++;
            } else if (now == null) {
                bestCount--;
            }
            return old == null ? NONE : old;
        }
        if (touched != null && touched == now) {
            return old;
        }
        return null;
    }

    /**
     * Releases prefix {@code id}'s index entry when it has no path left and no output refers to it any more (an
     * update group that has yet to send its withdrawal still needs to know which prefix the id was).
     */
    void releaseIfEmpty(int id) {
        if (heads[id] == null && best[id] == null && holds[id] == 0) {
            index.release(id);
        }
    }

    /** An output starts referring to prefix {@code id}. */
    void hold(int id) {
        holds[id]++;
    }

    /** An output no longer refers to prefix {@code id}. */
    void unhold(int id) {
        if (--holds[id] == 0) {
            releaseIfEmpty(id);
        }
    }

    /** The paths of one source, with their prefix ids: a snapshot the caller may change the table under. */
    record SourcePaths(int[] ids, Path[] paths, int size) {}

    /**
     * Every path of {@code source}, by walking the table. Petrel keeps no per-peer index of its routes (it would
     * cost about 24 octets per route); peer down, policy change and refresh walk the per-prefix arrays instead,
     * which for a million prefixes takes a few milliseconds.
     */
    SourcePaths pathsOf(Source source) {
        int[] ids = new int[16];
        Path[] ps = new Path[16];
        int n = 0;
        for (int id = 0, lim = Math.min(index.limit(), heads.length); id < lim; id++) {
            for (Path p = heads[id]; p != null; p = p.next) {
                if (p.source == source) {
                    if (n == ids.length) {
                        ids = Arrays.copyOf(ids, n * 2);
                        ps = Arrays.copyOf(ps, n * 2);
                    }
                    ids[n] = id;
                    ps[n++] = p;
                }
            }
        }
        return new SourcePaths(ids, ps, n);
    }

    /** A marker: the decision changed from "no best path". */
    static final Path NONE = new Path(Source.local(-1), 0);

    /** Octets held by the per-prefix arrays and the index. */
    long bytes() {
        return 12L * heads.length + index.bytes();
    }
}
