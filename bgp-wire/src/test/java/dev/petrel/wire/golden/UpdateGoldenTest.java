package dev.petrel.wire.golden;

import static dev.petrel.wire.attr.AttributeCodes.AS_PATH;
import static dev.petrel.wire.golden.Golden.EBGP;
import static dev.petrel.wire.golden.Golden.IBGP;
import static dev.petrel.wire.golden.Golden.MARKER;
import static dev.petrel.wire.golden.Golden.assertDecodes;
import static dev.petrel.wire.golden.Golden.assertEncodes;
import static dev.petrel.wire.golden.Golden.assertGolden;
import static dev.petrel.wire.golden.Golden.assertGoldenWithProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.MpReach;
import dev.petrel.wire.MpUnreach;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.Aggregator;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.AsPath.Segment;
import dev.petrel.wire.attr.AsPath.SegmentType;
import dev.petrel.wire.attr.AttributeCodes;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.ExtendedCommunity;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.attr.RawAttribute;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * UPDATE (RFC 4271 §4.3) with every path attribute Petrel interprets, MP_REACH_NLRI and MP_UNREACH_NLRI (RFC 4760),
 * unknown attributes, and ADD-PATH (RFC 7911).
 *
 * <p>Most attribute tests use an UPDATE that carries the attribute alone and no NLRI: RFC 7606 §3(d) asks for the
 * well-known mandatory attributes only when there are reachable routes, so each attribute is checked in isolation.
 * Length arithmetic: header 19 + Withdrawn Routes Length 2 + Total Path Attribute Length 2 = 23, plus the fields.
 * Attributes are written in the order Petrel sends them: MP_UNREACH_NLRI, MP_REACH_NLRI, then by type code.
 */
class UpdateGoldenTest {

    private static Update attributesOnly(PathAttributes a) {
        return new Update(null, a, null, null, null);
    }

    private static PathAttributes.Builder attrs() {
        return PathAttributes.builder();
    }

    private static PrefixList prefixes(String... p) {
        List<Prefix> l = new ArrayList<>();
        for (String s : p) {
            l.add(Prefix.parse(s));
        }
        return PrefixList.of(l, null);
    }

    @ParameterizedTest
    @EnumSource(Origin.class)
    void origin(Origin origin) {
        String hex = MARKER
                + "001b" // length 27 = 23 + 4
                + "02" // type 2 UPDATE
                + "0000" // Withdrawn Routes Length 0
                + "0004" // Total Path Attribute Length 4
                + "40" // flags: well-known (transitive)
                + "01" // type 1 ORIGIN
                + "01" // length 1
                + "0" + origin.code(); // 0 IGP, 1 EGP, 2 INCOMPLETE
        assertGolden(hex, attributesOnly(attrs().origin(origin).build()), IBGP);
    }

    @Test
    void asPathSequence() {
        String hex = MARKER
                + "0028" // length 40 = 23 + 17
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0011" // attributes: 17
                + "40" // well-known transitive
                + "02" // type 2 AS_PATH
                + "0e" // length 14
                + "02" // segment type 2 AS_SEQUENCE
                + "03" // 3 ASNs
                + "0000fde9" // 65001 (4 octets: RFC 6793 session)
                + "0000fdea" // 65002
                + "fa56ea00"; // 4200000000
        PathAttributes a = attrs().asPath(AsPath.sequence(65001, 65002, 4200000000L)).build();
        assertGolden(hex, attributesOnly(a), IBGP);
        assertEquals(3, a.asPath().length());
    }

