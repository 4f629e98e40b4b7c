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
