package dev.petrel.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the generated streams with a small reader of its own (below), written from RFC 4271 §4.1 and §4.3 and
 * sharing nothing with the generator, and checks framing, prefixes, attributes and the statistics of the mix.
 */
class FullTableStreamTest {
    private static final int COUNT = 200_000;
    private static final long SEED = 20_240_601L;
    private static final int NEIGHBOUR_AS = 65001;
    private static final int NEXT_HOP_10_255_0_1 = 0x0AFF0001;

    private static byte[] stream;
    private static Stats stats;

    @BeforeAll
    static void generate() {
        stream = FullTableStream.generate(COUNT, SEED);
        stats = read(stream);
    }

    @Test
    void everyMessageIsAFramedUpdateWithinFourKilobytes() {
        // read() fails on any framing error; here, the totals.
        assertTrue(stats.messages > 0);
        assertTrue(stats.maxMessage <= 4096, "largest message " + stats.maxMessage);
        assertEquals(0, stats.withdrawn.size(), "an announcement stream withdraws nothing");
    }

    @Test
    void announcesExactlyTheRequestedNumberOfDistinctPrefixes() {
        assertEquals(COUNT, stats.announced.size());
        Set<Long> distinct = new HashSet<>();
        for (long p : stats.announced) {
            assertTrue(distinct.add(p), () -> "duplicate " + show(p));
        }
    }

    @Test
    void prefixesHaveHostBitsZeroAndStayOutOfSpecialRanges() {
        // The ranges the task names, written out again here rather than taken from the generator.
        int[][] bogons = {
            {0x00000000, 8}, {0x0A000000, 8}, {0x7F000000, 8}, {0xE0000000, 3},
            {0x64400000, 10}, {0xA9FE0000, 16}, {0xAC100000, 12}, {0xC0A80000, 16},
        };
        for (long p : stats.announced) {
            int address = address(p);
            int length = length(p);
            assertTrue(length >= 13 && length <= 24, () -> "length of " + show(p));
            assertEquals(0, address & ~mask(length), () -> "host bits of " + show(p));
            for (int[] bogon : bogons) {
                int common = Math.min(length, bogon[1]);
                assertFalse(((address ^ bogon[0]) & mask(common)) == 0, () -> show(p) + " overlaps a bogon");
            }
        }
    }

    @Test
    void lengthMixIsCloseToTheInternet() {
        double[] target = new double[33];
        target[24] = 0.58;
        target[23] = 0.10;
        target[22] = 0.12;
        target[21] = 0.05;
        target[20] = 0.05;
        target[19] = 0.04;
        target[18] = 0.02;
        target[17] = 0.015;
        target[16] = 0.02;
        int[] histogram = new int[33];
        for (long p : stats.announced) {
            histogram[length(p)]++;
        }
        for (int length = 16; length <= 24; length++) {
            double share = histogram[length] / (double) COUNT;
            double tolerance = 0.05 * target[length] + 0.002;
            assertEquals(target[length], share, tolerance, "share of /" + length);
        }
        double shortOnes = (histogram[13] + histogram[14] + histogram[15]) / (double) COUNT;
        assertEquals(0.005, shortOnes, 0.0025, "share of /13 to /15");
        for (int length = 13; length <= 15; length++) {
            assertTrue(histogram[length] > 0, "some /" + length);
        }
    }

    @Test
    void aboutThreePrefixesPerUpdate() {
        double average = COUNT / (double) stats.messages;
        assertTrue(average >= 2.5 && average <= 3.5, "average " + average);
        assertEquals(1, stats.minNlri);
        assertEquals(8, stats.maxNlri);
    }

    @Test
    void attributesAreInOrderWithStandardFlagsAndPlausibleValues() {
        // Flags, order and per-attribute lengths are checked by read(); here the shares.
        assertEquals(stats.messages, stats.withOrigin);
        assertEquals(stats.messages, stats.withNextHop);
        assertTrue(stats.incomplete > 0 && stats.incomplete < stats.messages / 4, "INCOMPLETE " + stats.incomplete);
        assertShare("MED", 0.30, 0.02, stats.withMed, stats.messages);
        assertShare("COMMUNITIES", 0.40, 0.02, stats.withCommunities, stats.messages);
        assertShare("LARGE_COMMUNITIES", 0.05, 0.01, stats.withLarge, stats.messages);
        assertTrue(stats.minCommunities >= 1 && stats.maxCommunities == 6, "communities per update");
    }

