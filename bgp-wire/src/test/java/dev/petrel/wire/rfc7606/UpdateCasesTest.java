package dev.petrel.wire.rfc7606;

import static dev.petrel.wire.rfc7606.UpdateBytes.*;
import static dev.petrel.wire.rfc7606.Wire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.nlri.Prefix;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases 15-25: UPDATE framing, NLRI and Withdrawn Routes syntax, missing attributes, End-of-RIB. */
class UpdateCasesTest {
    private static final ErrorAction TAW = ErrorAction.TREAT_AS_WITHDRAW;

    @Test
    void case15_withdrawnPlusAttributeLengthsExceedTheMessage() {
        assertReset(decode(empty().withdrawnRoutesLength(100).bytes(), EBGP), 3, 1);
        assertReset(decode(empty().withdraw(P1).withdrawnRoutesLength(6).bytes(), EBGP), 3, 1);
        assertReset(decode(standard().nlri(P1).totalPathAttributeLength(200).bytes(), EBGP), 3, 1);
        // One octet too many: WRL + TPAL + 23 = length + 1.
        UpdateBytes u = standard().nlri(P1);
        int tpal = u.bytes().length - 23 + 1;
        assertReset(decode(standard().nlri(P1).totalPathAttributeLength(tpal).bytes(), EBGP), 3, 1);
    }

    @Test
    void case16_lastAttributeOverrunsTheAttributeSectionWithNlri() {
        // COMMUNITIES declares 32 octets; 4 are there before the NLRI that TPAL locates.
        attributeCase(EBGP, () -> standard().attrDeclared(OPT_TRANS, 8, 32, "fde90001"), TAW, 1, 8);
        // The only attribute overruns: the mandatory ones are then missing too; still treat-as-withdraw.
        UpdateBytes u = empty().attrDeclared(WELL_KNOWN, 1, 32, "00").nlri(P1, P2);
        DecodeResult r = decode(u.bytes(), EBGP);
        Update up = assertUpdate(r, TAW);
        assertProblem(r, TAW, 1, 1);
        assertEquals(u.announced(), up.nlri().toList());
        assertWithdrawsExactly(up, u.announced());
    }

    @Test
    void case17_overrunWithoutNlriResets() {
        // TPAL = 4: ORIGIN's header and one octet, declaring 32. No NLRI, no MP_REACH: RFC 7606 §5.2.
        byte[] msg = empty().attrDeclared(WELL_KNOWN, 1, 32, "00").bytes();
        assertEquals(4, ((msg[21] & 0xff) << 8) | (msg[22] & 0xff));
        assertReset(decode(msg, EBGP), 3, 1);
        assertReset(decode(standard().attrDeclared(OPT_TRANS, 8, 32, "fde90001").bytes(), IBGP), 3, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "4001", "ff"})
    void case18_strayOctetsAtTheEndOfTheAttributes(String stray) {
        // The NLRI after the stray octets is located from TPAL, not parsed out of the garbage.
        attributeCase(EBGP, () -> standard().rawAttributes(stray), TAW, 1, -1);
    }

    @Test
    void case18_extendedLengthHeaderTruncated() {
        // Three octets left but the Extended Length bit asks for four (RFC 7606 §4).
        attributeCase(EBGP, () -> standard().rawAttributes("d0fe00"), TAW, 1, 0xfe);
    }

    @Test
    void case19_ipv4NlriPrefixLength33() {
        assertReset(decode(standard().nlriHex("210a0b0c00").bytes(), EBGP), 3, 10);
        assertReset(decode(standard().nlri(P1).nlriHex("210a0b0c00").bytes(), EBGP), 3, 10);
        // A treat-as-withdraw error elsewhere does not help: TaW needs the NLRI parsed (§3(j)).
        assertReset(decode(standard().set(WELL_KNOWN, 1, "04").nlriHex("210a0b0c00").bytes(), EBGP), 3, 10);
    }

    @Test
    void case20_ipv4NlriOverrun() {
        assertReset(decode(standard().nlriHex("18c0a8").bytes(), EBGP), 3, 10);
        assertReset(decode(standard().nlri(P1).nlriHex("18c0a8").bytes(), EBGP), 3, 10);
        assertReset(decode(standard().nlri(P1).nlriHex("20").bytes(), EBGP), 3, 10);
    }

    @Test
    void case21_withdrawnRoutesMalformed() {
        // RELIABILITY.md allows subcode 1 or 10; the codec uses 10 (Invalid Network Field), as for the NLRI.
        assertReset(decode(empty().withdrawnHex("280a0b0c0d0e").bytes(), EBGP), 3, 10);
        assertReset(decode(empty().withdrawnHex("180a0b").bytes(), EBGP), 3, 10);
        assertReset(decode(standard().withdraw(P2).withdrawnHex("180a0b").nlri(P1).bytes(), EBGP), 3, 10);
        assertReset(decode(empty().withdraw(P2).withdrawnHex("21").bytes(), EBGP), 3, 10);
    }

