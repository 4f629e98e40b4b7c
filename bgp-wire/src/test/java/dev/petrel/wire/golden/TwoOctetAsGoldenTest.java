package dev.petrel.wire.golden;

import static dev.petrel.wire.golden.Golden.EBGP;
import static dev.petrel.wire.golden.Golden.EBGP_TWO_OCTET;
import static dev.petrel.wire.golden.Golden.MARKER;
import static dev.petrel.wire.golden.Golden.assertDecodes;
import static dev.petrel.wire.golden.Golden.assertEncodes;
import static dev.petrel.wire.golden.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.Problem;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.Aggregator;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.AsPath.Segment;
import dev.petrel.wire.attr.AsPath.SegmentType;
import dev.petrel.wire.attr.AttributeCodes;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A session with a 2-octet-AS peer (RFC 6793: an OLD speaker). Received AS_PATH and AGGREGATOR carry AS_TRANS
 * (23456, 0x5ba0) for ASNs above 65535 and the real values travel in AS4_PATH and AS4_AGGREGATOR (§4.2.3); Petrel
 * holds the reconstructed 4-octet values and writes AS_TRANS and AS4_* again when sending (§4.2.2).
 */
class TwoOctetAsGoldenTest {
    private static final PrefixList NLRI = PrefixList.of(Prefix.parse("198.51.100.0/24"));

    @Test
    void as4PathShorterThanAsPathTakesTheLeadingAsnsFromAsPath() {
        // 65001 and 65002 are OLD speakers that prepended to AS_PATH only: AS4_PATH has the last two ASes.
        String received = MARKER
                + "0040" // length 64 = 23 + 37 + 4
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0025" // attributes: 37 = 4 + 13 + 13 + 7
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "0a" // AS_PATH, length 10
                + "02" + "04" // AS_SEQUENCE of 4 two-octet ASNs
                + "fde9" + "fdea" // 65001 65002
                + "5ba0" // AS_TRANS
                + "fdec" // 65004
                + "c0" + "11" + "0a" // AS4_PATH (type 17, optional transitive), length 10
                + "02" + "02" // AS_SEQUENCE of 2 four-octet ASNs
                + "fa56ea01" // 4200000001
                + "0000fdec" // 65004
                + "40" + "03" + "04" + "c0000201" // NEXT_HOP 192.0.2.1
                + "18" + "c63364"; // NLRI 198.51.100.0/24
        // RFC 6793 §4.2.3: 4 - 2 = 2 leading ASNs of AS_PATH, then AS4_PATH.
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP)
                .asPath(AsPath.sequence(65001, 65002, 4200000001L, 65004)).nextHop("192.0.2.1").build();
        Update u = Update.announce(a, NLRI);
        assertDecodes(received, u, EBGP_TWO_OCTET);

