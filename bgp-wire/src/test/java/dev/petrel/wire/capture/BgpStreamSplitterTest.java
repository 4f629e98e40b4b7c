package dev.petrel.wire.capture;

import static dev.petrel.wire.capture.Fixtures.concat;
import static dev.petrel.wire.capture.Fixtures.keepalive;
import static dev.petrel.wire.capture.Fixtures.message;
import static dev.petrel.wire.capture.Fixtures.messages;
import static dev.petrel.wire.capture.Fixtures.problems;
import static dev.petrel.wire.capture.Fixtures.read;
import static dev.petrel.wire.capture.Fixtures.slice;
import static dev.petrel.wire.capture.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.Framing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The splitter on its own, and RAW files (which are read by it). */
class BgpStreamSplitterTest {

    /** Records what a splitter reports. */
    private static final class Recorder implements BgpStreamSplitter.Listener {
        final List<byte[]> messages = new ArrayList<>();
        final List<Long> offsets = new ArrayList<>();
        final List<CaptureProblem.Kind> kinds = new ArrayList<>();
        final List<String> descriptions = new ArrayList<>();
        final List<byte[]> quoted = new ArrayList<>();

        @Override
        public void message(byte[] message, long offset) {
            messages.add(message);
            offsets.add(offset);
        }

        @Override
        public void problem(CaptureProblem.Kind kind, String description, byte[] buf, int off, int len) {
            kinds.add(kind);
            descriptions.add(description);
            quoted.add(buf == null ? new byte[0] : Arrays.copyOfRange(buf, off, off + Math.min(len, 64)));
        }
    }

    @Test
    void rawFileOfTwoMessages() {
        byte[] a = keepalive();
        byte[] b = update(40);
        List<CaptureRecord> records = read(concat(a, b));
        assertEquals(CaptureFormat.RAW, CaptureReader.detect(concat(a, b)));
        List<BgpMessageRecord> m = messages(records);
        assertEquals(2, m.size());
        assertArrayEquals(a, m.get(0).message());
        assertArrayEquals(b, m.get(1).message());
        assertEquals("raw offset 0", m.get(0).source());
        assertEquals("raw offset 19", m.get(1).source());
        assertNull(m.get(0).from());
        assertNull(m.get(0).fourOctetAs());
        assertEquals(-1, m.get(0).peerAs());
        assertEquals(List.of(), problems(records));
    }

    @Test
    void badMarkerInRawStreamThenGoodMessage() {
        byte[] bad = keepalive();
        bad[5] = 0x00;
        byte[] good = update(30);
        List<CaptureRecord> records = read(concat(keepalive(), bad, good));
        List<BgpMessageRecord> m = messages(records);
        assertEquals(2, m.size());
        assertArrayEquals(keepalive(), m.get(0).message());
        assertArrayEquals(good, m.get(1).message());
        List<CaptureProblem> p = problems(records);
        assertEquals(1, p.size());
        assertEquals(CaptureProblem.Kind.BAD_MARKER, p.get(0).kind());
        assertArrayEquals(bad, p.get(0).bytes(), "the 19 header octets are quoted");
        // Order: the problem comes between the messages.
        assertTrue(records.indexOf(p.get(0)) == 1);
    }

    @Test
    void badLengthAndBadTypeAreReportedAndSkipped() {
        byte[] longKeepalive = message(4, 1); // KEEPALIVE must be exactly 19
        byte[] unknownType = message(9, 4);
        byte[] good = keepalive();
        Recorder r = new Recorder();
        BgpStreamSplitter s = new BgpStreamSplitter(r, Framing.MAX_EXTENDED_LENGTH);
        byte[] stream = concat(longKeepalive, good, unknownType, good);
        s.feed(stream, 0, stream.length);
        s.finish();
        assertEquals(List.of(CaptureProblem.Kind.BAD_LENGTH, CaptureProblem.Kind.BAD_TYPE), r.kinds);
        assertEquals(2, r.messages.size());
        assertEquals(List.of(20L, 20L + 19 + 23), r.offsets);
    }

    @Test
    void truncatedFinalMessage() {
        byte[] u = update(60);
        List<CaptureRecord> records = read(concat(keepalive(), slice(u, 0, 30)));
        assertEquals(1, messages(records).size());
        List<CaptureProblem> p = problems(records);
        assertEquals(1, p.size());
        assertEquals(CaptureProblem.Kind.TRUNCATED, p.get(0).kind());
        assertTrue(p.get(0).description().contains("30 octets into a message of 60"), p.get(0).description());
        assertArrayEquals(slice(u, 0, 30), p.get(0).bytes());
    }

