package dev.petrel.wire.golden;

import static dev.petrel.wire.golden.Golden.IBGP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Family;
import dev.petrel.wire.Framing;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.UpdateEncoder;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Ipv6Prefix;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link UpdateEncoder#announce} and {@link UpdateEncoder#withdraw} pack prefixes into as few UPDATEs as the
 * negotiated maximum allows. Expected counts and sizes are worked out by hand below from the encodings.
 */
class PackingTest {
    /** 30 communities: a COMMUNITIES attribute of 3 + 120 octets. */
    private static final List<Community> THIRTY = communities();

    /**
     * ORIGIN 4 + AS_PATH (3 + 2 + 3 * 4) 17 + NEXT_HOP 7 + MED 7 + COMMUNITIES 123 = 158 octets on the wire.
     */
    private static final PathAttributes V4_ATTRS = PathAttributes.builder().origin(Origin.IGP)
            .asPath(AsPath.sequence(65001, 65002, 65003)).nextHop("192.0.2.1").med(10).communities(THIRTY).build();

    /** The same without NEXT_HOP (IPv6 routes take theirs from MP_REACH_NLRI): 151 octets. */
    private static final PathAttributes V6_ATTRS = V4_ATTRS.toBuilder().remove(3).build();

    private static List<Community> communities() {
        List<Community> l = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            l.add(Community.of(65001, i));
        }
        return l;
    }

    /** n distinct /24s: 10.0.0.0/24, 10.0.1.0/24, ... */
    private static List<Prefix> v4Slash24s(int n) {
        List<Prefix> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(new Ipv4Prefix(0x0a000000 | (i << 8), 24));
        }
        return l;
    }

    /** n distinct /48s: 2001:db8:0::/48, 2001:db8:1::/48, ... */
    private static List<Prefix> v6Slash48s(int n) {
        List<Prefix> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(new Ipv6Prefix(0x20010db800000000L | ((long) i << 16), 0, 48));
        }
        return l;
    }

    /** What came out: the message sizes, and per (prefix, path id) how many times it was seen. */
    private record Decoded(List<Integer> sizes, Map<String, Integer> seen, List<Update> updates) {}

    private static Decoded decodeAll(ByteBuf out, SessionContext ctx) {
        byte[] all = new byte[out.readableBytes()];
        out.readBytes(all);
        out.release();
        List<Integer> sizes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Update> updates = new ArrayList<>();
        int p = 0;
        while (p < all.length) {
            int len = Framing.check(all, p, all.length - p, ctx.maxMessageLength());
            assertTrue(len >= Framing.HEADER_LENGTH, "framing result " + len + " at octet " + p);
            DecodeResult r = MessageDecoder.decode(all, p, len, ctx);
            assertEquals(List.of(), r.problems());
            Update u = (Update) r.message();
            updates.add(u);
            for (PrefixList l : u.reachable()) {
                count(l, seen);
            }
            for (PrefixList l : u.unreachable()) {
                count(l, seen);
            }
            sizes.add(len);
            p += len;
        }
        return new Decoded(sizes, seen, updates);
    }

    private static void count(PrefixList l, Map<String, Integer> seen) {
        for (int i = 0; i < l.size(); i++) {
            seen.merge(l.text(i), 1, Integer::sum);
        }
    }

    private static void assertEachOnce(List<Prefix> expected, long[] pathIds, Map<String, Integer> seen) {
        PrefixList l = PrefixList.of(expected, pathIds);
        assertEquals(expected.size(), seen.size(), "distinct routes decoded");
        for (int i = 0; i < l.size(); i++) {
            assertEquals(1, seen.getOrDefault(l.text(i), 0), l.text(i));
        }
    }

    @Test
    void thousandIpv4Slash24sInTwo4096OctetUpdates() {
        // Per message: 23 (header and two length fields) + 158 (attributes) = 181; room 4096 - 181 = 3915, so
        // 978 /24s of 4 octets (3912). 1000 * 4 = 4000 > 3915: two messages are the minimum, 978 + 22.
        List<Prefix> prefixes = v4Slash24s(1000);
        ByteBuf out = Unpooled.buffer();
        int n = UpdateEncoder.announce(V4_ATTRS, null, PrefixList.of(prefixes, null), IBGP, out);
        assertEquals(2, n);
        Decoded d = decodeAll(out, IBGP);
        assertEquals(List.of(181 + 978 * 4, 181 + 22 * 4), d.sizes()); // 4093, 269
        assertEachOnce(prefixes, null, d.seen());
        for (Update u : d.updates()) {
            assertEquals(V4_ATTRS, u.attributes());
            assertNull(u.mpReach());
        }
    }

    @Test
    void thousandIpv4Slash24sInOneExtendedMessage() {
        // RFC 8654: 181 + 4000 = 4181 octets fits one message of at most 65535.
        SessionContext ctx = IBGP.withExtendedMessage(true);
        List<Prefix> prefixes = v4Slash24s(1000);
        ByteBuf out = Unpooled.buffer();
        assertEquals(1, UpdateEncoder.announce(V4_ATTRS, null, PrefixList.of(prefixes, null), ctx, out));
        Decoded d = decodeAll(out, ctx);
        assertEquals(List.of(4181), d.sizes());
        assertEachOnce(prefixes, null, d.seen());
    }

    @Test
    void twentyThousandIpv4Slash24sInTwoExtendedMessages() {
        // Room 65535 - 181 = 65354: 16338 /24s (65352). 80000 > 65354, so two: 16338 + 3662.
        SessionContext ctx = IBGP.withExtendedMessage(true);
        List<Prefix> prefixes = v4Slash24s(20000);
        ByteBuf out = Unpooled.buffer();
        assertEquals(2, UpdateEncoder.announce(V4_ATTRS, null, PrefixList.of(prefixes, null), ctx, out));
        Decoded d = decodeAll(out, ctx);
        assertEquals(List.of(181 + 16338 * 4, 181 + 3662 * 4), d.sizes()); // 65533, 14829
        assertEachOnce(prefixes, null, d.seen());
    }

    @Test
    void thousandIpv4Slash24sWithAddPathInThreeMessages() {
        // Each NLRI is 4 (path id) + 1 + 3 = 8 octets: 3915 / 8 = 489 per message; 8000 / 3915 > 2, so three.
        SessionContext ctx = IBGP.withAddPath(Set.of(Family.IPV4_UNICAST), Set.of(Family.IPV4_UNICAST));
        List<Prefix> prefixes = v4Slash24s(1000);
        long[] ids = new long[1000];
        Arrays.setAll(ids, i -> i % 3 + 1L);
        ByteBuf out = Unpooled.buffer();
        assertEquals(3, UpdateEncoder.announce(V4_ATTRS, null, PrefixList.of(prefixes, ids), ctx, out));
        Decoded d = decodeAll(out, ctx);
        assertEquals(List.of(181 + 489 * 8, 181 + 489 * 8, 181 + 22 * 8), d.sizes()); // 4093, 4093, 357
        assertEachOnce(prefixes, ids, d.seen());
    }

    @Test
    void thousandIpv6Slash48sInMpReach() {
        // Per message: 23 + MP_REACH_NLRI header and fixed part (4 + 2 + 1 + 1 + 16 + 1 = 25) + attributes 151
        // = 199; room 4096 - 199 = 3897: 556 /48s of 7 octets (3892). 7000 > 3897, so two: 556 + 444.
        List<Prefix> prefixes = v6Slash48s(1000);
        NextHop nh = NextHop.of("2001:db8::1");
        ByteBuf out = Unpooled.buffer();
        assertEquals(2, UpdateEncoder.announce(V6_ATTRS, nh, PrefixList.of(prefixes, null), IBGP, out));
        Decoded d = decodeAll(out, IBGP);
        assertEquals(List.of(199 + 556 * 7, 199 + 444 * 7), d.sizes()); // 4091, 3307
        assertEachOnce(prefixes, null, d.seen());
        for (Update u : d.updates()) {
            assertEquals(V6_ATTRS, u.attributes());
            assertNotNull(u.mpReach());
            assertEquals(nh, u.mpReach().nextHop());
            assertEquals(Family.IPV6_UNICAST, u.mpReach().family());
        }
    }

    @Test
    void twoThousandIpv4WithdrawalsInTwoMessages() {
        // Room 4096 - 23 = 4073: 1018 /24s (4072). 8000 > 4073, so two: 1018 + 982.
        List<Prefix> prefixes = v4Slash24s(2000);
        ByteBuf out = Unpooled.buffer();
        assertEquals(2, UpdateEncoder.withdraw(PrefixList.of(prefixes, null), IBGP, out));
        Decoded d = decodeAll(out, IBGP);
        assertEquals(List.of(23 + 1018 * 4, 23 + 982 * 4), d.sizes()); // 4095, 3951
        assertEachOnce(prefixes, null, d.seen());
        for (Update u : d.updates()) {
            assertTrue(u.attributes().isEmpty());
            assertTrue(u.nlri().isEmpty());
        }
    }

    @Test
    void thousandIpv6WithdrawalsInMpUnreach() {
        // Room 4096 - 23 - 7 (MP_UNREACH_NLRI header 4, AFI 2, SAFI 1) = 4066: 580 /48s (4060). Two: 580 + 420.
        List<Prefix> prefixes = v6Slash48s(1000);
        ByteBuf out = Unpooled.buffer();
        assertEquals(2, UpdateEncoder.withdraw(PrefixList.of(prefixes, null), IBGP, out));
        Decoded d = decodeAll(out, IBGP);
        assertEquals(List.of(30 + 580 * 7, 30 + 420 * 7), d.sizes()); // 4090, 2970
        assertEachOnce(prefixes, null, d.seen());
        for (Update u : d.updates()) {
            assertEquals(Family.IPV6_UNICAST, u.mpUnreach().family());
        }
    }
}
