package dev.petrel.wire.rfc7606;

import static dev.petrel.wire.rfc7606.UpdateBytes.*;
import static dev.petrel.wire.rfc7606.Wire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cases 26-42: one malformed path attribute each, run in variants (i) with NLRI and (iii) without NLRI (RFC 7606
 * §5.2); variant (ii) is asserted as the exact set of prefixes treat-as-withdraw removes.
 *
 * <p>Subcodes are the ones the codec reports (and sends when §5.2 escalates to a reset): RFC 7606 makes most of
 * these treat-as-withdraw, so RELIABILITY.md names no subcode for them. The codec uses one subcode per attribute
 * for value and length errors alike (ORIGIN 6, NEXT_HOP 8, optional attributes 9, AS_PATH 11, LOCAL_PREF,
 * ATOMIC_AGGREGATE and AGGREGATOR 5), and 4 for flag errors.
 */
class AttributeCasesTest {
    private static final ErrorAction TAW = ErrorAction.TREAT_AS_WITHDRAW;
    private static final ErrorAction DISCARD = ErrorAction.ATTRIBUTE_DISCARD;

    @ParameterizedTest
    @ValueSource(ints = {0xC0, 0x60, 0x00, 0x80, 0xE0})
    void case26_originFlags(int flags) {
        attributeCase(EBGP, flags, 1, "00", TAW, 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0000"})
    void case27_originLength(String value) {
        // RFC 4271 §6.3: a length that conflicts with the attribute's is an Attribute Length Error (3/5).
        attributeCase(EBGP, WELL_KNOWN, 1, value, TAW, 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"03", "04", "ff"})
    void case27_originValue(String value) {
        attributeCase(EBGP, WELL_KNOWN, 1, value, TAW, 6);
    }

    @Test
    void case27_originHexFromTheTable() {
        // "40 01 01 04" as a whole attribute.
        attributeCase(EBGP, () -> standard().without(1).rawAttributes("40010104"), TAW, 6, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00010000fde9", // segment type 0
        "05010000fde9", // segment type 5
        "0200", // segment length 0
        "02ff0000fde9", // segment overrun
        "02010000fde900", // one octet left over
        "0202ffdc", // 2-octet ASNs on a 4-octet session
        "02020001fde9" // the same, two 2-octet ASNs
    })
    void case28_asPathSyntax(String value) {
        attributeCase(EBGP, WELL_KNOWN, 2, value, TAW, 11);
        attributeCase(IBGP, WELL_KNOWN, 2, value, TAW, 11);
    }

    @Test
    void case28_fourOctetAsnsOnATwoOctetSession() {
        attributeCase(EBGP_2OCTET, WELL_KNOWN, 2, "02010000fde9", TAW, 11);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "020100000000", // AS 0 (RFC 7607)
        "02020000fde900000000", // AS 0 after the peer's AS
        "01010000fde9", // AS_SET (RFC 9774)
        "02010000fde9 01020000fdea0000fdeb", // AS_SET after the peer's AS
        "04010000fde9", // AS_CONFED_SET
        "02020000fdea0000fde9", // leftmost AS 65002 is not the peer's 65001
        "" // empty AS_PATH from eBGP
    })
    void case29_asPathSemanticsFromEbgp(String value) {
        attributeCase(EBGP, WELL_KNOWN, 2, value, TAW, 11);
    }

    @Test
    void case29_asPathSemanticsFromIbgp() {
        attributeCase(IBGP, WELL_KNOWN, 2, "020100000000", TAW, 11);
        attributeCase(IBGP, WELL_KNOWN, 2, "01010000fde9", TAW, 11);
        // From iBGP an empty AS_PATH is valid (GoBGP GHSA-frrj-87jh-2772), and so is any leftmost AS.
        Update empty = assertUpdate(decode(standard().set(WELL_KNOWN, 2, "").nlri(P1).bytes(), IBGP),
                ErrorAction.NONE);
        assertEquals(AsPath.EMPTY, empty.attributes().asPath());
        assertUpdate(decode(standard().set(WELL_KNOWN, 2, asPath4(65002)).nlri(P1).bytes(), IBGP), ErrorAction.NONE);
        // With the leftmost-AS check turned off (a route server peer), a foreign leftmost AS is accepted.
        SessionContext rs = EBGP.withPeer(PeerType.EXTERNAL, LOCAL_AS, PEER_AS, false);
        assertUpdate(decode(standard().set(WELL_KNOWN, 2, asPath4(65002)).nlri(P1).bytes(), rs), ErrorAction.NONE);
    }

    @Test
    void case30_asPathOf3000AsnsInAnExtendedMessage() {
        long[] asns = new long[3000];
        asns[0] = PEER_AS;
        for (int i = 1; i < asns.length; i++) {
            asns[i] = 64512 + i;
        }
        byte[] msg = standard().set(WELL_KNOWN | EXT_LEN, 2, asPathSegments(asns)).nlri(P1).bytes();
        assertTrue(msg.length > 4096);
        SessionContext ext = EBGP.withExtendedMessage(true);
        Update u = assertUpdate(decode(msg, ext), ErrorAction.NONE);
        assertEquals(3000, u.attributes().asPathLength());
        assertEquals(3000, u.attributes().asPath().length());
        assertEquals(PEER_AS, u.attributes().asPath().segments().get(0).asns().get(0));
        // Without RFC 8654 the same message is too long for the session.
        assertReset(decode(msg, EBGP), 1, 2);
    }

    @Test
    void case30_asPathOf16000AsnsNearTheExtendedMaximum() {
        // BIRD CVE-2026-49943: more than 2048 ASNs overflowed a fixed buffer.
        long[] asns = new long[16000];
        asns[0] = PEER_AS;
        for (int i = 1; i < asns.length; i++) {
            asns[i] = 4200000000L + i;
        }
        byte[] msg = standard().set(WELL_KNOWN | EXT_LEN, 2, asPathSegments(asns)).nlri(P1).bytes();
        assertTrue(msg.length > 64000 && msg.length <= 65535);
        Update u = assertUpdate(decode(msg, EBGP.withExtendedMessage(true)), ErrorAction.NONE);
        assertEquals(16000, u.attributes().asPathLength());
    }

    @Test
    void case30_segmentsOfMoreThan255AsnsAreSplitOnExport() {
        long[] asns = new long[300];
        for (int i = 0; i < asns.length; i++) {
            asns[i] = 65001 + i;
        }
        PathAttributes attrs = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(asns))
                .nextHop("192.0.2.1").build();
        Update out = Update.announce(attrs, PrefixList.of(Prefix.parse(P1)));
        for (SessionContext ctx : List.of(IBGP, IBGP.withFourOctetAs(false))) {
            byte[] wire = MessageEncoder.toBytes(out, ctx);
            Update back = assertUpdate(decode(wire, ctx), ErrorAction.NONE);
            assertEquals(List.of(255, 45), back.attributes().asPath().segments().stream()
                    .map(s -> s.asns().size()).toList());
            assertEquals(attrs, back.attributes());
        }
    }