    @Test
    void asPathsAreOneSequenceOfTwoToNineStartingAtTheNeighbour() {
        assertEquals(2, stats.minPath);
        assertEquals(9, stats.maxPath);
        assertShare("ASNs above 65535", 0.15, 0.02, stats.wideAsns, stats.otherAsns);
        double average = stats.pathAsns / (double) stats.messages;
        assertTrue(average > 3.5 && average < 5.5, "average path length " + average);
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        assertArrayEquals(stream, FullTableStream.generate(COUNT, SEED));
        byte[] other = FullTableStream.generate(COUNT, SEED + 1);
        assertFalse(java.util.Arrays.equals(stream, other));
        assertEquals(COUNT, read(other).announced.size());
    }

    @Test
    void streamForASeedDoesNotChangeSilently() {
        // Benchmark results are compared across commits: a change to the generator must change this on purpose.
        CRC32 crc = new CRC32();
        byte[] small = FullTableStream.generate(10_000, 1);
        crc.update(small);
        assertEquals(GOLDEN_LENGTH, small.length);
        assertEquals(GOLDEN_CRC, crc.getValue(), "CRC32 0x" + Long.toHexString(crc.getValue()));
    }

    private static final int GOLDEN_LENGTH = 254_335;
    private static final long GOLDEN_CRC = 0x873a4187L;

    @Test
    void withdrawalsWithdrawTheSamePrefixesInFullMessages() {
        byte[] withdrawals = FullTableStream.generateWithdrawals(COUNT, SEED);
        Stats w = read(withdrawals);
        assertEquals(stats.announced, w.withdrawn, "same prefixes, same order");
        assertEquals(0, w.announced.size());
        assertTrue(w.maxMessage <= 4096);
        // Packed: each message but the last is too full for the next prefix.
        List<Integer> sizes = w.messageSizes;
        int next = 0;
        for (int m = 0; m < sizes.size() - 1; m++) {
            next += w.withdrawnPerMessage.get(m);
            int nextSize = 1 + (length(w.withdrawn.get(next)) + 7) / 8;
            assertTrue(sizes.get(m) + nextSize > 4096, "message " + m + " of " + sizes.get(m) + " octets");
        }
    }

