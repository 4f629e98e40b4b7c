package dev.petrel.rib;

import dev.petrel.rib.policy.Policy;
import dev.petrel.wire.Family;
import dev.petrel.wire.PeerType;
import java.net.InetAddress;
import java.util.Map;

/**
 * What the RIB needs to know about one peer, from its configuration.
 *
 * @param name the peer's configured name
 * @param address the peer's address
 * @param remoteAs the peer's AS
 * @param peerType eBGP or iBGP (remote AS vs ours)
 * @param importPolicies per family; a family not in the map imports nothing
 * @param exportPolicies per family; a family not in the map exports nothing
 * @param allowOwnAs how many times our AS may appear in a received AS_PATH before the route is a loop (0 = never)
 * @param nextHop what next hop the peer is sent
 * @param maxPrefixes per family, the most accepted prefixes (absent = no limit)
 * @param limitAction what exceeding a limit does
 * @param addPathSend ADD-PATH send (RFC 7911): how many paths per prefix the peer is sent where the session
 *     negotiated it: {@link #ADD_PATH_OFF} (not offered), the best N (N &ge; 1), or {@link #ADD_PATH_ALL}
 * @param routeReflectorClient an iBGP peer that is our route-reflector client (RFC 4456); never an eBGP one. It
 *     takes effect with the peer's next session (the RIB reads it when the session comes up)
 */
public record PeerRibConfig(String name, InetAddress address, long remoteAs, PeerType peerType,
        Map<Family, Policy> importPolicies, Map<Family, Policy> exportPolicies, int allowOwnAs, NextHopMode nextHop,
        Map<Family, Integer> maxPrefixes, LimitAction limitAction, int addPathSend, boolean routeReflectorClient) {
    /** ADD-PATH send not configured: one path per prefix. */
    public static final int ADD_PATH_OFF = 0;
    /** ADD-PATH send of every eligible path. */
    public static final int ADD_PATH_ALL = Integer.MAX_VALUE;

    public PeerRibConfig(String name, InetAddress address, long remoteAs, PeerType peerType,
            Map<Family, Policy> importPolicies, Map<Family, Policy> exportPolicies, int allowOwnAs,
            NextHopMode nextHop, Map<Family, Integer> maxPrefixes, LimitAction limitAction, int addPathSend) {
        this(name, address, remoteAs, peerType, importPolicies, exportPolicies, allowOwnAs, nextHop, maxPrefixes,
                limitAction, addPathSend, false);
    }

    public PeerRibConfig(String name, InetAddress address, long remoteAs, PeerType peerType,
            Map<Family, Policy> importPolicies, Map<Family, Policy> exportPolicies, int allowOwnAs,
            NextHopMode nextHop, Map<Family, Integer> maxPrefixes, LimitAction limitAction) {
        this(name, address, remoteAs, peerType, importPolicies, exportPolicies, allowOwnAs, nextHop, maxPrefixes,
                limitAction, ADD_PATH_OFF);
    }

    public PeerRibConfig {
        if (addPathSend < 0) {
            throw new IllegalArgumentException("addPathSend " + addPathSend);
        }
        if (routeReflectorClient && peerType != PeerType.INTERNAL) {
            throw new IllegalArgumentException("a route-reflector client is an iBGP peer: " + name);
        }
        importPolicies = Map.copyOf(importPolicies);
        exportPolicies = Map.copyOf(exportPolicies);
        maxPrefixes = Map.copyOf(maxPrefixes);
        if (nextHop == null) {
            nextHop = NextHopMode.DEFAULT;
        }
        if (limitAction == null) {
            limitAction = LimitAction.RESET;
        }
    }

    /** A peer that imports and exports everything in both unicast families: for tests and benchmarks. */
    public static PeerRibConfig all(String name, InetAddress address, long remoteAs, PeerType type) {
        Map<Family, Policy> all = Map.of(Family.IPV4_UNICAST, Policy.ALL, Family.IPV6_UNICAST, Policy.ALL);
        return new PeerRibConfig(name, address, remoteAs, type, all, all, 0, NextHopMode.DEFAULT, Map.of(), null);
    }

    /** The same peer with ADD-PATH send of {@code n} paths ({@link #ADD_PATH_OFF}, N, or {@link #ADD_PATH_ALL}). */
    public PeerRibConfig withAddPathSend(int n) {
        return new PeerRibConfig(name, address, remoteAs, peerType, importPolicies, exportPolicies, allowOwnAs,
                nextHop, maxPrefixes, limitAction, n, routeReflectorClient);
    }

    /** The same peer as a route-reflector client (RFC 4456) or not. */
    public PeerRibConfig withRouteReflectorClient(boolean client) {
        return new PeerRibConfig(name, address, remoteAs, peerType, importPolicies, exportPolicies, allowOwnAs,
                nextHop, maxPrefixes, limitAction, addPathSend, client);
    }

    public Policy importPolicy(Family f) {
        return importPolicies.getOrDefault(f, Policy.NONE);
    }

    public Policy exportPolicy(Family f) {
        return exportPolicies.getOrDefault(f, Policy.NONE);
    }
}
