package dev.petrel.bench.fulltable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.bench.FullTableStream;
import dev.petrel.bench.sessions.SpeakerMessages;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The receivers' counting, on the generator's own bytes and on hand-made UPDATEs: no network. */
class UpdateCounterTest {
    private static final int N = 5_000;
    private static byte[] table;
    private static byte[] withdrawals;
    private static FullTableStream.Prefixes prefixes;
    private static int messages;

    @BeforeAll
    static void generate() {
        table = FullTableStream.generate(N, 7);
        withdrawals = FullTableStream.generateWithdrawals(N, 7);
        prefixes = FullTableStream.prefixes(N, 7);
        for (int p = 0; p < table.length; p += ((table[p + 16] & 0xFF) << 8) | (table[p + 17] & 0xFF)) {
            messages++;
        }
    }

    private static void feed(UpdateCounter c, byte[] bytes, int chunk) {
        for (int p = 0; p < bytes.length; p += chunk) {
            c.feed(bytes, p, Math.min(chunk, bytes.length - p));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 18, 19, 20, 1000, 4096, 65_536, Integer.MAX_VALUE})
    void countsEveryPrefixOfTheTableExactlyWhateverTheReadSize(int chunk) {
        UpdateCounter c = new UpdateCounter((type, b, off, len) -> { throw new AssertionError("type " + type); });
        feed(c, table, chunk);
        assertEquals(N, c.reachable());
        assertEquals(N, c.announced());
        assertEquals(0, c.reannounced());
        assertEquals(messages, c.updates());
        assertEquals(table.length, c.octets());
        assertEquals(0, c.missing(prefixes));
        assertEquals(0, c.extra(prefixes));

        feed(c, withdrawals, chunk);
        assertEquals(0, c.reachable());
        assertEquals(N, c.withdrawn());
        assertEquals(0, c.unknownWithdrawn());
        assertEquals(N, c.missing(prefixes));
    }

    @Test
    void randomReadSizes() {
        Random r = new Random(42);
        UpdateCounter c = new UpdateCounter((type, b, off, len) -> { });
        for (byte[] stream : List.of(table, withdrawals, table)) {
            for (int p = 0; p < stream.length; ) {
                int n = Math.min(1 + r.nextInt(3000), stream.length - p);
                c.feed(stream, p, n);
                p += n;
            }
        }
        assertEquals(N, c.reachable());
        assertEquals(0, c.missing(prefixes));
    }

    @Test
    void reannouncementsAndUnknownWithdrawalsDoNotMoveTheCount() {
        UpdateCounter c = new UpdateCounter((type, b, off, len) -> { });
        feed(c, table, 8192);
        feed(c, table, 8192);
        assertEquals(N, c.reachable());
        assertEquals(2L * N, c.announced());
        assertEquals(N, c.reannounced());
        feed(c, withdrawals, 8192);
        feed(c, withdrawals, 8192);
        assertEquals(0, c.reachable());
        assertEquals(N, c.unknownWithdrawn());
    }

    @Test
    void aPartialTableIsMissingTheRest() {
        UpdateCounter c = new UpdateCounter((type, b, off, len) -> { });
        int half = 0;
        while (half < table.length / 2) {
            half += ((table[half + 16] & 0xFF) << 8) | (table[half + 17] & 0xFF);
        }
        c.feed(table, 0, half);
        assertTrue(c.reachable() > 0 && c.reachable() < N);
        assertEquals(N - c.reachable(), c.missing(prefixes));
        assertEquals(0, c.extra(prefixes));
    }

    @Test
    void otherMessagesGoToTheControlWhole() {
        List<String> seen = new ArrayList<>();
        UpdateCounter c = new UpdateCounter((type, b, off, len) -> seen.add(type + "/" + len));
        byte[] open = SpeakerMessages.open(65002, 90, 0x0AFF020A, true);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(open);
        s.writeBytes(SpeakerMessages.KEEPALIVE);
        s.writeBytes(SpeakerMessages.END_OF_RIB_IPV4);
        s.writeBytes(SpeakerMessages.KEEPALIVE);
        feed(c, s.toByteArray(), 5);
        assertEquals(List.of("1/" + open.length, "4/19", "4/19"), seen);
        assertEquals(1, c.updates());
        assertEquals(4, c.messages());
        assertEquals(0, c.reachable());
    }

