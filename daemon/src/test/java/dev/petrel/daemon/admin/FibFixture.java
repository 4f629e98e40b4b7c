package dev.petrel.daemon.admin;

import dev.petrel.fib.Fib;
import dev.petrel.fib.FibCounts;
import dev.petrel.fib.FibSettings;
import dev.petrel.fib.kernel.Kernel;
import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.fib.kernel.KernelError;
import dev.petrel.fib.kernel.KernelEvent;
import dev.petrel.fib.kernel.KernelException;
import dev.petrel.fib.kernel.KernelLink;
import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelOp;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.Rtnl;
import dev.petrel.rib.FibEntry;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.nlri.Prefix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A real FIB over an in-memory kernel, holding a prefix in every state {@code show fib} must print, waiting for
 * End-of-RIB from one of two peers:
 *
 * <pre>
 * 10.0.0.0/8        installed  via 10.255.1.1                   tor1
 * 192.0.2.0/24      installed  via 10.255.1.1 and 10.255.2.1    tor1 (ECMP)
 * 2001:db8::/32     installed  via 2001:db8:ff::2               tor2
 * 172.16.0.0/12     failed     via 10.255.9.9: the kernel says ENETUNREACH
 * 203.0.113.0/24    refused    a static route (protocol 4) holds the same table, prefix and metric
 * 198.51.100.0/24   stale      ours, found in the kernel at start, not re-announced
 * </pre>
 */
public final class FibFixture implements AutoCloseable {
    /** Long waits, so that nothing the FIB does on its own (retry, verify, deferral) moves during a test. */
    static final FibSettings SETTINGS = new FibSettings(254, Rtnl.RTPROT_BGP, 20, true, 16, Duration.ofHours(1),
            Duration.ofHours(1), Duration.ofHours(1), 2048);

    public final FakeKernel kernel = new FakeKernel();
    public final Fib fib;

    public FibFixture() throws Exception {
        kernel.put(route("198.51.100.0/24", Rtnl.RTPROT_BGP, "10.255.3.1"));
        kernel.put(route("203.0.113.0/24", Rtnl.RTPROT_STATIC, "10.255.4.1"));
        kernel.failing = p -> p.equals(Prefix.parse("172.16.0.0/12"));
        fib = new Fib(SETTINGS, kernel, null, null).start(List.of("tor1", "tor2"));
        fib.changed(Prefix.parse("10.0.0.0/8"), entry("tor1", "10.255.1.1"));
        fib.changed(Prefix.parse("192.0.2.0/24"), entry("tor1", "10.255.1.1", "10.255.2.1"));
        fib.changed(Prefix.parse("2001:db8::/32"), entry("tor2", "2001:db8:ff::2"));
        fib.changed(Prefix.parse("172.16.0.0/12"), entry("tor2", "10.255.9.9"));
        fib.changed(Prefix.parse("203.0.113.0/24"), entry("tor2", "10.255.2.1"));
        fib.peerConverged("tor1");
        await(c -> c.installed() == 3 && c.failed() == 1 && c.refused() == 1 && c.stale() == 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!fib.query(Fib::waitingFor).get(5, TimeUnit.SECONDS).equals(Set.of("tor2"))) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the FIB still waits for " + fib.query(Fib::waitingFor).get());
            }
            Thread.onSpinWait();
        }
    }

    /** Waits until the FIB's counts say {@code done}, for at most 10 s. */
    public void await(Predicate<FibCounts> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        FibCounts c;
        while (!done.test(c = fib.query(Fib::counts).get(5, TimeUnit.SECONDS))) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the FIB did not get there: " + c);
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        fib.close();
    }

    static FibEntry entry(String peer, String... nextHops) {
        return new FibEntry(List.of(nextHops).stream().map(NextHop::of).toList(), -1, peer);
    }

    static KernelRoute route(String prefix, int protocol, String... gateways) {
        return new KernelRoute(Prefix.parse(prefix), SETTINGS.table(), protocol, Rtnl.RTN_UNICAST,
                Rtnl.RT_SCOPE_UNIVERSE, SETTINGS.metric(),
                List.of(gateways).stream().map(g -> KernelNextHop.via(RibFixture.ip(g))).toList(), null);
    }

    /**
     * The kernel as a map of routes by key. Writes succeed unless {@link #failing} says the prefix fails; it
     * sends no notifications, so what a test changes with {@link #put} and {@link #delete} is what the FIB does not
     * know, as after lost notifications.
     */
    public static final class FakeKernel implements Kernel {
        private final Map<KernelRoute.Key, KernelRoute> routes = new LinkedHashMap<>();
        private final CountDownLatch closed = new CountDownLatch(1);
        volatile Predicate<Prefix> failing = p -> false;
        volatile boolean dumpsFail;

        public synchronized void put(KernelRoute r) {
            routes.put(r.key(), r);
        }

        public synchronized void delete(String prefix) {
            routes.values().removeIf(r -> r.prefix().equals(Prefix.parse(prefix)));
        }

        @Override
        public synchronized List<KernelError> write(List<KernelOp> ops) {
            List<KernelError> out = new ArrayList<>();
            for (KernelOp op : ops) {
                if (op instanceof KernelOp.Install && failing.test(op.route().prefix())) {
                    out.add(KernelError.of(KernelError.ENETUNREACH, "Nexthop has invalid gateway"));
                    continue;
                }
                if (op instanceof KernelOp.Install) {
                    routes.put(op.route().key(), op.route());
                } else {
                    routes.remove(op.route().key());
                }
                out.add(null);
            }
            return out;
        }

        @Override
        public synchronized List<KernelRoute> routes() throws KernelException {
            if (dumpsFail) {
                throw new KernelException("netlink dump: Connection reset by peer");
            }
            return List.copyOf(routes.values());
        }

        @Override
        public List<KernelLink> links() {
            return List.of();
        }

        @Override
        public List<KernelAddress> addresses() {
            return List.of();
        }

        @Override
        public int poll(long timeoutMillis, Consumer<KernelEvent> sink) {
            try {
                closed.await(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
