package dev.petrel.fib.learn;

import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.fib.kernel.KernelLink;
import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.Rtnl;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Short constructors for the kernel value types, as {@code ip} would print them. */
final class K {
    private K() {}

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text); // literals only: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Prefix p(String text) {
        return Prefix.parse(text);
    }

    static KernelLink up(int index, String name) {
        return new KernelLink(index, name, true, true);
    }

    static KernelLink noCarrier(int index, String name) {
        return new KernelLink(index, name, true, false);
    }

    static KernelLink adminDown(int index, String name) {
        return new KernelLink(index, name, false, false);
    }

    static KernelAddress addr(int ifindex, String address, int length) {
        return new KernelAddress(ifindex, ip(address), length);
    }

    /** {@code ip route add blackhole <prefix> proto <protocol>} in the main table. */
    static KernelRoute blackhole(String prefix, int protocol) {
        return route(prefix, Rtnl.RT_TABLE_MAIN, protocol, Rtnl.RTN_BLACKHOLE, 0, List.of());
    }

    /** {@code <prefix> dev #ifindex scope link proto <protocol>}, main table, metric 0. */
    static KernelRoute dev(String prefix, int ifindex, int protocol) {
        return route(prefix, Rtnl.RT_TABLE_MAIN, protocol, Rtnl.RTN_UNICAST, 0,
                List.of(new KernelNextHop(null, ifindex, false, 1)));
    }

    /** {@code <prefix> via <gateway> dev #ifindex proto <protocol> metric <metric> table <table>}. */
    static KernelRoute via(String prefix, String gateway, int ifindex, int protocol, int table, int metric) {
        return route(prefix, table, protocol, Rtnl.RTN_UNICAST, metric,
                List.of(new KernelNextHop(ip(gateway), ifindex, false, 1)));
    }

    static KernelRoute route(String prefix, int table, int protocol, int type, int metric, List<KernelNextHop> hops) {
        return new KernelRoute(p(prefix), table, protocol, type,
                hops.isEmpty() ? Rtnl.RT_SCOPE_UNIVERSE : Rtnl.RT_SCOPE_LINK, metric, hops, null);
    }
}
