package dev.petrel.fib.learn;

import dev.petrel.wire.nlri.Prefix;
import java.util.List;

/**
 * What the {@link FibGuard} is told beyond what it sees in the kernel.
 *
 * @param protectedPrefixes prefixes this node is authoritative for (its own IPAM blocks, its service range):
 *     a BGP route equal to or inside one is never installed
 * @param allowDefault whether a default route ({@code 0.0.0.0/0}, {@code ::/0}) heard over BGP may be installed
 * @param allowLinkLocal whether routes inside {@code 169.254.0.0/16} may be installed (some clouds route their
 *     metadata service there); {@code fe80::/10} stays refused, since IPv6 link-local addresses are only
 *     meaningful with an interface and a route to them is always wrong
 */
public record GuardOptions(List<Prefix> protectedPrefixes, boolean allowDefault, boolean allowLinkLocal) {
    /** Nothing protected beyond the node's own addresses; no default route; no link-local. */
    public static final GuardOptions DEFAULT = new GuardOptions(List.of(), false, false);

    public GuardOptions {
        protectedPrefixes = List.copyOf(protectedPrefixes);
    }
}
