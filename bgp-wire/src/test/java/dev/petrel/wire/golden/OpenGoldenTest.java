package dev.petrel.wire.golden;

import static dev.petrel.wire.golden.Golden.MARKER;
import static dev.petrel.wire.golden.Golden.assertDecodes;
import static dev.petrel.wire.golden.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.Family;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.Open;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.cap.BgpRole;
import dev.petrel.wire.cap.Capability;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OPEN (RFC 4271 §4.2) with each capability (RFC 5492) alone in one Capabilities optional parameter, a typical
 * OPEN with many, and RFC 9072 extended optional parameters.
 *
 * <p>Length arithmetic used below: header 19 + fixed OPEN fields 10 (version 1, My AS 2, Hold Time 2, BGP
 * Identifier 4, Optional Parameters Length 1) = 29; one parameter adds 2 (type, length) plus its capabilities.
 */
class OpenGoldenTest {
    private static final SessionContext CTX = SessionContext.INITIAL;

    /** Version 4, My AS 65001, Hold Time 90 s, BGP Identifier 10.0.0.1. */
    private static final String FIXED = "04" // version
            + "fde9" // My AS 65001
            + "005a" // Hold Time 90
            + "0a000001"; // BGP Identifier 10.0.0.1
    private static final int ID = 0x0a000001;

    private static Open open(Capability... caps) {
        return new Open(65001, 90, ID, List.of(caps));
    }

    @Test
    void noOptionalParameters() {
        String hex = MARKER
                + "001d" // length 29
                + "01" // type 1 OPEN
                + FIXED
                + "00"; // Optional Parameters Length 0
        assertGolden(hex, open(), CTX);
    }

    @Test
    void multiprotocolIpv4Unicast() {
        String hex = MARKER
                + "0025" // length 37 = 29 + 2 + 6
                + "01" // OPEN
                + FIXED
                + "08" // Optional Parameters Length 8
                + "02" // parameter type 2: Capabilities (RFC 5492 §4)
                + "06" // parameter length 6
                + "01" // capability 1: Multiprotocol Extensions (RFC 4760 §8)
                + "04" // capability length 4
                + "0001" // AFI 1 IPv4
                + "00" // reserved
                + "01"; // SAFI 1 unicast
        assertGolden(hex, open(new Capability.Multiprotocol(Family.IPV4_UNICAST)), CTX);
    }

    @Test
    void multiprotocolIpv6Unicast() {
        String hex = MARKER
                + "0025" // length 37
                + "01" // OPEN
                + FIXED
                + "08" // Optional Parameters Length 8
                + "02" // Capabilities
                + "06" // parameter length 6
                + "01" // Multiprotocol
                + "04" // length 4
                + "0002" // AFI 2 IPv6
                + "00" // reserved
                + "01"; // SAFI 1
        assertGolden(hex, open(new Capability.Multiprotocol(Family.IPV6_UNICAST)), CTX);
    }

    @Test
    void routeRefresh() {
        String hex = MARKER
                + "0021" // length 33 = 29 + 2 + 2
                + "01" // OPEN
                + FIXED
                + "04" // Optional Parameters Length 4
                + "02" // Capabilities
                + "02" // parameter length 2
                + "02" // capability 2: Route Refresh (RFC 2918 §2)
                + "00"; // length 0
        assertGolden(hex, open(new Capability.RouteRefresh()), CTX);
    }

    @Test
    void enhancedRouteRefresh() {
        String hex = MARKER
                + "0021" // length 33
                + "01" // OPEN
                + FIXED
                + "04" // Optional Parameters Length 4
                + "02" // Capabilities
                + "02" // parameter length 2
                + "46" // capability 70: Enhanced Route Refresh (RFC 7313 §3.1)
                + "00"; // length 0
        assertGolden(hex, open(new Capability.EnhancedRouteRefresh()), CTX);
    }

    @Test
    void fourOctetAs() {
        String hex = MARKER
                + "0025" // length 37 = 29 + 2 + 6
                + "01" // OPEN
                + "04" // version
                + "5ba0" // My AS: AS_TRANS 23456 (RFC 6793 §4.1)
                + "005a" // Hold Time 90
                + "0a000001" // BGP Identifier
                + "08" // Optional Parameters Length 8
                + "02" // Capabilities
                + "06" // parameter length 6
                + "41" // capability 65: Support for 4-octet AS number (RFC 6793 §3)
                + "04" // length 4
                + "fa56ea01"; // AS 4200000001
        Open o = new Open(23456, 90, ID, List.of(new Capability.FourOctetAs(4200000001L)));
        assertGolden(hex, o, CTX);
        assertEquals(4200000001L, ((Open) MessageDecoder.decode(Golden.hex(hex), CTX).message()).asNumber());
    }

