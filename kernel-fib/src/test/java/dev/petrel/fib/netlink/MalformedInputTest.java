package dev.petrel.fib.netlink;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad kernel input gives a {@link MalformedNetlinkException} that says what was wrong, never an index error:
 * every truncation of every kind of captured message, corrupted lengths, and random corruption.
 */
class MalformedInputTest {
    /** Decodes one message the way the kernel adapter does: header check, then the decoder for its type. */
    static Object decode(ByteBuffer b, int limit) {
        int len = NlMsgHdr.checkedLength(b, 0, limit);
        return switch (NlMsgHdr.type(b, 0)) {
            case NlMsgHdr.NLMSG_ERROR -> NlMsgErr.decode(b, 0, len);
            case NexthopMessages.RTM_NEWNEXTHOP -> NexthopMessages.decode(b, 0, len);
            default -> Notifications.decode(b, 0, len);
        };
    }

    static List<byte[]> samples() {
        List<byte[]> out = new ArrayList<>();
        out.add(Golden.messages("routes.hex").get(6)); // ECMP: nested RTA_MULTIPATH
        out.add(Golden.messages("routes.hex").get(7)); // proto 186, metric, prefsrc
        out.add(Golden.messages("routes.hex").get(8)); // RTA_VIA
        out.add(Golden.messages("routes.hex").get(17)); // IPv6 with cacheinfo and pref
        out.add(Golden.messages("links.hex").get(1));
        out.add(Golden.messages("addrs.hex").get(1));
        out.add(Golden.messages("error_ext_ack.hex").get(0));
        out.add(Golden.messages("error_capped.hex").get(0));
        out.add(Golden.messages("nexthops.hex").get(0)); // nexthop object: gateway and oif
        out.add(Golden.messages("nexthops.hex").get(3)); // nexthop group
        out.add(Golden.messages("nh_routes.hex").get(2)); // route with RTA_NH_ID
        return out;
    }

    @Test
    void samplesDecodeWhole() {
        for (byte[] m : samples()) {
            decode(Golden.buffer(m), m.length);
        }
        assertEquals(RtMsg.RTM_NEWROUTE, NlMsgHdr.type(Golden.buffer(samples().get(0)), 0));
        assertTrue(Golden.hex(samples().get(0)).contains("0900"), "the ECMP sample carries RTA_MULTIPATH");
    }

    @Test
    void everyTruncationOfTheDatagramIsRefused() {
        for (byte[] m : samples()) {
            for (int cut = 0; cut < m.length; cut++) {
                ByteBuffer b = Golden.buffer(java.util.Arrays.copyOf(m, cut));
                int at = cut;
                MalformedNetlinkException e = assertThrows(MalformedNetlinkException.class, () -> decode(b, at),
                        "cut at " + cut + " of " + Golden.hex(m));
                assertTrue(e.getMessage().contains("nlmsg_len") || e.getMessage().contains("header cut off"),
                        e.getMessage());
            }
        }
    }

    /**
     * The message cut short with nlmsg_len saying so: a cut on an attribute boundary is a shorter but valid
     * message; anywhere else, inside a header or an attribute, must be refused.
     */
    @Test
    void everyTruncationWithAConsistentLengthIsRefusedOrValid() {
        int refused = 0;
        for (byte[] m : samples()) {
            ByteBuffer whole = Golden.buffer(m);
            int fixed = fixedPart(NlMsgHdr.type(whole, 0), m);
            java.util.Set<Integer> boundaries = new java.util.HashSet<>();
            boundaries.add(fixed);
            for (int a = fixed; a < m.length; a = RtAttr.next(whole, a, m.length)) {
                int len = RtAttr.checked(whole, a, m.length, "test");
                for (int p = a + len; p <= Math.min(m.length, a + NlMsgHdr.align(len)); p++) {
                    boundaries.add(p);
                }
            }
            for (int cut = NlMsgHdr.SIZE; cut < m.length; cut++) {
                ByteBuffer b = Golden.buffer(java.util.Arrays.copyOf(m, cut));
                b.putInt(0, cut);
                int at = cut;
                if (boundaries.contains(cut)) {
                    assertDoesNotThrow(() -> decode(b, at), "cut at " + cut);
                } else {
                    MalformedNetlinkException e = assertThrows(MalformedNetlinkException.class, () -> decode(b, at),
                            "cut at " + cut + " of " + Golden.hex(m));
                    assertFalse(e.getMessage().isBlank());
                    refused++;
                }
            }
        }
        assertTrue(refused > 200, "refused " + refused);
    }

