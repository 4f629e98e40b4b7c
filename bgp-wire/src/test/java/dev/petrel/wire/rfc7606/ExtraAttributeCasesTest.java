package dev.petrel.wire.rfc7606;

import static dev.petrel.wire.rfc7606.UpdateBytes.*;
import static dev.petrel.wire.rfc7606.Wire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The "extra attribute cases" of RELIABILITY.md (PMSI, Tunnel Encapsulation, AIGP, Prefix-SID, BGP-LS, unknown
 * attributes) and reserved flag bits, each in variants (i) and (iii) like cases 26-42.
 */
class ExtraAttributeCasesTest {
    private static final ErrorAction TAW = ErrorAction.TREAT_AS_WITHDRAW;
    private static final ErrorAction DISCARD = ErrorAction.ATTRIBUTE_DISCARD;

    @ParameterizedTest
    @ValueSource(strings = {"00060000", "ff"})
    void pmsiTunnelTooShort(String value) {
        attributeCase(EBGP, OPT_TRANS, 22, value, TAW, 5); // a length error: 3/5 (RFC 4271 §6.3)
    }

    @Test
    void pmsiTunnelUnknownTunnelType() {
        attributeCase(EBGP, OPT_TRANS, 22, "000c0000010a000001", TAW, 9);
    }

