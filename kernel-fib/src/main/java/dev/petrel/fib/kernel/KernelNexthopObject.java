package dev.petrel.fib.kernel;

import java.net.InetAddress;
import java.util.List;

/**
 * A kernel nexthop object ({@code RTM_NEWNEXTHOP}, Linux 5.3 and later): either one next hop (a gateway and an
 * interface, or a blackhole) or a group of other objects with weights. Routes reference it by id
 * ({@code RTA_NH_ID}) instead of spelling their next hops out.
 *
 * @param id {@code NHA_ID}, never 0
 * @param protocol {@code nh_protocol}: who created it; Petrel only ever deletes objects of its own protocol
 * @param family {@code nh_family}: {@link Rtnl#AF_INET} or {@link Rtnl#AF_INET6} for a gateway, 0 for a group
 * @param gateway {@code NHA_GATEWAY}, or null
 * @param ifindex {@code NHA_OIF}, or 0
 * @param onlink {@code RTNH_F_ONLINK} in {@code nh_flags}
 * @param blackhole {@code NHA_BLACKHOLE}
 * @param group {@code NHA_GROUP}: the members, empty for a single next hop
 */
public record KernelNexthopObject(int id, int protocol, int family, InetAddress gateway, int ifindex,
        boolean onlink, boolean blackhole, List<Member> group) {
    public KernelNexthopObject {
        group = List.copyOf(group);
    }

    /** One entry of {@code NHA_GROUP}: {@code struct nexthop_grp}, the weight as 1..256. */
    public record Member(int id, int weight) {
        public Member {
            if (weight < 1 || weight > 256) {
                throw new IllegalArgumentException("weight " + weight + " is out of range 1..256");
            }
        }
    }

    /** A single gateway next hop. */
    public static KernelNexthopObject gateway(int id, int protocol, InetAddress gateway, int ifindex) {
        return new KernelNexthopObject(id, protocol, gateway instanceof java.net.Inet6Address ? Rtnl.AF_INET6
                : Rtnl.AF_INET, gateway, ifindex, false, false, List.of());
    }

    /** A group of other objects. */
    public static KernelNexthopObject group(int id, int protocol, List<Member> members) {
        return new KernelNexthopObject(id, protocol, Rtnl.AF_UNSPEC, null, 0, false, false, members);
    }

    public boolean isGroup() {
        return !group.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("id ").append(id);
        if (isGroup()) {
            b.append(" group ");
            for (int i = 0; i < group.size(); i++) {
                b.append(i == 0 ? "" : "/").append(group.get(i).id());
                if (group.get(i).weight() != 1) {
                    b.append(',').append(group.get(i).weight());
                }
            }
        } else if (blackhole) {
            b.append(" blackhole");
        } else {
            if (gateway != null) {
                b.append(" via ").append(gateway.getHostAddress());
            }
            if (ifindex != 0) {
                b.append(" dev#").append(ifindex);
            }
            if (onlink) {
                b.append(" onlink");
            }
        }
        return b.append(" proto ").append(protocol).toString();
    }
}
