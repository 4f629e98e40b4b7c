package dev.petrel.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads {@code petrel.static-routes}, each against {@code petrel-schema.static-route}; prefixes unique. */
final class StaticRouteReader {
    private StaticRouteReader() {}

    /** The routes, or null when any is wrong (all of it reported). */
    static List<StaticRoute> read(Section petrel, ConfigObject schema) {
        ConfigList list = petrel.list("static-routes");
        if (list == null) {
            return null;
        }
        int before = petrel.problems.count();
        List<StaticRoute> routes = new ArrayList<>();
        Map<Prefix, String> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = petrel.key("static-routes") + "[" + i + "]";
            if (!(list.get(i) instanceof ConfigObject own)) {
                petrel.problems.add(list.get(i).origin(), path,
                        "a static route is an object { prefix = \"10.0.0.0/24\", type = blackhole }");
                continue;
            }
            Section r = new Section(path, own, schema, own.origin(), petrel.problems);
            UnknownKeys.check(r, schema.keySet());
            StaticRoute route = route(r);
            if (route == null) {
                continue;
            }
            String first = seen.putIfAbsent(route.prefix(), path);
            if (first != null) {
                r.error("prefix", route.prefix() + " is already the prefix of " + first);
            } else {
                routes.add(route);
            }
        }
        return petrel.problems.count() == before ? routes : null;
    }

    private static StaticRoute route(Section r) {
        int before = r.problems.count();
        Prefix prefix = null;
        if (r.require("prefix", "the route's prefix, like \"10.244.3.0/26\"")) {
            try {
                prefix = Literals.prefix(r.string("prefix"));
            } catch (Literals.Bad e) {
                r.error("prefix", e.getMessage());
            }
        }
        String typeName = r.oneOf("type", "blackhole", "unreachable", "via");
        StaticRoute.Type type = typeName == null ? null : StaticRoute.Type.fromConfigName(typeName);
        InetAddress nextHop = null;
        if (type == StaticRoute.Type.VIA) {
            if (r.require("next-hop", "the address to forward to, for type = via (or set type = blackhole or"
                    + " unreachable)")) {
                nextHop = nextHop(r, prefix);
            }
        } else if (type != null && r.isSet("next-hop")) {
            r.error("next-hop", "is only for type = via: a" + (type == StaticRoute.Type.BLACKHOLE ? " blackhole"
                    : "n unreachable") + " route has no next hop");
        }
        List<Community> communities = r.each("communities", true, Literals::community);
        List<LargeCommunity> large = r.each("large-communities", true, Literals::largeCommunity);
        Long localPref = r.number("local-pref", 0, AsNumbers.MAX, "LOCAL_PREF is 0.." + AsNumbers.MAX);
        Long med = r.number("med", 0, AsNumbers.MAX, "MED is 0.." + AsNumbers.MAX);
        if (r.problems.count() != before) {
            return null;
        }
        return new StaticRoute(prefix, type, Optional.ofNullable(nextHop),
                communities == null ? List.of() : communities, large == null ? List.of() : large,
                localPref == null ? OptionalLong.empty() : OptionalLong.of(localPref),
                med == null ? OptionalLong.empty() : OptionalLong.of(med));
    }

    private static InetAddress nextHop(Section r, Prefix prefix) {
        String text = r.string("next-hop");
        InetAddress a = text == null ? null : IpLiterals.ip(text);
        if (a == null) {
            if (text != null) {
                r.error("next-hop", "\"" + text + "\" is not an IPv4 or IPv6 address literal");
            }
            return null;
        }
        String problem = StaticRoute.nextHopProblem(prefix, a);
        if (problem != null) {
            r.error("next-hop", problem);
            return null;
        }
        return a;
    }
}
