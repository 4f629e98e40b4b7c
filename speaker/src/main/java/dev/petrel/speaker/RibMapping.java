package dev.petrel.speaker;

import dev.petrel.config.AddressFamily;
import dev.petrel.config.PeerConfig;
import dev.petrel.config.PetrelConfig;
import dev.petrel.config.PolicyRef;
import dev.petrel.rib.LimitAction;
import dev.petrel.rib.NextHopMode;
import dev.petrel.rib.PeerRibConfig;
import dev.petrel.rib.RibSettings;
import dev.petrel.rib.policy.Policy;
import dev.petrel.wire.Family;
import dev.petrel.wire.PeerType;
import java.util.HashMap;
import java.util.Map;

/** Configuration records to the RIB's settings. */
final class RibMapping {
    private RibMapping() {}

    static RibSettings settings(PetrelConfig c) {
        return RibSettings.of(c.localAs(), Integer.toUnsignedLong(PeerMapping.routerId(c.routerId())));
    }

    static PeerRibConfig peer(PetrelConfig c, PeerConfig p) {
        PeerType type = p.remoteAs() == c.localAs() ? PeerType.INTERNAL : PeerType.EXTERNAL;
        Map<Family, Policy> imports = new HashMap<>();
        Map<Family, Policy> exports = new HashMap<>();
        for (AddressFamily af : p.families()) {
            Family f = PeerMapping.families(java.util.Set.of(af)).iterator().next();
            imports.put(f, policy(p.importPolicy()));
            exports.put(f, policy(p.exportPolicy()));
        }
        return new PeerRibConfig(p.name(), p.address(), p.remoteAs(), type, imports, exports, 0, NextHopMode.DEFAULT,
                Map.of(), LimitAction.RESET);
    }

    private static Policy policy(PolicyRef r) {
        return switch (r) {
            case PolicyRef.All a -> Policy.ALL;
            case PolicyRef.None n -> Policy.NONE;
            case PolicyRef.Named n -> throw new IllegalArgumentException("named policies are not supported yet: " + n);
        };
    }
}