    @Test
    void gracefulRestartWithRestartAndNotificationBitsAndPerFamilyForwardingBit() {
        String hex = MARKER
                + "002b" // length 43 = 29 + 2 + 12
                + "01" // OPEN
                + FIXED
                + "0e" // Optional Parameters Length 14
                + "02" // Capabilities
                + "0c" // parameter length 12
                + "40" // capability 64: Graceful Restart (RFC 4724 §3)
                + "0a" // length 10 = 2 + 2 * 4
                + "c078" // R (0x8000, RFC 4724) + N (0x4000, RFC 8538 §2) + Restart Time 120 s (12 bits)
                + "0001" + "01" + "80" // AFI 1, SAFI 1, flags: F (forwarding state preserved)
                + "0002" + "01" + "00"; // AFI 2, SAFI 1, flags: none
        Capability.GracefulRestart gr = new Capability.GracefulRestart(true, true, 120, List.of(
                new Capability.GrFamily(Family.IPV4_UNICAST, true),
                new Capability.GrFamily(Family.IPV6_UNICAST, false)));
        assertGolden(hex, open(gr), CTX);
    }

    @Test
    void gracefulRestartNotificationBitOnlyAndLongestRestartTime() {
        String hex = MARKER
                + "0023" // length 35 = 29 + 2 + 4
                + "01" // OPEN
                + FIXED
                + "06" // Optional Parameters Length 6
                + "02" // Capabilities
                + "04" // parameter length 4
                + "40" // Graceful Restart
                + "02" // length 2: no family (a helper only)
                + "4fff"; // N bit (0x4000) alone + Restart Time 4095 s, the 12-bit maximum
        assertGolden(hex, open(new Capability.GracefulRestart(false, true, 4095, List.of())), CTX);
    }

    @Test
    void longLivedGracefulRestart() {
        String hex = MARKER
                + "002f" // length 47 = 29 + 2 + 16
                + "01" // OPEN
                + FIXED
                + "12" // Optional Parameters Length 18
                + "02" // Capabilities
                + "10" // parameter length 16
                + "47" // capability 71: Long-Lived Graceful Restart (RFC 9494 §3)
                + "0e" // length 14 = 2 * 7
                + "0001" + "01" + "80" + "000e10" // AFI 1, SAFI 1, F bit, Long-lived Stale Time 3600 s
                + "0002" + "01" + "00" + "015180"; // AFI 2, SAFI 1, no F bit, stale time 86400 s
        Capability.LongLivedGracefulRestart llgr = new Capability.LongLivedGracefulRestart(List.of(
                new Capability.LlgrFamily(Family.IPV4_UNICAST, true, 3600),
                new Capability.LlgrFamily(Family.IPV6_UNICAST, false, 86400)));
        assertGolden(hex, open(llgr), CTX);
    }

    @Test
    void addPath() {
        String hex = MARKER
                + "002d" // length 45 = 29 + 2 + 14
                + "01" // OPEN
                + FIXED
                + "10" // Optional Parameters Length 16
                + "02" // Capabilities
                + "0e" // parameter length 14
                + "45" // capability 69: ADD-PATH (RFC 7911 §4)
                + "0c" // length 12 = 3 * 4
                + "0001" + "01" + "03" // AFI 1, SAFI 1, Send/Receive 3: both
                + "0002" + "01" + "01" // AFI 2, SAFI 1, 1: receive only
                + "0001" + "02" + "02"; // AFI 1, SAFI 2 (multicast), 2: send only
        Capability.AddPath ap = new Capability.AddPath(List.of(
                new Capability.AddPathFamily(Family.IPV4_UNICAST, true, true),
                new Capability.AddPathFamily(Family.IPV6_UNICAST, true, false),
                new Capability.AddPathFamily(Family.of(1, 2), false, true)));
        assertGolden(hex, open(ap), CTX);
    }

    @Test
    void addPathWithAnUndefinedSendReceiveValueIsNotUnderstood() {
        // RFC 7911 §4: a Send/Receive value other than 1, 2 or 3 makes the whole capability "not understood and
        // ignored" (RFC 5492): kept as Unknown, so no ADD-PATH is negotiated and the session is not refused.
        // FRR 8.4 sends 0 for a neighbor with `disable-addpath-rx`.
        String hex = MARKER
                + "0029" // length 41 = 29 + 2 + 10
                + "01" // OPEN
                + FIXED
                + "0c" // Optional Parameters Length 12
                + "02" // Capabilities
                + "0a" // parameter length 10
                + "45" // capability 69: ADD-PATH
                + "08" // length 8 = 2 * 4
                + "0001" + "01" + "03" // AFI 1, SAFI 1, 3: both
                + "0002" + "01" + "00"; // AFI 2, SAFI 1, 0: undefined
        assertDecodes(hex, open(new Capability.Unknown(69, Bytes.ofHex("0001010300020100"))), CTX);
    }

