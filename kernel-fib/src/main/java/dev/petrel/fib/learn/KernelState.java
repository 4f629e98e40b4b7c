package dev.petrel.fib.learn;

import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.fib.kernel.KernelEvent;
import dev.petrel.fib.kernel.KernelLink;
import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * This node as the kernel describes it: its links, its addresses and (some of) its routes, kept current from a
 * full dump ({@link #reset}) and the notifications that follow ({@link #apply}).
 *
 * <p>Two kernel habits are modelled here so that nobody downstream has to know them. When a link is set
 * administratively down or removed, the kernel flushes the routes that leave only through it, and for IPv4 it
 * does not send an {@code RTM_DELROUTE} for each (IPv6 does); so such routes are dropped here on the link event,
 * and a delete that arrives anyway finds nothing. When a link only loses carrier, the kernel keeps its routes
 * (marked {@code linkdown}) and they are usable again with carrier; so they are kept, and
 * {@link #linkOperational} says whether they forward now.
 *
 * <p>Addresses are compared without IPv6 scope ({@link Prefixes#plain}). Threads: one thread feeds the state
 * (the monitor thread, through the {@link Learner}); the {@link FibGuard} reads it from the FIB thread. Every
 * method is synchronized, and readers get copies.
 */
public final class KernelState {
    private final Predicate<KernelRoute> keep;
    private final Map<Integer, KernelLink> links = new HashMap<>();
    private final Map<Integer, Set<KernelAddress>> addresses = new HashMap<>();
    /** Bumped by every change, so that readers can cache what they derive (the guard's address list). */
    private volatile long version;
    private final Map<Prefix, Map<KernelRoute.Key, KernelRoute>> routes = new HashMap<>();

    /** A state that holds every route it is told about. */
    public KernelState() {
        this(r -> true);
    }

    /**
     * A state that holds only the routes {@code keep} accepts; the others are forgotten as they arrive (a
     * replacement that is not kept removes the route it replaces). The {@link Learner} keeps only routes its
     * policy could ever learn, so a full table Petrel wrote itself costs nothing here.
     */
    public KernelState(Predicate<KernelRoute> keep) {
        this.keep = keep;
    }

    /**
     * Replaces everything with a full dump (at start, and after an {@code Overrun}). Returns every prefix the
     * state held before or holds now: the ones whose learned state may differ.
     */
    public synchronized Set<Prefix> reset(Collection<KernelLink> newLinks, Collection<KernelAddress> newAddresses,
            Collection<KernelRoute> newRoutes) {
        version++;
        Set<Prefix> touched = new HashSet<>(prefixesLocked());
        links.clear();
        addresses.clear();
        routes.clear();
        for (KernelLink l : newLinks) {
            links.put(l.index(), l);
        }
        for (KernelAddress a : newAddresses) {
            addAddress(a);
        }
        for (KernelRoute r : newRoutes) {
            putRoute(r);
        }
        touched.addAll(prefixesLocked());
        return touched;
    }

    /**
     * Applies one notification. Returns the prefixes it may have changed something for: the route's prefix,
     * or every route and subnet on a link that changed. {@code Overrun} changes nothing here: the caller
     * re-dumps and calls {@link #reset}.
     */
    public synchronized Set<Prefix> apply(KernelEvent event) {
        version++;
        return switch (event) {
            case KernelEvent.RouteAdded(KernelRoute r) -> {
                putRoute(r);
                yield Set.of(r.prefix());
            }
            case KernelEvent.RouteDeleted(KernelRoute r) -> {
                removeRoute(r.key());
                yield Set.of(r.prefix());
            }
            case KernelEvent.LinkChanged(KernelLink l) -> {
                Set<Prefix> touched = onLink(l.index());
                links.put(l.index(), l);
                if (!l.up()) {
                    flushRoutesOnlyVia(l.index());
                }
                yield touched;
            }
            case KernelEvent.LinkDeleted(KernelLink l) -> {
                Set<Prefix> touched = onLink(l.index());
                links.remove(l.index());
                addresses.remove(l.index()); // gone with the link, whether or not RTM_DELADDR follows
                flushRoutesOnlyVia(l.index());
                yield touched;
            }
            case KernelEvent.AddressAdded(KernelAddress a) -> {
                addAddress(a);
                yield Set.of(ConnectedSubnet.of(a).prefix());
            }
            case KernelEvent.AddressDeleted(KernelAddress a) -> {
                Set<KernelAddress> on = addresses.get(a.ifindex());
                if (on != null) {
                    on.remove(plain(a));
                    if (on.isEmpty()) {
                        addresses.remove(a.ifindex());
                    }
                }
                yield Set.of(ConnectedSubnet.of(a).prefix());
            }
            case KernelEvent.Overrun o -> Set.of();
        };
    }

    /** The interface's name, or null when no link with that index is known. */
    public synchronized String interfaceName(int ifindex) {
        KernelLink l = links.get(ifindex);
        return l == null ? null : l.name();
    }

    /** The link, or null. */
    public synchronized KernelLink link(int ifindex) {
        return links.get(ifindex);
    }

    /** Whether the link is known, administratively up and has carrier. */
    public synchronized boolean linkOperational(int ifindex) {
        KernelLink l = links.get(ifindex);
        return l != null && l.operational();
    }

    /** Whether {@code address} is on one of this node's interfaces, whatever the link's state. */
    public synchronized boolean isOwnAddress(InetAddress address) {
        return ownAddress(address) != null;
    }

    /** The interface address equal to {@code address} (the lowest interface index if several), or null. */
    public synchronized KernelAddress ownAddress(InetAddress address) {
        InetAddress p = Prefixes.plain(address);
        KernelAddress found = null;
        for (Set<KernelAddress> on : addresses.values()) {
            for (KernelAddress a : on) {
                if (a.address().equals(p) && (found == null || a.ifindex() < found.ifindex())) {
                    found = a;
                }
            }
        }
        return found;
    }

    /** Changes whenever links, addresses or routes change. */
    public long version() {
        return version;
    }

    /** Every interface address, whatever the link's state, in interface then address order. */
    public synchronized List<KernelAddress> addresses() {
        List<KernelAddress> all = new ArrayList<>();
        addresses.values().forEach(all::addAll);
        all.sort(ADDRESS_ORDER);
        return all;
    }

    /** The subnets of the addresses on operational links, by prefix then interface index. */
    public synchronized List<ConnectedSubnet> connectedSubnets() {
        List<ConnectedSubnet> out = new ArrayList<>();
        for (Map.Entry<Integer, Set<KernelAddress>> e : addresses.entrySet()) {
            if (operational(e.getKey())) {
                e.getValue().forEach(a -> out.add(ConnectedSubnet.of(a)));
            }
        }
        out.sort(SUBNET_ORDER);
        return out;
    }

    /** The connected subnets equal to {@code prefix}, operational links only, by interface index. */
    public synchronized List<ConnectedSubnet> connectedSubnets(Prefix prefix) {
        List<ConnectedSubnet> out = new ArrayList<>();
        for (Map.Entry<Integer, Set<KernelAddress>> e : addresses.entrySet()) {
            if (operational(e.getKey())) {
                for (KernelAddress a : e.getValue()) {
                    ConnectedSubnet s = ConnectedSubnet.of(a);
                    if (s.prefix().equals(prefix)) {
                        out.add(s);
                    }
                }
            }
        }
        out.sort(SUBNET_ORDER);
        return out;
    }

    /** The held routes for {@code prefix}, in any table, at any metric. */
    public synchronized List<KernelRoute> routes(Prefix prefix) {
        Map<KernelRoute.Key, KernelRoute> m = routes.get(prefix);
        return m == null ? List.of() : List.copyOf(m.values());
    }

    /** How many routes are held. */
    public synchronized int routeCount() {
        return routes.values().stream().mapToInt(Map::size).sum();
    }

    private static final Comparator<ConnectedSubnet> SUBNET_ORDER = Comparator.comparing(ConnectedSubnet::prefix)
            .thenComparingInt(ConnectedSubnet::ifindex)
            .thenComparing(s -> s.address().getHostAddress());

    private static final Comparator<KernelAddress> ADDRESS_ORDER = Comparator.comparingInt(KernelAddress::ifindex)
            .thenComparing(a -> Prefixes.host(a.address()));

    private boolean operational(int ifindex) {
        KernelLink l = links.get(ifindex);
        return l != null && l.operational();
    }

    private void putRoute(KernelRoute r) {
        // RTM_NEWROUTE replaces the route with the same key; if the replacement is not kept, the old one is
        // still gone from the kernel.
        removeRoute(r.key());
        if (keep.test(r)) {
            routes.computeIfAbsent(r.prefix(), p -> new HashMap<>()).put(r.key(), r);
        }
    }

    private void removeRoute(KernelRoute.Key key) {
        Map<KernelRoute.Key, KernelRoute> m = routes.get(key.prefix());
        if (m != null) {
            m.remove(key);
            if (m.isEmpty()) {
                routes.remove(key.prefix());
            }
        }
    }

    private void addAddress(KernelAddress a) {
        addresses.computeIfAbsent(a.ifindex(), i -> new LinkedHashSet<>()).add(plain(a));
    }

    private static KernelAddress plain(KernelAddress a) {
        return new KernelAddress(a.ifindex(), Prefixes.plain(a.address()), a.prefixLength());
    }

    /** The prefixes of the routes through the link and of the subnets on it. */
    private Set<Prefix> onLink(int ifindex) {
        Set<Prefix> out = new HashSet<>();
        for (Map<KernelRoute.Key, KernelRoute> m : routes.values()) {
            for (KernelRoute r : m.values()) {
                if (uses(r, ifindex)) {
                    out.add(r.prefix());
                }
            }
        }
        for (KernelAddress a : addresses.getOrDefault(ifindex, Set.of())) {
            out.add(ConnectedSubnet.of(a).prefix());
        }
        return out;
    }

    /** Drops routes all of whose next hops leave through the link, as the kernel does when it goes down. */
    private void flushRoutesOnlyVia(int ifindex) {
        List<KernelRoute.Key> gone = new ArrayList<>();
        for (Map<KernelRoute.Key, KernelRoute> m : routes.values()) {
            for (KernelRoute r : m.values()) {
                if (!r.nextHops().isEmpty() && r.nextHops().stream().allMatch(h -> h.ifindex() == ifindex)) {
                    gone.add(r.key());
                }
            }
        }
        gone.forEach(this::removeRoute);
    }

    private static boolean uses(KernelRoute r, int ifindex) {
        for (KernelNextHop h : r.nextHops()) {
            if (h.ifindex() == ifindex) {
                return true;
            }
        }
        return false;
    }

    private Set<Prefix> prefixesLocked() {
        Set<Prefix> out = new HashSet<>(routes.keySet());
        for (Set<KernelAddress> on : addresses.values()) {
            on.forEach(a -> out.add(ConnectedSubnet.of(a).prefix()));
        }
        return out;
    }
}