    @Test
    void pmsiTunnelWellFormed() {
        Update ok = assertUpdate(decode(standard().attr(OPT_TRANS, 22, "00060000010a000001").nlri(P1).bytes(), EBGP),
                ErrorAction.NONE);
        assertEquals(Bytes.ofHex("00060000010a000001"), ok.attributes().value(22));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00070000", // Tunnel TLV of length 0 (FRR cases.py)
        "000700", // TLV header cut short
        "0007000401", // TLV of 4 with 1 octet
        "0007000401ff", // TLV of 4 with 2 octets
        "00070003 010500", // sub-TLV of 5 in a TLV of 3 (CVE-2024-44070)
        "00070004 800005ff", // extended sub-TLV header, length past the TLV
        "" // empty attribute
    })
    void tunnelEncapsulationMalformed(String value) {
        // FRR's fix for CVE-2023-38802 (PR #14290): treat-as-withdraw, never a reset with NLRI.
        attributeCase(EBGP, OPT_TRANS, 23, value, TAW, 9);
    }

    @Test
    void tunnelEncapsulationFlagsAndWellFormed() {
        attributeCase(EBGP, OPT_NON_TRANS, 23, "000700040c020000", TAW, 4);
        Update ok = assertUpdate(decode(standard().attr(OPT_TRANS, 23, "000700040c020000").nlri(P1).bytes(), EBGP),
                ErrorAction.NONE);
        assertEquals(Bytes.ofHex("000700040c020000"), ok.attributes().value(23));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01000a00000000000064", "01000c000000000000006400", "010002", "0100", ""})
    void aigpTlvOtherThan11IsDiscarded(String value) {
        Variants v = attributeCase(IBGP, OPT_NON_TRANS, 26, value, DISCARD, 9);
        assertFalse(v.withNlri().attributes().has(26));
        Update ok = assertUpdate(decode(standard().attr(OPT_NON_TRANS, 26, "01000b0000000000000064").nlri(P1)
                .bytes(), IBGP), ErrorAction.NONE);
        assertTrue(ok.attributes().has(26));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0100ff000000", // TLV overrun (FRR cases.py)
        "0100", // TLV header cut short (FRR cases.py)
        "010000", // Label-Index TLV of length 0, not 7 (FRR cases.py; RFC 8669 §3.1, §6)
        "010008 000000000000006400", // Label-Index TLV of length 8
        "030004 00000000", // Originator SRGB TLV without an SRGB (RFC 8669 §3.2)
        "" // empty attribute
    })
    void prefixSidMalformedIsDiscarded(String value) {
        // RFC 8669 §6: ignore it and do not advertise it; attribute discard, never withdraw or reset.
        Variants v = attributeCase(IBGP, OPT_TRANS, 40, value, DISCARD, 9);
        assertFalse(v.withNlri().attributes().has(40));
    }

    @Test
    void prefixSidFromEbgpOrWithBadFlagsIsDiscarded() {
        String labelIndex = "010007 00 0000 00000064";
        // From an eBGP peer, even well-formed or all-zero (the 2025-05 attribute 40 incident): discarded.
        attributeCase(EBGP, OPT_TRANS, 40, labelIndex, DISCARD, 9);
        attributeCase(EBGP, OPT_TRANS, 40, "010007 00000000000000", DISCARD, 9);
        // Bad flags (CVE-2024-31948): discard, subcode 4.
        attributeCase(IBGP, OPT_NON_TRANS, 40, labelIndex, DISCARD, 4);
        // Well-formed from iBGP: kept, with an Originator SRGB TLV too.
        Update ok = assertUpdate(decode(standard().attr(OPT_TRANS, 40, labelIndex + "030008 0000 003e80 001f40")
                .nlri(P1).bytes(), IBGP), ErrorAction.NONE);
        assertTrue(ok.attributes().has(40));
    }

    @ParameterizedTest
    @ValueSource(strings = {"04000010 0000", "0400", ""})
    void bgpLsTlvOverrunIsDiscarded(String value) {
        Variants v = attributeCase(IBGP, OPT_NON_TRANS, 29, value, DISCARD, 9);
        assertFalse(v.withNlri().attributes().has(29));
        attributeCase(EBGP, OPT_NON_TRANS, 29, "04000004 0a000001", DISCARD, 9);
        Update ok = assertUpdate(decode(standard().attr(OPT_NON_TRANS, 29, "04000004 0a000001").nlri(P1).bytes(),
                IBGP), ErrorAction.NONE);
        assertTrue(ok.attributes().has(29));
    }

    @Test
    void unknownOptionalAttributesAreAccepted() {
        byte[] v = hex("0102030405");
        Update u = assertUpdate(decode(standard().attr(OPT_NON_TRANS, 0xfd, v).attr(OPT_TRANS, 0xfe, v).nlri(P1)
                .bytes(), EBGP), ErrorAction.NONE);
        assertEquals(prefixes(P1), u.nlri().toList());
        // The transitive one is held byte-identical, with the Partial bit it is passed on with (RFC 4271 §5).
        assertEquals(0xE0, u.attributes().flags(0xfe));
        assertEquals(Bytes.of(v), u.attributes().value(0xfe));
        // Passed on: on the wire, the same octets with only the Partial bit added.
        byte[] out = MessageEncoder.toBytes(u, EBGP);
        assertTrue(contains(out, hex("e0fe05 0102030405")), "the transitive attribute is re-sent with Partial");
        assertFalse(contains(out, hex("fd05 0102030405")), "the non-transitive one is not passed along");
    }

    @Test
    void unknownAttributeWithTheOptionalBitClear() {
        // RFC 4271 says reset 3/2; BIRD and FRR treat-as-withdraw, as recommended, and so does the codec.
        attributeCase(EBGP, WELL_KNOWN, 0xfb, "01", TAW, 2);
        attributeCase(EBGP, 0x00, 0xfb, "", TAW, 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x08, 0x0f, 0x01})
    void reservedLowFlagBitsAreIgnored(int low) {
        // RFC 4271 §4.3: the low-order four bits are unused and must be ignored (OpenBGPD 2012, AGGREGATOR OT+8).
        Update u = assertUpdate(decode(empty().attr(WELL_KNOWN | low, 1, "00").attr(WELL_KNOWN | low, 2,
                asPath4(65001)).attr(WELL_KNOWN | low, 3, "c0000201").attr(OPT_NON_TRANS | low, 4, "00000064")
                .attr(OPT_TRANS | low, 7, "0000fde9c0000201").attr(OPT_TRANS | low, 8, "fde90001")
                .attr(OPT_TRANS | low, 0xfe, "01").nlri(P1).bytes(), EBGP), ErrorAction.NONE);
        assertEquals(Origin.IGP, u.attributes().origin());
        assertEquals(100, u.attributes().med());
        assertEquals(65001, u.attributes().aggregator().as());
        assertEquals(1, u.attributes().communities().size());
        // Held with the standard flags, without the reserved bits.
        assertEquals(List.of(0x40, 0x40, 0x40, 0x80, 0xC0, 0xC0, 0xE0), List.of(u.attributes().flags(1),
                u.attributes().flags(2), u.attributes().flags(3), u.attributes().flags(4), u.attributes().flags(7),
                u.attributes().flags(8), u.attributes().flags(0xfe)));
    }

    @Test
    void reservedFlagBitsFromTheBriefOnOptionalTransitiveAttributes() {
        for (int flags : new int[] {0xC8, 0xCF}) {
            Update u = assertUpdate(decode(standard().attr(flags, 7, "0000fde9c0000201").attr(flags, 8, "fde90001")
                    .attr(flags, 32, "0000fde90000000100000002").nlri(P1).bytes(), EBGP), ErrorAction.NONE);
            assertEquals(0xC0, u.attributes().flags(7));
            assertEquals(1, u.attributes().largeCommunities().size());
        }
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
