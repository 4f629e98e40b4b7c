package dev.petrel.config;

import dev.petrel.rib.policy.Policy;
import dev.petrel.wire.nlri.Prefix;
import java.time.Duration;
import java.util.List;

/**
 * The {@code kernel} block: whether and how Petrel writes the Linux FIB and learns routes from it.
 *
 * @param enabled write best paths into the kernel and learn from it (off: Petrel is a pure BGP speaker)
 * @param table the routing table, 1..4294967295 except 255 (local)
 * @param protocol the route protocol number Petrel writes and owns, 1..255 (186 = bgp)
 * @param metric the route priority unless a policy sets one
 * @param export which best paths go into the kernel: all, none or a policy
 * @param learn which kernel routes become locally originated routes
 * @param protectedPrefixes prefixes nothing learned from BGP may equal or fall inside (this node's IPAM blocks)
 * @param allowDefault allow a BGP default route into the kernel
 * @param persist leave Petrel's routes in the kernel when it stops
 * @param mergePaths at most this many next hops per kernel route
 * @param convergenceDeferral how long to keep routes found at start while waiting for End-of-RIB from every peer
 * @param verifyInterval how often the kernel is re-read in full as a safety net
 * @param dryRun compute and "install" routes in memory only, writing nothing to the kernel (no CAP_NET_ADMIN needed)
 */
public record KernelOptions(boolean enabled, long table, int protocol, long metric, Policy export, Learn learn,
        List<Prefix> protectedPrefixes, boolean allowDefault, boolean persist, int mergePaths,
        Duration convergenceDeferral, Duration verifyInterval, boolean dryRun) {
    public KernelOptions {
        protectedPrefixes = List.copyOf(protectedPrefixes);
    }

    /**
     * What to learn from the kernel.
     *
     * @param protocols route protocol numbers to learn (empty: any but ours)
     * @param tables tables to learn from
     * @param types route types by name (blackhole, unreachable, unicast, prohibit)
     * @param interfaces output-interface globs, first match decides, "-glob" excludes (cali*, -kube-ipvs*)
     * @param connected learn the connected subnets of interfaces the globs accept
     */
    public record Learn(List<Integer> protocols, List<Long> tables, List<String> types, List<String> interfaces,
            boolean connected) {
        public Learn {
            protocols = List.copyOf(protocols);
            tables = List.copyOf(tables);
            types = List.copyOf(types);
            interfaces = List.copyOf(interfaces);
        }
    }
}
