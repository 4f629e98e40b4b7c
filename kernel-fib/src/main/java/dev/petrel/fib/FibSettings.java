package dev.petrel.fib;

import java.time.Duration;

/**
 * How Petrel writes the kernel's FIB.
 *
 * @param table the routing table Petrel's routes go to (254 = main)
 * @param protocol the {@code rtm_protocol} every route Petrel writes carries, and the only one it ever changes or
 *     deletes (186 = {@code bgp} in {@code /etc/iproute2/rt_protos})
 * @param metric the route priority, unless a policy set one
 * @param persist leave Petrel's routes in the kernel when it stops, so forwarding goes on across a restart
 * @param mergePaths at most this many next hops per route (ECMP)
 * @param convergenceDeferral how long a restarted Petrel keeps the routes it found in the kernel while waiting for
 *     End-of-RIB from every peer, before removing those nobody re-announced
 * @param verifyInterval how often the whole kernel table is re-read and compared (a slow safety net; lost
 *     notifications trigger it at once)
 * @param retryInterval the first wait before a failed write is retried; doubles up to a minute
 * @param batch routes per netlink batch
 */
public record FibSettings(int table, int protocol, int metric, boolean persist, int mergePaths,
        Duration convergenceDeferral, Duration verifyInterval, Duration retryInterval, int batch) {
    public static final FibSettings DEFAULT = new FibSettings(254, 186, 20, true, 16, Duration.ofSeconds(120),
            Duration.ofMinutes(10), Duration.ofSeconds(1), 2048);

    public FibSettings {
        if (table < 1 || table == 255) {
            throw new IllegalArgumentException("table " + table + ": use 1..254 or above 255 (255 is the local table)");
        }
        if (protocol < 1 || protocol > 255) {
            throw new IllegalArgumentException("protocol " + protocol + " is out of range 1..255");
        }
        if (mergePaths < 1) {
            throw new IllegalArgumentException("merge-paths must be at least 1");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1");
        }
    }

    public FibSettings withTable(int t) {
        return new FibSettings(t, protocol, metric, persist, mergePaths, convergenceDeferral, verifyInterval,
                retryInterval, batch);
    }

    public FibSettings withConvergenceDeferral(Duration d) {
        return new FibSettings(table, protocol, metric, persist, mergePaths, d, verifyInterval, retryInterval, batch);
    }

    public FibSettings withVerifyInterval(Duration d) {
        return new FibSettings(table, protocol, metric, persist, mergePaths, convergenceDeferral, d, retryInterval,
                batch);
    }

    public FibSettings withPersist(boolean p) {
        return new FibSettings(table, protocol, metric, p, mergePaths, convergenceDeferral, verifyInterval,
                retryInterval, batch);
    }
}
