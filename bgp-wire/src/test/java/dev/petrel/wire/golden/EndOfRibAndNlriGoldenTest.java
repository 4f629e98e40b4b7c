package dev.petrel.wire.golden;

import static dev.petrel.wire.golden.Golden.EBGP;
import static dev.petrel.wire.golden.Golden.MARKER;
import static dev.petrel.wire.golden.Golden.assertDecodes;
import static dev.petrel.wire.golden.Golden.assertEncodes;
import static dev.petrel.wire.golden.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.petrel.wire.Family;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.MpUnreach;
import dev.petrel.wire.Update;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** End-of-RIB markers (RFC 4724 §2) and NLRI encoding details (RFC 4271 §4.3). */
class EndOfRibAndNlriGoldenTest {

    private static PrefixList prefixes(String... p) {
        List<Prefix> l = new ArrayList<>();
        for (String s : p) {
            l.add(Prefix.parse(s));
        }
        return PrefixList.of(l, null);
    }

    @Test
    void endOfRibIpv4IsTheEmptyUpdate() {
        String hex = MARKER
                + "0017" // length 23: the smallest UPDATE
                + "02" // UPDATE
                + "0000" // Withdrawn Routes Length 0
                + "0000"; // Total Path Attribute Length 0, and no NLRI
        Update eor = Update.endOfRib(Family.IPV4_UNICAST);
        assertGolden(hex, eor, EBGP);
        assertEquals(Family.IPV4_UNICAST, ((Update) MessageDecoder.decode(Golden.hex(hex), EBGP).message()).endOfRib());
    }

    @Test
    void endOfRibIpv6IsAnEmptyMpUnreach() {
        String hex = MARKER
                + "001e" // length 30 = 23 + 7
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0007" // attributes: 7
                + "90" // optional non-transitive + Extended Length
                + "0f" // MP_UNREACH_NLRI
                + "0003" // length 3: AFI and SAFI, no withdrawn routes
                + "0002" // AFI 2 IPv6
                + "01"; // SAFI 1
        Update eor = Update.endOfRib(Family.IPV6_UNICAST);
        assertEquals(new Update(null, null, null, null,
                new MpUnreach(Family.IPV6_UNICAST, PrefixList.empty(Family.IPV6_UNICAST))), eor);
        assertGolden(hex, eor, EBGP);
        assertEquals(Family.IPV6_UNICAST, ((Update) MessageDecoder.decode(Golden.hex(hex), EBGP).message()).endOfRib());
    }

    @Test
    void anUpdateWithRoutesIsNotAnEndOfRib() {
        assertNull(new Update(prefixes("10.0.0.0/8"), null, null, null, null).endOfRib());
        assertNull(new Update(null, null, null, null,
                new MpUnreach(Family.IPV6_UNICAST, prefixes("2001:db8::/32"))).endOfRib());
    }

    @Test
    void trailingHostBitsAreMasked() {
        // RFC 4271 §4.3: "the value of trailing bits is irrelevant". 11.15.0.0 with length 13 is 11.8.0.0/13.
        String received = MARKER
                + "001a" // length 26 = 23 + 3
                + "02" // UPDATE
                + "0003" // Withdrawn Routes Length 3
                + "0d" // length 13 bits: 2 octets follow
                + "0b0f" // 11, then 0000 1|111: the last three bits are host bits, set
                + "0000"; // no attributes
        String sent = MARKER
                + "001a" // length 26
                + "02" // UPDATE
                + "0003" // Withdrawn Routes Length 3
                + "0d" // /13
                + "0b08" // 11.8: host bits zero
                + "0000"; // no attributes
        Update u = new Update(prefixes("11.8.0.0/13"), null, null, null, null);
        assertDecodes(received, u, EBGP);
        assertEncodes(u, EBGP, sent);
        assertEquals("11.8.0.0/13", ((Update) MessageDecoder.decode(Golden.hex(received), EBGP).message())
                .withdrawn().get(0).toString());
    }

    @Test
    void trailingHostBitsAreMaskedInIpv6() {
        String received = MARKER
                + "0024" // length 36 = 23 + 13
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "000d" // attributes: 13
                + "90" + "0f" + "0009" // MP_UNREACH_NLRI, length 9 = 3 + 5 + 1
                + "0002" + "01" // IPv6 unicast
                + "1d" + "20010dbf" // /29: 2001:0db|1111 1: the last three bits are host bits, set
                + "00"; // ::/0, no octets
        String sent = MARKER
                + "0024" // length 36
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "000d" // attributes: 13
                + "90" + "0f" + "0009" // MP_UNREACH_NLRI, length 9
                + "0002" + "01" // IPv6 unicast
                + "1d" + "20010db8" // 2001:db8::/29
                + "00"; // ::/0
        Update u = new Update(null, null, null, null,
                new MpUnreach(Family.IPV6_UNICAST, prefixes("2001:db8::/29", "::/0")));
        assertDecodes(received, u, EBGP);
        assertEncodes(u, EBGP, sent);
    }

    @Test
    void prefixLengthsTakeAsFewOctetsAsTheyNeed() {
        String hex = MARKER
                + "0024" // length 36 = 23 + 13
                + "02" // UPDATE
                + "000d" // Withdrawn Routes Length 13
                + "00" // 0.0.0.0/0: no octet
                + "20" + "c0000201" // 192.0.2.1/32: four octets
                + "01" + "80" // 128.0.0.0/1: one octet
                + "19" + "c6336480" // 198.51.100.128/25: four octets
                + "0000"; // no attributes
        Update u = new Update(prefixes("0.0.0.0/0", "192.0.2.1/32", "128.0.0.0/1", "198.51.100.128/25"), null,
                null, null, null);
        assertGolden(hex, u, EBGP);
    }
}
