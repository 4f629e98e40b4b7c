package dev.petrel.wire.rfc7606;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.Notification;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.Problem;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Sessions, message framing, and the assertions shared by the RFC 7606 bad-input cases. */
final class Wire {
    static final long LOCAL_AS = 65000;
    static final long PEER_AS = 65001;

    /** eBGP, 4-octet AS, IPv4 and IPv6 unicast, the leftmost-AS check on (RFC 7606 §7.2 SHOULD). */
    static final SessionContext EBGP = SessionContext.INITIAL.withFourOctetAs(true)
            .withFamilies(Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST))
            .withPeer(PeerType.EXTERNAL, LOCAL_AS, PEER_AS, true);
    /** The same session as iBGP. */
    static final SessionContext IBGP = EBGP.withPeer(PeerType.INTERNAL, LOCAL_AS, LOCAL_AS, false);
    /** eBGP without the 4-octet AS capability: AS_PATH carries 2-octet ASNs. */
    static final SessionContext EBGP_2OCTET = EBGP.withFourOctetAs(false);

    /** Prefixes announced in the variants that carry NLRI. */
    static final String P1 = "198.51.100.0/24";
    static final String P2 = "203.0.113.0/24";

    private static final int GUARD = 37;

    private Wire() {}

    /** Header (marker, length, type) and body; {@code length} overrides the length field when not negative. */
    static byte[] message(int type, byte[] body, int length) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            o.write(0xff);
        }
        int len = length >= 0 ? length : 19 + body.length;
        o.write(len >>> 8);
        o.write(len);
        o.write(type);
        o.writeBytes(body);
        return o.toByteArray();
    }

    static byte[] message(int type, String bodyHex) {
        return message(type, UpdateBytes.hex(bodyHex), -1);
    }

    /**
     * Decodes {@code msg} three ways and checks they agree: alone in its array (an over-read would throw and be
     * caught by the decoder's last-resort net, which reports 1/0), and in the middle of a larger array surrounded
     * by 0xFF and by 0x00 guard octets (an over-read would see different octets). Also checks that nothing
     * escapes, that the input is not written to, and that the last-resort net was not what answered.
     */
    static DecodeResult decode(byte[] msg, SessionContext ctx) {
        byte[] copy = msg.clone();
        DecodeResult plain;
        try {
            plain = MessageDecoder.decode(copy, ctx);
        } catch (Throwable t) {
            throw new AssertionError("decode threw on peer input", t);
        }
        assertArrayEquals(msg, copy, "the decoder wrote to its input");
        for (byte guard : new byte[] {(byte) 0xff, 0x00}) {
            byte[] big = new byte[msg.length + 2 * GUARD];
            Arrays.fill(big, guard);
            System.arraycopy(msg, 0, big, GUARD, msg.length);
            DecodeResult guarded;
            try {
                guarded = MessageDecoder.decode(big, GUARD, msg.length, ctx);
            } catch (Throwable t) {
                throw new AssertionError("decode threw on peer input between guard octets", t);
            }
            assertEquals(plain, guarded, String.format(
                    "outcome differs when the message sits between 0x%02x guard octets: it read outside the message",
                    guard & 0xff));
        }
        for (Problem p : plain.problems()) {
            assertFalse(p.code() == Notification.MESSAGE_HEADER_ERROR && p.subcode() == 0,
                    "the decoder's last-resort net answered: " + p);
        }
        return plain;
    }

    /** A session reset with this NOTIFICATION code and subcode, and no message. */
    static Notification assertReset(DecodeResult r, int code, int subcode) {
        assertEquals(ErrorAction.SESSION_RESET, r.action(), () -> "expected a reset, got " + r.problems());
        assertNull(r.message(), "a reset comes without a message");
        Notification n = r.notification();
        assertNotNull(n);
        assertEquals(code + "/" + subcode, n.code() + "/" + n.subcode(), () -> "NOTIFICATION for " + r.problems());
        return n;
    }

    /** A session reset whose NOTIFICATION data is exactly {@code dataHex}. */
    static void assertReset(DecodeResult r, int code, int subcode, String dataHex) {
        Notification n = assertReset(r, code, subcode);
        assertEquals(dataHex.replace(" ", ""), n.data().hex(), "NOTIFICATION data");
    }

    /** A decoded message of type {@code type} whose strongest problem asks for {@code action}. */
    static <T> T assertMessage(DecodeResult r, ErrorAction action, Class<T> type) {
        assertEquals(action, r.action(), () -> "problems: " + r.problems());
        assertNotNull(r.message(), "no message");
        assertNull(r.notification());
        return assertInstanceOf(type, r.message());
    }

    static Update assertUpdate(DecodeResult r, ErrorAction action) {
        return assertMessage(r, action, Update.class);
    }

    /** Some problem has this action, UPDATE error subcode and attribute type (-1 for none). */
    static Problem assertProblem(DecodeResult r, ErrorAction action, int subcode, int attributeType) {
        for (Problem p : r.problems()) {
            if (p.action() == action && p.code() == Notification.UPDATE_MESSAGE_ERROR && p.subcode() == subcode
                    && p.attributeType() == attributeType) {
                return p;
            }
        }
        return fail("no " + action.label() + " problem 3/" + subcode + " on attribute " + attributeType + " in "
                + r.problems());
    }

    static List<Prefix> flatten(List<PrefixList> lists) {
        List<Prefix> out = new ArrayList<>();
        for (PrefixList l : lists) {
            out.addAll(l.toList());
        }
        return out;
    }

    /** Treat-as-withdraw removes exactly {@code expected} (stands in for variant (ii), a RIB matter). */
    static void assertWithdrawsExactly(Update u, List<Prefix> expected) {
        assertFalse(expected.isEmpty(), "a treat-as-withdraw case needs announced prefixes");
        assertEquals(expected, flatten(u.treatAsWithdraw()), "prefixes treat-as-withdraw removes");
    }

    static List<Prefix> prefixes(String... p) {
        List<Prefix> out = new ArrayList<>();
        for (String s : p) {
            out.add(Prefix.parse(s));
        }
        return out;
    }

    /** What the variants of one attribute case produced, for case-specific checks. */
    record Variants(Update withNlri, DecodeResult withoutNlri) {}

    /**
     * Runs one malformed-attribute UPDATE in the variants of the acceptance list: (i) with NLRI, expecting
     * {@code action} (with a problem 3/{@code subcode} on {@code attributeType}); for treat-as-withdraw the routes
     * withdrawn are exactly the announced ones; for attribute discard the attribute is gone and the routes stay.
     * (iii) the same attributes without NLRI or MP_REACH: RFC 7606 §5.2 escalates anything stronger than
     * attribute discard to a session reset with the same subcode; attribute discard is not escalated.
     */
    static Variants attributeCase(SessionContext ctx, Supplier<UpdateBytes> malformed, ErrorAction action,
            int subcode, int attributeType) {
        UpdateBytes with = malformed.get().nlri(P1, P2);
        DecodeResult r1 = decode(with.bytes(), ctx);
        Update u = assertUpdate(r1, action);
        assertProblem(r1, action, subcode, attributeType);
        assertEquals(with.announced(), u.nlri().toList(), "NLRI located from the Total Path Attribute Length");
        if (action == ErrorAction.TREAT_AS_WITHDRAW) {
            assertWithdrawsExactly(u, with.announced());
        } else if (action == ErrorAction.ATTRIBUTE_DISCARD) {
            assertNotNull(u.attributes().origin(), "the route keeps its other attributes");
            assertNotNull(u.attributes().asPath());
        }

        DecodeResult r3 = decode(malformed.get().bytes(), ctx);
        if (action.compareTo(ErrorAction.ATTRIBUTE_DISCARD) > 0) {
            assertReset(r3, Notification.UPDATE_MESSAGE_ERROR, subcode);
            assertEquals(attributeType, r3.strongest().attributeType(), "the reset names the attribute");
        } else {
            Update u3 = assertUpdate(r3, action);
            assertProblem(r3, action, subcode, attributeType);
            assertTrue(u3.nlri().isEmpty());
        }
        return new Variants(u, r3);
    }

    /** {@link #attributeCase} for a malformed attribute added to (or replacing one of) the standard attributes. */
    static Variants attributeCase(SessionContext ctx, int flags, int type, String valueHex, ErrorAction action,
            int subcode) {
        Supplier<UpdateBytes> s = ctx.fourOctetAs()
                ? () -> UpdateBytes.standard().set(flags, type, valueHex)
                : () -> UpdateBytes.standard2().set(flags, type, valueHex);
        return attributeCase(ctx, s, action, subcode, type);
    }
}
