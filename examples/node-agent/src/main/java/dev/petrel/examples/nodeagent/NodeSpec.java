package dev.petrel.examples.nodeagent;

import java.time.Duration;
import java.util.List;

/**
 * What a node agent is told about its node, as calico-node learns it from the Kubernetes API: the node's address
 * and AS, the IPAM blocks affine to it, the service CIDRs to advertise, and whom to peer with. Read from a JSON or
 * HOCON file ({@link NodeSpecReader}); the agent turns it into Petrel's base configuration and desired state
 * ({@link Translation}).
 *
 * @param name the node's name (for logs)
 * @param address the node IP: router ID, listen address and BGP source address
 * @param as the cluster's AS
 * @param port the BGP port we listen on and peers are reached on
 * @param ipamBlocks this node's pod blocks (Calico's /26 blocks), originated with {@link #blockCommunities}
 * @param serviceCidrs cluster IP, external IP and load-balancer CIDRs, originated with {@link #serviceCommunities}
 * @param blockCommunities communities on the pod blocks
 * @param serviceCommunities communities on the service routes
 * @param mode how the node peers
 * @param peers the other nodes (full mesh), the route reflectors, or the top-of-rack switches
 * @param password the TCP MD5 key for every peer, or null
 * @param connectRetry how soon a failed connection is retried
 * @param installRoutes whether other nodes' routes go into the kernel
 * @param kernelDryRun whether the kernel FIB only pretends (no privilege needed)
 * @param readiness where to serve {@code /readyz} ({@code "127.0.0.1:9180"}), or null
 * @param nextHop the address other nodes should forward this node's routes to when it is not the session's
 *     address, or null: the in-process demo runs its sessions over loopback, and a loopback NEXT_HOP is refused
 *     by every BGP speaker (RFC 7606 treat-as-withdraw in Petrel), so each node advertises its would-be node IP
 * @param restartTime Graceful Restart (RFC 4724), as calico-node's BIRD runs it ({@code graceful restart}): peers
 *     keep this node's routes for this long while its agent restarts, and it keeps theirs; null when off
 */
public record NodeSpec(String name, String address, long as, int port, List<String> ipamBlocks,
        List<String> serviceCidrs, List<String> blockCommunities, List<String> serviceCommunities, Mode mode,
        List<Peer> peers, String password, Duration connectRetry, boolean installRoutes, boolean kernelDryRun,
        String readiness, String nextHop, Duration restartTime) {

    public NodeSpec {
        ipamBlocks = List.copyOf(ipamBlocks);
        serviceCidrs = List.copyOf(serviceCidrs);
        blockCommunities = List.copyOf(blockCommunities);
        serviceCommunities = List.copyOf(serviceCommunities);
        peers = List.copyOf(peers);
    }

    /** Calico's three peering shapes. */
    public enum Mode {
        /** Every node peers with every other over iBGP (Calico's node-to-node mesh). */
        FULL_MESH,
        /** Every node peers over iBGP with the cluster's route reflectors only. */
        ROUTE_REFLECTORS,
        /** Every node peers over eBGP with its rack's top-of-rack pair (AS per rack, or per switch). */
        TOR
    }

    /**
     * One peer.
     *
     * @param name its name
     * @param address its address
     * @param as its AS: the node's own for the mesh and reflectors, the switch's for a ToR
     */
    public record Peer(String name, String address, long as) {}
}
