package dev.petrel.wire;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.cap.Capability;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Defects found by an independent review of the codec, each kept as a regression test. */
class ReviewFindingsTest {
    private static final String MARKER = "ffffffffffffffffffffffffffffffff";

    static byte[] update(String attributes, String nlri) {
        int alen = attributes.length() / 2;
        int total = 23 + alen + nlri.length() / 2;
        return HexFormat.of().parseHex(MARKER + String.format("%04x", total) + "02" + "0000"
                + String.format("%04x", alen) + attributes + nlri);
    }

    @Test
    void everyAddPathAndExtendedNextHopInstanceCounts() {
        // RFC 5492 §4: a capability may appear more than once; RFC 7911 negotiates per family.
        List<Capability> caps = List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST),
                new Capability.Multiprotocol(Family.IPV6_UNICAST),
                new Capability.AddPath(List.of(new Capability.AddPathFamily(Family.IPV4_UNICAST, true, true))),
                new Capability.AddPath(List.of(new Capability.AddPathFamily(Family.IPV6_UNICAST, true, true))),
                new Capability.ExtendedNextHop(List.of(new Capability.ExtendedNextHopEntry(1, 1, 2))),
                new Capability.ExtendedNextHop(List.of(new Capability.ExtendedNextHopEntry(1, 2, 2))));
        Open a = new Open(65001, 90, 1, caps);
        Open b = new Open(65002, 90, 2, caps);
        SessionContext ctx = Negotiation.receiving(a, b, true);
        assertEquals(Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), ctx.addPathReceive());
        assertEquals(Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), ctx.addPathSend());
        assertEquals(Set.of(Family.IPV4_UNICAST, Family.of(1, 2)), ctx.extendedNextHop());
    }

    @Test
    void asZeroInAs4PathDiscardsTheAttributeNotTheRoute() {
        // 2-octet session: AS_PATH [23456], AS4_PATH [0]. RFC 7607 §2 -> RFC 6793 §6: discard AS4_PATH.
        byte[] m = update("40010100" + "40020402015ba0" + "4003040a000001" + "c01106020100000000", "180a0000");
        DecodeResult r = MessageDecoder.decode(m, SessionContext.ASSUMED.withFourOctetAs(false));
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, r.action(), r.problems().toString());
        assertEquals(17, r.strongest().attributeType());
        assertEquals("23456", ((Update) r.message()).attributes().asPath().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"80fd00", "40060100", "c011060201000186a0", "800e09001946040102030400"})
    void droppedAttributesDoNotMakeAnEndOfRib(String attributes) {
        DecodeResult r = MessageDecoder.decode(update(attributes, ""), SessionContext.ASSUMED);
        assertNotNull(r.message(), r.problems().toString());
        assertNull(r.endOfRib(), "RFC 4724 §2: an End-of-RIB has no attributes on the wire");
    }

    @Test
    void localPrefFromEbgpAloneIsNotAnEndOfRib() {
        SessionContext ebgp = SessionContext.ASSUMED.withPeer(PeerType.EXTERNAL, 64512, 65001, true);
        DecodeResult r = MessageDecoder.decode(update("40050400000064", ""), ebgp);
        assertNull(r.endOfRib());
    }

    @Test
    void realEndOfRibMarkersAreStillRecognised() {
        assertEquals(Family.IPV4_UNICAST, MessageDecoder.decode(update("", ""), SessionContext.ASSUMED).endOfRib());
        assertEquals(Family.IPV6_UNICAST,
                MessageDecoder.decode(update("800f03000201", ""), SessionContext.ASSUMED).endOfRib());
    }

    @Test
    void aFailedAnnounceLeavesNothingHalfWritten() {
        byte[] big = new byte[4100];
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001))
                .nextHop("192.0.2.1").raw(0xc0, 250, Bytes.of(big)).build();
        ByteBuf out = Unpooled.buffer();
        try {
            out.writeByte(7);
            SessionContext plain = SessionContext.ASSUMED.withExtendedMessage(false); // 4096-octet messages
            assertThrows(IllegalArgumentException.class, () -> UpdateEncoder.announce(a, null,
                    PrefixList.of(Prefix.parse("10.0.0.0/8")), plain, out));
            assertEquals(1, out.writerIndex());
        } finally {
            out.release();
        }
    }

    @Test
    void resetsCarryTheWholeErroneousAttribute() {
        // No NLRI and a malformed ORIGIN: RFC 7606 §5.2 reset whose data is the ORIGIN attribute (RFC 4271 §6.3).
        DecodeResult r = MessageDecoder.decode(update("4001020000", ""), SessionContext.ASSUMED);
        assertEquals(new Notification(3, 5, Bytes.ofHex("4001020000")), r.notification());
        // A bad MP_REACH_NLRI: the data is the attribute with its header.
        String mp = "800e0a" + "000201" + "09" + "20010db80000"; // next hop of 9 octets, 6 present
        r = MessageDecoder.decode(update(mp, ""), SessionContext.ASSUMED);
        assertEquals(Bytes.ofHex(mp), r.notification().data());
    }

    @Test
    void routeRefreshLengthErrorCarriesTheCompleteMessage() {
        byte[] m = HexFormat.of().parseHex(MARKER + "0018" + "05" + "00010101" + "00"); // BoRR, one octet too many
        DecodeResult r = MessageDecoder.decode(m, SessionContext.ASSUMED);
        assertEquals(new Notification(7, 1, Bytes.of(m)), r.notification());
    }

    @Test
    void rfc9072IsRecognisedByTheFirstParameterType() {
        // Non-Ext OP Len 16 (not 255) followed by Non-Ext OP Type 255: the extended format (RFC 9072 §2).
        String params = "ff" + "ff" + "0009" + "02" + "0006" + "010400010001";
        String body = "04" + "fde9" + "005a" + "0a000001" + "10" + params.substring(2);
        byte[] m = HexFormat.of().parseHex(MARKER + String.format("%04x", 19 + body.length() / 2) + "01" + body);
        DecodeResult r = MessageDecoder.decode(m, SessionContext.INITIAL);
        assertNull(r.notification(), r.problems().toString());
        assertEquals(List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST)),
                ((Open) r.message()).capabilities());
    }
}
