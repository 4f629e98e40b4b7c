package dev.petrel.config;

import dev.petrel.rib.Source;
import dev.petrel.rib.policy.PolicyInput;
import dev.petrel.wire.Family;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;

/** Routes to run configured policies on: a route with no attributes, from the given source. */
record Routes(Prefix prefix, Source.Kind sourceKind, PeerType peerType) implements PolicyInput {
    static Routes of(String prefix) {
        return new Routes(Prefix.parse(prefix), Source.Kind.LOCAL, null);
    }

    static Routes from(Source.Kind kind, PeerType peerType, String prefix) {
        return new Routes(Prefix.parse(prefix), kind, peerType);
    }

    @Override
    public Family family() {
        return prefix.unicastFamily();
    }

    @Override
    public String interfaceName() {
        return null;
    }

    @Override
    public PathAttributes attributes() {
        return PathAttributes.EMPTY;
    }

    @Override
    public InetAddress nextHop() {
        return null;
    }

    @Override
    public long localAs() {
        return 64512;
    }
}
