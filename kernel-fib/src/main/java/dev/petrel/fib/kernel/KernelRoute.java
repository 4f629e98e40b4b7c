package dev.petrel.fib.kernel;

import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.util.List;

/**
 * A route as the kernel holds it, or as Petrel wants it held: what an {@code rtmsg} and its attributes say.
 * The kernel identifies a route by table, destination and priority (and TOS, always 0 here): {@link #key}.
 *
 * @param prefix the destination ({@code rtm_dst_len} and {@code RTA_DST}); the family follows from it
 * @param table the routing table ({@code RTA_TABLE}, which also carries tables above 255)
 * @param protocol who installed it ({@code rtm_protocol}); Petrel writes only its own number
 * @param type {@code rtm_type}: {@link Rtnl#RTN_UNICAST}, {@link Rtnl#RTN_BLACKHOLE}, ...
 * @param scope {@code rtm_scope}
 * @param priority the metric ({@code RTA_PRIORITY}); 0 when absent. Never 0 for an IPv6 route that is to be
 *     written: the kernel stores IPv6 metric 0 as {@link Rtnl#IP6_RT_PRIO_USER} (1024), so the route would not be
 *     found again under the key it was written with, and an IPv6 {@code RTM_DELROUTE} without a metric removes the
 *     first route of ours for the prefix at any metric. The encoder refuses it; the FIB writes 1024 instead.
 * @param nextHops one ({@code RTA_GATEWAY}/{@code RTA_OIF}) or several ({@code RTA_MULTIPATH}); empty for
 *     blackhole and unreachable routes
 * @param preferredSource {@code RTA_PREFSRC}, or null
 * @param nexthopId {@code RTA_NH_ID}: the kernel nexthop object the route uses, 0 for none. A route written with
 *     one carries only the id ({@link #nextHops} are then what the object resolves to, for comparisons); a
 *     dumped one also spells its hops out while {@code net.ipv4.nexthop_compat_mode} is on (the default)
 */
public record KernelRoute(Prefix prefix, int table, int protocol, int type, int scope, int priority,
        List<KernelNextHop> nextHops, InetAddress preferredSource, int nexthopId) {
    public KernelRoute {
        nextHops = List.copyOf(nextHops);
    }

    /** A route that spells its next hops out (no nexthop object). */
    public KernelRoute(Prefix prefix, int table, int protocol, int type, int scope, int priority,
            List<KernelNextHop> nextHops, InetAddress preferredSource) {
        this(prefix, table, protocol, type, scope, priority, nextHops, preferredSource, 0);
    }

    /** This route with {@code nextHops} (resolved from its object, or desired). */
    public KernelRoute withNextHops(List<KernelNextHop> hops) {
        return new KernelRoute(prefix, table, protocol, type, scope, priority, hops, preferredSource, nexthopId);
    }

    /** The kernel's identity of a route. */
    public record Key(Prefix prefix, int table, int priority) {}

    public Key key() {
        return new Key(prefix, table, priority);
    }

    public int family() {
        return prefix.afi() == 2 ? Rtnl.AF_INET6 : Rtnl.AF_INET;
    }

    /** The output interface of a single-next-hop route, or 0. */
    public int outputInterface() {
        return nextHops.size() == 1 ? nextHops.get(0).ifindex() : 0;
    }

    /**
     * The same route as it would be after the kernel stores it: what a dump returns for what we wrote. Routes
     * through nexthop objects compare by the object id and by the hops it resolves to.
     */
    public boolean sameForwarding(KernelRoute o) {
        return prefix.equals(o.prefix) && table == o.table && protocol == o.protocol && type == o.type
                && nexthopId == o.nexthopId
                && priority == o.priority && java.util.Objects.equals(preferredSource, o.preferredSource)
                && sameHops(nextHops, o.nextHops);
    }

    /** Next hops compared by gateway, weight and onlink; an interface of 0 on one side matches any on the other. */
    private static boolean sameHops(List<KernelNextHop> a, List<KernelNextHop> b) {
        if (a.size() != b.size()) {
            return false;
        }
        outer:
        for (KernelNextHop x : a) {
            for (KernelNextHop y : b) {
                if (java.util.Objects.equals(x.gateway(), y.gateway()) && x.weight() == y.weight()
                        && x.onlink() == y.onlink()
                        && (x.ifindex() == 0 || y.ifindex() == 0 || x.ifindex() == y.ifindex())) {
                    continue outer;
                }
            }
            return false;
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (type != Rtnl.RTN_UNICAST) {
            b.append(Rtnl.typeName(type)).append(' ');
        }
        b.append(prefix);
        if (nexthopId != 0) {
            b.append(" nhid ").append(nexthopId);
        }
        for (KernelNextHop h : nextHops) {
            b.append(' ').append(h.toString().trim());
        }
        b.append(" proto ").append(protocol).append(" table ").append(table);
        if (priority != 0) {
            b.append(" metric ").append(priority);
        }
        if (preferredSource != null) {
            b.append(" src ").append(preferredSource.getHostAddress());
        }
        return b.toString();
    }
}
