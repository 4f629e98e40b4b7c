package dev.petrel.fib.learn;

import dev.petrel.fib.kernel.Rtnl;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A route Petrel learned from the kernel and originates: what {@code show} prints and what the origination
 * policy may look at. Two equal values are the same fact, which is how the {@link Learner} avoids reporting a
 * change that is none.
 *
 * @param prefix the destination
 * @param type what the kernel does with it
 * @param gateway the next hop of a single-path route, or null (direct, blackhole, multipath, connected)
 * @param interfaceName the output interface of a single-path route or of a connected subnet, or null
 * @param protocol the kernel route's {@code rtm_protocol}; {@link Rtnl#RTPROT_KERNEL} for a connected subnet,
 *     as the kernel marks the subnet routes it makes from addresses
 * @param priority the kernel route's metric; 0 for a connected subnet
 * @param origin where it came from
 */
public record LearnedRoute(Prefix prefix, Type type, InetAddress gateway, String interfaceName, int protocol,
        int priority, Origin origin) {

    /** The {@code rtm_type}s that can be learned: the ones that mean something to a BGP peer. */
    public enum Type {
        UNICAST(Rtnl.RTN_UNICAST), BLACKHOLE(Rtnl.RTN_BLACKHOLE), UNREACHABLE(Rtnl.RTN_UNREACHABLE),
        PROHIBIT(Rtnl.RTN_PROHIBIT);

        private final int rtn;

        Type(int rtn) {
            this.rtn = rtn;
        }

        /** The {@code rtm_type} number. */
        public int rtn() {
            return rtn;
        }

        /** The type for an {@code rtm_type}, or null when it cannot be learned (local, broadcast, ...). */
        public static Type of(int rtn) {
            for (Type t : values()) {
                if (t.rtn == rtn) {
                    return t;
                }
            }
            return null;
        }

        /** The type for a name as {@code ip route} prints it ("blackhole"). */
        public static Type named(String name) {
            for (Type t : values()) {
                if (t.displayName().equals(name.strip().toLowerCase(java.util.Locale.ROOT))) {
                    return t;
                }
            }
            throw new IllegalArgumentException("route type " + name + " cannot be learned; learnable types are "
                    + "unicast, blackhole, unreachable, prohibit");
        }

        public String displayName() {
            return Rtnl.typeName(rtn);
        }
    }

    /** Whether the route came from a kernel route or from an interface address. */
    public enum Origin {
        KERNEL_ROUTE, CONNECTED
    }

    public LearnedRoute {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (type != Type.UNICAST) {
            b.append(type.displayName()).append(' ');
        }
        b.append(prefix);
        if (gateway != null) {
            b.append(" via ").append(gateway.getHostAddress());
        }
        if (interfaceName != null) {
            b.append(" dev ").append(interfaceName);
        }
        if (origin == Origin.CONNECTED) {
            b.append(" connected");
        } else {
            b.append(" proto ").append(protocol);
            if (priority != 0) {
                b.append(" metric ").append(priority);
            }
        }
        return b.toString();
    }
}
