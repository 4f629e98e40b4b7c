package dev.petrel.fib;

import dev.petrel.fib.kernel.Kernel;
import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.fib.kernel.KernelError;
import dev.petrel.fib.kernel.KernelEvent;
import dev.petrel.fib.kernel.KernelException;
import dev.petrel.fib.kernel.KernelLink;
import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelNexthopObject;
import dev.petrel.fib.kernel.KernelOp;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.wire.nlri.Prefix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An in-memory kernel: a route table keyed as Linux keys it, notifications for other writers' changes, and errors
 * on demand (per prefix, or for the whole socket).
 */
final class FakeKernel implements Kernel {
    final Map<KernelRoute.Key, KernelRoute> table = new LinkedHashMap<>();
    final List<KernelLink> links = new ArrayList<>();
    final List<KernelAddress> addresses = new ArrayList<>();
    /** Errno to answer for writes of a prefix. */
    final Map<Prefix, Integer> failing = new HashMap<>();
    /** Errno to answer for writes of one route (table, prefix, metric): the prefix's other routes succeed. */
    final Map<KernelRoute.Key, Integer> failingKeys = new HashMap<>();
    final LinkedBlockingQueue<KernelEvent> events = new LinkedBlockingQueue<>();
    final List<KernelOp> written = new ArrayList<>();
    volatile boolean broken;
    /** Nexthop objects by id; {@link #nexthopObjects} says whether this kernel has them at all. */
    final Map<Integer, KernelNexthopObject> nexthops = new LinkedHashMap<>();
    volatile boolean nexthopObjects;
    /** Errno to answer for creating these nexthop object ids. */
    final Map<Integer, Integer> failingNexthops = new HashMap<>();
    int dumps;

    @Override
    public synchronized List<KernelError> write(List<KernelOp> ops) throws KernelException {
        if (broken) {
            throw new KernelException("socket closed");
        }
        List<KernelError> out = new ArrayList<>();
        for (KernelOp op : ops) {
            written.add(op);
            Integer errno = op.route() != null
                    ? failing.getOrDefault(op.route().prefix(), failingKeys.get(op.route().key()))
                    : op instanceof KernelOp.InstallNexthop n ? failingNexthops.get(n.object().id()) : null;
            if (errno != null) {
                out.add(KernelError.of(errno, "fake failure"));
                continue;
            }
            switch (op) {
                case KernelOp.Install i -> {
                    int id = i.route().nexthopId();
                    if (id != 0 && !nexthops.containsKey(id)) {
                        out.add(KernelError.of(KernelError.EINVAL, "Nexthop id does not exist"));
                        continue;
                    }
                    table.put(i.route().key(), id == 0 ? i.route() : i.route().withNextHops(resolve(id)));
                }
                case KernelOp.InstallNexthop n -> {
                    if (!nexthopObjects) {
                        out.add(KernelError.of(KernelError.EINVAL, "no nexthop objects"));
                        continue;
                    }
                    if (!n.object().group().stream().allMatch(m -> nexthops.containsKey(m.id()))) {
                        out.add(KernelError.of(KernelError.EINVAL, "Invalid nexthop id"));
                        continue;
                    }
                    nexthops.put(n.object().id(), n.object());
                }
                case KernelOp.RemoveNexthop n -> {
                    nexthops.remove(n.id());
                    table.values().removeIf(r -> r.nexthopId() == n.id()); // as Linux does
                }
                case KernelOp.Remove r -> {
                    KernelRoute have = table.get(r.route().key());
                    if (have != null && have.protocol() == r.route().protocol()) {
                        table.remove(r.route().key());
                    }
                }
            }
            out.add(null);
        }
        return out;
    }

    /** What a dump shows for a route through object {@code id} (compat mode): the hops spelled out. */
    private List<KernelNextHop> resolve(int id) {
        KernelNexthopObject o = nexthops.get(id);
        List<KernelNextHop> out = new ArrayList<>();
        if (o.isGroup()) {
            for (KernelNexthopObject.Member m : o.group()) {
                KernelNexthopObject h = nexthops.get(m.id());
                out.add(new KernelNextHop(h.gateway(), h.ifindex(), false, m.weight()));
            }
        } else {
            out.add(new KernelNextHop(o.gateway(), o.ifindex(), false, 1));
        }
        return out;
    }

    @Override
    public synchronized List<KernelNexthopObject> nexthops() throws KernelException {
        if (!nexthopObjects) {
            throw new KernelException("nexthop dump failed: EINVAL");
        }
        return List.copyOf(nexthops.values());
    }

    @Override
    public boolean supportsNexthopObjects() {
        return nexthopObjects;
    }

    /** Another program adds a route: the table changes and a notification follows. */
    synchronized void externalAdd(KernelRoute r) {
        table.put(r.key(), r);
        events.add(new KernelEvent.RouteAdded(r));
    }

    synchronized void externalDelete(KernelRoute.Key key) {
        KernelRoute r = table.remove(key);
        if (r != null) {
            events.add(new KernelEvent.RouteDeleted(r));
        }
    }

    synchronized List<KernelRoute> ofProtocol(int protocol) {
        return table.values().stream().filter(r -> r.protocol() == protocol).toList();
    }

    @Override
    public synchronized List<KernelRoute> routes() throws KernelException {
        if (broken) {
            throw new KernelException("socket closed");
        }
        dumps++;
        return List.copyOf(table.values());
    }

    @Override
    public synchronized List<KernelLink> links() {
        return List.copyOf(links);
    }

    @Override
    public synchronized List<KernelAddress> addresses() {
        return List.copyOf(addresses);
    }

    @Override
    public int poll(long timeoutMillis, Consumer<KernelEvent> sink) {
        try {
            KernelEvent e = events.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (e == null) {
                return 0;
            }
            sink.accept(e);
            return 1;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void close() {}
}