    @Test
    void mpReachAndMpUnreachForIpv4CountOtherFamiliesDoNot() {
        UpdateCounter c = new UpdateCounter((type, b, off, len) -> { });
        // MP_REACH_NLRI ipv4 unicast, next hop 10.255.2.1: 10.1.0.0/16, 192.0.2.128/25, 0.0.0.0/0, 10.9.9.9/32.
        byte[] reach = {0, 1, 1, 4, 10, (byte) 255, 2, 1, 0,
            16, 10, 1, 25, (byte) 192, 0, 2, (byte) 128, 0, 32, 10, 9, 9, 9};
        byte[] m = update(new byte[0], attribute(0x90, 14, reach), new byte[0]);
        c.feed(m, 0, m.length);
        assertEquals(4, c.reachable());
        assertTrue(c.contains(ip(10, 1, 0, 0), 16));
        assertTrue(c.contains(ip(192, 0, 2, 128), 25));
        assertTrue(c.contains(0, 0));
        assertTrue(c.contains(ip(10, 9, 9, 9), 32));
        assertFalse(c.contains(ip(10, 9, 9, 8), 32));
        // IPv6 unicast: ignored.
        byte[] v6 = {0, 2, 1, 16, 0x20, 1, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 32, 0x20, 1, 0x0d,
            (byte) 0xb8};
        m = update(new byte[0], attribute(0x80, 14, v6), new byte[0]);
        c.feed(m, 0, m.length);
        assertEquals(4, c.reachable());
        assertEquals(1, c.otherFamilies());
        // MP_UNREACH_NLRI ipv4 unicast with the extended-length flag: two of them, then a plain withdrawal.
        byte[] unreach = {0, 1, 1, 16, 10, 1, 32, 10, 9, 9, 9};
        m = update(new byte[0], attribute(0x90, 15, unreach), new byte[0]);
        c.feed(m, 0, m.length);
        assertEquals(2, c.reachable());
        m = update(new byte[] {25, (byte) 192, 0, 2, (byte) 128}, new byte[0], new byte[0]);
        c.feed(m, 0, m.length);
        assertEquals(1, c.reachable());
        assertTrue(c.contains(0, 0));
        assertEquals(0, c.unknownWithdrawn());
    }

    @Test
    void hostBitsAreIgnored() {
        UpdateCounter c = new UpdateCounter((type, b, off, len) -> { });
        byte[] m = update(new byte[0], new byte[0], new byte[] {20, 10, 1, (byte) 0x1F});
        c.feed(m, 0, m.length);
        assertTrue(c.contains(ip(10, 1, 0x10, 0), 20));
        m = update(new byte[] {20, 10, 1, 0x10}, new byte[0], new byte[0]);
        c.feed(m, 0, m.length);
        assertEquals(0, c.reachable());
    }

    @Test
    void garbageIsRefused() {
        UpdateCounter c = new UpdateCounter((type, b, off, len) -> { });
        byte[] bad = SpeakerMessages.KEEPALIVE.clone();
        bad[3] = 0;
        assertThrows(UpdateCounter.MalformedException.class, () -> c.feed(bad, 0, bad.length));
        UpdateCounter d = new UpdateCounter((type, b, off, len) -> { });
        byte[] overrun = update(new byte[0], new byte[0], new byte[] {24, 10, 1});
        assertThrows(UpdateCounter.MalformedException.class, () -> d.feed(overrun, 0, overrun.length));
    }

    @Test
    void theReceiversSelfCheckPasses() {
        long[] sizes = FullTableSpeakers.warmUp(N, 7, prefixes);
        assertEquals(table.length + SpeakerMessages.END_OF_RIB_IPV4.length, sizes[0]);
        assertEquals(withdrawals.length, sizes[1]);
    }

    private static byte[] attribute(int flags, int type, byte[] value) {
        boolean extended = (flags & 0x10) != 0;
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        a.write(flags);
        a.write(type);
        if (extended) {
            a.write(value.length >>> 8);
        }
        a.write(value.length);
        a.writeBytes(value);
        return a.toByteArray();
    }

    /** An UPDATE of these Withdrawn Routes, path attributes and NLRI fields. */
    private static byte[] update(byte[] withdrawn, byte[] attributes, byte[] nlri) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            m.write(0xFF);
        }
        int length = 19 + 2 + withdrawn.length + 2 + attributes.length + nlri.length;
        m.write(length >>> 8);
        m.write(length);
        m.write(2);
        m.write(withdrawn.length >>> 8);
        m.write(withdrawn.length);
        m.writeBytes(withdrawn);
        m.write(attributes.length >>> 8);
        m.write(attributes.length);
        m.writeBytes(attributes);
        m.writeBytes(nlri);
        return m.toByteArray();
    }

    private static int ip(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }
}
