package dev.petrel.wire.rfc7606;

import static dev.petrel.wire.rfc7606.UpdateBytes.*;
import static dev.petrel.wire.rfc7606.Wire.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.Notification;
import dev.petrel.wire.Open;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.cap.Capability;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rows of the CVE and incident table that are codec inputs. */
class CveCasesTest {
    private static final ErrorAction TAW = ErrorAction.TREAT_AS_WITHDRAW;

    /** Attribute types the codec knows; every other type is unknown to it. */
    private static final Set<Integer> KNOWN = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15, 16, 17, 18, 22, 23, 24,
            25, 26, 29, 32, 33, 35, 40, 128);

    /**
     * The attribute 23/29 events (CVE-2023-4481, CVE-2023-38283, CERT VU#347067): every attribute type as optional
     * transitive, flags 0xC0 and 0xE0, lengths 0, 1, 3, 7 and 1000, and a length running past the section. With
     * NLRI the session never resets, except for MP_REACH/MP_UNREACH, which treat-as-withdraw cannot survive.
     */
    @ParameterizedTest
    @ValueSource(ints = {0xC0, 0xE0})
    void attribute29Sweep(int flags) {
        int resets = 0;
        for (int type = 0; type < 256; type++) {
            for (int len : new int[] {0, 1, 3, 7, 1000, -1}) {
                UpdateBytes u;
                if (len == 1000) {
                    u = standard().attr(flags | EXT_LEN, type, filler(len));
                } else if (len < 0) {
                    u = standard().attrDeclared(flags, type, 255, "010203"); // past TPAL
                } else {
                    u = standard().attr(flags, type, filler(len));
                }
                u.nlri(P1);
                DecodeResult r = decode(u.bytes(), EBGP);
                String what = "type " + type + " flags " + Integer.toHexString(flags) + " length " + len;
                if (type == 14 || type == 15) {
                    assertEquals(ErrorAction.SESSION_RESET, r.action(), what);
                    assertEquals(3, r.notification().code(), what);
                    resets++;
                    continue;
                }
                assertTrue(r.action().compareTo(TAW) <= 0, () -> what + ": " + r.problems());
                Update up = assertUpdate(r, r.action());
                assertEquals(prefixes(P1), up.nlri().toList(), what);
                if (r.action() == TAW) {
                    assertWithdrawsExactly(up, prefixes(P1));
                }
                if (!KNOWN.contains(type) && len >= 0) {
                    // Unknown: accepted, held byte-identical with the Partial bit.
                    assertEquals(ErrorAction.NONE, r.action(), () -> what + ": " + r.problems());
                    assertEquals(Bytes.of(filler(len)), up.attributes().value(type), what);
                    assertEquals(0xE0, up.attributes().flags(type), what);
                }
            }
        }
        assertEquals(2 * 6, resets);
    }

    private static byte[] filler(int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return b;
    }

    @Test
    void cve2023_41358_noAttributesAndNlri() {
        UpdateBytes u = empty().withdraw("192.0.2.0/24").nlri(P1, P2, "10.0.0.0/8");
        DecodeResult r = decode(u.bytes(), EBGP);
        Update up = assertUpdate(r, TAW);
        assertTrue(up.attributes().isEmpty());
        assertEquals(prefixes("192.0.2.0/24", P1, P2, "10.0.0.0/8"), flatten(up.treatAsWithdraw()));
    }

    @Test
    void cve2023_46753_onlyUnknownAttribute31WithNlri() {
        UpdateBytes u = empty().attr(OPT_TRANS, 31, "00112233445566778899aabbccddeeff").nlri(P1);
        DecodeResult r = decode(u.bytes(), EBGP.withFamilies(Set.of(Family.IPV4_UNICAST)));
        assertWithdrawsExactly(assertUpdate(r, TAW), u.announced());
        assertEquals(3, r.problems().stream().filter(p -> p.subcode() == 3).count());
    }

    @Test
    void cve2023_47234_mpUnreachAndIpv4NlriWithoutOriginOrAsPath() {
        UpdateBytes u = empty().mpUnreachIpv6("2001:db8::/32").nlri(P1);
        DecodeResult r = decode(u.bytes(), EBGP);
        Update up = assertUpdate(r, TAW);
        assertProblem(r, TAW, 3, 1);
        assertProblem(r, TAW, 3, 2);
        assertEquals(prefixes("2001:db8::/32", P1), flatten(up.treatAsWithdraw()));
    }

    @Test
    void cve2023_47235_endOfRibShapedWithGarbage() {
        for (String garbage : new String[] {"ffffffffff", "00", "c0", "ff0f", "400105"}) {
            // Each is an attribute section cut short (§4), and with no NLRI that resets (§5.2): 3/1.
            assertReset(decode(empty().rawAttributes(garbage).bytes(), EBGP), 3, 1);
        }
        DecodeResult r = decode(empty().mpUnreachIpv6().rawAttributes("0f").bytes(), EBGP);
        assertReset(r, 3, 1);
    }

    @Test
    void cve2017_15865_notificationDataIsBoundedByWhatWasReceived() {
        StringBuilder nlri = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            nlri.append("2020010db8");
        }
        byte[] msg = standard().attr(OPT_NON_TRANS, 14, "000201 09 20010db80000000000 00" + nlri).bytes();
        Notification n = assertReset(decode(msg, EBGP), 3, 9);
        assertTrue(n.data().length() <= 64, "data of " + n.data().length() + " octets");
        assertTrue(ExtraAttributeCasesTest.contains(msg, n.data().toByteArray()), "data is received octets");
    }

    @Test
    void cve2024_31949_capabilityLoopsMakeProgress() {
        // 120 zero-length capabilities: each is a step forward.
        OpenBytes o = OpenBytes.bare();
        for (int i = 0; i < 120; i++) {
            o.capability(2, "");
        }
        Open open = assertMessage(decode(o.bytes(), SessionContext.INITIAL), ErrorAction.NONE, Open.class);
        assertEquals(120, open.capabilities().size());
        assertEquals(new Capability.RouteRefresh(), open.capabilities().get(119));
        // Capability length 0 where a value is required, and a capability header overrunning: 2/0.
        assertReset(decode(OpenBytes.bare().capability(65, "").bytes(), SessionContext.INITIAL), 2, 0);
        assertReset(decode(OpenBytes.bare().capability(64, "").bytes(), SessionContext.INITIAL), 2, 0);
        assertReset(decode(OpenBytes.bare().capabilityDeclared(1, 255, "00010001").bytes(), SessionContext.INITIAL),
                2, 0);
    }

    @Test
    void cve2022_40302_openOptionalParameterLength255WithType255Truncated() {
        assertReset(decode(OpenBytes.bare().rawOptionalParameters(255, "ff").bytes(), SessionContext.INITIAL), 2, 0);
        assertReset(decode(OpenBytes.bare().rawOptionalParameters(255, "ff01").bytes(), SessionContext.INITIAL), 2, 0);
    }

    @Test
    void goBgp2026_41643_as4PathLongerThanAsPath() {
        Update u = assertUpdate(decode(standard2().set(WELL_KNOWN, 2, asPath2(65001, 23456))
                .attr(OPT_TRANS, 17, asPath4(4200000000L, 4200000001L, 4200000002L)).nlri(P1).bytes(), EBGP_2OCTET),
                ErrorAction.ATTRIBUTE_DISCARD);
        assertEquals("65001 23456", u.attributes().asPath().toString());
    }

    @Test
    void otcIncident_reencodedAttributesKeepTheirLengths() {
        // BIRD re-sent OTC with a wrong length: decode → encode → decode must be stable for accepted attributes.
        UpdateBytes in = standard().attr(OPT_NON_TRANS, 4, "00000064").attr(OPT_TRANS, 8, "fde90001fde90002")
                .attr(OPT_TRANS, 16, "0002fde900000001").attr(OPT_TRANS, 32, "0000fde90000000100000002")
                .attr(OPT_TRANS, 35, "0000fde9").attr(OPT_TRANS, 0xfe, "0102").nlri(P1, P2);
        Update first = assertUpdate(decode(in.bytes(), EBGP), ErrorAction.NONE);
        byte[] again = MessageEncoder.toBytes(first, EBGP);
        Update second = assertUpdate(decode(again, EBGP), ErrorAction.NONE);
        assertEquals(first, second);
        assertEquals(65001, second.attributes().otc());
    }
}
