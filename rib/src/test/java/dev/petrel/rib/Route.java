package dev.petrel.rib;

import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A candidate for decision-process tests: {@link #base} and one {@code with...} per tie-breaker, so a fixture
 * differs from the baseline in the one knob a test is about.
 */
record Route(String name, PathAttributes attributes, PeerType peerType, long peerRouterId, byte[] peerAddress,
        long igpCost, boolean stale, int pathId, String ineligibleReason) implements Candidate {

    static final PathAttributes BASE_ATTRIBUTES = PathAttributes.builder()
            .origin(Origin.IGP)
            .asPath(AsPath.sequence(65001, 65002))
            .nextHop("192.0.2.1")
            .build();

    /**
     * The baseline: from eBGP peer 192.0.2.1 (router id 10.0.0.1), AS_PATH 65001 65002, ORIGIN IGP, no MED, no
     * LOCAL_PREF (so 100), IGP cost 0, fresh, path id 0.
     */
    static Route base(String name) {
        return new Route(name, BASE_ATTRIBUTES, PeerType.EXTERNAL, id("10.0.0.1"), ip("192.0.2.1"), 0, false, 0, null);
    }

    static long id(String dotted) {
        return Integer.toUnsignedLong(Ipv4.parse(dotted));
    }

    static byte[] ip(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    @Override
    public boolean eligible() {
        return ineligibleReason == null;
    }

    Route named(String n) {
        return new Route(n, attributes, peerType, peerRouterId, peerAddress, igpCost, stale, pathId, ineligibleReason);
    }

    Route withAttributes(UnaryOperator<PathAttributes.Builder> change) {
        return new Route(name, change.apply(attributes.toBuilder()).build(), peerType, peerRouterId, peerAddress,
                igpCost, stale, pathId, ineligibleReason);
    }

    Route withLocalPref(long v) {
        return withAttributes(b -> b.localPref(v));
    }

    Route withMed(long v) {
        return withAttributes(b -> b.med(v));
    }

    Route withAsPath(long... asns) {
        return withAsPath(AsPath.sequence(asns));
    }

    Route withAsPath(AsPath p) {
        return withAttributes(b -> b.asPath(p));
    }

    Route withOrigin(Origin o) {
        return withAttributes(b -> b.origin(o));
    }

    Route withOriginatorId(String dotted) {
        return withAttributes(b -> b.originatorId(Ipv4.parse(dotted)));
    }

    Route withClusterList(Long... ids) {
        return withAttributes(b -> b.clusterList(List.of(ids)));
    }

    Route ibgp() {
        return new Route(name, attributes, PeerType.INTERNAL, peerRouterId, peerAddress, igpCost, stale, pathId,
                ineligibleReason);
    }

    /** Originated by this speaker: no peer, router id 0, no address. */
    Route originatedHere() {
        return new Route(name, attributes, null, 0, new byte[0], igpCost, stale, pathId, ineligibleReason);
    }

    Route withRouterId(String dotted) {
        return new Route(name, attributes, peerType, id(dotted), peerAddress, igpCost, stale, pathId,
                ineligibleReason);
    }

    Route withAddress(String literal) {
        return new Route(name, attributes, peerType, peerRouterId, ip(literal), igpCost, stale, pathId,
                ineligibleReason);
    }

    /** A peer: router id and address together. */
    Route from(String routerId, String address) {
        return withRouterId(routerId).withAddress(address);
    }

    Route withIgpCost(long cost) {
        return new Route(name, attributes, peerType, peerRouterId, peerAddress, cost, stale, pathId, ineligibleReason);
    }

    Route withStale() {
        return new Route(name, attributes, peerType, peerRouterId, peerAddress, igpCost, true, pathId,
                ineligibleReason);
    }

    Route withPathId(int id) {
        return new Route(name, attributes, peerType, peerRouterId, peerAddress, igpCost, stale, id, ineligibleReason);
    }

    Route ineligible(String why) {
        return new Route(name, attributes, peerType, peerRouterId, peerAddress, igpCost, stale, pathId, why);
    }

    @Override
    public String toString() {
        return name;
    }

    // Identity, as for Path: two routes with the same fields are still two candidates.
    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