    @Test
    void truncatedHeader() {
        List<CaptureRecord> records = read(slice(update(60), 0, 17));
        assertEquals(0, messages(records).size());
        assertEquals(CaptureProblem.Kind.TRUNCATED, problems(records).get(0).kind());
    }

    @Test
    void extendedMessagesAreFramed() {
        byte[] big = update(65535);
        List<CaptureRecord> records = read(concat(big, keepalive()));
        assertEquals(List.of(65535, 19), messages(records).stream().map(BgpMessageRecord::length).toList());
        assertEquals(List.of(), problems(records));
    }

    @Test
    void aRunOfOnesYieldsOneProblem() {
        byte[] ones = new byte[100];
        Arrays.fill(ones, (byte) 0xff);
        List<CaptureRecord> records = read(concat(ones, keepalive(), update(25)));
        assertEquals(2, messages(records).size());
        assertEquals(1, problems(records).size());
    }

    @Test
    void byteByByteEqualsAllAtOnce() {
        byte[] bad = keepalive();
        bad[0] = 0;
        byte[] stream = concat(update(100), keepalive(), bad, update(4000), update(70000 - 65000), keepalive());
        Recorder whole = new Recorder();
        BgpStreamSplitter a = new BgpStreamSplitter(whole, Framing.MAX_EXTENDED_LENGTH);
        a.feed(stream, 0, stream.length);
        a.finish();
        Recorder bytes = new Recorder();
        BgpStreamSplitter b = new BgpStreamSplitter(bytes, Framing.MAX_EXTENDED_LENGTH);
        for (int i = 0; i < stream.length; i++) {
            b.feed(stream, i, 1);
        }
        b.finish();
        assertEquals(5, whole.messages.size());
        assertEquals(whole.offsets, bytes.offsets);
        assertEquals(whole.kinds, bytes.kinds);
        for (int i = 0; i < whole.messages.size(); i++) {
            assertArrayEquals(whole.messages.get(i), bytes.messages.get(i));
        }
    }

    @Test
    void bufferStaysBoundedOnLargeInput() {
        byte[] stream = new byte[0];
        byte[] u = update(60000);
        for (int i = 0; i < 20; i++) {
            stream = concat(stream, u);
        }
        Recorder r = new Recorder();
        BgpStreamSplitter s = new BgpStreamSplitter(r, Framing.MAX_EXTENDED_LENGTH);
        for (int off = 0; off < stream.length; off += 100_000) {
            s.feed(stream, off, Math.min(100_000, stream.length - off));
            assertTrue(s.buffered() < Framing.MAX_EXTENDED_LENGTH);
        }
        s.finish();
        assertEquals(20, r.messages.size());
        assertEquals(List.of(), r.kinds);
    }

    @Test
    void gapDropsThePartialMessageAndResynchronises() {
        byte[] u = update(80);
        Recorder r = new Recorder();
        BgpStreamSplitter s = new BgpStreamSplitter(r, Framing.MAX_EXTENDED_LENGTH);
        s.feed(keepalive(), 0, 19);
        s.feed(u, 0, 30);
        s.gap(20);
        s.feed(u, 50, 30); // the tail of the broken message: no marker in it
        s.feed(keepalive(), 0, 19);
        s.finish();
        assertEquals(2, r.messages.size());
        assertEquals(List.of(0L, 19L + 80), r.offsets);
        assertEquals(List.of(CaptureProblem.Kind.TRUNCATED), r.kinds);
        assertTrue(r.descriptions.get(0).contains("20 octets missing"), r.descriptions.get(0));
        assertArrayEquals(slice(u, 0, 30), r.quoted.get(0));
    }

    @Test
    void streamJoinedMidMessage() {
        byte[] u = update(80);
        Recorder r = new Recorder();
        BgpStreamSplitter s = new BgpStreamSplitter(r, Framing.MAX_EXTENDED_LENGTH);
        s.startMidStream();
        byte[] stream = concat(slice(u, 45, 80), keepalive());
        s.feed(stream, 0, stream.length);
        s.finish();
        assertEquals(1, r.messages.size());
        assertEquals(List.of(35L), r.offsets);
        assertEquals(List.of(CaptureProblem.Kind.TRUNCATED), r.kinds);
        assertTrue(r.descriptions.get(0).contains("skipped 35 octets"), r.descriptions.get(0));
    }

    @Test
    void streamJoinedAtABoundaryReportsNothing() {
        Recorder r = new Recorder();
        BgpStreamSplitter s = new BgpStreamSplitter(r, Framing.MAX_EXTENDED_LENGTH);
        s.startMidStream();
        byte[] stream = concat(keepalive(), update(30));
        s.feed(stream, 0, stream.length);
        s.finish();
        assertEquals(2, r.messages.size());
        assertEquals(List.of(), r.kinds);
    }
}