    @Test
    void smallCounts() {
        assertEquals(0, FullTableStream.generate(0, 1).length);
        assertEquals(0, FullTableStream.generateWithdrawals(0, 1).length);
        for (int n = 1; n <= 20; n++) {
            assertEquals(n, read(FullTableStream.generate(n, n)).announced.size());
            assertEquals(n, read(FullTableStream.generateWithdrawals(n, n)).withdrawn.size());
        }
        assertThrows(IllegalArgumentException.class, () -> FullTableStream.generate(-1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> FullTableStream.generate(FullTableStream.MAX_PREFIXES + 1, 1));
    }

    private static void assertShare(String what, double target, double tolerance, long part, long whole) {
        assertEquals(target, part / (double) whole, tolerance, what);
    }

    // ---- The independent reader -------------------------------------------------------------------------------

    /** What one pass over a stream saw. Prefixes are kept as (address << 8 | length). */
    static final class Stats {
        int messages;
        int maxMessage;
        final List<Integer> messageSizes = new ArrayList<>();
        final List<Integer> withdrawnPerMessage = new ArrayList<>();
        final List<Long> announced = new ArrayList<>();
        final List<Long> withdrawn = new ArrayList<>();
        int minNlri = Integer.MAX_VALUE;
        int maxNlri;
        int withOrigin;
        int incomplete;
        int withNextHop;
        int withMed;
        int withCommunities;
        int minCommunities = Integer.MAX_VALUE;
        int maxCommunities;
        int withLarge;
        int minPath = Integer.MAX_VALUE;
        int maxPath;
        long pathAsns;
        long otherAsns;
        long wideAsns;
    }

    /** Walks every message, attribute and prefix, failing the test on anything malformed. */
    static Stats read(byte[] b) {
        Stats s = new Stats();
        int at = 0;
        while (at < b.length) {
            if (b.length - at < 19) {
                fail("truncated header at " + at);
            }
            for (int i = 0; i < 16; i++) {
                if (b[at + i] != (byte) 0xFF) {
                    fail("bad marker at " + at);
                }
            }
            int length = u16(b, at + 16);
            int type = b[at + 18] & 0xFF;
            if (type != 2) {
                fail("type " + type + " at " + at);
            }
            if (length < 23 || length > 4096 || at + length > b.length) {
                fail("length " + length + " at " + at);
            }
            int end = at + length;
            int p = at + 19;
            int withdrawnLength = u16(b, p);
            p += 2;
            if (p + withdrawnLength + 2 > end) {
                fail("withdrawn routes overrun at " + at);
            }
            int withdrawnCount = readPrefixes(b, p, p + withdrawnLength, s.withdrawn);
            p += withdrawnLength;
            int attributesLength = u16(b, p);
            p += 2;
            if (p + attributesLength > end) {
                fail("attributes overrun at " + at);
            }
            readAttributes(b, p, p + attributesLength, s, at);
            p += attributesLength;
            int nlri = readPrefixes(b, p, end, s.announced);
            if (attributesLength == 0 && nlri > 0) {
                fail("NLRI without attributes at " + at);
            }
            if (nlri > 0) {
                s.minNlri = Math.min(s.minNlri, nlri);
                s.maxNlri = Math.max(s.maxNlri, nlri);
            }
            s.messages++;
            s.maxMessage = Math.max(s.maxMessage, length);
            s.messageSizes.add(length);
            s.withdrawnPerMessage.add(withdrawnCount);
            at = end;
        }
        return s;
    }

    private static int readPrefixes(byte[] b, int p, int end, List<Long> into) {
        int count = 0;
        while (p < end) {
            int length = b[p++] & 0xFF;
            if (length > 32) {
                fail("prefix length " + length);
            }
            int octets = (length + 7) / 8;
            if (p + octets > end) {
                fail("prefix overruns its field");
            }
            int address = 0;
            for (int i = 0; i < 4; i++) {
                address = (address << 8) | (i < octets ? b[p + i] & 0xFF : 0);
            }
            p += octets;
            into.add(((address & 0xFFFFFFFFL) << 8) | length);
            count++;
        }
        return count;
    }

    private static void readAttributes(byte[] b, int p, int end, Stats s, int message) {
        int previousType = 0;
        boolean path = false;
        while (p < end) {
            if (end - p < 3) {
                fail("attribute header overrun in message at " + message);
            }
            int flags = b[p] & 0xFF;
            int type = b[p + 1] & 0xFF;
            boolean extended = (flags & 0x10) != 0;
            int length = extended ? u16(b, p + 2) : b[p + 2] & 0xFF;
            int value = p + (extended ? 4 : 3);
            if (value + length > end) {
                fail("attribute " + type + " overruns in message at " + message);
            }
            if (type <= previousType) {
                fail("attribute " + type + " after " + previousType + " in message at " + message);
            }
            previousType = type;
            int expectedFlags = switch (type) {
                case 1, 2, 3 -> 0x40;
                case 4 -> 0x80;
                case 8, 32 -> 0xC0;
                default -> -1;
            };
            if ((flags & 0xEF) != expectedFlags) {
                fail("attribute " + type + " flags 0x" + Integer.toHexString(flags) + " in message at " + message);
            }
            switch (type) {
                case 1 -> {
                    assertEquals(1, length);
                    int origin = b[value] & 0xFF;
                    assertTrue(origin == 0 || origin == 2, "ORIGIN " + origin);
                    s.withOrigin++;
                    if (origin == 2) {
                        s.incomplete++;
                    }
                }
                case 2 -> {
                    assertEquals(2, b[value] & 0xFF, "one AS_SEQUENCE");
                    int count = b[value + 1] & 0xFF;
                    assertEquals(2 + 4 * count, length, "AS_PATH length for " + count + " 4-octet ASNs");
                    assertEquals(NEIGHBOUR_AS, u32(b, value + 2), "leftmost AS");
                    for (int i = 1; i < count; i++) {
                        long asn = u32(b, value + 2 + 4 * i) & 0xFFFFFFFFL;
                        assertTrue(asn != 0 && asn != 23456, "ASN " + asn);
                        s.otherAsns++;
                        if (asn > 65535) {
                            s.wideAsns++;
                        }
                    }
                    s.minPath = Math.min(s.minPath, count);
                    s.maxPath = Math.max(s.maxPath, count);
                    s.pathAsns += count;
                    path = true;
                }
                case 3 -> {
                    assertEquals(4, length);
                    assertEquals(NEXT_HOP_10_255_0_1, u32(b, value));
                    s.withNextHop++;
                }
                case 4 -> {
                    assertEquals(4, length);
                    s.withMed++;
                }
                case 8 -> {
                    assertTrue(length > 0 && length % 4 == 0, "COMMUNITIES length " + length);
                    s.withCommunities++;
                    s.minCommunities = Math.min(s.minCommunities, length / 4);
                    s.maxCommunities = Math.max(s.maxCommunities, length / 4);
                }
                case 32 -> {
                    assertTrue(length > 0 && length % 12 == 0, "LARGE_COMMUNITIES length " + length);
                    s.withLarge++;
                }
                default -> fail("unexpected attribute " + type);
            }
            p = value + length;
        }
        if (previousType != 0 && !path) {
            fail("attributes without AS_PATH in message at " + message);
        }
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private static int u32(byte[] b, int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    private static int address(long prefix) {
        return (int) (prefix >>> 8);
    }

    private static int length(long prefix) {
        return (int) (prefix & 0xFF);
    }

    private static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    private static String show(long prefix) {
        int a = address(prefix);
        return (a >>> 24) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF) + "/"
                + length(prefix);
    }
}
