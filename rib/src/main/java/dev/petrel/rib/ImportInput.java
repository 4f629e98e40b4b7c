package dev.petrel.rib;

import dev.petrel.rib.policy.PolicyInput;
import dev.petrel.wire.Family;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;

/**
 * One reusable {@link PolicyInput}: the RIB sets it to each route in turn, so evaluating policy allocates nothing.
 * On import the session is the one the route came from; on export the one it is sent on.
 */
final class ImportInput implements PolicyInput {
    private final long localAs;
    private Family family;
    private Prefix prefix;
    private Source source;
    private PathAttributes attributes;
    private NextHop nextHop;
    /** For export: the type of the session the route is sent on; null on import (the source's type is used). */
    private PeerType sessionType;
    private int kernelPriority = -1;
    private String interfaceName;

    ImportInput(long localAs) {
        this.localAs = localAs;
    }

    void sessionType(PeerType type) {
        this.sessionType = type;
    }

    ImportInput set(Family family, Prefix prefix, Source source, PathAttributes attributes, NextHop nextHop) {
        this.family = family;
        this.prefix = prefix;
        this.source = source;
        this.attributes = attributes;
        this.nextHop = nextHop;
        this.interfaceName = null;
        this.kernelPriority = -1;
        return this;
    }

    /** Points the cursor at {@code path}: its source, attributes after import, next hop, interface, priority. */
    ImportInput set(Family family, Prefix prefix, Path path) {
        set(family, prefix, path.source, path.attributes, path.nextHop);
        this.interfaceName = path instanceof LearnedPath l ? l.interfaceName : null;
        this.kernelPriority = path.kernelPriority();
        return this;
    }

    @Override
    public Family family() {
        return family;
    }

    @Override
    public Prefix prefix() {
        return prefix;
    }

    @Override
    public Source.Kind sourceKind() {
        return source.kind();
    }

    @Override
    public PeerType peerType() {
        return sessionType != null ? sessionType : source.peerType();
    }

    @Override
    public int kernelPriority() {
        return kernelPriority;
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
        return nextHop == null ? null : nextHop.global();
    }

    @Override
    public long localAs() {
        return localAs;
    }
}
