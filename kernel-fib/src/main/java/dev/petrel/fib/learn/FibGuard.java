package dev.petrel.fib.learn;

import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Whether a route Petrel heard over BGP may be installed in this node's kernel. A peer, a leak or a typo must
 * not be able to cut a node off its own network, so these are refused. Each refusal names the most specific
 * rule that applies, in this order:
 *
 * <ol>
 *   <li>the default route, unless {@link GuardOptions#allowDefault};
 *   <li>martians (RFC 6890 special-purpose blocks that are never forwarded): {@code 0.0.0.0/8},
 *       {@code 127.0.0.0/8}, {@code 169.254.0.0/16} (unless {@link GuardOptions#allowLinkLocal}),
 *       {@code 224.0.0.0/4}, {@code 240.0.0.0/4}, {@code ::/128}, {@code ::1/128}, {@code fe80::/10},
 *       {@code ff00::/8}, {@code ::ffff:0:0/96}, and anything inside them;
 *   <li>a host prefix that is one of this node's addresses;
 *   <li>a prefix equal to or inside one of this node's connected subnets: it would beat the kernel's own
 *       subnet route and pull neighbours' traffic away from the link;
 *   <li>a prefix equal to or inside a protected prefix (see below);
 *   <li>a prefix covering one of this node's addresses (the default route aside: it covers everything and has
 *       its own rule). Such a route cannot take the address itself (the local table is consulted first), but
 *       a peer announcing a block around this node is a leak or a mistake, not a route to trust;
 *   <li>a next hop that is one of this node's addresses: the kernel would loop the packets back to itself.
 * </ol>
 *
 * <p>The order only picks the words: a connected subnet always holds its own address, and on a Calico IPIP
 * node {@code tunl0} holds the first address of the node's block, so "equals connected subnet" and "equals
 * protected prefix" say more than "covers this node's address" would.
 *
 * <p>Covering a protected prefix is allowed: the kernel forwards by longest match, so a less-specific route
 * never takes traffic from the protected more-specific one (the node's blackhole for its IPAM block stays in
 * charge), and refusing it would refuse aggregates that are merely around the block. Note that the own-address
 * rule is stricter: a pool aggregate such as {@code 10.244.0.0/16} is still refused on a node whose
 * {@code tunl0} or {@code vxlan.calico} holds an address inside it.
 *
 * <p>Addresses and subnets are taken from every interface whatever its state: a link that is down now comes
 * back with its subnet route, and a more-specific route installed in the meantime would then win.
 *
 * <p>Stricter than Calico's BIRD kernel export filter, which installs every route the peers send: the defaults
 * here are the strict ones and the options only loosen them. The guard follows the {@link KernelState} (its address
 * list is rebuilt whenever the state's version moves), so an address added a second ago counts.
 */
public final class FibGuard {
    private static final Prefix DEFAULT_V4 = Prefix.parse("0.0.0.0/0");
    private static final Prefix DEFAULT_V6 = Prefix.parse("::/0");
    private static final Prefix LINK_LOCAL_V4 = Prefix.parse("169.254.0.0/16");
    private static final List<Prefix> MARTIANS = List.of(
            Prefix.parse("0.0.0.0/8"), Prefix.parse("127.0.0.0/8"), LINK_LOCAL_V4, Prefix.parse("224.0.0.0/4"),
            Prefix.parse("240.0.0.0/4"), Prefix.parse("::/128"), Prefix.parse("::1/128"),
            Prefix.parse("fe80::/10"), Prefix.parse("ff00::/8"), Prefix.parse("::ffff:0:0/96"));

    private final GuardOptions options;
    private final KernelState state;
    /**
     * The addresses, their subnets and the plain addresses as of {@link KernelState#version}: rebuilt only when the
     * kernel's view changed, since the guard runs once per route written and a full table is a million routes.
     */
    private Snapshot snapshot;

    private record Snapshot(long version, List<KernelAddress> addresses, List<Prefix> subnets,
            java.util.Set<InetAddress> own) {}

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        long v = state.version();
        if (s == null || s.version() != v) {
            List<KernelAddress> all = state.addresses();
            List<Prefix> subnets = new java.util.ArrayList<>(all.size());
            java.util.Set<InetAddress> own = new java.util.HashSet<>();
            for (KernelAddress a : all) {
                subnets.add(Prefixes.of(a.address(), a.prefixLength()));
                own.add(Prefixes.plain(a.address()));
            }
            s = new Snapshot(v, all, subnets, own);
            snapshot = s;
        }
        return s;
    }

    public FibGuard(GuardOptions options, KernelState state) {
        this.options = Objects.requireNonNull(options, "options");
        this.state = Objects.requireNonNull(state, "state");
    }

    /** The refused blocks, in the order they are checked. */
    public static List<Prefix> martians() {
        return MARTIANS;
    }

    /**
     * Null when {@code prefix} via {@code nextHops} may be installed; otherwise why not, short and specific
     * ("martian 127.0.0.0/8", "covers this node's address 10.255.1.2 on eth0"). Null next hops are ignored.
     */
    public String check(Prefix prefix, List<InetAddress> nextHops) {
        Objects.requireNonNull(prefix, "prefix");
        boolean isDefault = prefix.equals(DEFAULT_V4) || prefix.equals(DEFAULT_V6);
        if (isDefault && !options.allowDefault()) {
            return "default route (allow-default is off)";
        }
        for (Prefix m : MARTIANS) {
            if (Prefixes.contains(m, prefix) && !(m.equals(LINK_LOCAL_V4) && options.allowLinkLocal())) {
                return "martian " + m;
            }
        }
        Snapshot snap = snapshot();
        List<KernelAddress> addresses = snap.addresses();
        if (Prefixes.isHost(prefix)) {
            KernelAddress own = ownAddressIn(addresses, prefix);
            if (own != null) {
                return "is this node's address " + own.address().getHostAddress() + " on " + name(own.ifindex());
            }
        }
        for (int i = 0; i < addresses.size(); i++) {
            Prefix subnet = snap.subnets().get(i);
            if (Prefixes.contains(subnet, prefix)) {
                return (subnet.equals(prefix) ? "equals" : "inside") + " connected subnet " + subnet + " on "
                        + name(addresses.get(i).ifindex());
            }
        }
        for (Prefix p : options.protectedPrefixes()) {
            if (Prefixes.contains(p, prefix)) {
                return (p.equals(prefix) ? "equals" : "inside") + " protected prefix " + p;
            }
        }
        if (!isDefault) {
            KernelAddress own = ownAddressIn(addresses, prefix);
            if (own != null) {
                return "covers this node's address " + own.address().getHostAddress() + " on " + name(own.ifindex());
            }
        }
        for (InetAddress hop : nextHops) {
            if (hop != null && snap.own().contains(Prefixes.plain(hop))) {
                return "next hop " + hop.getHostAddress() + " is this node's own address";
            }
        }
        return null;
    }

    private static KernelAddress ownAddressIn(List<KernelAddress> addresses, Prefix prefix) {
        for (KernelAddress a : addresses) {
            if (Prefixes.contains(prefix, a.address())) {
                return a;
            }
        }
        return null;
    }

    private String name(int ifindex) {
        String n = state.interfaceName(ifindex);
        return n != null ? n : "#" + ifindex;
    }
}
