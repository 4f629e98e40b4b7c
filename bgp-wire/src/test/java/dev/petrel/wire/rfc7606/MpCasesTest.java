package dev.petrel.wire.rfc7606;

import static dev.petrel.wire.rfc7606.UpdateBytes.*;
import static dev.petrel.wire.rfc7606.Wire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Case 43: MP_REACH_NLRI and MP_UNREACH_NLRI malformations (RFC 7606 §5.3, §7.11). Treat-as-withdraw needs them
 * parsed (§3(j)), so each is a session reset, with or without other NLRI.
 *
 * <p>Subcodes, a choice RELIABILITY.md leaves open (FRR sends 3/1 for the framing cases, BIRD 3/9): the codec sends
 * 3/9 Optional Attribute Error for content errors (RFC 4760 §7), 3/4 Attribute Flags Error for wrong flags, 3/1
 * Malformed Attribute List for a duplicate (§3(g)) and for an MP attribute running past the attribute section
 * (RFC 7606 §4 framing).
 */
class MpCasesTest {
    private static final String NH = ipv6Hex("2001:db8::1");
    private static final String V6_PREFIX = "2020010db8"; // 2001:db8::/32

    /** The malformed MP attribute with the standard attributes, with and without IPv4 NLRI. */
    private static void mpReset(Supplier<UpdateBytes> u, int subcode, int type) {
        for (UpdateBytes b : new UpdateBytes[] {u.get(), u.get().nlri(P1, P2)}) {
            DecodeResult r = decode(b.bytes(), EBGP);
            assertReset(r, 3, subcode);
            assertEquals(type, r.strongest().attributeType());
        }
    }

    private static void mpReachReset(String value, int subcode) {
        mpReset(() -> standard().attr(OPT_NON_TRANS, 14, value), subcode, 14);
    }

    private static void mpUnreachReset(String value, int subcode) {
        mpReset(() -> standard().attr(OPT_NON_TRANS, 15, value), subcode, 15);
    }

    @Test
    void case43_nextHopLength9() {
        mpReachReset("000201 09 20010db80000000000 00 40 20010db800000000", 9);
    }

    @Test
    void case43_nextHopLength64Overrun() {
        mpReachReset("000201 40" + NH + "00" + V6_PREFIX, 9);
    }

    @Test
    void case43_nextHopLengthOverrunsAShortAttribute() {
        // MP_REACH of 8 octets whose next-hop length says 16.
        mpReachReset("000201 10 20010db800000000", 9);
    }

    @Test
    void case43_truncatedMpReachRunsPastTheAttributes() {
        // Length 16, 8 octets present: the attribute runs past the section, so MP_REACH cannot be parsed and
        // treat-as-withdraw is impossible (§3(j)).
        mpReset(() -> standard().attrDeclared(OPT_NON_TRANS, 14, 16, "00020110 20010db8"), 1, 14);
        mpReset(() -> standard().attrDeclared(OPT_NON_TRANS, 15, 16, "000201 2020010d"), 1, 15);
        mpReset(() -> standard().attrDeclared(OPT_NON_TRANS | EXT_LEN, 14, 300, "00020110" + NH), 1, 14);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00", "000201", "00020100"})
    void case43_mpReachShorterThan5(String value) {
        mpReachReset(value, 9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00", "0002"})
    void case43_mpUnreachShorterThan3(String value) {
        mpUnreachReset(value, 9);
    }

    @Test
    void case43_mpUnreachTruncatedPrefix() {
        mpUnreachReset("000201 40 20010db8", 9);
    }

    @Test
    void case43_ipv6PrefixLength129() {
        String p129 = "81 20010db8000000000000000000000000 00";
        mpReachReset("000201 10" + NH + "00" + p129, 9);
        mpUnreachReset("000201" + p129, 9);
        mpReachReset("000201 10" + NH + "00" + V6_PREFIX + "40 20010db8", 9); // overrun after a good prefix
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x60, 0xC0, 0xE0, 0xA0, 0x00})
    void case43_mpFlags(int flags) {
        mpReset(() -> standard().attr(flags, 14, "000201 10" + NH + "00" + V6_PREFIX), 4, 14);
        mpReset(() -> standard().attr(flags, 15, "000201" + V6_PREFIX), 4, 15);
    }

    @Test
    void case43_familyNotNegotiatedIsIgnored() {
        SessionContext v4only = EBGP.withFamilies(Set.of(Family.IPV4_UNICAST));
        UpdateBytes u = standard().attr(OPT_NON_TRANS, 14, "000201 10" + NH + "00" + V6_PREFIX).nlri(P1);
        DecodeResult r = decode(u.bytes(), v4only);
        Update up = assertUpdate(r, ErrorAction.NONE);
        assertProblem(r, ErrorAction.NONE, 9, 14);
        assertNull(up.mpReach());
        assertEquals(prefixes(P1), up.nlri().toList());
        // A family Petrel does not decode at all (AFI 25, SAFI 70), even malformed inside: ignored, no reset.
        DecodeResult evpn = decode(standard().attr(OPT_NON_TRANS, 14, "001946 04 0a000001 00 ffffff").bytes(), EBGP);
        assertUpdate(evpn, ErrorAction.NONE);
        assertProblem(evpn, ErrorAction.NONE, 9, 14);
        DecodeResult unreach = decode(empty().attr(OPT_NON_TRANS, 15, "000201" + V6_PREFIX).bytes(), v4only);
        assertUpdate(unreach, ErrorAction.NONE);
    }

    @Test
    void case43_wellFormedMpReachWithATreatAsWithdrawErrorWithdrawsItsPrefixes() {
        // Variant (ii) for MP: the IPv6 routes are the ones withdrawn.
        UpdateBytes u = standard().set(WELL_KNOWN, 1, "07").mpReachIpv6("2001:db8::1", "2001:db8::/32",
                "2001:db8:1::/48");
        DecodeResult r = decode(u.bytes(), EBGP);
        Update up = assertUpdate(r, ErrorAction.TREAT_AS_WITHDRAW);
        assertProblem(r, ErrorAction.TREAT_AS_WITHDRAW, 6, 1);
        assertWithdrawsExactly(up, u.announced());
        assertEquals(NextHop.of("2001:db8::1"), up.mpReach().nextHop());
        // The same UPDATE well-formed, for contrast.
        Update ok = assertUpdate(decode(standard().mpReachIpv6("2001:db8::1", "2001:db8::/32").bytes(), EBGP),
                ErrorAction.NONE);
        assertEquals(prefixes("2001:db8::/32"), ok.mpReach().nlri().toList());
    }
}