    @Test
    void extendedMessage() {
        String hex = MARKER
                + "0021" // length 33
                + "01" // OPEN
                + FIXED
                + "04" // Optional Parameters Length 4
                + "02" // Capabilities
                + "02" // parameter length 2
                + "06" // capability 6: Extended Message (RFC 8654 §3)
                + "00"; // length 0
        assertGolden(hex, open(new Capability.ExtendedMessage()), CTX);
    }

    @Test
    void extendedNextHop() {
        String hex = MARKER
                + "002d" // length 45 = 29 + 2 + 14
                + "01" // OPEN
                + FIXED
                + "10" // Optional Parameters Length 16
                + "02" // Capabilities
                + "0e" // parameter length 14
                + "05" // capability 5: Extended Next Hop Encoding (RFC 8950 §3)
                + "0c" // length 12 = 2 * 6
                + "0001" + "0001" + "0002" // NLRI AFI 1, NLRI SAFI 1 (16 bits), Nexthop AFI 2
                + "0001" + "0080" + "0002"; // NLRI AFI 1, NLRI SAFI 128 (VPN), Nexthop AFI 2
        Capability.ExtendedNextHop enh = new Capability.ExtendedNextHop(List.of(
                new Capability.ExtendedNextHopEntry(1, 1, 2),
                new Capability.ExtendedNextHopEntry(1, 128, 2)));
        assertGolden(hex, open(enh), CTX);
    }

    @Test
    void role() {
        String hex = MARKER
                + "0022" // length 34 = 29 + 2 + 3
                + "01" // OPEN
                + FIXED
                + "05" // Optional Parameters Length 5
                + "02" // Capabilities
                + "03" // parameter length 3
                + "09" // capability 9: BGP Role (RFC 9234 §4.1)
                + "01" // length 1
                + "03"; // Customer
        assertGolden(hex, open(new Capability.Role(BgpRole.CUSTOMER)), CTX);
    }

    @Test
    void fqdn() {
        String hex = MARKER
                + "0035" // length 53 = 29 + 2 + 22
                + "01" // OPEN
                + FIXED
                + "18" // Optional Parameters Length 24
                + "02" // Capabilities
                + "16" // parameter length 22
                + "49" // capability 73: FQDN (draft-walton-bgp-hostname-capability)
                + "14" // length 20 = 1 + 7 + 1 + 11
                + "07" // hostname length 7
                + "70657472656c31" // "petrel1"
                + "0b" // domain name length 11
                + "6578616d706c652e6e6574"; // "example.net"
        assertGolden(hex, open(new Capability.Fqdn("petrel1", "example.net")), CTX);
    }

    @Test
    void fqdnHostNameIsKeptToTheFirst64Octets() {
        // Names are informational; Petrel sends at most 64 octets of each and keeps as much of a received one, so
        // that what it holds is what it would send.
        String received = MARKER
                + "0077" // length 119 = 29 + 2 + 88
                + "01" // OPEN
                + FIXED
                + "5a" // Optional Parameters Length 90
                + "02" // Capabilities
                + "58" // parameter length 88
                + "49" // FQDN
                + "56" // length 86 = 1 + 70 + 1 + 14
                + "46" // hostname length 70
                + "68".repeat(70) // "hhh...h"
                + "0e" // domain name length 14
                + "6578616d706c652e6578616d706c"; // "example.exampl"
        String sent = MARKER
                + "0071" // length 113 = 29 + 2 + 82
                + "01" // OPEN
                + FIXED
                + "54" // Optional Parameters Length 84
                + "02" // Capabilities
                + "52" // parameter length 82
                + "49" // FQDN
                + "50" // length 80 = 1 + 64 + 1 + 14
                + "40" // hostname length 64
                + "68".repeat(64) // the first 64 octets
                + "0e" // domain name length 14
                + "6578616d706c652e6578616d706c"; // "example.exampl"
        Open o = open(new Capability.Fqdn("h".repeat(64), "example.exampl"));
        assertDecodes(received, o, CTX);
        Golden.assertEncodes(o, CTX, sent);
        assertDecodes(sent, o, CTX);
    }

    @Test
    void softwareVersion() {
        String hex = MARKER
                + "002c" // length 44 = 29 + 2 + 13
                + "01" // OPEN
                + FIXED
                + "0f" // Optional Parameters Length 15
                + "02" // Capabilities
                + "0d" // parameter length 13
                + "4b" // capability 75: Software Version (draft-abraitis-bgp-version-capability)
                + "0b" // length 11
                + "0a" // version string length 10
                + "50657472656c20302e31"; // "Petrel 0.1"
        assertGolden(hex, open(new Capability.SoftwareVersion("Petrel 0.1")), CTX);
    }

