package dev.petrel.rib.policy;

import dev.petrel.rib.Source;
import dev.petrel.wire.Family;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A mutable {@link PolicyInput}, as the RIB's cursor will be: one baseline route (from an eBGP peer, 10.1.0.0/16,
 * no interface), each test changing the one thing it looks at.
 */
final class Route implements PolicyInput {
    static final long LOCAL_AS = 64512;

    Prefix prefix = Prefix.parse("10.1.0.0/16");
    Source.Kind source = Source.Kind.PEER;
    PeerType peerType = PeerType.EXTERNAL;
    String interfaceName;
    PathAttributes attributes = PathAttributes.EMPTY;
    InetAddress nextHop = address("192.0.2.1");
    int kernelPriority = -1;

    static Route of(String prefix) {
        return new Route().prefix(prefix);
    }

    Route prefix(String p) {
        prefix = Prefix.parse(p);
        return this;
    }

    Route source(Source.Kind kind) {
        source = kind;
        return this;
    }

    Route peerType(PeerType t) {
        peerType = t;
        return this;
    }

    Route interfaceName(String name) {
        interfaceName = name;
        return this;
    }

    Route attributes(PathAttributes a) {
        attributes = a;
        return this;
    }

    Route nextHop(String a) {
        nextHop = a == null ? null : address(a);
        return this;
    }

    Route kernelPriority(int p) {
        kernelPriority = p;
        return this;
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public Family family() {
        return prefix.unicastFamily();
    }

    @Override
    public Prefix prefix() {
        return prefix;
    }

    @Override
    public Source.Kind sourceKind() {
        return source;
    }

    @Override
    public PeerType peerType() {
        return peerType;
    }

    @Override
    public String interfaceName() {
        return interfaceName;
    }

    @Override
    public PathAttributes attributes() {
        return attributes;
    }

    @Override
    public InetAddress nextHop() {
        return nextHop;
    }

    @Override
    public long localAs() {
        return LOCAL_AS;
    }

    @Override
    public int kernelPriority() {
        return kernelPriority;
    }
}
