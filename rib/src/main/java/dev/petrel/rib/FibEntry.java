package dev.petrel.rib;

import dev.petrel.wire.NextHop;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One prefix's forwarding as the RIB wants it in the kernel.
 *
 * @param nextHops the best path's next hop first, then those of the other multipath (ECMP) paths, distinct
 * @param priority the kernel route priority a policy set, or -1 for the FIB's configured metric
 * @param peer the name of the peer of the best path (for {@code show fib})
 * @param sessionAddresses per next hop, our address on the session it was learned over (null when unknown): the
 *     interface a link-local next hop is on
 */
public record FibEntry(List<NextHop> nextHops, int priority, String peer, List<InetAddress> sessionAddresses) {
    public FibEntry {
        nextHops = List.copyOf(nextHops);
        sessionAddresses = sessionAddresses == null ? null : Collections.unmodifiableList(new ArrayList<>(
                sessionAddresses));
        if (sessionAddresses != null && sessionAddresses.size() != nextHops.size()) {
            throw new IllegalArgumentException("one session address per next hop");
        }
    }

    public FibEntry(List<NextHop> nextHops, int priority, String peer) {
        this(nextHops, priority, peer, null);
    }

    /** Our address on the session next hop {@code i} was learned over, or null. */
    public InetAddress sessionAddress(int i) {
        return sessionAddresses == null ? null : sessionAddresses.get(i);
    }
}