    /** Where the attributes begin: after the family message, or after an error's echoed request. */
    static int fixedPart(int type, byte[] m) {
        return switch (type) {
            case RtMsg.RTM_NEWROUTE -> NlMsgHdr.SIZE + RtMsg.SIZE;
            case NexthopMessages.RTM_NEWNEXTHOP -> NlMsgHdr.SIZE + NexthopMessages.NHMSG_SIZE;
            case RtMsg.RTM_NEWLINK -> NlMsgHdr.SIZE + LinkMessages.IFINFOMSG_SIZE;
            case RtMsg.RTM_NEWADDR -> NlMsgHdr.SIZE + AddressMessages.IFADDRMSG_SIZE;
            case NlMsgHdr.NLMSG_ERROR -> {
                ByteBuffer b = Golden.buffer(m);
                boolean capped = (NlMsgHdr.flags(b, 0) & NlMsgHdr.NLM_F_CAPPED) != 0;
                yield NlMsgHdr.SIZE + 4 + (capped ? NlMsgHdr.SIZE : NlMsgHdr.align(b.getInt(20)));
            }
            default -> throw new AssertionError(type);
        };
    }

    @Test
    void namedFaults() {
        byte[] ecmp = Golden.messages("routes.hex").get(6);
        assertFault(ecmp, b -> b.putInt(0, 12), "nlmsg_len 12");
        assertFault(ecmp, b -> b.putShort(28, (short) 3), "rta_len 3"); // RTA_TABLE shorter than its header
        assertFault(ecmp, b -> b.putShort(28, (short) 4), "RTA_TABLE has 0 payload bytes");
        assertFault(ecmp, b -> b.putShort(36, (short) 6), "RTA_DST has 2 payload bytes");
        assertFault(ecmp, b -> b.put(17, (byte) 33), "rtm_dst_len 33");
        assertFault(ecmp, b -> b.putShort(48, (short) 0x7fff), "RTA_MULTIPATH: rtnh_len 32767");
        assertFault(ecmp, b -> b.putShort(48, (short) 4), "RTA_MULTIPATH: rtnh_len 4");
        byte[] via = Golden.messages("routes.hex").get(8);
        assertFault(via, b -> b.putShort(48, (short) 99), "RTA_VIA of family 99");
        byte[] group = Golden.messages("nexthops.hex").get(3);
        assertFault(group, b -> b.putInt(0, 20), "too short for its nhmsg");
        assertFault(group, b -> b.putShort(24, (short) 6), "NHA_ID has 2 payload bytes");
        assertFault(group, b -> b.putShort(32, (short) 0x7f), "rta_len 127 but");
        assertFault(group, b -> b.putShort(40, (short) 10), "NHA_GROUP has 6 payload bytes");
        assertFault(group, b -> b.putShort(40, (short) 4), "NHA_GROUP has 0 payload bytes");
        byte[] gw = Golden.messages("nexthops.hex").get(0);
        assertFault(gw, b -> b.putShort(40, (short) 7), "NHA_GATEWAY has 3 address bytes");
        byte[] err = Golden.messages("error_ext_ack.hex").get(0);
        assertFault(err, b -> b.putInt(16, 5), "positive error 5");
        assertFault(err, b -> b.putInt(20, 4000), "echoes a request of 4000 bytes");
        byte[] errShort = java.util.Arrays.copyOf(err, 30);
        assertFault(errShort, b -> b.putInt(0, 30), "too short for nlmsgerr");
    }

    static void assertFault(byte[] original, java.util.function.Consumer<ByteBuffer> corrupt, String expected) {
        ByteBuffer b = Golden.buffer(original.clone());
        corrupt.accept(b);
        MalformedNetlinkException e = assertThrows(MalformedNetlinkException.class, () -> decode(b, original.length));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' does not say '" + expected + "'");
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() {
        Random rnd = new Random(8950);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            List<byte[]> s = samples();
            byte[] m = s.get(rnd.nextInt(s.size())).clone();
            for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            }
            try {
                decode(Golden.buffer(m), m.length);
            } catch (MalformedNetlinkException e) {
                refused++;
            } catch (IllegalArgumentException e) {
                // a value the records refuse (say a next-hop weight); still not an index error
                assertFalse(e instanceof NumberFormatException);
            }
        }
        assertTrue(refused > 1000, "refused " + refused);
    }
}
