package dev.petrel.speaker;

import dev.petrel.config.AddressFamily;
import dev.petrel.config.PeerConfig;
import dev.petrel.config.PeerRibOptions;
import dev.petrel.config.PetrelConfig;
import dev.petrel.config.RibOptions;
import dev.petrel.config.StaticRoute;
import dev.petrel.rib.DecisionOptions;
import dev.petrel.rib.LimitAction;
import dev.petrel.rib.NextHopMode;
import dev.petrel.rib.PeerRibConfig;
import dev.petrel.rib.RibSettings;
import dev.petrel.rib.policy.Policy;
import dev.petrel.wire.Family;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Configuration records to the RIB's settings. */
final class RibMapping {
    private RibMapping() {}

    static RibSettings settings(PetrelConfig c) {
        RibOptions o = c.rib();
        DecisionOptions d = DecisionOptions.DEFAULT.withAlwaysCompareMed(o.alwaysCompareMed())
                .withDeterministicMed(o.deterministicMed()).withMaxPaths(o.multipath())
                .withMultipathRelax(o.multipathRelax());
        return new RibSettings(c.localAs(), Integer.toUnsignedLong(PeerMapping.routerId(c.routerId())), d,
                o.defaultLocalPref(), 0, 0, c.clusterId());
    }

    static Family family(AddressFamily af) {
        return PeerMapping.families(Set.of(af)).iterator().next();
    }

    static PeerRibConfig peer(PetrelConfig c, PeerConfig p) {
        PeerType type = p.internal() ? PeerType.INTERNAL : PeerType.EXTERNAL;
        Map<Family, Policy> imports = new HashMap<>();
        Map<Family, Policy> exports = new HashMap<>();
        Map<Family, Integer> limits = new HashMap<>();
        PeerRibOptions o = p.ribOptions();
        for (AddressFamily af : p.families()) {
            Family f = family(af);
            imports.put(f, p.importPolicy(af).policy());
            exports.put(f, p.exportPolicy(af).policy());
            o.maxPrefixes(af).ifPresent(n -> limits.put(f, (int) Math.min(Integer.MAX_VALUE, n)));
        }
        NextHopMode nh = switch (o.nextHop()) {
            case NONE -> NextHopMode.DEFAULT;
            case SELF -> NextHopMode.SELF;
            case KEEP -> NextHopMode.KEEP;
        };
        LimitAction limit = switch (o.maxPrefixesAction()) {
            case RESET -> LimitAction.RESET;
            case REJECT -> LimitAction.REJECT;
            case WARN -> LimitAction.WARN;
        };
        // The configuration's count maps as it is: ADD_PATH_OFF, N, or ADD_PATH_ALL (Integer.MAX_VALUE) alike.
        return new PeerRibConfig(p.name(), p.address(), p.remoteAs(), type, imports, exports, o.allowOwnAs(), nh,
                limits, limit, o.addPathSend(), type == PeerType.INTERNAL && o.routeReflectorClient());
    }

    /** A static route as the attributes it is originated with: ORIGIN IGP, an empty AS_PATH, and what it sets. */
    static PathAttributes attributes(StaticRoute r) {
        PathAttributes.Builder b = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.EMPTY);
        if (!r.communities().isEmpty()) {
            b.communities(r.communities());
        }
        if (!r.largeCommunities().isEmpty()) {
            b.largeCommunities(r.largeCommunities());
        }
        r.localPref().ifPresent(b::localPref);
        r.med().ifPresent(b::med);
        return b.build();
    }

    static NextHop nextHop(StaticRoute r) {
        return r.nextHop().map(a -> new NextHop(a, null)).orElse(null);
    }
}
