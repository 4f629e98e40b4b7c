package dev.petrel.examples.nodeagent;

import dev.petrel.speaker.DesiredState;
import dev.petrel.speaker.PeerSpec;
import dev.petrel.speaker.Petrel;
import dev.petrel.speaker.PolicySpec;
import dev.petrel.speaker.Routes;

/**
 * A {@link NodeSpec} in Petrel's terms: the base configuration (what a running speaker cannot change: router ID,
 * AS, listen address, kernel options) and the {@link DesiredState} (peers, policy, routes), which the agent hands
 * to {@link Petrel#apply} on every change of the file.
 */
public final class Translation {
    /**
     * Only this node's own routes (its blocks and services, originated through the API) are exported: not the
     * cluster's other routes towards a top-of-rack switch, and not the kernel routes Petrel learns (a pod's /32 on
     * its {@code cali*} interface: Calico advertises the block, not each pod).
     */
    static final String NODE_ROUTES = "node-routes";
    static final PolicySpec NODE_ROUTES_POLICY = PolicySpec.builder(NODE_ROUTES).accept(m -> m.source("local"))
            .defaultReject().build();

    private Translation() {}

    /** The part of a spec that needs a new speaker when it changes (Graceful Restart is in our OPENs). */
    public record Base(String address, long as, int port, boolean install, boolean dryRun,
            java.time.Duration restartTime) {
        static Base of(NodeSpec s) {
            return new Base(s.address(), s.as(), s.port(), s.installRoutes(), s.kernelDryRun(), s.restartTime());
        }
    }

    /** A builder for the node's speaker: router ID and source address are the node IP, as calico-node does. */
    public static Petrel.Builder builder(NodeSpec s) {
        Petrel.Builder b = Petrel.builder().routerId(s.address()).localAs(s.as())
                .listen(listen(s.address(), s.port())).set("admin.http", "off");
        if (s.restartTime() != null) {
            b.gracefulRestart(s.restartTime());
        }
        if (s.installRoutes()) {
            if (s.kernelDryRun()) {
                b.kernelDryRun();
            } else {
                b.set("kernel.enabled", true);
            }
        }
        return b;
    }

    static String listen(String address, int port) {
        return address.contains(":") ? "[" + address + "]:" + port : address + ":" + port;
    }

    /** Peers (iBGP to the mesh or reflectors, eBGP to the switches) and the routes this node originates. */
    public static DesiredState desired(NodeSpec s) {
        DesiredState.Builder d = DesiredState.builder();
        d.policy(NODE_ROUTES_POLICY);
        for (NodeSpec.Peer p : s.peers()) {
            PeerSpec.Builder b = PeerSpec.builder(p.name(), p.address(), p.as()).port(s.port())
                    .localAddress(s.address()).importPolicy("all").exportPolicy(NODE_ROUTES)
                    .connectRetry(s.connectRetry()).option("idle-hold", "1s")
                    // With an explicit next hop, routes carry it (they are originated via it) instead of ours.
                    .nextHop(s.nextHop() != null ? "keep" : "default")
                    .description(switch (s.mode()) {
                        case FULL_MESH -> "node-to-node mesh";
                        case ROUTE_REFLECTORS -> "route reflector";
                        case TOR -> "top-of-rack switch";
                    });
            if (s.password() != null) {
                b.password(s.password());
            }
            d.peer(b.build());
        }
        String[] blockCommunities = s.blockCommunities().toArray(String[]::new);
        for (String block : s.ipamBlocks()) {
            d.route(route(s, block, blockCommunities));
        }
        String[] serviceCommunities = s.serviceCommunities().toArray(String[]::new);
        for (String cidr : s.serviceCidrs()) {
            d.route(route(s, cidr, serviceCommunities));
        }
        return d.build();
    }

    /** A blackhole route, as Calico originates its blocks; via the explicit next hop when there is one. */
    private static dev.petrel.config.StaticRoute route(NodeSpec s, String prefix, String[] communities) {
        if (s.nextHop() == null) {
            return Routes.blackhole(prefix, communities);
        }
        if (!s.nextHop().matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("node.next-hop: not an IP literal: " + s.nextHop());
        }
        try {
            return Routes.via(prefix, java.net.InetAddress.getByName(s.nextHop()), communities);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("node.next-hop: not an address: " + s.nextHop(), e);
        }
    }
}