    /** An AS_PATH value of AS_SEQUENCE segments of at most 255 4-octet ASNs. */
    static byte[] asPathSegments(long[] asns) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int start = 0; start < asns.length; start += 255) {
            int n = Math.min(255, asns.length - start);
            o.write(2);
            o.write(n);
            for (int i = 0; i < n; i++) {
                long a = asns[start + i];
                o.write((int) (a >>> 24));
                o.write((int) (a >>> 16));
                o.write((int) (a >>> 8));
                o.write((int) a);
            }
        }
        return o.toByteArray();
    }

    @Test
    void case31_as4PathFromAFourOctetPeerIsDiscarded() {
        attributeCase(EBGP, OPT_TRANS, 17, asPath4(65001, 4200000000L), DISCARD, 9);
        attributeCase(EBGP, OPT_TRANS, 18, "fa56ea00c0000201", DISCARD, 9); // AS4_AGGREGATOR likewise
    }

    @Test
    void case31_as4PathWithAConfederationSegmentIsDiscarded() {
        Supplier<UpdateBytes> s = () -> standard2().set(WELL_KNOWN, 2, asPath2(65001, 23456))
                .attr(OPT_TRANS, 17, "03010000fde9 0201fa56ea00");
        Variants v = attributeCase(EBGP_2OCTET, s, DISCARD, 9, 17);
        assertEquals("65001 23456", v.withNlri().attributes().asPath().toString());
    }

    @Test
    void case31_as4PathLongerThanAsPathIsIgnored() {
        // GoBGP CVE-2026-41643: the merge must not index past AS_PATH; RFC 6793 §4.2.3 says use AS_PATH.
        Supplier<UpdateBytes> s = () -> standard2().attr(OPT_TRANS, 17, asPath4(65001, 4200000000L, 4200000001L));
        Variants v = attributeCase(EBGP_2OCTET, s, DISCARD, 9, 17);
        assertEquals("65001", v.withNlri().attributes().asPath().toString());
        // For contrast, a consistent AS4_PATH is merged.
        Update merged = assertUpdate(decode(standard2().set(WELL_KNOWN, 2, asPath2(65001, 23456))
                .attr(OPT_TRANS, 17, asPath4(4200000000L)).nlri(P1).bytes(), EBGP_2OCTET), ErrorAction.NONE);
        assertEquals("65001 4200000000", merged.attributes().asPath().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c00002", "c000020101", ""})
    void case32_nextHopLength(String value) {
        // The empty one is the zero-length NEXT_HOP of tcpdump bgp-addpath.pcap.
        attributeCase(EBGP, WELL_KNOWN, 3, value, TAW, 5); // a length error: 3/5 (RFC 4271 §6.3)
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "0.1.2.3", "127.0.0.1", "224.0.0.1", "240.0.0.1", "255.255.255.255"})
    void case33_semanticallyInvalidNextHop(String nextHop) {
        String value = String.format("%08x", Ipv4.parse(nextHop));
        UpdateBytes u = standard().set(WELL_KNOWN, 3, value).nlri(P1, P2);
        DecodeResult r = decode(u.bytes(), EBGP);
        assertWithdrawsExactly(assertUpdate(r, TAW), u.announced());
        assertProblem(r, TAW, 8, 3);
        // Not malformed, so no §5.2 escalation: without NLRI there is no route to ignore and no reset.
        assertUpdate(decode(standard().set(WELL_KNOWN, 3, value).bytes(), EBGP), ErrorAction.NONE);
        // RIB: issue 4 (next-hop checks need the configuration and interfaces) — our own address, or off-link for single-hop eBGP, needs the configuration.
    }

    @Test
    void case33_nextHopHexFromTheTable() {
        UpdateBytes u = standard().without(3).rawAttributes("4003047f000001").nlri(P1);
        assertWithdrawsExactly(assertUpdate(decode(u.bytes(), EBGP), TAW), u.announced());
        // A usable next hop, for contrast.
        assertUpdate(decode(standard().nlri(P1).bytes(), EBGP), ErrorAction.NONE);
    }

    @Test
    void case34_med() {
        attributeCase(EBGP, OPT_TRANS, 4, "00000064", TAW, 4);
        attributeCase(EBGP, WELL_KNOWN, 4, "00000064", TAW, 4);
        for (String v : List.of("", "000064", "0000000064")) {
            attributeCase(EBGP, OPT_NON_TRANS, 4, v, TAW, 5);
        }
        Update ok = assertUpdate(decode(standard().attr(OPT_NON_TRANS, 4, "00000064").nlri(P1).bytes(), EBGP),
                ErrorAction.NONE);
        assertEquals(100, ok.attributes().med());
    }

    @Test
    void case35_localPref() {
        // From eBGP any LOCAL_PREF is discarded, well-formed or not (§7.5).
        for (String v : List.of("00000064", "000064", "0000000064")) {
            Variants e = attributeCase(EBGP, WELL_KNOWN, 5, v, DISCARD, 5);
            assertFalse(e.withNlri().attributes().has(5));
        }
        for (String v : List.of("000064", "0000000064", "")) {
            attributeCase(IBGP, WELL_KNOWN, 5, v, TAW, 5);
        }
        Update ok = assertUpdate(decode(standard().attr(WELL_KNOWN, 5, "00000064").nlri(P1).bytes(), IBGP),
                ErrorAction.NONE);
        assertEquals(100, ok.attributes().localPref());
    }

    @Test
    void case36_atomicAggregateWithALength() {
        Variants v = attributeCase(EBGP, WELL_KNOWN, 6, "00", DISCARD, 5);
        assertFalse(v.withNlri().attributes().atomicAggregate());
        assertTrue(assertUpdate(decode(standard().attr(WELL_KNOWN, 6, "").nlri(P1).bytes(), EBGP), ErrorAction.NONE)
                .attributes().atomicAggregate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000006400", "0000fde90a0000", "0000fde90a00000100"})
    void case37_aggregatorOnAFourOctetSession(String value) {
        Variants v = attributeCase(EBGP, OPT_TRANS, 7, value, DISCARD, 5); // length: 3/5 (RFC 4271 §6.3)
        assertFalse(v.withNlri().attributes().has(7));
    }

    @Test
    void case37_aggregatorAsZero() {
        // AS 0 is not a length conflict: Optional Attribute Error (RFC 7607), attribute discard.
        Variants v = attributeCase(EBGP, OPT_TRANS, 7, "00000000c0000201", DISCARD, 9);
        assertFalse(v.withNlri().attributes().has(7));
        attributeCase(EBGP_2OCTET, OPT_TRANS, 7, "0000c0000201", DISCARD, 9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000fde90a000001", "fde90a00"})
    void case37_aggregatorOnATwoOctetSession(String value) {
        attributeCase(EBGP_2OCTET, OPT_TRANS, 7, value, DISCARD, 5);
    }

    @Test
    void case38_communities() {
        attributeCase(EBGP, OPT_TRANS, 8, "", TAW, 5);
        attributeCase(EBGP, OPT_TRANS, 8, "fde9000101", TAW, 5);
        attributeCase(EBGP, OPT_NON_TRANS, 8, "fde90001", TAW, 4);
        Update ok = assertUpdate(decode(standard().attr(OPT_TRANS, 8, "fde90001").nlri(P1).bytes(), EBGP),
                ErrorAction.NONE);
        assertEquals(1, ok.attributes().communities().size());
    }

    @Test
    void case39_originatorIdAndClusterList() {
        for (String v : List.of("0a0000", "0a00000101")) {
            attributeCase(EBGP, OPT_NON_TRANS, 9, v, DISCARD, 9);
            attributeCase(IBGP, OPT_NON_TRANS, 9, v, TAW, 5);
        }
        for (String v : List.of("", "0a00000101")) {
            attributeCase(EBGP, OPT_NON_TRANS, 10, v, DISCARD, 9);
            attributeCase(IBGP, OPT_NON_TRANS, 10, v, TAW, 5);
        }
        // Well-formed ones from eBGP are discarded too; from iBGP they are kept for the loop checks.
        attributeCase(EBGP, OPT_NON_TRANS, 9, "0a000001", DISCARD, 9);
        attributeCase(EBGP, OPT_NON_TRANS, 10, "0a000001", DISCARD, 9);
        Update ok = assertUpdate(decode(standard().attr(OPT_NON_TRANS, 9, "0a000001")
                .attr(OPT_NON_TRANS, 10, "0a0000010a000002").nlri(P1).bytes(), IBGP), ErrorAction.NONE);
        assertEquals(Integer.toUnsignedLong(Ipv4.parse("10.0.0.1")), ok.attributes().originatorId());
        assertEquals(2, ok.attributes().clusterList().size());
        // RIB/route reflection: issues 4 and 6 — ORIGINATOR_ID equal to our router-id, or our cluster-id in CLUSTER_LIST:
        // drop silently as a loop (RFC 4456 §8).
    }

    @Test
    void case40_extendedLargeAndIpv6Communities() {
        attributeCase(EBGP, OPT_TRANS, 16, "000200000000000001", TAW, 5); // 9 octets
        attributeCase(EBGP, OPT_TRANS, 16, "", TAW, 5);
        attributeCase(EBGP, OPT_TRANS, 32, "0000fde9000000010000000200", TAW, 5); // 13 octets
        attributeCase(EBGP, OPT_TRANS, 32, "", TAW, 5);
        attributeCase(EBGP, OPT_TRANS, 25, "0002" + ipv6Hex("2001:db8::1") + "0001 00", TAW, 5); // 21 octets
        attributeCase(EBGP, OPT_TRANS, 25, "", TAW, 5);
        // An unknown extended community type or sub-type is not an error (§7.14).
        Update ok = assertUpdate(decode(standard().attr(OPT_TRANS, 16, "abcd000000000001 7f7f000000000002")
                .nlri(P1).bytes(), EBGP), ErrorAction.NONE);
        assertEquals(2, ok.attributes().extendedCommunities().size());
        String v6 = "0002" + ipv6Hex("2001:db8::1") + "0001";
        Update ok6 = assertUpdate(decode(standard().attr(OPT_TRANS, 25, v6).nlri(P1).bytes(), EBGP), ErrorAction.NONE);
        assertEquals(Bytes.ofHex(v6), ok6.attributes().value(25));
    }

    @Test
    void case41_otc() {
        attributeCase(EBGP, OPT_TRANS, 35, "00fde9", TAW, 5);
        attributeCase(EBGP, OPT_TRANS, 35, "0000fde900", TAW, 5);
        attributeCase(EBGP, OPT_TRANS, 35, "00000000", TAW, 9);
        Update ok = assertUpdate(decode(standard().attr(OPT_TRANS, 35, "0000fde9").nlri(P1).bytes(), EBGP),
                ErrorAction.NONE);
        assertEquals(PEER_AS, ok.attributes().otc());
        // RIB: issue 4 (role-based route-leak rules need the configured role) — OTC from a Customer or RS-Client, or from a Peer with OTC ≠ its AS, makes the
        // route ineligible (RFC 9234 §5): that needs the negotiated roles.
    }

    @Test
    void case42_duplicateAttributesKeepTheFirst() {
        Variants origin = attributeCase(EBGP, () -> standard().attr(WELL_KNOWN, 1, "02"), DISCARD, 1, 1);
        assertEquals(Origin.IGP, origin.withNlri().attributes().origin());
        // A malformed duplicate is still just a duplicate.
        attributeCase(EBGP, () -> standard().attr(WELL_KNOWN, 1, "0505"), DISCARD, 1, 1);
        Variants comm = attributeCase(EBGP, () -> standard().attr(OPT_TRANS, 8, "fde90001")
                .attr(OPT_TRANS, 8, "fde90002"), DISCARD, 1, 8);
        assertEquals(1, comm.withNlri().attributes().communities().size());
        assertEquals(0xfde90001L, comm.withNlri().attributes().communities().get(0).value() & 0xffffffffL);
    }

    @Test
    void case42_duplicateMpAttributesReset() {
        String reach = "000201 10" + ipv6Hex("2001:db8::1") + "00 2020010db8";
        assertReset(decode(standard().attr(OPT_NON_TRANS, 14, reach).attr(OPT_NON_TRANS, 14, reach).bytes(), EBGP),
                3, 1);
        assertReset(decode(standard().attr(OPT_NON_TRANS, 15, "000201").attr(OPT_NON_TRANS, 15, "000201").nlri(P1)
                .bytes(), EBGP), 3, 1);
        // tcpdump bgp-addpath.pcap shape: 2 × MP_REACH, 2 × MP_UNREACH and a zero-length NEXT_HOP.
        assertReset(decode(empty().attr(OPT_NON_TRANS, 15, "000201").attr(OPT_NON_TRANS, 15, "000201")
                .attr(OPT_NON_TRANS, 14, reach).attr(OPT_NON_TRANS, 14, reach).attr(WELL_KNOWN, 1, "00")
                .attr(WELL_KNOWN, 2, asPath4(65001)).attr(WELL_KNOWN, 3, "").bytes(), EBGP), 3, 1);
    }
}