    @Test
    void case22_trailingHostBitsAreMasked() {
        Update u = assertUpdate(decode(standard().nlriHex("0d0b0f 0d0b08").bytes(), EBGP), ErrorAction.NONE);
        Prefix canonical = Prefix.parse("11.8.0.0/13");
        assertEquals(List.of(canonical, canonical), u.nlri().toList());
        assertEquals(u.nlri().get(0), u.nlri().get(1));
        // The same in MP_REACH_NLRI: 2001:db9::/31 is 2001:db8::/31.
        Update v6 = assertUpdate(decode(standard().attr(OPT_NON_TRANS, 14,
                "000201 10" + ipv6Hex("2001:db8::1") + "00 1f20010db9").bytes(), EBGP), ErrorAction.NONE);
        assertEquals(List.of(Prefix.parse("2001:db8::/31")), v6.mpReach().nlri().toList());
    }

    @Test
    void case23_noAttributesWithNlri() {
        UpdateBytes u = empty().totalPathAttributeLength(0).nlri(P1, P2);
        DecodeResult r = decode(u.bytes(), EBGP);
        Update up = assertUpdate(r, TAW);
        assertProblem(r, TAW, 3, 1);
        assertProblem(r, TAW, 3, 2);
        assertProblem(r, TAW, 3, 3);
        assertTrue(up.attributes().isEmpty());
        assertWithdrawsExactly(up, u.announced());
    }

    @Test
    void case24_endOfRib() {
        byte[] v4 = empty().bytes();
        assertEquals(23, v4.length);
        assertEquals(Family.IPV4_UNICAST, assertUpdate(decode(v4, EBGP), ErrorAction.NONE).endOfRib());
        byte[] v6 = empty().mpUnreachIpv6().bytes();
        assertEquals(29, v6.length);
        assertEquals(Family.IPV6_UNICAST, assertUpdate(decode(v6, EBGP), ErrorAction.NONE).endOfRib());
        // The same as a capture reader sees them (odl-bgpcep up6.bin, up7.bin).
        assertEquals(Family.IPV4_UNICAST, assertUpdate(decode(v4, SessionContext.ASSUMED), ErrorAction.NONE)
                .endOfRib());
        assertEquals(Family.IPV6_UNICAST, assertUpdate(decode(v6, SessionContext.ASSUMED), ErrorAction.NONE)
                .endOfRib());
    }

    @Test
    void case24_endOfRibShapedWithGarbageAttributes() {
        // CVE-2023-47235: garbage where an End-of-RIB would be. No NLRI, so anything needing more than
        // attribute discard escalates to a reset (§5.2); it is never taken for an End-of-RIB.
        assertReset(decode(empty().rawAttributes("ffffffffff").bytes(), EBGP), 3, 1);
        assertReset(decode(empty().rawAttributes("0000").bytes(), EBGP), 3, 1);
        assertReset(decode(empty().mpUnreachIpv6().rawAttributes("ff").bytes(), EBGP), 3, 1);
        assertReset(decode(empty().mpUnreachIpv6().attr(WELL_KNOWN, 1, "05").bytes(), EBGP), 3, 6);
        // A well-formed zero-length unknown attribute: accepted, and then it is not an End-of-RIB.
        Update u = assertUpdate(decode(empty().attr(OPT_TRANS, 31, "").bytes(), EBGP), ErrorAction.NONE);
        assertNull(u.endOfRib());
        assertTrue(u.attributes().has(31));
    }

    @Test
    void case24_ipv6EndOfRibOnASessionWithoutIpv6IsNotAnIpv4EndOfRib() {
        SessionContext v4only = EBGP.withFamilies(Set.of(Family.IPV4_UNICAST));
        Update u = assertUpdate(decode(empty().mpUnreachIpv6().bytes(), v4only), ErrorAction.NONE);
        assertNotEquals(Family.IPV4_UNICAST, u.endOfRib());
    }

    @Test
    void case25_onlyAnUnknownTransitiveAttributeWithNlri() {
        // CVE-2023-46753: {0xC0, 31, 16 octets} and NLRI, no mandatory attributes → treat-as-withdraw.
        UpdateBytes u = empty().attr(OPT_TRANS, 31, new byte[16]).nlri(P1, P2);
        DecodeResult r = decode(u.bytes(), EBGP);
        Update up = assertUpdate(r, TAW);
        assertProblem(r, TAW, 3, 1);
        assertProblem(r, TAW, 3, 2);
        assertProblem(r, TAW, 3, 3);
        assertWithdrawsExactly(up, u.announced());
        // odl-bgpcep up8.bin shape: ORIGIN and an unknown attribute 255, no AS_PATH or NEXT_HOP.
        UpdateBytes up8 = empty().attr(WELL_KNOWN, 1, "00").attr(OPT_TRANS, 255, "0102").nlri(P1);
        DecodeResult r8 = decode(up8.bytes(), EBGP);
        assertWithdrawsExactly(assertUpdate(r8, TAW), up8.announced());
        assertProblem(r8, TAW, 3, 2);
        assertProblem(r8, TAW, 3, 3);
        // Without NLRI nothing is mandatory (RFC 4271 §5): the attribute alone is accepted, not escalated.
        Update alone = assertUpdate(decode(empty().attr(OPT_TRANS, 31, new byte[16]).bytes(), EBGP),
                ErrorAction.NONE);
        assertTrue(alone.attributes().has(31));
    }
}
