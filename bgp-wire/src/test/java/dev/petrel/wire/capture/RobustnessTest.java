package dev.petrel.wire.capture;

import static dev.petrel.wire.capture.Fixtures.ACK;
import static dev.petrel.wire.capture.Fixtures.PSH;
import static dev.petrel.wire.capture.Fixtures.SYN;
import static dev.petrel.wire.capture.Fixtures.bgp4mpMessageAs4;
import static dev.petrel.wire.capture.Fixtures.concat;
import static dev.petrel.wire.capture.Fixtures.frameAtoB;
import static dev.petrel.wire.capture.Fixtures.frameBtoA;
import static dev.petrel.wire.capture.Fixtures.keepalive;
import static dev.petrel.wire.capture.Fixtures.mrt;
import static dev.petrel.wire.capture.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.Framing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Random garbage, truncations and mutations never make a reader throw, loop or report an internal error, and
 * every message it yields is framed. Seeded, so a failure can be replayed; bounded, so it stays fast.
 */
class RobustnessTest {
    private static final long SEED = 0x5eed_0179L;

    /** Reads {@code content} and checks the invariants; returns the number of records. */
    private static int readChecked(byte[] content, String what) {
        List<CaptureRecord> records = new ArrayList<>();
        try {
            CaptureReader.read(content, records::add);
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": threw on " + hex(content), e);
        }
        for (CaptureRecord r : records) {
            if (r instanceof CaptureProblem p) {
                assertFalse(p.description().startsWith(CaptureReader.INTERNAL_ERROR),
                        () -> what + ": " + p + " on " + hex(content));
                assertTrue(p.bytes().length <= CaptureProblem.MAX_BYTES);
            } else if (r instanceof BgpMessageRecord m) {
                byte[] b = m.message();
                assertEquals(b.length, Framing.check(b, 0, b.length, Framing.MAX_EXTENDED_LENGTH), what);
            }
        }
        return records.size();
    }

    private static String hex(byte[] b) {
        return b.length + " octets " + HexFormat.of().formatHex(b, 0, Math.min(b.length, 256));
    }

    /** Magic numbers and headers that send random bytes deep into each reader. */
    private static final byte[][] PREFIXES = {
        {},
        {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0},
        {(byte) 0xa1, (byte) 0xb2, 0x3c, 0x4d, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 113},
        {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, (byte) 178,
            0, 0, 0},
        {0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1, 28, 0,
            0, 0, 1, 0, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0},
        {0x65, 0, 0, 0, 0, 16, 0, 4},
        {0x65, 0, 0, 0, 0, 13, 0, 2},
        {0x65, 0, 0, 0, 0, 5, 0, 1},
        {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
        {0x1f, (byte) 0x8b, 8, 0},
        {'B', 'Z', 'h', '9'},
    };

    @Test
    void randomGarbageNeverThrows() {
        Random random = new Random(SEED);
        for (int i = 0; i < 2000; i++) {
            byte[] prefix = PREFIXES[i % PREFIXES.length];
            byte[] body = new byte[random.nextInt(i % 10 == 0 ? 20_000 : 600)];
            random.nextBytes(body);
            if (random.nextBoolean()) {
                // Sprinkle markers and small lengths, which random bytes almost never contain.
                for (int k = 0; k + 19 <= body.length && k < 400; k += 19 + random.nextInt(40)) {
                    Arrays.fill(body, k, k + 16, (byte) 0xff);
                    body[k + 16] = 0;
                    body[k + 17] = (byte) (19 + random.nextInt(60));
                    body[k + 18] = (byte) random.nextInt(6);
                }
            }
            readChecked(concat(prefix, body), "garbage " + i);
        }
    }

    /** Small, valid captures of every format to mutate. */
    private static List<byte[]> seeds() {
        byte[] stream = concat(Fixtures.message(1, 10), keepalive(), update(70), update(300), keepalive());
        byte[] pcap = new Fixtures.Pcap(1)
                .frame(1, frameAtoB(10, SYN, new byte[0]))
                .frame(2, frameAtoB(11, PSH | ACK, Arrays.copyOfRange(stream, 0, 100)))
                .frame(3, frameBtoA(900, 111, PSH | ACK, keepalive()))
                .frame(4, frameAtoB(111, PSH | ACK, Arrays.copyOfRange(stream, 100, stream.length)))
                .bytes();
        byte[] pcapng = new Fixtures.Pcapng().iface(1, 9)
                .packet(0, 5, frameAtoB(11, PSH | ACK, Arrays.copyOfRange(stream, 0, 60)))
                .packet(0, 6, frameAtoB(71, PSH | ACK, Arrays.copyOfRange(stream, 60, stream.length)))
                .bytes();
        byte[] mrt = concat(
                mrt(1, 16, 4, bgp4mpMessageAs4(1, 2, "10.0.0.1", "10.0.0.2", update(40))),
                mrt(2, 17, 4, concat(new byte[4], bgp4mpMessageAs4(1, 2, "10.0.0.1", "10.0.0.2", keepalive()))),
                mrt(3, 13, 1, new byte[] {1, 2, 3, 4, 0, 0, 0, 1, 2, 1, 1, 1, 1, 10, 0, 0, 1, 0, 0, (byte) 0xfd, (byte) 0xe8}),
                mrt(4, 13, 8, new byte[] {0, 0, 0, 1, 8, 10, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 7, 0, 4, 0x40, 1, 1, 0}),
                mrt(5, 5, 1, new byte[] {0, 1, 10, 0, 0, 1, 0, 2, 10, 0, 0, 2, 0, 0, 0, 0}));
        return List.of(pcap, pcapng, mrt, stream, DecompressionTest.gzip(mrt));
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        switch (random.nextInt(5)) {
            case 0 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1)); // truncate
            case 1 -> { // flip a few octets
                for (int k = 0, n = 1 + random.nextInt(8); k < n && b.length > 0; k++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> { // set a 32-bit field to an extreme
                if (b.length >= 4) {
                    int at = random.nextInt(b.length - 3);
                    int v = random.nextBoolean() ? -1 : 0x7fff_ffff;
                    Fixtures.put32(b, at, random.nextBoolean() ? v : random.nextInt());
                }
            }
            case 3 -> { // delete a range
                int from = random.nextInt(b.length + 1);
                int to = Math.min(b.length, from + random.nextInt(64));
                b = concat(Arrays.copyOf(b, from), Arrays.copyOfRange(b, to, b.length));
            }
            default -> { // duplicate a range
                int from = random.nextInt(b.length + 1);
                int to = Math.min(b.length, from + random.nextInt(200));
                b = concat(Arrays.copyOf(b, to), Arrays.copyOfRange(b, from, b.length));
            }
        }
        return b;
    }

    @Test
    void mutatedSyntheticCapturesNeverThrow() {
        Random random = new Random(SEED + 1);
        List<byte[]> seeds = seeds();
        for (byte[] s : seeds) {
            assertTrue(readChecked(s, "seed") > 0);
        }
        for (int i = 0; i < 4000; i++) {
            byte[] seed = seeds.get(i % seeds.size());
            byte[] m = mutate(seed, random);
            if (random.nextInt(4) == 0) {
                m = mutate(m, random);
            }
            readChecked(m, "mutation " + i);
        }
    }

    @Test
    void truncatedAndMutatedRealFilesNeverThrow() throws IOException {
        Path root = TestData.root().orElse(null);
        Assumptions.assumeTrue(root != null, TestData.ABSENT);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> f.toString().matches(".*(\\.pcap|\\.cap|\\.pcapng|\\.gz|\\.bz2|\\.bin|_bgp|_rib.*)$"))
                    .filter(f -> !f.toString().contains("test_expect"))
                    .sorted().toList();
        }
        Random random = new Random(SEED + 2);
        long budget = 0;
        for (Path f : files) {
            byte[] raw = Files.readAllBytes(f);
            byte[] plain = Decompression.isCompressed(raw) ? Decompression.unwrap(raw, 1 << 26).content() : raw;
            if (plain.length > 2_000_000) {
                plain = Arrays.copyOf(plain, 2_000_000); // the big update files: their first 2 MB is plenty
            }
            // Fewer rounds for bigger files: about 3 MB of reading per file at most.
            int rounds = (int) Math.max(4, Math.min(30, 3_000_000L / Math.max(1, plain.length)));
            for (int i = 0; i < rounds; i++) {
                byte[] m = i % 2 == 0 ? Arrays.copyOf(plain, random.nextInt(plain.length + 1)) : mutate(plain, random);
                readChecked(m, f.getFileName() + " round " + i);
                budget += m.length;
            }
            if (raw != plain && raw.length < 200_000) {
                readChecked(Arrays.copyOf(raw, random.nextInt(raw.length + 1)), f.getFileName() + " compressed cut");
            }
        }
        assertTrue(budget > 0);
    }
}
