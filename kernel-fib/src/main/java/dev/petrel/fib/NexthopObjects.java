package dev.petrel.fib;

import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.fib.kernel.KernelError;
import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelNexthopObject;
import dev.petrel.fib.kernel.KernelNexthopObject.Member;
import dev.petrel.fib.kernel.KernelOp;
import dev.petrel.fib.kernel.KernelRoute;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kernel nexthop objects Petrel owns, for ECMP routes (the FIB thread's). One object per distinct next hop
 * (gateway and output interface) and one group per distinct ordered list of (hop, weight); a route with two or
 * more next hops references its group by {@code RTA_NH_ID}. Ids are Petrel's own, counted up from
 * {@link #FIRST_ID}, skipping every id the kernel already holds.
 *
 * <p>Reference counts: a route's desired and its installed kernel route each hold a reference on their group, and
 * a group holds one on each of its hops. An object is created before the first route that needs it (earlier in
 * the same batch), and removed once nothing references it, which for a group means after the removal (or
 * replacement) of the last route through it has succeeded; its hops go in the next round. Nothing is removed
 * before convergence, so the objects of stale adopted routes stay as long as the routes do.
 */
final class NexthopObjects {
    /** Petrel allocates object ids from here up: well above what {@code ip nexthop} users pick by hand. */
    static final int FIRST_ID = 0x10000000;

    static final class Obj {
        KernelNexthopObject object;
        int refs;
        /** The kernel holds it (our write succeeded, or a dump showed it). */
        boolean created;
        /** A create for it is in the batch being built. */
        boolean queued;

        Obj(KernelNexthopObject object) {
            this.object = object;
        }
    }

    private record HopKey(InetAddress gateway, int ifindex) {}

    private final int protocol;
    boolean enabled;
    private int nextId = FIRST_ID;
    private final Map<Integer, Obj> byId = new HashMap<>();
    private final Map<HopKey, Obj> hops = new HashMap<>();
    private final Map<List<Member>, Obj> groups = new HashMap<>();
    /** Ids held by other protocols: never allocated, never touched. */
    private final Set<Integer> foreign = new HashSet<>();
    private final LinkedHashSet<Obj> garbage = new LinkedHashSet<>();
    private final List<KernelAddress> addresses = new ArrayList<>();

    NexthopObjects(int protocol) {
        this.protocol = protocol;
    }

    int size() {
        return byId.size();
    }

    /** The node's addresses: a gateway's interface is the one whose subnet holds it. */
    void addresses(List<KernelAddress> all) {
        addresses.clear();
        addresses.addAll(all);
    }

    void addressAdded(KernelAddress a) {
        addresses.add(a);
    }

    void addressDeleted(KernelAddress a) {
        addresses.remove(a);
    }

    /**
     * Makes what the kernel holds the truth: our objects it has are created (unknown ones of ours adopted, to be
     * removed after convergence unless a route uses them), those it lacks are not; other protocols' ids are noted.
     */
    void sync(List<KernelNexthopObject> dumped) {
        Set<Integer> present = new HashSet<>();
        foreign.clear();
        List<KernelNexthopObject> hopsFirst = new ArrayList<>(dumped);
        hopsFirst.sort(java.util.Comparator.comparing(KernelNexthopObject::isGroup)); // a group refs its hops
        for (KernelNexthopObject o : hopsFirst) {
            if (o.protocol() != protocol) {
                foreign.add(o.id());
                continue;
            }
            present.add(o.id());
            Obj known = byId.get(o.id());
            if (known == null || !known.object.equals(o)) {
                if (known != null) {
                    forget(known); // changed by someone: a stranger of ours now, rebuilt fresh if needed
                }
                Obj x = new Obj(o);
                x.created = true;
                byId.put(o.id(), x);
                if (o.isGroup()) {
                    groups.putIfAbsent(o.group(), x);
                    for (Member m : o.group()) {
                        Obj h = byId.get(m.id());
                        if (h != null) {
                            h.refs++;
                        }
                    }
                } else if (o.gateway() != null && !o.onlink()) {
                    hops.putIfAbsent(new HopKey(o.gateway(), o.ifindex()), x);
                }
            }
        }
        for (Obj x : byId.values()) {
            x.created = present.contains(x.object.id());
            x.queued = false; // a write that ended in an exception: the dump says what it did
            if (x.refs == 0) {
                garbage.add(x);
            }
        }
    }

    private void forget(Obj x) {
        byId.remove(x.object.id());
        hops.values().remove(x);
        groups.values().remove(x);
        garbage.remove(x);
    }

    /**
     * The group for {@code route}'s next hops, created in our tables if new; 0 when nexthop objects are off, the
     * route has fewer than two hops, or a hop's interface is unknown (no subnet of ours holds the gateway: such a
     * route spells its hops out, as the kernel resolves those itself).
     */
    int groupFor(List<KernelNextHop> route) {
        if (!enabled || route.size() < 2) {
            return 0;
        }
        List<Member> members = new ArrayList<>(route.size());
        List<HopKey> keys = new ArrayList<>(route.size());
        for (KernelNextHop h : route) {
            if (h.gateway() == null || h.onlink()) {
                return 0;
            }
            int ifindex = h.ifindex() != 0 ? h.ifindex() : interfaceFor(h.gateway());
            if (ifindex == 0) {
                return 0;
            }
            keys.add(new HopKey(h.gateway(), ifindex));
        }
        for (int i = 0; i < keys.size(); i++) {
            HopKey k = keys.get(i);
            Obj hop = hops.computeIfAbsent(k, x -> add(KernelNexthopObject.gateway(allocate(), protocol, x.gateway(),
                    x.ifindex())));
            members.add(new Member(hop.object.id(), route.get(i).weight()));
        }
        Obj g = groups.get(members);
        if (g == null) {
            g = add(KernelNexthopObject.group(allocate(), protocol, members));
            groups.put(List.copyOf(members), g);
            for (Member m : members) {
                ref(m.id());
            }
        }
        return g.object.id();
    }

    private Obj add(KernelNexthopObject o) {
        Obj x = new Obj(o);
        byId.put(o.id(), x);
        return x;
    }

    private int allocate() {
        while (byId.containsKey(nextId) || foreign.contains(nextId) || nextId <= 0) {
            nextId = nextId <= 0 ? FIRST_ID : nextId + 1;
        }
        return nextId++;
    }

    private int interfaceFor(InetAddress gw) {
        byte[] g = gw.getAddress();
        for (KernelAddress a : addresses) {
            byte[] l = a.address().getAddress();
            if (l.length == g.length && (gw instanceof Inet4Address) == (a.address() instanceof Inet4Address)
                    && samePrefix(l, g, a.prefixLength()) && !java.util.Arrays.equals(l, g)) {
                return a.ifindex();
            }
        }
        return 0;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if (((a[i] ^ b[i]) & mask) != 0) {
                return false;
            }
        }
        return true;
    }

    void ref(KernelRoute r) {
        if (r != null && r.nexthopId() != 0) {
            ref(r.nexthopId());
        }
    }

    void unref(KernelRoute r) {
        if (r != null && r.nexthopId() != 0) {
            unref(r.nexthopId());
        }
    }

    private void ref(int id) {
        Obj x = byId.get(id);
        if (x != null) {
            x.refs++;
            garbage.remove(x);
        }
    }

    private void unref(int id) {
        Obj x = byId.get(id);
        if (x != null && x.refs > 0 && --x.refs == 0) {
            garbage.add(x);
        }
    }

    /** A route read from the kernel without its hops spelled out (compat mode off): the hops of its object. */
    KernelRoute resolved(KernelRoute k) {
        if (k.nexthopId() == 0 || !k.nextHops().isEmpty()) {
            return k;
        }
        Obj x = byId.get(k.nexthopId());
        if (x == null) {
            return k;
        }
        List<KernelNextHop> out = new ArrayList<>();
        if (x.object.isGroup()) {
            for (Member m : x.object.group()) {
                Obj h = byId.get(m.id());
                if (h != null) {
                    out.add(new KernelNextHop(h.object.gateway(), h.object.ifindex(), false, m.weight()));
                }
            }
        } else {
            out.add(new KernelNextHop(x.object.gateway(), x.object.ifindex(), x.object.onlink(), 1));
        }
        return k.withNextHops(out);
    }

    /** Appends the creates {@code want} needs before it (its group's missing hops, then the group). */
    void prepare(KernelRoute want, List<KernelOp> ops, List<FibRoute> owners) {
        Obj g = want.nexthopId() == 0 ? null : byId.get(want.nexthopId());
        if (g == null || g.created || g.queued) {
            return;
        }
        for (Member m : g.object.group()) {
            Obj h = byId.get(m.id());
            if (h != null && !h.created && !h.queued) {
                h.queued = true;
                ops.add(new KernelOp.InstallNexthop(h.object));
                owners.add(null);
            }
        }
        g.queued = true;
        ops.add(new KernelOp.InstallNexthop(g.object));
        owners.add(null);
    }

    /** The kernel's verdict on a nexthop op. */
    void result(KernelOp op, KernelError err) {
        if (op instanceof KernelOp.InstallNexthop in) {
            Obj x = byId.get(in.object().id());
            if (x != null) {
                x.queued = false;
                x.created = err == null;
            }
        } else if (op instanceof KernelOp.RemoveNexthop rm && err == null) {
            Obj x = byId.get(rm.id());
            if (x != null && x.refs == 0) {
                forget(x);
                for (Member m : x.object.group()) {
                    unref(m.id());
                }
            }
        }
    }

    boolean hasGarbage() {
        return !garbage.isEmpty();
    }

    /**
     * Removals of the unreferenced objects, groups before hops (a hop is unreferenced only once its last group is
     * gone). Objects never created are forgotten without a write. Failed removals wait for the next re-read.
     */
    List<KernelOp> collect() {
        List<KernelOp> ops = new ArrayList<>();
        List<Obj> todo = new ArrayList<>(garbage);
        garbage.clear();
        for (Obj x : todo) {
            if (x.refs != 0 || byId.get(x.object.id()) != x) {
                continue;
            }
            if (x.created || x.queued) {
                ops.add(new KernelOp.RemoveNexthop(x.object.id()));
            } else {
                forget(x);
                for (Member m : x.object.group()) {
                    unref(m.id());
                }
            }
        }
        return ops;
    }

    /** Our objects as we know them, for views and tests. */
    List<KernelNexthopObject> objects() {
        return byId.values().stream().map(x -> x.object).toList();
    }
}
