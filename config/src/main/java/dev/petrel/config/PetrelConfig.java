package dev.petrel.config;

import dev.petrel.rib.policy.Policy;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A whole, validated configuration: the {@code petrel} block of the file.
 *
 * @param routerId the BGP Identifier (RFC 6286), never 0.0.0.0
 * @param localAs our AS, 1..4294967295, never AS_TRANS
 * @param listen where to accept connections; empty means only connect out
 * @param adminSocket the Unix socket of the admin commands
 * @param rib the decision process's options
 * @param policies the named policies by name, sorted; every name a peer refers to is here
 * @param staticRoutes in file order, prefixes unique
 * @param peers in file order, names and addresses unique
 * @param kernel the kernel FIB's options
 * @param origin the file read, or null when the text came from elsewhere (a string, a classpath resource)
 * @param clusterId the CLUSTER_ID of route reflection (RFC 4456 §7), unsigned, never 0: the router ID unless set
 * @param http the HTTP health endpoints ({@code admin.http}, {@code admin.ready-grace})
 * @param listenRanges where dynamic peers may connect from, in file order, prefixes unique; a configured peer
 *     inside a range is still that peer
 * @param adminSocketGroup the group that may use the admin socket besides our user ({@code admin.socket-group}),
 *     or null for our user only
 * @param gracefulRestart Graceful Restart as a restarting speaker (null: {@link GracefulRestartOptions#HELPER_ONLY})
 */
public record PetrelConfig(Inet4Address routerId, long localAs, List<ListenAddress> listen, Path adminSocket,
        RibOptions rib, SortedMap<String, Policy> policies, List<StaticRoute> staticRoutes, List<PeerConfig> peers,
        KernelOptions kernel, Path origin, long clusterId, HttpOptions http, List<ListenRange> listenRanges,
        String adminSocketGroup, GracefulRestartOptions gracefulRestart) {
    public PetrelConfig(Inet4Address routerId, long localAs, List<ListenAddress> listen, Path adminSocket,
            RibOptions rib, SortedMap<String, Policy> policies, List<StaticRoute> staticRoutes,
            List<PeerConfig> peers, KernelOptions kernel, Path origin, long clusterId, HttpOptions http,
            List<ListenRange> listenRanges, String adminSocketGroup) {
        this(routerId, localAs, listen, adminSocket, rib, policies, staticRoutes, peers, kernel, origin, clusterId,
                http, listenRanges, adminSocketGroup, null);
    }

    public PetrelConfig(Inet4Address routerId, long localAs, List<ListenAddress> listen, Path adminSocket,
            RibOptions rib, SortedMap<String, Policy> policies, List<StaticRoute> staticRoutes,
            List<PeerConfig> peers, KernelOptions kernel, Path origin, long clusterId, HttpOptions http,
            List<ListenRange> listenRanges) {
        this(routerId, localAs, listen, adminSocket, rib, policies, staticRoutes, peers, kernel, origin, clusterId,
                http, listenRanges, null);
    }

    public PetrelConfig(Inet4Address routerId, long localAs, List<ListenAddress> listen, Path adminSocket,
            RibOptions rib, SortedMap<String, Policy> policies, List<StaticRoute> staticRoutes,
            List<PeerConfig> peers, KernelOptions kernel, Path origin) {
        this(routerId, localAs, listen, adminSocket, rib, policies, staticRoutes, peers, kernel, origin, 0);
    }

    public PetrelConfig(Inet4Address routerId, long localAs, List<ListenAddress> listen, Path adminSocket,
            RibOptions rib, SortedMap<String, Policy> policies, List<StaticRoute> staticRoutes,
            List<PeerConfig> peers, KernelOptions kernel, Path origin, long clusterId) {
        this(routerId, localAs, listen, adminSocket, rib, policies, staticRoutes, peers, kernel, origin, clusterId,
                HttpOptions.DEFAULT);
    }

    public PetrelConfig(Inet4Address routerId, long localAs, List<ListenAddress> listen, Path adminSocket,
            RibOptions rib, SortedMap<String, Policy> policies, List<StaticRoute> staticRoutes,
            List<PeerConfig> peers, KernelOptions kernel, Path origin, long clusterId, HttpOptions http) {
        this(routerId, localAs, listen, adminSocket, rib, policies, staticRoutes, peers, kernel, origin, clusterId,
                http, List.of());
    }

    public PetrelConfig {
        if (clusterId == 0 && routerId != null) {
            byte[] b = routerId.getAddress();
            clusterId = (b[0] & 0xffL) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
        }
        listen = List.copyOf(listen);
        policies = Collections.unmodifiableSortedMap(new TreeMap<>(policies));
        staticRoutes = List.copyOf(staticRoutes);
        peers = List.copyOf(peers);
        if (http == null) {
            http = HttpOptions.DEFAULT;
        }
        listenRanges = listenRanges == null ? List.of() : List.copyOf(listenRanges);
        if (gracefulRestart == null) {
            gracefulRestart = GracefulRestartOptions.HELPER_ONLY;
        }
    }

    /** The named policy, or null; {@code all} and {@code none} are not here (see {@link Policy#ALL}). */
    public Policy policy(String name) {
        return policies.get(name);
    }
}