    @Test
    void asPathWithSetIsTreatAsWithdraw() {
        // RFC 9774 §3: an AS_SET in AS_PATH makes the UPDATE treat-as-withdraw, from any peer. With no NLRI the
        // UPDATE would be a session reset (RFC 7606 §5.2), so this one carries a route.
        String hex = MARKER
                + "0039" // length 57 = 23 + 30 + 4
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "001e" // attributes: 30 = 4 + 19 + 7
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "10" // AS_PATH, length 16
                + "02" + "01" + "0000fde9" // AS_SEQUENCE of 1: 65001
                + "01" + "02" + "0000fdeb" + "0000fdec" // AS_SET of 2: {65003 65004}
                + "40" + "03" + "04" + "0a000001" // NEXT_HOP 10.0.0.1
                + "18" + "c63364"; // NLRI 198.51.100.0/24
        AsPath path = new AsPath(List.of(new Segment(SegmentType.AS_SEQUENCE, List.of(65001L)),
                new Segment(SegmentType.AS_SET, List.of(65003L, 65004L))));
        Update u = Update.announce(attrs().origin(Origin.IGP).asPath(path).nextHop("10.0.0.1").build(),
                prefixes("198.51.100.0/24"));
        assertGoldenWithProblem(hex, u, IBGP, ErrorAction.TREAT_AS_WITHDRAW, 11, AS_PATH, "AS_SET in AS_PATH (RFC 9774)");
        assertEquals(2, path.length()); // a set counts one (RFC 4271 §9.1.2.2)
    }

    @Test
    void asPathConfederationSequenceFromInside() {
        String hex = MARKER
                + "002a" // length 42 = 23 + 19
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0013" // attributes: 19
                + "40" + "02" + "10" // AS_PATH, length 16
                + "03" // segment type 3 AS_CONFED_SEQUENCE (RFC 5065 §3)
                + "02" // 2 ASNs
                + "0000fc00" + "0000fc01" // member ASes 64512 64513
                + "02" + "01" + "0000fde9"; // AS_SEQUENCE of 1: 65001
        AsPath path = new AsPath(List.of(new Segment(SegmentType.AS_CONFED_SEQUENCE, List.of(64512L, 64513L)),
                new Segment(SegmentType.AS_SEQUENCE, List.of(65001L))));
        assertGolden(hex, attributesOnly(attrs().asPath(path).build()), IBGP);
        assertEquals(1, path.length()); // confederation segments count zero (RFC 5065 §5.3)
    }

    @Test
    void asPathConfederationSequenceFromAnExternalPeerIsTreatAsWithdraw() {
        SessionContext ebgpNoFirstAs = EBGP.withPeer(PeerType.EXTERNAL, 65000, 65001, false);
        String hex = MARKER
                + "0039" // length 57 = 23 + 30 + 4
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "001e" // attributes: 30
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "10" // AS_PATH, length 16
                + "03" + "02" + "0000fc00" + "0000fc01" // AS_CONFED_SEQUENCE (64512 64513)
                + "02" + "01" + "0000fde9" // AS_SEQUENCE 65001
                + "40" + "03" + "04" + "0a000001" // NEXT_HOP 10.0.0.1
                + "18" + "c63364"; // NLRI 198.51.100.0/24
        AsPath path = new AsPath(List.of(new Segment(SegmentType.AS_CONFED_SEQUENCE, List.of(64512L, 64513L)),
                new Segment(SegmentType.AS_SEQUENCE, List.of(65001L))));
        Update u = Update.announce(attrs().origin(Origin.IGP).asPath(path).nextHop("10.0.0.1").build(),
                prefixes("198.51.100.0/24"));
        assertGoldenWithProblem(hex, u, ebgpNoFirstAs, ErrorAction.TREAT_AS_WITHDRAW, 11, AS_PATH,
                "AS_CONFED_SEQUENCE in AS_PATH from a peer outside the confederation (RFC 5065)");
    }

    @Test
    void asPathConfederationSetIsTreatAsWithdraw() {
        String hex = MARKER
                + "003f" // length 63 = 23 + 36 + 4
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0024" // attributes: 36 = 4 + 25 + 7
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "16" // AS_PATH, length 22
                + "03" + "01" + "0000fc00" // AS_CONFED_SEQUENCE (64512)
                + "04" + "02" + "0000fc02" + "0000fc03" // segment type 4 AS_CONFED_SET [64514 64515]
                + "02" + "01" + "0000fde9" // AS_SEQUENCE 65001
                + "40" + "03" + "04" + "0a000001" // NEXT_HOP 10.0.0.1
                + "18" + "c63364"; // NLRI 198.51.100.0/24
        AsPath path = new AsPath(List.of(new Segment(SegmentType.AS_CONFED_SEQUENCE, List.of(64512L)),
                new Segment(SegmentType.AS_CONFED_SET, List.of(64514L, 64515L)),
                new Segment(SegmentType.AS_SEQUENCE, List.of(65001L))));
        Update u = Update.announce(attrs().origin(Origin.IGP).asPath(path).nextHop("10.0.0.1").build(),
                prefixes("198.51.100.0/24"));
        assertGoldenWithProblem(hex, u, IBGP, ErrorAction.TREAT_AS_WITHDRAW, 11, AS_PATH,
                "AS_CONFED_SET in AS_PATH (RFC 9774)");
    }

