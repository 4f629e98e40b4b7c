package dev.petrel.speaker;

import dev.petrel.config.StaticRoute;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Routes to originate, as a node agent writes them: {@code Routes.blackhole("10.244.1.0/26", "64512:100")} for an
 * IPAM block, {@code Routes.via(...)} for a route with a next hop. Originated routes carry ORIGIN IGP and an
 * empty AS_PATH, as static routes of the configuration do.
 */
public final class Routes {
    private Routes() {}

    /** A blackhole route (how a node originates its pod blocks and service ranges) with communities. */
    public static StaticRoute blackhole(String prefix, String... communities) {
        return new StaticRoute(Prefix.parse(prefix), StaticRoute.Type.BLACKHOLE, Optional.empty(),
                communities(communities), List.of(), OptionalLong.empty(), OptionalLong.empty());
    }

    /** A route forwarded to {@code nextHop}, with communities. */
    public static StaticRoute via(String prefix, InetAddress nextHop, String... communities) {
        return new StaticRoute(Prefix.parse(prefix), StaticRoute.Type.VIA, Optional.of(nextHop),
                communities(communities), List.of(), OptionalLong.empty(), OptionalLong.empty());
    }

    /** {@code route} with LOCAL_PREF set. */
    public static StaticRoute withLocalPref(StaticRoute route, long localPref) {
        return new StaticRoute(route.prefix(), route.type(), route.nextHop(), route.communities(),
                route.largeCommunities(), OptionalLong.of(localPref), route.med());
    }

    /** {@code route} with MULTI_EXIT_DISC set. */
    public static StaticRoute withMed(StaticRoute route, long med) {
        return new StaticRoute(route.prefix(), route.type(), route.nextHop(), route.communities(),
                route.largeCommunities(), route.localPref(), OptionalLong.of(med));
    }

    /** {@code route} with large communities (RFC 8092) added. */
    public static StaticRoute withLargeCommunities(StaticRoute route, LargeCommunity... large) {
        List<LargeCommunity> all = new java.util.ArrayList<>(route.largeCommunities());
        all.addAll(Arrays.asList(large));
        return new StaticRoute(route.prefix(), route.type(), route.nextHop(), route.communities(), all,
                route.localPref(), route.med());
    }

    private static List<Community> communities(String[] text) {
        return Arrays.stream(text).map(Community::parse).toList();
    }
}
