package dev.petrel.fib.learn;

import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.Rtnl;
import dev.petrel.wire.nlri.Prefix;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which kernel routes and which interface subnets become locally originated routes: the equivalent of BIRD's
 * {@code protocol kernel { learn; }} and {@code protocol direct} with their import filters.
 *
 * <p>A kernel route is learned when all of these hold, checked in this order (the first failing one is the
 * reason given): its protocol is not {@link #ownProtocol} (those routes are Petrel's own, written from the RIB;
 * learning them would originate what was heard from peers); it is not in the local table (which holds this
 * node's own addresses and broadcast routes, not destinations); its table is one of {@link #tables}; its type is
 * one of {@link #types}; its protocol is one of {@link #protocols}, or that set is empty; and, if it leaves
 * through an interface, the interface's name is included by {@link #interfaces}. Routes without an interface
 * (blackhole, unreachable, prohibit) are not subject to the interface globs; a unicast route without one is
 * not learned, since there is nothing to decide on. The link being operational is the {@link Learner}'s
 * business, not the policy's: it changes by the second, the policy does not.
 *
 * <p>A connected subnet (an address's {@code address/prefixlen}) is learned when {@link #connected} is on, the
 * interface is included by {@link #connectedInterfaces}, it is not link-local ({@code fe80::/10},
 * {@code 169.254.0.0/16}: those subnets exist on every link and mean nothing one hop away), and it is not a host
 * prefix (/32, /128: a service address on {@code kube-ipvs0} or a tunnel's own address) unless
 * {@link #connectedHosts} is on.
 *
 * @param protocols {@code rtm_protocol} numbers to learn; empty means any except {@link #ownProtocol}
 * @param tables routing tables to learn from; never the local table (255)
 * @param types route types to learn
 * @param interfaces globs for the output interface of routes that have one; first match decides, no match
 *     means not learned
 * @param connected whether to learn connected subnets from interface addresses
 * @param connectedInterfaces globs for the interfaces whose subnets are learned
 * @param connectedHosts whether /32 and /128 addresses are learned as connected subnets
 * @param ownProtocol the protocol number Petrel writes its routes with; never learned
 */
public record LearnPolicy(Set<Integer> protocols, Set<Integer> tables, Set<LearnedRoute.Type> types,
        List<InterfaceGlob> interfaces, boolean connected, List<InterfaceGlob> connectedInterfaces,
        boolean connectedHosts, int ownProtocol) {

    /** The protocol number Petrel writes with: {@code RTPROT_BGP}, as FRR and GoBGP do. */
    public static final int DEFAULT_OWN_PROTOCOL = Rtnl.RTPROT_BGP;

    /**
     * Close to what Calico's {@code bird.cfg} learns: routes of any protocol (but ours) in the main table that
     * are blackhole/unreachable/prohibit (the per-node IPAM blocks, {@code ip route add blackhole
     * 10.244.1.0/26}) or leave through a {@code cali*} veth (the per-pod /32s); the local table never. Connected
     * subnets are off: Calico's {@code direct} protocol exists but its export filter only lets IPAM-pool
     * prefixes out, so advertising the node's own subnets would be new and surprising. When turned on they
     * follow Calico's {@code direct} interface clause: {@code -"cali*", -"kube-ipvs*", "*"}.
     */
    public static final LearnPolicy DEFAULT = new LearnPolicy(Set.of(), Set.of(Rtnl.RT_TABLE_MAIN),
            EnumSet.allOf(LearnedRoute.Type.class), InterfaceGlob.parseAll("cali*"), false,
            InterfaceGlob.parseAll("-cali*", "-kube-ipvs*", "*"), false, DEFAULT_OWN_PROTOCOL);

    public LearnPolicy {
        protocols = Set.copyOf(protocols);
        tables = Set.copyOf(tables);
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        interfaces = List.copyOf(interfaces);
        connectedInterfaces = List.copyOf(connectedInterfaces);
        if (tables.contains(Rtnl.RT_TABLE_LOCAL)) {
            throw new IllegalArgumentException("the local table (255) holds this node's own addresses, not routes"
                    + " to learn; learn interface subnets with connected instead");
        }
        if (protocols.contains(ownProtocol)) {
            throw new IllegalArgumentException("protocol " + ownProtocol + " is Petrel's own and is never learned");
        }
        if (ownProtocol < 0 || ownProtocol > 255) {
            throw new IllegalArgumentException("rtm_protocol is one octet, got " + ownProtocol);
        }
    }

    /** Types by the names {@code ip route} prints: "unicast", "blackhole", "unreachable", "prohibit". */
    public static Set<LearnedRoute.Type> types(String... names) {
        return Arrays.stream(names).map(LearnedRoute.Type::named)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(LearnedRoute.Type.class)));
    }

    public LearnPolicy withProtocols(Set<Integer> p) {
        return new LearnPolicy(p, tables, types, interfaces, connected, connectedInterfaces, connectedHosts,
                ownProtocol);
    }

    public LearnPolicy withTables(Set<Integer> t) {
        return new LearnPolicy(protocols, t, types, interfaces, connected, connectedInterfaces, connectedHosts,
                ownProtocol);
    }

    public LearnPolicy withTypes(Set<LearnedRoute.Type> t) {
        return new LearnPolicy(protocols, tables, t, interfaces, connected, connectedInterfaces, connectedHosts,
                ownProtocol);
    }

    public LearnPolicy withInterfaces(List<InterfaceGlob> g) {
        return new LearnPolicy(protocols, tables, types, g, connected, connectedInterfaces, connectedHosts,
                ownProtocol);
    }

    public LearnPolicy withConnected(boolean on, List<InterfaceGlob> globs, boolean hosts) {
        return new LearnPolicy(protocols, tables, types, interfaces, on, globs, hosts, ownProtocol);
    }

    /**
     * Everything about the route but its interface: what no link event can change. A route refused here is
     * refused for good, so the {@link KernelState} a {@link Learner} keeps does not need to hold it (a full BGP
     * table Petrel itself wrote, for one).
     */
    public LearnDecision screen(KernelRoute route) {
        if (route.protocol() == ownProtocol) {
            return LearnDecision.no("protocol " + ownProtocol + " is Petrel's own");
        }
        if (route.table() == Rtnl.RT_TABLE_LOCAL) {
            return LearnDecision.no("the local table is never learned");
        }
        if (!tables.contains(route.table())) {
            return LearnDecision.no("table " + route.table() + " is not learned (tables " + sorted(tables) + ")");
        }
        LearnedRoute.Type type = LearnedRoute.Type.of(route.type());
        if (type == null || !types.contains(type)) {
            return LearnDecision.no(Rtnl.typeName(route.type()) + " routes are not learned");
        }
        if (!protocols.isEmpty() && !protocols.contains(route.protocol())) {
            return LearnDecision.no("protocol " + route.protocol() + " is not learned (protocols "
                    + sorted(protocols) + ")");
        }
        String what = type.displayName() + " route, protocol " + route.protocol() + ", table " + route.table();
        if (type == LearnedRoute.Type.UNICAST && !hasInterface(route)) {
            return LearnDecision.no("unicast route without an output interface");
        }
        return LearnDecision.yes(what);
    }

    /**
     * The whole decision for a route leaving through {@code interfaceName} (null when it has no interface, or
     * when the interface's index is not known yet). A multipath route is asked about once per next hop.
     */
    public LearnDecision matches(KernelRoute route, String interfaceName) {
        LearnDecision d = screen(route);
        if (!d.learned() || !hasInterface(route)) {
            return d;
        }
        if (interfaceName == null) {
            return LearnDecision.no("output interface #" + firstInterface(route) + " is not known");
        }
        LearnDecision g = glob(interfaces, interfaceName);
        return g.learned() ? LearnDecision.yes(d.why() + ", " + g.why()) : g;
    }

    /** Whether the connected subnet {@code subnet} on {@code interfaceName} is learned. */
    public LearnDecision matchesConnected(Prefix subnet, String interfaceName) {
        if (!connected) {
            return LearnDecision.no("connected subnets are not learned");
        }
        if (Prefixes.contains(LINK_LOCAL_6, subnet) || Prefixes.contains(LINK_LOCAL_4, subnet)) {
            return LearnDecision.no("link-local subnet");
        }
        if (Prefixes.isHost(subnet) && !connectedHosts) {
            return LearnDecision.no("host address (connected host addresses are not learned)");
        }
        if (interfaceName == null) {
            return LearnDecision.no("interface is not known");
        }
        LearnDecision g = glob(connectedInterfaces, interfaceName);
        return g.learned() ? LearnDecision.yes("connected subnet, " + g.why()) : g;
    }

    private static final Prefix LINK_LOCAL_6 = Prefix.parse("fe80::/10");
    private static final Prefix LINK_LOCAL_4 = Prefix.parse("169.254.0.0/16");

    private static LearnDecision glob(List<InterfaceGlob> globs, String name) {
        InterfaceGlob g = InterfaceGlob.firstMatch(globs, name);
        if (g == null) {
            return LearnDecision.no("interface " + name + " matches no interface glob " + globs);
        }
        return g.exclude() ? LearnDecision.no("interface " + name + " is excluded by " + g)
                : LearnDecision.yes("interface " + name + " matches " + g);
    }

    /** Whether any next hop names an output interface. */
    static boolean hasInterface(KernelRoute route) {
        return firstInterface(route) != 0;
    }

    private static int firstInterface(KernelRoute route) {
        for (KernelNextHop h : route.nextHops()) {
            if (h.ifindex() != 0) {
                return h.ifindex();
            }
        }
        return 0;
    }

    private static String sorted(Set<Integer> s) {
        return new TreeSet<>(s).toString();
    }
}