    @Test
    void asPathOf300AsnsIsSplitIntoSegmentsOf255And45() {
        StringBuilder first = new StringBuilder();
        for (int as = 1; as <= 255; as++) {
            first.append(String.format("%08x", as));
        }
        StringBuilder second = new StringBuilder();
        for (int as = 256; as <= 300; as++) {
            second.append(String.format("%08x", as));
        }
        String hex = MARKER
                + "04cf" // length 1231 = 23 + 1208
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "04b8" // attributes: 1208 = 4 + 1204
                + "50" // well-known transitive + Extended Length (RFC 4271 §4.3): the value exceeds 255
                + "02" // AS_PATH
                + "04b4" // length 1204 = 2 + 255 * 4 + 2 + 45 * 4
                + "02" + "ff" + first // AS_SEQUENCE of 255: AS 1 .. 255
                + "02" + "2d" + second; // AS_SEQUENCE of 45: AS 256 .. 300
        long[] asns = new long[300];
        for (int i = 0; i < 300; i++) {
            asns[i] = i + 1;
        }
        PathAttributes a = attrs().asPath(AsPath.sequence(asns)).build();
        assertGolden(hex, attributesOnly(a), IBGP);
        AsPath decoded = ((Update) MessageDecoder.decode(Golden.hex(hex), IBGP).message()).attributes().asPath();
        assertEquals(2, decoded.segments().size());
        assertEquals(255, decoded.segments().get(0).asns().size());
        assertEquals(45, decoded.segments().get(1).asns().size());
        assertEquals(300, decoded.length());
    }

    @Test
    void nextHop() {
        String hex = MARKER
                + "001e" // length 30 = 23 + 7
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0007" // attributes: 7
                + "40" // well-known transitive
                + "03" // type 3 NEXT_HOP
                + "04" // length 4
                + "0a000001"; // 10.0.0.1
        assertGolden(hex, attributesOnly(attrs().nextHop("10.0.0.1").build()), IBGP);
    }

    @Test
    void multiExitDisc() {
        String hex = MARKER
                + "001e" // length 30
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0007" // attributes: 7
                + "80" // optional non-transitive
                + "04" // type 4 MULTI_EXIT_DISC
                + "04" // length 4
                + "00000064"; // 100
        assertGolden(hex, attributesOnly(attrs().med(100).build()), EBGP);
    }

    @Test
    void localPref() {
        String hex = MARKER
                + "001e" // length 30
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0007" // attributes: 7
                + "40" // well-known transitive
                + "05" // type 5 LOCAL_PREF
                + "04" // length 4
                + "000000c8"; // 200
        PathAttributes a = attrs().localPref(200).build();
        assertGolden(hex, attributesOnly(a), IBGP);
        assertEquals(200, a.localPref());
    }

