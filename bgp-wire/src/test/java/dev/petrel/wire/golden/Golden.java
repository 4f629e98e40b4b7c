package dev.petrel.wire.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.petrel.wire.BgpMessage;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.Problem;
import dev.petrel.wire.SessionContext;
import java.util.HexFormat;
import java.util.Set;

/**
 * Shared pieces of the golden tests: hex parsing, session contexts, and the two-way assertion.
 *
 * <p>Every expected hex string in this package is written by hand from the RFC layouts, one field per line with a
 * comment; none is produced by calling the encoder.
 */
final class Golden {
    private Golden() {}

    /** The 16-octet marker of RFC 4271 §4.1. */
    static final String MARKER = "ffffffffffffffffffffffffffffffff";

    static final Set<Family> BOTH = Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST);

    /** iBGP, 4-octet AS, both unicast families, no ADD-PATH. */
    static final SessionContext IBGP = new SessionContext(true, false, BOTH, Set.of(), Set.of(), Set.of(),
            PeerType.INTERNAL, 65000, 65000, false);

    /** eBGP with peer AS 65001, 4-octet AS, both unicast families; the leftmost AS is enforced. */
    static final SessionContext EBGP = new SessionContext(true, false, BOTH, Set.of(), Set.of(), Set.of(),
            PeerType.EXTERNAL, 65000, 65001, true);

    /** eBGP with a 2-octet-AS peer (RFC 6793: an OLD speaker), peer AS 65001, leftmost AS enforced. */
    static final SessionContext EBGP_TWO_OCTET = EBGP.withFourOctetAs(false);

    /** Parses hex, ignoring spaces. */
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static String hexOf(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** decode(hex) equals {@code value} with no problem at all, and encode(value) equals hex. */
    static void assertGolden(String hex, BgpMessage value, SessionContext ctx) {
        assertDecodes(hex, value, ctx);
        assertEncodes(value, ctx, hex);
    }

    /** decode(hex) equals {@code value} with no problem. */
    static void assertDecodes(String hex, BgpMessage value, SessionContext ctx) {
        DecodeResult r = MessageDecoder.decode(hex(hex), ctx);
        if (!r.problems().isEmpty()) {
            fail("unexpected problems decoding " + hex + ": " + r.problems());
        }
        assertEquals(value, r.message(), "decoded message");
    }

    /** encode(value) equals hex, octet for octet. */
    static void assertEncodes(BgpMessage value, SessionContext ctx, String hex) {
        assertEquals(hexOf(hex(hex)), hexOf(MessageEncoder.toBytes(value, ctx)), "encoded octets");
    }

    /**
     * decode(hex) gives {@code value} with exactly one problem, of the given action and subcode, whose description
     * contains {@code fragment}; encode(value) still equals hex.
     */
    static Problem assertGoldenWithProblem(String hex, BgpMessage value, SessionContext ctx, ErrorAction action,
            int subcode, int attributeType, String fragment) {
        DecodeResult r = MessageDecoder.decode(hex(hex), ctx);
        assertEquals(1, r.problems().size(), () -> "problems: " + r.problems());
        Problem p = r.problems().get(0);
        assertEquals(action, p.action(), p::toString);
        assertEquals(3, p.code(), p::toString);
        assertEquals(subcode, p.subcode(), p::toString);
        assertEquals(attributeType, p.attributeType(), p::toString);
        assertTrue(p.description().contains(fragment), () -> "description: " + p.description());
        assertNotNull(r.message());
        assertEquals(value, r.message(), "decoded message");
        assertEncodes(value, ctx, hex);
        return p;
    }
}
