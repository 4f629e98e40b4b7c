package dev.petrel.wire.capture;

import static dev.petrel.wire.capture.Fixtures.ACK;
import static dev.petrel.wire.capture.Fixtures.PSH;
import static dev.petrel.wire.capture.Fixtures.bgp4mpMessageAs4;
import static dev.petrel.wire.capture.Fixtures.concat;
import static dev.petrel.wire.capture.Fixtures.frameAtoB;
import static dev.petrel.wire.capture.Fixtures.keepalive;
import static dev.petrel.wire.capture.Fixtures.messages;
import static dev.petrel.wire.capture.Fixtures.mrt;
import static dev.petrel.wire.capture.Fixtures.problems;
import static dev.petrel.wire.capture.Fixtures.read;
import static dev.petrel.wire.capture.Fixtures.slice;
import static dev.petrel.wire.capture.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gzip and bzip2 wrapping, recognised by magic number. */
class DecompressionTest {
    private static final byte[] PCAP = new Fixtures.Pcap(1)
            .frame(1, frameAtoB(1, PSH | ACK, concat(keepalive(), update(40))))
            .bytes();
    private static final byte[] MRT = concat(
            mrt(1_700_000_000L, 16, 4, bgp4mpMessageAs4(1, 2, "10.0.0.1", "10.0.0.2", keepalive())),
            mrt(1_700_000_001L, 16, 4, bgp4mpMessageAs4(1, 2, "10.0.0.1", "10.0.0.2", update(30))));

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] bzip2(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream z = new BZip2CompressorOutputStream(out, 1)) { // 100 kB blocks: cheap
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void gzipAndBzip2OfEachFormat() {
        byte[] raw = concat(keepalive(), update(25));
        for (byte[] plain : List.of(PCAP, MRT, raw)) {
            List<CaptureRecord> expected = read(plain);
            CaptureFormat format = CaptureReader.detect(plain);
            for (byte[] wrapped : List.of(gzip(plain), bzip2(plain), gzip(bzip2(plain)))) {
                assertEquals(format, CaptureReader.detect(wrapped));
                List<CaptureRecord> got = new ArrayList<>();
                assertEquals(format, CaptureReader.read(wrapped, got::add));
                assertEquals(expected, got);
                assertEquals(2, messages(got).size());
            }
        }
    }

    @Test
    void detectionLooksInsideAPrefixOfTheCompressedFile() {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (int i = 0; i < 2000; i++) {
            records.writeBytes(mrt(1_700_000_000L + i, 16, 4,
                    bgp4mpMessageAs4(i, 2, "10.0.0.1", "10.0.0.2", update(100 + i % 50))));
        }
        byte[] big = records.toByteArray();
        byte[] gz = gzip(big);
        assertEquals(CaptureFormat.MRT, CaptureReader.detect(slice(gz, 0, 200)));
        // bzip2 decompresses whole blocks (here 100 kB, up to 900 kB): a head must hold the first one.
        byte[] bz = bzip2(big);
        assertEquals(CaptureFormat.MRT, CaptureReader.detect(bz));
        assertEquals(CaptureFormat.RAW, CaptureReader.detect(slice(bz, 0, 1000)));
    }

    @Test
    void concatenatedMembersAreAllRead() {
        byte[] twice = concat(gzip(MRT), gzip(MRT));
        assertEquals(4, messages(read(twice)).size());
        assertEquals(4, messages(read(concat(bzip2(MRT), bzip2(MRT)))).size());
    }

    @Test
    void damagedCompressedStreamKeepsWhatCameBefore() {
        byte[] gz = gzip(MRT);
        List<CaptureRecord> records = read(slice(gz, 0, gz.length - 6)); // the CRC/size trailer is cut
        assertEquals(2, messages(records).size());
        List<CaptureProblem> p = problems(records);
        assertEquals(1, p.size());
        assertEquals(CaptureProblem.Kind.CONTAINER, p.get(0).kind());
        assertEquals("decompression", p.get(0).source());
        assertTrue(p.get(0).description().startsWith("gzip"), p.get(0).description());
        List<CaptureRecord> garbage = read(new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        assertTrue(problems(garbage).size() >= 1);
    }

    @Test
    void readsFilesByContentNotName(@TempDir Path dir) throws IOException {
        Path misnamed = dir.resolve("capture.pcap");
        Files.write(misnamed, bzip2(MRT));
        List<CaptureRecord> records = new ArrayList<>();
        assertEquals(CaptureFormat.MRT, CaptureReader.read(misnamed, records::add));
        assertEquals(2, messages(records).size());
    }
}
