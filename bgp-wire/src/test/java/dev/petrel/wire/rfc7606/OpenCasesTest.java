package dev.petrel.wire.rfc7606;

import static dev.petrel.wire.rfc7606.Wire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.MessageType;
import dev.petrel.wire.Open;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.cap.BgpRole;
import dev.petrel.wire.cap.Capability;
import dev.petrel.wire.nlri.Ipv4;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cases 5-14: OPEN. The codec decides what needs no configuration; what compares the OPEN with the configuration
 * or the FSM state is the session's (marked "session layer:" with the fsm test that covers it).
 */
class OpenCasesTest {

    private static Open open(OpenBytes o) {
        return assertMessage(decode(o.bytes(), SessionContext.INITIAL), ErrorAction.NONE, Open.class);
    }

    private static void openError(OpenBytes o, int subcode) {
        assertReset(decode(o.bytes(), SessionContext.INITIAL), 2, subcode);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 0, 255})
    void case05_unsupportedVersion(int version) {
        // Data: the largest version we support, 2 octets (RFC 4271 §6.2).
        assertReset(decode(OpenBytes.standard().version(version).bytes(), SessionContext.INITIAL), 2, 1, "0004");
    }

    @Test
    void case06_peerAsIsDecodedForTheSessionToCheck() {
        assertEquals(65001, open(OpenBytes.standard()).asNumber());
        // My AS 0 without a 4-octet AS capability, and 0 in the capability (RFC 7607).
        assertEquals(0, open(OpenBytes.bare().myAs(0)).asNumber());
        assertEquals(0, open(OpenBytes.bare().myAs(23456).capability(65, "00000000")).asNumber());
        // AS_TRANS without the capability: the peer's AS is 23456, which cannot be a configured AS > 65535.
        Open trans = open(OpenBytes.bare().myAs(23456));
        assertEquals(23456, trans.asNumber());
        assertNull(trans.capability(Capability.FourOctetAs.class));
        assertEquals(4200000000L, open(OpenBytes.bare().myAs(23456).capability(65, "fa56ea00")).asNumber());
        // session layer: fsm OpenCheckTest (asZeroIsBadPeerAs, wrongAsIsBadPeerAs, asTransWithoutFourOctetCapabilityIsBadPeerAs) — asNumber() ≠ configured peer AS, or 0 (RFC 7607), → NOTIFICATION 2/2.
    }

    @Test
    void case07_bgpIdentifierZero() {
        openError(OpenBytes.standard().bgpId("0.0.0.0"), 3);
        assertEquals(Ipv4.parse("10.0.0.1"), open(OpenBytes.standard().bgpId("10.0.0.1")).bgpIdentifier());
        // session layer: fsm OpenCheckTest.ourOwnIdentifierIsBadOnlyWithinTheAs — for iBGP, a BGP Identifier equal to ours → 2/3.
    }

    @Test
    void case08_holdTime() {
        openError(OpenBytes.standard().holdTime(1), 6);
        openError(OpenBytes.standard().holdTime(2), 6);
        assertEquals(0, open(OpenBytes.standard().holdTime(0)).holdTime());
        assertEquals(3, open(OpenBytes.standard().holdTime(3)).holdTime());
        // session layer: fsm OpenCheckTest.holdTimeBelowTheConfiguredMinimumIsUnacceptable — below the configured minimum → 2/6.
    }

    @Test
    void case09_extendedOptionalParametersTruncated() {
        // RFC 9072: Opt Param Len 255 and a first type of 255 mark the extended format (CVE-2022-40302/43681).
        openError(OpenBytes.bare().rawOptionalParameters(255, ""), 0);
        openError(OpenBytes.bare().rawOptionalParameters(255, "ff"), 0);
        openError(OpenBytes.bare().rawOptionalParameters(255, "ff00"), 0);
        openError(OpenBytes.bare().rawOptionalParameters(255, "ff0010 0206"), 0);
        openError(OpenBytes.bare().rawOptionalParameters(255, "ff0009 020006 4104"), 0);
        // Extended format, the parameter's own 2-octet length overrunning.
        openError(OpenBytes.bare().rawOptionalParameters(255, "ff0005 02 0010 4100"), 0);
        // Non-extended: Opt Param Len larger than what follows, and a parameter header cut short.
        openError(OpenBytes.bare().rawOptionalParameters(20, "0206 41040000fde9"), 0);
        openError(OpenBytes.bare().rawOptionalParameters(1, "02"), 0);
        // The well-formed extended format decodes.
        Open ok = open(OpenBytes.bare().rawOptionalParameters(255, "ff0009 020006 41040000fde9"));
        assertEquals(65001, ok.asNumber());
    }

    @Test
    void case09_capabilityOverrunsItsParameter() {
        openError(OpenBytes.bare().rawOptionalParameters(8, "0206 41080000fde9"), 0);
        openError(OpenBytes.bare().rawOptionalParameters(3, "0201 41"), 0);
        openError(OpenBytes.bare().capabilityDeclared(65, 200, "0000fde9"), 0);
    }

    @Test
    void case10_knownCapabilityWithWrongLength() {
        List<UnaryOperator<OpenBytes>> bad = List.of(
                o -> o.capability(65, ""), // 4-octet AS, length 0
                o -> o.capability(65, "fde9"), // length 2
                o -> o.capability(65, "0000fde900"), // length 5
                o -> o.capability(1, "000100"), // MP length 3
                o -> o.capability(1, "0001000100"), // MP length 5
                o -> o.capability(64, ""), // GR length 0
                o -> o.capability(64, "00"), // GR length 1
                o -> o.capability(64, "005a000100"), // GR length 5: not 2 + 4n
                o -> o.capability(71, "000101800000"), // LLGR length 6
                o -> o.capability(71, "00010180000e1000"), // LLGR length 8
                o -> o.capability(75, ""), // software version, length 0
                o -> o.capability(75, "00"), // software version of 0 octets
                o -> o.capability(75, "056162"), // software version overrun
                o -> o.capability(73, ""), // FQDN length 0
                o -> o.capability(73, "05616263"), // FQDN host name overrun
                o -> o.capability(73, "02616205"), // FQDN domain name overrun
                o -> o.capability(69, "000101"), // ADD-PATH length 3
                o -> o.capability(2, "00")); // route refresh length 1
        for (UnaryOperator<OpenBytes> b : bad) {
            openError(b.apply(OpenBytes.bare()), 0);
        }
    }

    @Test
    void case10_wrongLengthDoesNotReadTheNeighbour() {
        // 4-octet AS of length 2 followed by MP: a decoder reading 4 octets would take "0000" + "0104" as an AS.
        openError(OpenBytes.bare().capability(65, "0000").capability(1, "00010001"), 0);
        // The same capability correctly formed, for contrast.
        Open ok = open(OpenBytes.bare().capability(65, "0000fde9").capability(1, "00010001"));
        assertEquals(List.of(new Capability.FourOctetAs(65001), new Capability.Multiprotocol(Family.IPV4_UNICAST)),
                ok.capabilities());
    }

    @Test
    void case11_unknownCapabilityIsIgnored() {
        Open o = open(OpenBytes.standard().capability(200, "010203").capability(201, ""));
        assertEquals(new Capability.Unknown(200, Bytes.ofHex("010203")), o.capabilities().get(2));
        assertEquals(new Capability.Unknown(201, Bytes.EMPTY), o.capabilities().get(3));
        assertEquals(65001, o.asNumber());
        // 73 (hostname) is one Petrel knows: decoded, not an error.
        Open h = open(OpenBytes.standard().capability(73, "026831 00"));
        assertEquals(new Capability.Fqdn("h1", ""), h.capability(Capability.Fqdn.class));
    }

    @Test
    void case12_requiredCapabilityMissingIsVisibleToTheSession() {
        Open o = open(OpenBytes.bare().capability(1, "00010001"));
        assertNull(o.capability(Capability.FourOctetAs.class));
        assertEquals(List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST)), o.capabilities());
        // session layer: fsm OpenCheckTest.noFamilyInCommonIsUnsupportedCapability — a required capability missing → 2/7 with the capability as data.
    }

    @Test
    void case13_roleCapability() {
        // Two Role capabilities with different values → 2/11 (RFC 9234 §4.2), also across parameters.
        openError(OpenBytes.standard().capability(9, "03").capability(9, "00"), 11);
        openError(OpenBytes.standard().capability(9, "03").newCapabilityParameter().capability(9, "04"), 11);
        // Role length ≠ 1 → 2/0.
        openError(OpenBytes.standard().capability(9, ""), 0);
        openError(OpenBytes.standard().capability(9, "0303"), 0);
        // The same value twice is not a conflict.
        Open twice = open(OpenBytes.standard().capability(9, "03").capability(9, "03"));
        assertEquals(BgpRole.CUSTOMER, twice.capability(Capability.Role.class).role());
        // Customer towards a Customer: decoded; the pair is judged against our configured role.
        Open customer = open(OpenBytes.standard().capability(9, "03"));
        assertEquals(BgpRole.CUSTOMER, customer.capability(Capability.Role.class).role());
        assertNotEquals(BgpRole.CUSTOMER, BgpRole.CUSTOMER.expectedPeerRole());
        // session layer: fsm OpenCheckTest (customerAndCustomerIsARoleMismatch, twoDifferentRolesAreAMismatch) — a pair not in §4.2 → 2/11.
    }

    @Test
    void case14_messagesAreDecodedWhateverTheFsmState() {
        DecodeResult u = decode(UpdateBytes.standard().nlri(P1).bytes(), SessionContext.INITIAL.withFourOctetAs(true));
        assertEquals(MessageType.UPDATE, assertUpdate(u, ErrorAction.NONE).type());
        DecodeResult o = decode(OpenBytes.standard().bytes(), EBGP);
        assertEquals(MessageType.OPEN, assertMessage(o, ErrorAction.NONE, Open.class).type());
        assertTrue(o.problems().isEmpty());
        // The codec has no FSM state: the type is what the session needs.
        assertEquals(Update.class, u.message().getClass());
        // session layer: fsm SessionFsmTest (unexpectedMessagesAreFsmError1/2/3) — UPDATE in OpenSent/OpenConfirm → 5/1, 5/2; OPEN in Established → 5/3.
    }
}
