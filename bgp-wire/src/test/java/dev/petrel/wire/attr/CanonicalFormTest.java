package dev.petrel.wire.attr;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The canonical form does not depend on how attributes arrived: order, a needless Extended Length flag and the
 * reserved flag bits do not change it, and a well-formed section already in canonical form is taken as it is.
 */
class CanonicalFormTest {
    private static final String ORIGIN = "400101" + "00";
    private static final String AS_PATH = "40020a" + "0202" + "0000fde9" + "0000fdea";
    private static final String NEXT_HOP = "400304" + "c0000201";
    private static final String MED = "800404" + "00000064";
    private static final String COMMUNITIES = "c00804" + "fde90064";
    private static final String NLRI = "180a0100";

    static byte[] update(String... attributes) {
        String attrs = String.join("", attributes);
        int alen = attrs.length() / 2;
        int total = 19 + 2 + 2 + alen + NLRI.length() / 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff"));
        out.write(total >>> 8);
        out.write(total);
        out.write(2);
        out.write(0);
        out.write(0);
        out.write(alen >>> 8);
        out.write(alen);
        out.writeBytes(HexFormat.of().parseHex(attrs + NLRI));
        return out.toByteArray();
    }

    static PathAttributes attributes(byte[] update, SessionContext ctx) {
        DecodeResult r = MessageDecoder.decode(update, ctx);
        assertTrue(r.action().compareTo(ErrorAction.ATTRIBUTE_DISCARD) <= 0, r.problems().toString());
        return ((Update) r.message()).attributes();
    }

    @Test
    void orderExtendedLengthAndReservedBitsDoNotMatter() {
        SessionContext ctx = SessionContext.ASSUMED;
        PathAttributes inOrder = attributes(update(ORIGIN, AS_PATH, NEXT_HOP, MED, COMMUNITIES), ctx);
        PathAttributes reversed = attributes(update(COMMUNITIES, MED, NEXT_HOP, AS_PATH, ORIGIN), ctx);
        // MED with a needless Extended Length flag (0x90, 2-octet length) and COMMUNITIES with a reserved bit (0xc8).
        PathAttributes odd = attributes(update(ORIGIN, AS_PATH, NEXT_HOP, "90040004" + "00000064", "c80804fde90064"),
                ctx);
        assertEquals(inOrder, reversed);
        assertEquals(inOrder, odd);
        assertArrayEquals(inOrder.canonicalBytes(), odd.canonicalBytes());
        assertEquals(HexFormat.of().parseHex(ORIGIN + AS_PATH + NEXT_HOP + MED + COMMUNITIES).length, inOrder.size(),
                "a canonical section is held as received");
    }

    @Test
    void aDiscardedAttributeIsNeverCarriedAlong() {
        SessionContext ebgp = SessionContext.ASSUMED.withPeer(PeerType.EXTERNAL, 64512, 65001, true);
        // Canonical order and flags, but LOCAL_PREF from eBGP is discarded (RFC 7606 §7.5).
        PathAttributes a = attributes(update(ORIGIN, AS_PATH, NEXT_HOP, MED, "400504" + "00000064"), ebgp);
        assertFalse(a.has(AttributeCodes.LOCAL_PREF));
        assertEquals(100, a.med());
        // An unknown optional non-transitive attribute is not held (RFC 4271 §5).
        PathAttributes b = attributes(update(ORIGIN, AS_PATH, NEXT_HOP, "80fd0101"), ebgp);
        assertFalse(b.has(0xfd));
        // An unknown optional transitive one is held with the Partial bit, so not as received.
        PathAttributes c = attributes(update(ORIGIN, AS_PATH, NEXT_HOP, "c0fe0101"), ebgp);
        assertEquals(AttributeCodes.OPTIONAL | AttributeCodes.TRANSITIVE | AttributeCodes.PARTIAL, c.flags(0xfe));
    }

    @Test
    void longValuesUseExtendedLengthExactlyWhenNeeded() {
        StringBuilder communities = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            communities.append(String.format("fde9%04x", i));
        }
        PathAttributes a = attributes(update(ORIGIN, AS_PATH, NEXT_HOP, "d0080118" + communities), SessionContext.ASSUMED);
        assertEquals(70, a.communities().size());
        PathAttributes built = a.toBuilder().build();
        assertEquals(a, built, "the builder writes the same canonical bytes");
    }

    @Test
    void sameValueComparesOneAttributeInPlace() {
        PathAttributes a = PathAttributes.builder().asPath(AsPath.sequence(65001, 65002)).med(10).build();
        PathAttributes b = PathAttributes.builder().asPath(AsPath.sequence(65001, 65002)).med(20).build();
        PathAttributes c = PathAttributes.builder().asPath(AsPath.sequence(65001, 65003)).build();
        assertTrue(a.sameValue(AttributeCodes.AS_PATH, b));
        assertFalse(a.sameValue(AttributeCodes.MULTI_EXIT_DISC, b));
        assertFalse(a.sameValue(AttributeCodes.AS_PATH, c));
        assertFalse(a.sameValue(AttributeCodes.MULTI_EXIT_DISC, c), "present on one side only");
        assertTrue(c.sameValue(AttributeCodes.LOCAL_PREF, PathAttributes.EMPTY), "absent on both sides");
    }
}
