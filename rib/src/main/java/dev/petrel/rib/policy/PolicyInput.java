package dev.petrel.rib.policy;

import dev.petrel.rib.Source;
import dev.petrel.wire.Family;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;

/**
 * One route as a policy sees it. An interface rather than a record so that the RIB thread can pass one reusable
 * cursor, re-pointed at each route, and evaluate a full table without allocating.
 */
public interface PolicyInput {
    /** The route's address family. */
    Family family();

    /** The route's prefix. */
    Prefix prefix();

    /** Where the route came from: a BGP peer, local origination (configuration, API) or the kernel. */
    Source.Kind sourceKind();

    /**
     * The type of the session the policy runs for: on import, the peer the route came from; on export, the peer
     * it is about to be sent to (Calico's {@code peerType}, which BIRD sees as the session's {@code is_same_as}).
     * Null when the policy runs for no session.
     */
    PeerType peerType();

    /** The interface of a kernel-learned route (its output device); null when the route has none. */
    String interfaceName();

    /** The route's attributes before this policy. */
    PathAttributes attributes();

    /** The route's next hop, or null when it has none (a blackhole, or a locally originated route). */
    InetAddress nextHop();

    /** Our AS towards this session: the AS a prepend without an AS of its own adds. */
    long localAs();

    /**
     * The kernel priority (metric) of a kernel-learned route, or the one an earlier policy set; -1 when there is
     * none. Calico's {@code priority} match reads it.
     */
    default int kernelPriority() {
        return -1;
    }
}