    @Test
    void localPrefFromAnExternalPeerIsDiscarded() {
        String hex = MARKER
                + "001e" // length 30
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0007" // attributes: 7
                + "40" + "05" + "04" + "000000c8"; // LOCAL_PREF 200
        DecodeResult r = MessageDecoder.decode(Golden.hex(hex), EBGP);
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, r.action()); // RFC 7606 §7.5
        assertEquals(attributesOnly(PathAttributes.EMPTY), r.message());
    }

    @Test
    void atomicAggregate() {
        String hex = MARKER
                + "001a" // length 26 = 23 + 3
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0003" // attributes: 3
                + "40" // well-known transitive
                + "06" // type 6 ATOMIC_AGGREGATE
                + "00"; // length 0
        PathAttributes a = attrs().atomicAggregate().build();
        assertGolden(hex, attributesOnly(a), IBGP);
        assertTrue(a.atomicAggregate());
    }

    @Test
    void aggregator() {
        String hex = MARKER
                + "0022" // length 34 = 23 + 11
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "000b" // attributes: 11
                + "c0" // optional transitive
                + "07" // type 7 AGGREGATOR
                + "08" // length 8: 4-octet AS (RFC 6793 §3) + address
                + "0000fde9" // AS 65001
                + "0a000001"; // 10.0.0.1
        PathAttributes a = attrs().aggregator(new Aggregator(65001, 0x0a000001)).build();
        assertGolden(hex, attributesOnly(a), IBGP);
        assertEquals(new Aggregator(65001, 0x0a000001), a.aggregator());
    }

    @Test
    void communities() {
        String hex = MARKER
                + "0026" // length 38 = 23 + 15
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "000f" // attributes: 15
                + "c0" // optional transitive
                + "08" // type 8 COMMUNITIES (RFC 1997)
                + "0c" // length 12
                + "fde90064" // 65001:100
                + "ffffff01" // NO_EXPORT
                + "ffff029a"; // BLACKHOLE (RFC 7999)
        List<Community> cs = List.of(Community.of(65001, 100), Community.NO_EXPORT, Community.BLACKHOLE);
        PathAttributes a = attrs().communities(cs).build();
        assertGolden(hex, attributesOnly(a), EBGP);
        assertEquals(cs, a.communities());
    }

    @Test
    void originatorId() {
        String hex = MARKER
                + "001e" // length 30
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0007" // attributes: 7
                + "80" // optional non-transitive
                + "09" // type 9 ORIGINATOR_ID (RFC 4456 §8)
                + "04" // length 4
                + "0a000002"; // 10.0.0.2
        assertGolden(hex, attributesOnly(attrs().originatorId(0x0a000002).build()), IBGP);
    }

    @Test
    void clusterList() {
        String hex = MARKER
                + "0022" // length 34 = 23 + 11
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "000b" // attributes: 11
                + "80" // optional non-transitive
                + "0a" // type 10 CLUSTER_LIST (RFC 4456 §8)
                + "08" // length 8
                + "0a000003" // cluster 10.0.0.3
                + "0a000004"; // cluster 10.0.0.4
        PathAttributes a = attrs().clusterList(List.of(0x0a000003L, 0x0a000004L)).build();
        assertGolden(hex, attributesOnly(a), IBGP);
        assertEquals(List.of(0x0a000003L, 0x0a000004L), a.clusterList());
    }

    @Test
    void extendedCommunities() {
        String hex = MARKER
                + "002a" // length 42 = 23 + 19
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0013" // attributes: 19
                + "c0" // optional transitive
                + "10" // type 16 EXTENDED_COMMUNITIES (RFC 4360)
                + "10" // length 16
                + "00" + "02" + "fde9" + "00000064" // 2-octet-AS specific, Route Target, 65001:100
                + "01" + "03" + "0a000001" + "0064"; // IPv4-address specific, Route Origin, 10.0.0.1:100
        List<ExtendedCommunity> cs = List.of(new ExtendedCommunity(0x0002fde900000064L),
                new ExtendedCommunity(0x01030a0000010064L));
        PathAttributes a = attrs().extendedCommunities(cs).build();
        assertGolden(hex, attributesOnly(a), EBGP);
        assertEquals(cs, a.extendedCommunities());
        assertEquals("rt:65001:100", cs.get(0).toString());
        assertEquals("soo:10.0.0.1:100", cs.get(1).toString());
    }

    @Test
    void largeCommunities() {
        String hex = MARKER
                + "0032" // length 50 = 23 + 27
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "001b" // attributes: 27
                + "c0" // optional transitive
                + "20" // type 32 LARGE_COMMUNITY (RFC 8092)
                + "18" // length 24
                + "fa56ea00" + "00000001" + "00000002" // 4200000000:1:2
                + "0000fde9" + "00000000" + "ffffffff"; // 65001:0:4294967295
        List<LargeCommunity> cs = List.of(new LargeCommunity(4200000000L, 1, 2),
                new LargeCommunity(65001, 0, 4294967295L));
        PathAttributes a = attrs().largeCommunities(cs).build();
        assertGolden(hex, attributesOnly(a), EBGP);
        assertEquals(cs, a.largeCommunities());
    }

    @Test
    void onlyToCustomer() {
        String hex = MARKER
                + "001e" // length 30
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0007" // attributes: 7
                + "c0" // optional transitive
                + "23" // type 35 OTC (RFC 9234 §5)
                + "04" // length 4
                + "0000fde9"; // AS 65001
        PathAttributes a = attrs().otc(65001).build();
        assertGolden(hex, attributesOnly(a), EBGP);
        assertEquals(65001, a.otc());
    }

    @Test
    void unknownOptionalTransitiveIsHeldAndSentWithThePartialBit() {
        String received = MARKER
                + "001d" // length 29 = 23 + 6
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0006" // attributes: 6
                + "c0" // optional transitive, Partial clear
                + "c8" // type 200: not one Petrel recognises
                + "03" // length 3
                + "010203"; // value
        String sent = MARKER
                + "001d" // length 29
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0006" // attributes: 6
                + "e0" // optional transitive + Partial (RFC 4271 §5: passed on without being understood)
                + "c8" // type 200
                + "03" // length 3
                + "010203"; // value unchanged
        PathAttributes a = attrs().raw(0xc0, 200, Bytes.ofHex("010203")).build();
        assertEquals(0xe0, a.flags(200));
        assertEquals(List.of(new RawAttribute(0xe0, 200, Bytes.ofHex("010203"))), a.others());
        assertTrue(a.others().get(0).isPartial());
        assertDecodes(received, attributesOnly(a), EBGP);
        assertEncodes(attributesOnly(a), EBGP, sent);
        assertDecodes(sent, attributesOnly(a), EBGP);
    }

    @Test
    void unknownOptionalNonTransitiveIsSentAsBuiltButIgnoredOnReceipt() {
        String hex = MARKER
                + "001c" // length 28 = 23 + 5
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0005" // attributes: 5
                + "80" // optional non-transitive
                + "c9" // type 201: unknown
                + "02" // length 2
                + "abcd"; // value
        PathAttributes a = attrs().raw(0x80, 201, Bytes.ofHex("abcd")).build();
        assertEncodes(attributesOnly(a), EBGP, hex);
        assertFalse(a.others().get(0).isPartial());
        // RFC 4271 §5: on receipt it is quietly ignored, so not held or passed on; the decoder still says so.
        DecodeResult r = MessageDecoder.decode(Golden.hex(hex), EBGP);
        assertEquals(attributesOnly(PathAttributes.EMPTY), r.message());
        assertEquals(ErrorAction.NONE, r.action());
        assertEquals(201, r.problems().get(0).attributeType());
    }

    @Test
    void ipv4RoutesWithWithdrawalsFromAnExternalPeer() {
        String hex = MARKER
                + "0048" // length 72 = 19 + 2 + 3 + 2 + 38 + 8
                + "02" // UPDATE
                + "0003" // Withdrawn Routes Length 3
                + "10" + "0a01" // 10.1.0.0/16
                + "0026" // Total Path Attribute Length 38
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "0a" + "02" + "02" + "0000fde9" + "0000fdea" // AS_PATH 65001 65002
                + "40" + "03" + "04" + "c0000201" // NEXT_HOP 192.0.2.1
                + "80" + "04" + "04" + "00000000" // MULTI_EXIT_DISC 0
                + "c0" + "08" + "04" + "fde90001" // COMMUNITIES 65001:1
                + "18" + "c63364" // NLRI 198.51.100.0/24
                + "15" + "cb0070"; // NLRI 203.0.112.0/21
        PathAttributes a = attrs().origin(Origin.IGP).asPath(AsPath.sequence(65001, 65002)).nextHop("192.0.2.1")
                .med(0).communities(List.of(Community.of(65001, 1))).build();
        Update u = new Update(prefixes("10.1.0.0/16"), a, prefixes("198.51.100.0/24", "203.0.112.0/21"), null, null);
        assertGolden(hex, u, EBGP);
    }

    @Test
    void ipv4AddPathInTheWithdrawnAndNlriFields() {
        SessionContext ctx = IBGP.withAddPath(Set.of(Family.IPV4_UNICAST), Set.of(Family.IPV4_UNICAST));
        String hex = MARKER
                + "003d" // length 61 = 19 + 2 + 8 + 2 + 14 + 16
                + "02" // UPDATE
                + "0008" // Withdrawn Routes Length 8
                + "00000003" + "18" + "c63365" // Path Identifier 3 (RFC 7911 §3), 198.51.101.0/24
                + "000e" // attributes: 14
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "00" // AS_PATH, empty (iBGP)
                + "40" + "03" + "04" + "0a000001" // NEXT_HOP 10.0.0.1
                + "00000001" + "18" + "c63364" // Path Identifier 1, 198.51.100.0/24
                + "00000002" + "18" + "c63364"; // Path Identifier 2, the same prefix
        PathAttributes a = attrs().origin(Origin.IGP).asPath(AsPath.EMPTY).nextHop("10.0.0.1").build();
        Prefix p = Prefix.parse("198.51.100.0/24");
        Update u = new Update(PrefixList.of(List.of(Prefix.parse("198.51.101.0/24")), new long[] {3}), a,
                PrefixList.of(List.of(p, p), new long[] {1, 2}), null, null);
        assertGolden(hex, u, ctx);
    }

    @Test
    void mpReachIpv6WithAGlobalNextHop() {
        String hex = MARKER
                + "0047" // length 71 = 23 + 48
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0030" // attributes: 48 = 41 + 4 + 3
                + "90" // optional non-transitive + Extended Length (Petrel always uses it for MP_REACH_NLRI)
                + "0e" // type 14 MP_REACH_NLRI (RFC 4760 §3)
                + "0025" // length 37 = 21 + 7 + 9
                + "0002" // AFI 2 IPv6
                + "01" // SAFI 1 unicast
                + "10" // Length of Next Hop Network Address: 16 (global only, RFC 2545 §3)
                + "20010db8000000000000000000000001" // 2001:db8::1
                + "00" // reserved
                + "30" + "20010db80001" // 2001:db8:1::/48
                + "40" + "20010db800020000" // 2001:db8:2::/64
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "00"; // AS_PATH, empty
        PathAttributes a = attrs().origin(Origin.IGP).asPath(AsPath.EMPTY).build();
        Update u = new Update(null, a, null, new MpReach(Family.IPV6_UNICAST, NextHop.of("2001:db8::1"),
                prefixes("2001:db8:1::/48", "2001:db8:2::/64")), null);
        assertGolden(hex, u, IBGP);
    }

    @Test
    void mpReachIpv6WithGlobalAndLinkLocalNextHops() {
        String hex = MARKER
                + "004e" // length 78 = 23 + 55
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0037" // attributes: 55 = 48 + 4 + 3
                + "90" + "0e" // MP_REACH_NLRI, Extended Length
                + "002c" // length 44 = 37 + 7
                + "0002" + "01" // IPv6 unicast
                + "20" // next hop length 32: global + link-local (RFC 2545 §3)
                + "20010db8000000000000000000000001" // global 2001:db8::1
                + "fe800000000000000000000000000001" // link-local fe80::1
                + "00" // reserved
                + "30" + "20010db80001" // 2001:db8:1::/48
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "00"; // AS_PATH, empty
        PathAttributes a = attrs().origin(Origin.IGP).asPath(AsPath.EMPTY).build();
        Update u = new Update(null, a, null, new MpReach(Family.IPV6_UNICAST, NextHop.of("2001:db8::1", "fe80::1"),
                prefixes("2001:db8:1::/48")), null);
        assertGolden(hex, u, IBGP);
    }

    @Test
    void mpReachIpv6WithAddPathIdentifiers() {
        SessionContext ctx = IBGP.withAddPath(Set.of(Family.IPV6_UNICAST), Set.of(Family.IPV6_UNICAST));
        String hex = MARKER
                + "004d" // length 77 = 23 + 54
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0036" // attributes: 54 = 47 + 4 + 3
                + "90" + "0e" // MP_REACH_NLRI, Extended Length
                + "002b" // length 43 = 21 + 11 + 11
                + "0002" + "01" // IPv6 unicast
                + "10" // next hop length 16
                + "20010db8000000000000000000000001" // 2001:db8::1
                + "00" // reserved
                + "00000001" + "30" + "20010db80001" // Path Identifier 1, 2001:db8:1::/48
                + "00000002" + "30" + "20010db80001" // Path Identifier 2, the same prefix
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "00"; // AS_PATH, empty
        Prefix p = Prefix.parse("2001:db8:1::/48");
        PathAttributes a = attrs().origin(Origin.IGP).asPath(AsPath.EMPTY).build();
        Update u = new Update(null, a, null, new MpReach(Family.IPV6_UNICAST, NextHop.of("2001:db8::1"),
                PrefixList.of(List.of(p, p), new long[] {1, 2})), null);
        assertGolden(hex, u, ctx);
    }

    @Test
    void mpReachIpv6WithAnIpv4MappedNextHop() throws Exception {
        // RFC 4798 §3 (6PE): the IPv6 next hop is the IPv4-mapped address ::ffff:192.0.2.1. It is an IPv6 address
        // of 16 octets on the wire and must stay one (not become the 4-octet IPv4 address).
        String hex = MARKER
                + "003e" // length 62 = 23 + 39
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0027" // attributes: 39 = 32 + 4 + 3
                + "90" + "0e" // MP_REACH_NLRI, Extended Length
                + "001c" // length 28 = 21 + 7
                + "0002" + "01" // IPv6 unicast
                + "10" // next hop length 16
                + "00000000000000000000ffff" + "c0000201" // ::ffff:192.0.2.1
                + "00" // reserved
                + "30" + "20010db80001" // 2001:db8:1::/48
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "00"; // AS_PATH, empty
        Inet6Address mapped = Inet6Address.getByAddress(null, Golden.hex("00000000000000000000ffffc0000201"), -1);
        PathAttributes a = attrs().origin(Origin.IGP).asPath(AsPath.EMPTY).build();
        Update u = new Update(null, a, null, new MpReach(Family.IPV6_UNICAST, new NextHop(mapped, null),
                prefixes("2001:db8:1::/48")), null);
        assertGolden(hex, u, IBGP);
        Update decoded = (Update) MessageDecoder.decode(Golden.hex(hex), IBGP).message();
        assertTrue(decoded.mpReach().nextHop().global() instanceof Inet6Address);
    }

    @Test
    void mpReachIpv4WithAnIpv6NextHop() {
        // RFC 8950: with the extended next hop capability, IPv4 routes travel in MP_REACH_NLRI with an IPv6 next hop.
        SessionContext ctx = IBGP.withExtendedNextHop(Set.of(Family.IPV4_UNICAST));
        String hex = MARKER
                + "003b" // length 59 = 23 + 36
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0024" // attributes: 36 = 29 + 4 + 3
                + "90" + "0e" // MP_REACH_NLRI, Extended Length
                + "0019" // length 25 = 21 + 4
                + "0001" + "01" // AFI 1 IPv4, SAFI 1
                + "10" // next hop length 16: an IPv6 address
                + "20010db8000000000000000000000001" // 2001:db8::1
                + "00" // reserved
                + "18" + "c63364" // 198.51.100.0/24
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "00"; // AS_PATH, empty
        PathAttributes a = attrs().origin(Origin.IGP).asPath(AsPath.EMPTY).build();
        Update u = new Update(null, a, null, new MpReach(Family.IPV4_UNICAST, NextHop.of("2001:db8::1"),
                prefixes("198.51.100.0/24")), null);
        assertGolden(hex, u, ctx);
    }

    @Test
    void mpUnreachIpv6() {
        String hex = MARKER
                + "0036" // length 54 = 23 + 31
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "001f" // attributes: 31
                + "90" // optional non-transitive + Extended Length
                + "0f" // type 15 MP_UNREACH_NLRI (RFC 4760 §4)
                + "001b" // length 27 = 3 + 7 + 17
                + "0002" + "01" // IPv6 unicast
                + "30" + "20010db80001" // 2001:db8:1::/48
                + "80" + "20010db8000000000000000000000001"; // 2001:db8::1/128
        Update u = new Update(null, null, null, null,
                new MpUnreach(Family.IPV6_UNICAST, prefixes("2001:db8:1::/48", "2001:db8::1/128")));
        assertGolden(hex, u, EBGP);
    }

    @Test
    void mpUnreachIpv6WithAddPath() {
        SessionContext ctx = IBGP.withAddPath(Set.of(Family.IPV6_UNICAST), Set.of(Family.IPV6_UNICAST));
        String hex = MARKER
                + "0029" // length 41 = 23 + 18
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0012" // attributes: 18
                + "90" + "0f" // MP_UNREACH_NLRI, Extended Length
                + "000e" // length 14 = 3 + 11
                + "0002" + "01" // IPv6 unicast
                + "00000007" + "30" + "20010db80001"; // Path Identifier 7, 2001:db8:1::/48
        Update u = new Update(null, null, null, null, new MpUnreach(Family.IPV6_UNICAST,
                PrefixList.of(List.of(Prefix.parse("2001:db8:1::/48")), new long[] {7})));
        assertGolden(hex, u, ctx);
    }

    @Test
    void everyAttributeTogetherWithAnIpv4Route() {
        String hex = MARKER
                + "008d" // length 141 = 23 + 114 + 4
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0072" // attributes: 114 = 4+17+7+7+7+3+11+7+7+7+11+15+7+4
                + "40" + "01" + "01" + "02" // ORIGIN INCOMPLETE
                + "40" + "02" + "0e" + "02" + "03" + "0000fde9" + "0000fdea" + "fa56ea00" // AS_PATH
                + "40" + "03" + "04" + "c0000201" // NEXT_HOP 192.0.2.1
                + "80" + "04" + "04" + "00000032" // MED 50
                + "40" + "05" + "04" + "00000064" // LOCAL_PREF 100
                + "40" + "06" + "00" // ATOMIC_AGGREGATE
                + "c0" + "07" + "08" + "fa56ea00" + "c0000201" // AGGREGATOR 4200000000 192.0.2.1
                + "c0" + "08" + "04" + "ffffff02" // COMMUNITIES NO_ADVERTISE
                + "80" + "09" + "04" + "c0000202" // ORIGINATOR_ID 192.0.2.2
                + "80" + "0a" + "04" + "c0000203" // CLUSTER_LIST 192.0.2.3
                + "c0" + "10" + "08" + "0002fde900000064" // EXTENDED_COMMUNITIES rt:65001:100
                + "c0" + "20" + "0c" + "fa56ea00" + "00000001" + "00000002" // LARGE_COMMUNITY 4200000000:1:2
                + "c0" + "23" + "04" + "0000fde9" // OTC 65001
                + "e0" + "ca" + "01" + "ff" // unknown optional transitive 202, with Partial
                + "18" + "c63364"; // NLRI 198.51.100.0/24
        PathAttributes a = attrs().origin(Origin.INCOMPLETE).asPath(AsPath.sequence(65001, 65002, 4200000000L))
                .nextHop("192.0.2.1").med(50).localPref(100).atomicAggregate()
                .aggregator(new Aggregator(4200000000L, 0xc0000201)).communities(List.of(Community.NO_ADVERTISE))
                .originatorId(0xc0000202).clusterList(List.of(0xc0000203L))
                .extendedCommunities(List.of(new ExtendedCommunity(0x0002fde900000064L)))
                .largeCommunities(List.of(new LargeCommunity(4200000000L, 1, 2))).otc(65001)
                .raw(0xc0, 202, Bytes.ofHex("ff")).build();
        assertGolden(hex, Update.announce(a, prefixes("198.51.100.0/24")), IBGP);
        assertEquals(AttributeCodes.PARTIAL | 0xc0, a.flags(202));
    }
}