    @Test
    void unknownCapabilityIsKeptByteExact() {
        String hex = MARKER
                + "0024" // length 36 = 29 + 2 + 5
                + "01" // OPEN
                + FIXED
                + "07" // Optional Parameters Length 7
                + "02" // Capabilities
                + "05" // parameter length 5
                + "c8" // capability 200: not one Petrel knows
                + "03" // length 3
                + "010203"; // value, kept as received
        assertGolden(hex, open(new Capability.Unknown(200, Bytes.ofHex("010203"))), CTX);
    }

    @Test
    void typicalOpenWithManyCapabilitiesInOneParameter() {
        String hex = MARKER
                + "0045" // length 69 = 29 + 40
                + "01" // OPEN
                + "04" // version
                + "5ba0" // My AS: AS_TRANS
                + "00b4" // Hold Time 180
                + "c0000201" // BGP Identifier 192.0.2.1
                + "28" // Optional Parameters Length 40
                + "02" // Capabilities
                + "26" // parameter length 38
                + "01" + "04" + "0001" + "00" + "01" // Multiprotocol IPv4 unicast
                + "01" + "04" + "0002" + "00" + "01" // Multiprotocol IPv6 unicast
                + "02" + "00" // Route Refresh
                + "46" + "00" // Enhanced Route Refresh
                + "41" + "04" + "fa56ea01" // 4-octet AS 4200000001
                + "45" + "04" + "0001" + "01" + "03" // ADD-PATH IPv4 unicast, send and receive
                + "06" + "00" // Extended Message
                + "40" + "06" + "0078" + "0001" + "01" + "80"; // Graceful Restart 120 s, IPv4 unicast with F
        Open o = new Open(23456, 180, 0xc0000201, List.of(
                new Capability.Multiprotocol(Family.IPV4_UNICAST),
                new Capability.Multiprotocol(Family.IPV6_UNICAST),
                new Capability.RouteRefresh(),
                new Capability.EnhancedRouteRefresh(),
                new Capability.FourOctetAs(4200000001L),
                new Capability.AddPath(List.of(new Capability.AddPathFamily(Family.IPV4_UNICAST, true, true))),
                new Capability.ExtendedMessage(),
                new Capability.GracefulRestart(false, false, 120,
                        List.of(new Capability.GrFamily(Family.IPV4_UNICAST, true)))));
        assertGolden(hex, o, CTX);
    }

    @Test
    void oneCapabilityPerParameterDecodesToTheSameOpen() {
        // RFC 5492 §4 allows several Capabilities parameters; Petrel gathers them in order (and sends one).
        String hex = MARKER
                + "0029" // length 41 = 29 + 12
                + "01" // OPEN
                + FIXED
                + "0c" // Optional Parameters Length 12
                + "02" + "06" // Capabilities, parameter length 6
                + "01" + "04" + "0001" + "00" + "01" // Multiprotocol IPv4 unicast
                + "02" + "02" // Capabilities, parameter length 2
                + "02" + "00"; // Route Refresh
        assertDecodes(hex, open(new Capability.Multiprotocol(Family.IPV4_UNICAST), new Capability.RouteRefresh()),
                CTX);
    }

    @Test
    void optionalParametersOfExactly255OctetsUseTheBaseEncoding() {
        // RFC 9072 §2: when the Optional Parameters do not exceed 255 octets, the RFC 4271 encoding SHOULD be used.
        String hex = MARKER
                + "011c" // length 284 = 29 + 255
                + "01" // OPEN
                + FIXED
                + "ff" // Optional Parameters Length 255: the RFC 4271 field, at its maximum
                + "02" // Capabilities (not 255, so not the RFC 9072 format)
                + "fd" // parameter length 253
                + "c8" // capability 200
                + "fb" // length 251
                + "5a".repeat(251); // value
        assertGolden(hex, open(new Capability.Unknown(200, Bytes.of(filled(251, 0x5a)))), CTX);
    }

    @Test
    void capabilitiesOver255OctetsUseExtendedOptionalParameters() {
        String hex = MARKER
                + "01b7" // length 439 = 29 + 3 + 407
                + "01" // OPEN
                + FIXED
                + "ff" // Non-Ext OP Len: 255 (RFC 9072 §2)
                + "ff" // Non-Ext OP Type: 255, the mark of the extended format
                + "0197" // Extended Opt. Parm. Length 407 = 3 + 404
                + "02" // parameter type 2: Capabilities
                + "0194" // parameter length, 2 octets in this format: 404 = 2 * 202
                + "c8" + "c8" + "aa".repeat(200) // capability 200, length 200, value
                + "c9" + "c8" + "bb".repeat(200); // capability 201, length 200, value
        Open o = open(new Capability.Unknown(200, Bytes.of(filled(200, 0xaa))),
                new Capability.Unknown(201, Bytes.of(filled(200, 0xbb))));
        assertGolden(hex, o, CTX);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
