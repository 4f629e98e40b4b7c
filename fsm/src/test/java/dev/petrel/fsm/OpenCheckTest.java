package dev.petrel.fsm;

import static dev.petrel.fsm.Fixtures.LOCAL_AS;
import static dev.petrel.fsm.Fixtures.LOCAL_ID;
import static dev.petrel.fsm.Fixtures.PEER_AS;
import static dev.petrel.fsm.Fixtures.PEER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.Family;
import dev.petrel.wire.Notification;
import dev.petrel.wire.Open;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.cap.BgpRole;
import dev.petrel.wire.cap.Capability;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenCheckTest {
    static final Capability.Multiprotocol V4 = new Capability.Multiprotocol(Family.IPV4_UNICAST);
    static final Capability.Multiprotocol V6 = new Capability.Multiprotocol(Family.IPV6_UNICAST);

    /** A policy builder with the defaults of an eBGP IPv4 session. */
    record P(long localAs, int routerId, long peerAs, int hold, int keepalive, int minHold, Set<Family> families,
            BgpRole role, boolean strict) {
        static P ebgp() {
            return new P(LOCAL_AS, LOCAL_ID, PEER_AS, 90, -1, 3, Set.of(Family.IPV4_UNICAST), null, false);
        }

        P peerAs(long as) {
            return new P(localAs, routerId, as, hold, keepalive, minHold, families, role, strict);
        }

        P hold(int h, int k, int min) {
            return new P(localAs, routerId, peerAs, h, k, min, families, role, strict);
        }

        P families(Set<Family> f) {
            return new P(localAs, routerId, peerAs, hold, keepalive, minHold, f, role, strict);
        }

        P role(BgpRole r, boolean s) {
            return new P(localAs, routerId, peerAs, hold, keepalive, minHold, families, r, s);
        }

        SessionPolicy policy() {
            return new SessionPolicy(localAs, routerId, peerAs, hold, keepalive, minHold, families, role, strict, true);
        }

        Open open() {
            List<Capability> caps = new ArrayList<>();
            for (Family f : families) {
                caps.add(new Capability.Multiprotocol(f));
            }
            caps.add(new Capability.FourOctetAs(localAs));
            if (role != null) {
                caps.add(new Capability.Role(role));
            }
            return new Open(localAs > 0xffff ? dev.petrel.wire.attr.AttributeCodes.AS_TRANS : (int) localAs, hold, routerId, caps);
        }
    }

    static Open peer(int myAs, int hold, int id, Capability... caps) {
        return new Open(myAs, hold, id, List.of(caps));
    }

    static Open goodPeer() {
        return peer((int) PEER_AS, 90, PEER_ID, V4, new Capability.FourOctetAs(PEER_AS));
    }

    static OpenCheck.Outcome check(P p, Open peer) {
        return OpenCheck.check(p.policy(), p.open(), peer);
    }

    static Notification refused(P p, Open peer) {
        return assertInstanceOf(OpenCheck.Refused.class, check(p, peer)).notification();
    }

    static Negotiated accepted(P p, Open peer) {
        return assertInstanceOf(OpenCheck.Accepted.class, check(p, peer)).negotiated();
    }

    static void assertRefused(int code, int subcode, P p, Open peer) {
        Notification n = refused(p, peer);
        assertEquals(code, n.code(), n.toString());
        assertEquals(subcode, n.subcode(), n.toString());
    }

    @Test
    void acceptsAGoodPeer() {
        Negotiated n = accepted(P.ebgp(), goodPeer());
        assertEquals(90, n.holdTimeSeconds());
        assertEquals(30, n.keepaliveSeconds());
        assertEquals(PEER_AS, n.peerAs());
        assertEquals(PEER_ID, n.peerRouterId());
        assertEquals(PeerType.EXTERNAL, n.context().peerType());
    }

    @Test
    void versionThreeIsRefusedWithOurVersion() {
        Open v3 = new Open(3, (int) PEER_AS, 90, PEER_ID, List.of(V4), List.of());
        Notification n = refused(P.ebgp(), v3);
        assertEquals(new Notification(2, 1, Bytes.ofHex("0004")), n);
    }

    @Test
    void asZeroIsBadPeerAs() {
        P p = P.ebgp().peerAs(0);
        assertRefused(2, 2, p, peer(0, 90, PEER_ID, V4));
        assertRefused(2, 2, P.ebgp(), peer((int) PEER_AS, 90, PEER_ID, V4, new Capability.FourOctetAs(0)));
    }

    @Test
    void asTransWithoutFourOctetCapabilityIsBadPeerAs() {
        P p = P.ebgp().peerAs(4_200_000_000L);
        assertRefused(2, 2, p, peer(dev.petrel.wire.attr.AttributeCodes.AS_TRANS, 90, PEER_ID, V4));
        Negotiated n = accepted(p, peer(dev.petrel.wire.attr.AttributeCodes.AS_TRANS, 90, PEER_ID, V4,
                new Capability.FourOctetAs(4_200_000_000L)));
        assertEquals(4_200_000_000L, n.peerAs());
        assertTrue(n.context().fourOctetAs());
    }

    @Test
    void wrongAsIsBadPeerAs() {
        assertRefused(2, 2, P.ebgp(), peer(65003, 90, PEER_ID, V4));
        assertRefused(2, 2, P.ebgp(), peer((int) PEER_AS, 90, PEER_ID, V4, new Capability.FourOctetAs(65003)));
    }

    @Test
    void identifierZeroIsBad() {
        assertRefused(2, 3, P.ebgp(), peer((int) PEER_AS, 90, 0, V4));
    }

    @Test
    void ourOwnIdentifierIsBadOnlyWithinTheAs() {
        P ibgp = P.ebgp().peerAs(LOCAL_AS);
        assertRefused(2, 3, ibgp, peer((int) LOCAL_AS, 90, LOCAL_ID, V4));
        Negotiated internal = accepted(ibgp, peer((int) LOCAL_AS, 90, PEER_ID, V4));
        assertEquals(PeerType.INTERNAL, internal.context().peerType());
        // RFC 6286 §2.2: between ASes the identifiers may be equal.
        accepted(P.ebgp(), peer((int) PEER_AS, 90, LOCAL_ID, V4));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void holdTimeOneOrTwoIsUnacceptable(int hold) {
        assertRefused(2, 6, P.ebgp(), peer((int) PEER_AS, hold, PEER_ID, V4));
    }

    @Test
    void holdTimeBelowTheConfiguredMinimumIsUnacceptable() {
        P p = P.ebgp().hold(90, -1, 10);
        assertRefused(2, 6, p, peer((int) PEER_AS, 9, PEER_ID, V4));
        assertEquals(10, accepted(p, peer((int) PEER_AS, 10, PEER_ID, V4)).holdTimeSeconds());
        // The minimum applies to non-zero hold times only.
        assertEquals(0, accepted(p, peer((int) PEER_AS, 0, PEER_ID, V4)).holdTimeSeconds());
    }

    @Test
    void holdTimeZeroTurnsKeepalivesOff() {
        Negotiated n = accepted(P.ebgp(), peer((int) PEER_AS, 0, PEER_ID, V4));
        assertEquals(0, n.holdTimeSeconds());
        assertEquals(0, n.keepaliveSeconds());
        Negotiated ours = accepted(P.ebgp().hold(0, -1, 3), goodPeer());
        assertEquals(0, ours.holdTimeSeconds());
        assertEquals(0, ours.keepaliveSeconds());
    }

    @Test
    void negotiatedHoldIsTheSmaller() {
        assertEquals(3, accepted(P.ebgp(), peer((int) PEER_AS, 3, PEER_ID, V4)).holdTimeSeconds());
        assertEquals(1, accepted(P.ebgp(), peer((int) PEER_AS, 3, PEER_ID, V4)).keepaliveSeconds());
        assertEquals(90, accepted(P.ebgp(), peer((int) PEER_AS, 240, PEER_ID, V4)).holdTimeSeconds());
        assertEquals(60, accepted(P.ebgp().hold(180, -1, 3), peer((int) PEER_AS, 60, PEER_ID, V4))
                .holdTimeSeconds());
    }

    @Test
    void keepaliveIsTheConfiguredValueCappedAtAThird() {
        assertEquals(10, accepted(P.ebgp().hold(90, 10, 3), goodPeer()).keepaliveSeconds());
        assertEquals(30, accepted(P.ebgp().hold(90, 60, 3), goodPeer()).keepaliveSeconds());
        assertEquals(30, accepted(P.ebgp().hold(90, -1, 3), goodPeer()).keepaliveSeconds());
        assertEquals(20, accepted(P.ebgp().hold(90, -1, 3), peer((int) PEER_AS, 60, PEER_ID, V4))
                .keepaliveSeconds());
    }

    @Test
    void otherOptionalParameterIsUnsupported() {
        Open withAuth = new Open(4, (int) PEER_AS, 90, PEER_ID, List.of(V4),
                List.of(new Open.OptionalParameter(1, Bytes.ofHex("00"))));
        assertRefused(2, 4, P.ebgp(), withAuth);
    }

    @Test
    void providerAndCustomerPair() {
        P provider = P.ebgp().role(BgpRole.PROVIDER, false);
        accepted(provider, peer((int) PEER_AS, 90, PEER_ID, V4, new Capability.Role(BgpRole.CUSTOMER)));
        P customer = P.ebgp().role(BgpRole.CUSTOMER, true);
        accepted(customer, peer((int) PEER_AS, 90, PEER_ID, V4, new Capability.Role(BgpRole.PROVIDER)));
        P rs = P.ebgp().role(BgpRole.ROUTE_SERVER, true);
        accepted(rs, peer((int) PEER_AS, 90, PEER_ID, V4, new Capability.Role(BgpRole.ROUTE_SERVER_CLIENT)));
        P peerRole = P.ebgp().role(BgpRole.PEER, true);
        accepted(peerRole, peer((int) PEER_AS, 90, PEER_ID, V4, new Capability.Role(BgpRole.PEER)));
    }

    @Test
    void customerAndCustomerIsARoleMismatch() {
        P customer = P.ebgp().role(BgpRole.CUSTOMER, false);
        assertRefused(2, 11, customer, peer((int) PEER_AS, 90, PEER_ID, V4, new Capability.Role(BgpRole.CUSTOMER)));
        P peerRole = P.ebgp().role(BgpRole.PEER, false);
        assertRefused(2, 11, peerRole, peer((int) PEER_AS, 90, PEER_ID, V4, new Capability.Role(BgpRole.PROVIDER)));
    }

    @Test
    void twoDifferentRolesAreAMismatch() {
        P provider = P.ebgp().role(BgpRole.PROVIDER, false);
        assertRefused(2, 11, provider, peer((int) PEER_AS, 90, PEER_ID, V4, new Capability.Role(BgpRole.CUSTOMER),
                new Capability.Role(BgpRole.PEER)));
        // The same role twice is fine (RFC 9234 §4.2 only refuses differing values).
        accepted(provider, peer((int) PEER_AS, 90, PEER_ID, V4, new Capability.Role(BgpRole.CUSTOMER),
                new Capability.Role(BgpRole.CUSTOMER)));
    }

    @Test
    void strictModeRequiresARole() {
        assertRefused(2, 11, P.ebgp().role(BgpRole.PROVIDER, true), goodPeer());
        accepted(P.ebgp().role(BgpRole.PROVIDER, false), goodPeer());
    }

    @Test
    void withoutALocalRoleThePeersIsIgnored() {
        accepted(P.ebgp(), peer((int) PEER_AS, 90, PEER_ID, V4, new Capability.Role(BgpRole.CUSTOMER)));
    }

    @Test
    void noFamilyInCommonIsUnsupportedCapability() {
        P v4only = P.ebgp();
        Notification n = refused(v4only, peer((int) PEER_AS, 90, PEER_ID, V6));
        assertEquals(2, n.code());
        assertEquals(7, n.subcode());
        assertEquals(Bytes.ofHex("01 04 0001 00 01"), n.data());
        P v6only = P.ebgp().families(Set.of(Family.IPV6_UNICAST));
        // A peer without any Multiprotocol capability offers IPv4 unicast only (RFC 4760 §8).
        assertEquals(Bytes.ofHex("01 04 0002 00 01"), refused(v6only, peer((int) PEER_AS, 90, PEER_ID)).data());
    }

    @Test
    void familiesIntersect() {
        P both = P.ebgp().families(Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST));
        Negotiated n = accepted(both, peer((int) PEER_AS, 90, PEER_ID, V6, new Capability.Multiprotocol(
                Family.of(Family.AFI_IPV4, Family.SAFI_MULTICAST))));
        assertEquals(Set.of(Family.IPV6_UNICAST), n.context().families());
        assertEquals(Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST),
                accepted(both, peer((int) PEER_AS, 90, PEER_ID, V4, V6)).context().families());
    }

    @Test
    void fourOctetAsOnlyWhenBothHaveIt() {
        assertTrue(accepted(P.ebgp(), goodPeer()).context().fourOctetAs());
        assertTrue(accepted(P.ebgp(), goodPeer()).both(Capability.FourOctetAs.class));
        Negotiated old = accepted(P.ebgp(), peer((int) PEER_AS, 90, PEER_ID, V4));
        assertFalse(old.context().fourOctetAs());
        assertFalse(old.both(Capability.FourOctetAs.class));
        SessionPolicy p = P.ebgp().policy();
        Open localWithout = new Open((int) LOCAL_AS, 90, LOCAL_ID, List.of(V4));
        Negotiated n = assertInstanceOf(OpenCheck.Accepted.class, OpenCheck.check(p, localWithout, goodPeer()))
                .negotiated();
        assertFalse(n.context().fourOctetAs());
    }

    @Test
    void dotted() {
        assertEquals("200.0.0.1", OpenCheck.dotted(Fixtures.id(200, 0, 0, 1)));
        assertEquals("10.0.0.1", OpenCheck.dotted(LOCAL_ID));
    }
}
