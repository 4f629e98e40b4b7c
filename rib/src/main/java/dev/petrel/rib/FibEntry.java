package dev.petrel.rib;

import dev.petrel.wire.NextHop;
import java.util.List;

/**
 * One prefix's forwarding as the RIB wants it in the kernel.
 *
 * @param nextHops the best path's next hop first, then those of the other multipath (ECMP) paths, distinct
 * @param priority the kernel route priority a policy set, or -1 for the FIB's configured metric
 * @param peer the name of the peer of the best path (for {@code show fib})
 */
public record FibEntry(List<NextHop> nextHops, int priority, String peer) {
    public FibEntry {
        nextHops = List.copyOf(nextHops);
    }
}
