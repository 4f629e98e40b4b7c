package dev.petrel.fib.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A kernel that exists only in memory: every write succeeds and is kept, so the dumps return what was written and
 * {@code show fib} and the FIB's diff work as with Linux, but nothing reaches the real routing table and no
 * {@code CAP_NET_ADMIN} is needed. For demos (several speakers in one process) and tests ({@code kernel.dry-run}).
 *
 * <p>It behaves as a Linux kernel with nexthop objects would where the FIB can tell: a route is keyed by table,
 * prefix and metric, and an install replaces the route with the same key; a removal names the protocol and
 * leaves another protocol's route alone; a route through a nexthop object dumps with its hops spelled out
 * ({@code nexthop_compat_mode}); deleting an object deletes the routes through it. Nobody else writes to it, so
 * {@link #poll} has nothing to tell: it waits out its timeout, or until closed.
 *
 * <p>Threads: the FIB thread writes and dumps while the monitor thread polls; every method is safe from any thread.
 */
public final class DryRunKernel implements Kernel {
    private final Map<KernelRoute.Key, KernelRoute> routes = new LinkedHashMap<>();
    private final Map<Integer, KernelNexthopObject> nexthops = new LinkedHashMap<>();
    private final List<KernelLink> links;
    private final List<KernelAddress> addresses;
    /** Guards {@link #closed}; {@link #poll} waits on it. */
    private final Object closing = new Object();
    private boolean closed;

    /** A kernel with no interfaces and no addresses: every next hop is then outside any connected subnet. */
    public DryRunKernel() {
        this(List.of(), List.of());
    }

    /** A kernel whose link and address dumps return these (and never change). */
    public DryRunKernel(List<KernelLink> links, List<KernelAddress> addresses) {
        this.links = List.copyOf(links);
        this.addresses = List.copyOf(addresses);
    }

    @Override
    public synchronized List<KernelError> write(List<KernelOp> ops) throws KernelException {
        if (isClosed()) {
            throw new KernelException("the dry-run kernel is closed");
        }
        List<KernelError> out = new ArrayList<>(ops.size());
        for (KernelOp op : ops) {
            switch (op) {
                case KernelOp.Install i -> routes.put(i.route().key(), stored(i.route()));
                case KernelOp.Remove r -> {
                    KernelRoute have = routes.get(r.route().key());
                    if (have != null && have.protocol() == r.route().protocol()) {
                        routes.remove(r.route().key());
                    }
                }
                case KernelOp.InstallNexthop n -> nexthops.put(n.object().id(), n.object());
                case KernelOp.RemoveNexthop n -> {
                    nexthops.remove(n.id());
                    routes.values().removeIf(r -> r.nexthopId() == n.id()); // as Linux does
                }
            }
            out.add(null);
        }
        return out;
    }

    /** What a dump shows for {@code r}: through an object we hold, the hops it resolves to; else as written. */
    private KernelRoute stored(KernelRoute r) {
        KernelNexthopObject o = nexthops.get(r.nexthopId());
        if (r.nexthopId() == 0 || o == null) {
            return r;
        }
        List<KernelNextHop> hops = new ArrayList<>();
        if (o.isGroup()) {
            for (KernelNexthopObject.Member m : o.group()) {
                KernelNexthopObject h = nexthops.get(m.id());
                if (h == null) {
                    return r;
                }
                hops.add(new KernelNextHop(h.gateway(), h.ifindex(), h.onlink(), m.weight()));
            }
        } else {
            hops.add(new KernelNextHop(o.gateway(), o.ifindex(), o.onlink(), 1));
        }
        return r.withNextHops(hops);
    }

    @Override
    public synchronized List<KernelRoute> routes() {
        return List.copyOf(routes.values());
    }

    @Override
    public synchronized List<KernelNexthopObject> nexthops() {
        return List.copyOf(nexthops.values());
    }

    /** Yes: ECMP routes through groups are then what a dry run shows, as on a current kernel. */
    @Override
    public boolean supportsNexthopObjects() {
        return true;
    }

    @Override
    public List<KernelLink> links() {
        return links;
    }

    @Override
    public List<KernelAddress> addresses() {
        return addresses;
    }

    /** Nothing to tell: waits {@code timeoutMillis}, or until closed or interrupted, and returns 0. */
    @Override
    public int poll(long timeoutMillis, Consumer<KernelEvent> sink) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        synchronized (closing) {
            try {
                for (long left; !closed && (left = end - System.nanoTime()) > 0; ) {
                    TimeUnit.NANOSECONDS.timedWait(closing, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }

    private boolean isClosed() {
        synchronized (closing) {
            return closed;
        }
    }

    /** Wakes a waiting {@link #poll}; the routes written are dropped with this object. */
    @Override
    public void close() {
        synchronized (closing) {
            closed = true;
            closing.notifyAll();
        }
    }
}