        String sent = MARKER
                + "0048" // length 72 = 23 + 45 + 4
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "002d" // attributes: 45 = 4 + 13 + 21 + 7
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "0a" // AS_PATH, length 10
                + "02" + "04" + "fde9" + "fdea" + "5ba0" + "fdec" // 65001 65002 AS_TRANS 65004
                + "c0" + "11" + "12" // AS4_PATH, length 18: the whole path (RFC 6793 §4.2.2)
                + "02" + "04" + "0000fde9" + "0000fdea" + "fa56ea01" + "0000fdec"
                + "40" + "03" + "04" + "c0000201" // NEXT_HOP
                + "18" + "c63364"; // NLRI
        assertEncodes(u, EBGP_TWO_OCTET, sent);
        assertDecodes(sent, u, EBGP_TWO_OCTET);
    }

    @Test
    void asPathAndAggregatorWithAs4PathAndAs4Aggregator() {
        String hex = MARKER
                + "0050" // length 80 = 23 + 53 + 4
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0035" // attributes: 53 = 4 + 9 + 13 + 7 + 9 + 11
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "06" // AS_PATH, length 6
                + "02" + "02" + "fde9" + "5ba0" // AS_SEQUENCE 65001 AS_TRANS
                + "c0" + "11" + "0a" // AS4_PATH, length 10
                + "02" + "02" + "0000fde9" + "fa56ea01" // AS_SEQUENCE 65001 4200000001
                + "40" + "03" + "04" + "c0000201" // NEXT_HOP 192.0.2.1
                + "c0" + "07" + "06" // AGGREGATOR, length 6 on a 2-octet session
                + "5ba0" + "c0000201" // AS_TRANS, 192.0.2.1
                + "c0" + "12" + "08" // AS4_AGGREGATOR (type 18), length 8
                + "fa56ea01" + "c0000201" // 4200000001, 192.0.2.1
                + "18" + "c63364"; // NLRI 198.51.100.0/24
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001, 4200000001L))
                .nextHop("192.0.2.1").aggregator(new Aggregator(4200000001L, 0xc0000201)).build();
        assertGolden(hex, Update.announce(a, NLRI), EBGP_TWO_OCTET);
    }

    @Test
    void segmentsAreKeptAsSentAcrossATwoOctetSession() {
        // Two adjacent AS_SEQUENCEs stay two, as they do on a 4-octet session; only the seam between the ASes
        // taken from AS_PATH and AS4_PATH is joined (see as4PathShorterThanAsPathTakesTheLeadingAsnsFromAsPath).
        String hex = MARKER
                + "0031" // length 49 = 23 + 26
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "001a" // attributes: 26 = 11 + 15
                + "40" + "02" + "08" // AS_PATH, length 8
                + "02" + "01" + "fde9" // AS_SEQUENCE 65001
                + "02" + "01" + "5ba0" // AS_SEQUENCE AS_TRANS
                + "c0" + "11" + "0c" // AS4_PATH, length 12
                + "02" + "01" + "0000fde9" // AS_SEQUENCE 65001
                + "02" + "01" + "fa56ea01"; // AS_SEQUENCE 4200000001
        AsPath path = new AsPath(List.of(new Segment(SegmentType.AS_SEQUENCE, List.of(65001L)),
                new Segment(SegmentType.AS_SEQUENCE, List.of(4200000001L))));
        PathAttributes a = PathAttributes.builder().asPath(path).build();
        assertGolden(hex, new Update(null, a, null, null, null), EBGP_TWO_OCTET);
        assertEquals(path, a.asPath());
    }

    @Test
    void pathOfTwoOctetAsnsNeedsNoAs4Path() {
        String hex = MARKER
                + "002f" // length 47 = 23 + 20 + 4
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0014" // attributes: 20 = 4 + 9 + 7
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "06" + "02" + "02" + "fde9" + "fdea" // AS_PATH 65001 65002, 2-octet
                + "40" + "03" + "04" + "c0000201" // NEXT_HOP 192.0.2.1
                + "18" + "c63364"; // NLRI 198.51.100.0/24
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001, 65002))
                .nextHop("192.0.2.1").build();
        assertGolden(hex, Update.announce(a, NLRI), EBGP_TWO_OCTET);
    }

    @Test
    void aggregatorAsTransWithAs4Aggregator() {
        String hex = MARKER
                + "002b" // length 43 = 23 + 20
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0014" // attributes: 20 = 9 + 11
                + "c0" + "07" + "06" + "5ba0" + "0a000001" // AGGREGATOR AS_TRANS 10.0.0.1
                + "c0" + "12" + "08" + "fa56ea01" + "0a000001"; // AS4_AGGREGATOR 4200000001 10.0.0.1
        PathAttributes a = PathAttributes.builder().aggregator(new Aggregator(4200000001L, 0x0a000001)).build();
        assertGolden(hex, new Update(null, a, null, null, null), EBGP_TWO_OCTET);
    }

    @Test
    void aggregatorNotAsTransMeansAs4PathIsIgnored() {
        // RFC 6793 §4.2.3: an AGGREGATOR with a real AS was added by an OLD speaker after AS4_PATH was built.
        String hex = MARKER
                + "0045" // length 69 = 23 + 42 + 4
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "002a" // attributes: 42 = 4 + 9 + 13 + 7 + 9
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "06" + "02" + "02" + "fde9" + "5ba0" // AS_PATH 65001 AS_TRANS
                + "c0" + "11" + "0a" + "02" + "02" + "0000fde9" + "fa56ea01" // AS4_PATH 65001 4200000001
                + "40" + "03" + "04" + "c0000201" // NEXT_HOP 192.0.2.1
                + "c0" + "07" + "06" + "fdea" + "c0000201" // AGGREGATOR 65002 192.0.2.1
                + "18" + "c63364"; // NLRI 198.51.100.0/24
        DecodeResult r = MessageDecoder.decode(Golden.hex(hex), EBGP_TWO_OCTET);
        assertEquals(ErrorAction.NONE, r.action());
        Problem p = r.problems().get(0);
        assertEquals(AttributeCodes.AS4_PATH, p.attributeType());
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001, 23456))
                .nextHop("192.0.2.1").aggregator(new Aggregator(65002, 0xc0000201)).build();
        assertEquals(Update.announce(a, NLRI), r.message());
    }

    @Test
    void as4PathBetweenFourOctetSpeakersIsDiscarded() {
        String hex = MARKER
                + "0038" // length 56 = 23 + 33
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "0021" // attributes: 33 = 4 + 13 + 13 + 3
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "40" + "02" + "0a" + "02" + "02" + "0000fde9" + "fa56ea01" // AS_PATH, 4-octet
                + "c0" + "11" + "0a" + "02" + "02" + "0000fde9" + "0000fdea" // AS4_PATH: must not be here
                + "40" + "06" + "00"; // ATOMIC_AGGREGATE
        DecodeResult r = MessageDecoder.decode(Golden.hex(hex), EBGP);
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, r.action()); // RFC 6793 §6
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001, 4200000001L))
                .atomicAggregate().build();
        assertEquals(new Update(null, a, null, null, null), r.message());
    }

    @Test
    void longPathWithFourOctetAsnsTowardsAnOldSpeaker() {
        // 300 ASNs, every one above 65535: AS_PATH is 255 + 45 AS_TRANS, AS4_PATH the same segments with real ASNs.
        long[] asns = new long[300];
        StringBuilder trans255 = new StringBuilder();
        StringBuilder trans45 = new StringBuilder();
        StringBuilder real255 = new StringBuilder();
        StringBuilder real45 = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            asns[i] = 4200000000L + i;
            (i < 255 ? trans255 : trans45).append("5ba0");
            (i < 255 ? real255 : real45).append(String.format("%08x", 4200000000L + i));
        }
        String hex = MARKER
                + "0733" // length 1843 = 23 + 1820
                + "02" // UPDATE
                + "0000" // no withdrawn routes
                + "071c" // attributes: 1820 = 4 + (4 + 604) + (4 + 1204)
                + "40" + "01" + "01" + "00" // ORIGIN IGP
                + "50" + "02" + "025c" // AS_PATH, Extended Length, 604 = 2 + 255 * 2 + 2 + 45 * 2
                + "02" + "ff" + trans255 // AS_SEQUENCE of 255 AS_TRANS
                + "02" + "2d" + trans45 // AS_SEQUENCE of 45 AS_TRANS
                + "d0" + "11" + "04b4" // AS4_PATH, optional transitive + Extended Length, 1204 = 2 + 1020 + 2 + 180
                + "02" + "ff" + real255 // the first 255 real ASNs
                + "02" + "2d" + real45; // the other 45
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(asns)).build();
        Update u = new Update(null, a, null, null, null);
        // iBGP, so that the leftmost AS need not be the peer's.
        assertGolden(hex, u, EBGP_TWO_OCTET.withPeer(PeerType.INTERNAL, 65000, 65000, false));
    }
}
