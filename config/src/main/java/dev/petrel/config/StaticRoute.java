package dev.petrel.config;

import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A route this node originates, from {@code petrel.static-routes}.
 *
 * @param prefix host bits zero, unique among static routes
 * @param type what the kernel does with the traffic
 * @param nextHop the address to forward to: present exactly for {@link Type#VIA}; an IPv4 route may have an
 *     IPv6 next hop (RFC 8950)
 * @param communities carried by the route, in the order written
 * @param largeCommunities carried by the route, in the order written
 * @param localPref LOCAL_PREF, when set
 * @param med MULTI_EXIT_DISC, when set
 */
public record StaticRoute(Prefix prefix, Type type, Optional<InetAddress> nextHop, List<Community> communities,
        List<LargeCommunity> largeCommunities, OptionalLong localPref, OptionalLong med) {
    public StaticRoute {
        communities = List.copyOf(communities);
        largeCommunities = List.copyOf(largeCommunities);
        if (nextHop.isPresent() != (type == Type.VIA)) {
            throw new IllegalArgumentException("a next hop comes with type via, and only with it");
        }
    }

    /**
     * Why {@code nextHop} cannot be the next hop of a route to {@code prefix}, or null when it can: the checks of a
     * configured static route, shared with routes originated through the embedding API.
     */
    public static String nextHopProblem(Prefix prefix, InetAddress a) {
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return IpLiterals.format(a) + " is not a next hop: a unicast address is";
        }
        if (a.isLinkLocalAddress() && a instanceof java.net.Inet6Address) {
            return IpLiterals.format(a) + " is link-local: it needs an interface, which a static route cannot name"
                    + " yet";
        }
        if (prefix instanceof dev.petrel.wire.nlri.Ipv6Prefix && !(a instanceof java.net.Inet6Address)) {
            return "an IPv6 route cannot have the IPv4 next hop " + IpLiterals.format(a)
                    + " (an IPv4 route may have an IPv6 one, RFC 8950)";
        }
        return null;
    }

    /** The problem with this route's next hop, named as a configuration error would be, or null. */
    public String problem() {
        return nextHop.map(a -> nextHopProblem(prefix, a)).map(m -> "route " + prefix + ": next-hop: " + m)
                .orElse(null);
    }

    public enum Type {
        /** Traffic is dropped silently (RTN_BLACKHOLE); the usual way to originate an aggregate. */
        BLACKHOLE("blackhole"),
        /** Traffic is dropped with ICMP destination unreachable (RTN_UNREACHABLE). */
        UNREACHABLE("unreachable"),
        /** Traffic is forwarded to the next hop. */
        VIA("via");

        private final String configName;

        Type(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        static Type fromConfigName(String name) {
            for (Type t : values()) {
                if (t.configName.equals(name)) {
                    return t;
                }
            }
            return null;
        }
    }
}
