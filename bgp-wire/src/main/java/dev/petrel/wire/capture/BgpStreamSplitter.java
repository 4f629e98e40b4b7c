package dev.petrel.wire.capture;

import dev.petrel.wire.Framing;
import java.util.Arrays;

/**
 * Cuts one direction's byte stream into BGP messages with {@link Framing#check}.
 *
 * <p>A header that cannot be framed (bad marker, length or type) is reported once, with its first octets, and the
 * splitter then resynchronises: it scans for the next 16-octet all-ones marker after that position and quietly
 * skips candidates whose header does not frame either (a run of 0xff inside a body is not a message). The same
 * scan is used after a gap in the stream ({@link #gap}) and at the start of a stream first seen mid-connection
 * ({@link #startMidStream}). A stream that ends inside a message yields a {@link CaptureProblem.Kind#TRUNCATED}
 * problem ({@link #finish}).
 *
 * <p>Memory is bounded: the buffer holds at most one partial message (under 64 KiB) plus one chunk of input, so
 * it never grows past {@link #CAPACITY} octets however the input arrives.
 */
final class BgpStreamSplitter {
    /** Receives what the splitter finds. */
    interface Listener {
        /** A complete message; {@code offset} is its position in the stream (octets since the stream start). */
        void message(byte[] message, long offset);

        /** A problem, quoting {@code len} octets of {@code buf} from {@code off}. */
        void problem(CaptureProblem.Kind kind, String description, byte[] buf, int off, int len);
    }

    /** The largest the buffer grows: room for one partial extended message and a chunk of input. */
    static final int CAPACITY = 2 * (Framing.MAX_EXTENDED_LENGTH + 1);

    private static final int INITIAL = 4096;

    private final Listener listener;
    private final int maxLength;
    private byte[] buf = new byte[0];
    private int start;
    private int end;
    /** Stream offset of {@code buf[start]}. */
    private long offset;
    /** Scanning for a marker rather than expecting a header at {@code start}. */
    private boolean resync;
    /** The resync is the one at the start of a stream first seen mid-connection (nothing reported yet). */
    private boolean leading;
    /** Octets skipped in the current resync. */
    private long skipped;

    /** Starts the stream's offsets at {@code offset} (for a caller that framed the octets before it itself). */
    void startAt(long offset) {
        this.offset = offset;
    }

    BgpStreamSplitter(Listener listener, int maxLength) {
        this.listener = listener;
        this.maxLength = maxLength;
    }

    /** The stream is joined mid-connection: the first octets may be the tail of a message; scan for a marker. */
    void startMidStream() {
        resync = true;
        leading = true;
        skipped = 0;
    }

    /** Feeds the next {@code len} octets of the stream. */
    void feed(byte[] data, int off, int len) {
        while (len > 0) {
            makeRoom();
            int n = Math.min(len, buf.length - end);
            System.arraycopy(data, off, buf, end, n);
            end += n;
            off += n;
            len -= n;
            drain();
        }
    }

    /**
     * {@code missing} octets of the stream were never captured: the partial message (if any) is dropped and the
     * splitter resynchronises at the next marker.
     */
    void gap(long missing) {
        int avail = end - start;
        String partial = avail == 0 || resync ? "" : "; dropped " + avail + " octets of a partial message";
        listener.problem(CaptureProblem.Kind.TRUNCATED, missing + " octets missing from the stream (not captured)"
                + partial + "; resynchronising at the next marker", buf, start, avail);
        offset += avail + missing;
        start = end = 0;
        resync = true;
        leading = false;
        skipped = 0;
    }

    /** The stream ended: reports a partial message, then resets to an empty stream expecting a header. */
    void finish() {
        int avail = end - start;
        if (!resync && avail > 0) {
            int declared = avail >= Framing.HEADER_LENGTH ? Bytes.u16(buf, start + 16) : -1;
            listener.problem(CaptureProblem.Kind.TRUNCATED, "stream ends " + avail + " octets into a message"
                    + (declared >= 0 ? " of " + declared : ""), buf, start, avail);
        } else if (resync && leading && skipped + avail > 0) {
            listener.problem(CaptureProblem.Kind.TRUNCATED, "no BGP marker in the " + (skipped + avail)
                    + " octets of this stream", buf, start, avail);
        }
        offset += avail;
        start = end = 0;
        resync = false;
        leading = false;
        skipped = 0;
    }

    /** Octets buffered and not yet part of a message. */
    int buffered() {
        return end - start;
    }

    private void makeRoom() {
        if (end < buf.length) {
            return;
        }
        int live = end - start;
        if (start > 0 && live <= buf.length / 2) {
            System.arraycopy(buf, start, buf, 0, live);
            start = 0;
            end = live;
            return;
        }
        int size = Math.min(CAPACITY, Math.max(INITIAL, buf.length * 2));
        if (size <= live) {
            // Cannot happen: drain() leaves less than one maximum-length message buffered.
            throw new IllegalStateException("splitter buffer overflow: " + live);
        }
        byte[] b = new byte[size];
        System.arraycopy(buf, start, b, 0, live);
        buf = b;
        start = 0;
        end = live;
    }

    private void consume(int n) {
        start += n;
        offset += n;
        if (start == end) {
            start = end = 0;
        }
    }

    private void drain() {
        while (true) {
            int avail = end - start;
            if (resync) {
                int m = Framing.findMarker(buf, start, end);
                if (m < 0) {
                    // Keep a tail that may be the start of a marker.
                    int keep = Math.min(avail, Framing.MARKER_LENGTH - 1);
                    skipped += avail - keep;
                    consume(avail - keep);
                    return;
                }
                skipped += m - start;
                consume(m - start);
                int r = Framing.check(buf, start, end - start, maxLength);
                if (r == Framing.NEED_MORE) {
                    return;
                }
                if (r < 0) {
                    if (leading) {
                        // Nothing reported for this stream yet: the first marker found frames nothing.
                        badHeader(r);
                    }
                    skipped++;
                    consume(1);
                    continue;
                }
                if (leading && skipped > 0) {
                    listener.problem(CaptureProblem.Kind.TRUNCATED, "stream joined mid-message: skipped " + skipped
                            + " octets before the first marker", null, 0, 0);
                }
                resync = false;
                leading = false;
                skipped = 0;
                avail = end - start;
            }
            int r = Framing.check(buf, start, avail, maxLength);
            if (r == Framing.NEED_MORE) {
                return;
            }
            if (r < 0) {
                badHeader(r);
                resync = true;
                skipped = 1;
                consume(1);
                continue;
            }
            if (avail < r) {
                return;
            }
            listener.message(Arrays.copyOfRange(buf, start, start + r), offset);
            consume(r);
        }
    }

    /** Reports the header at {@code start} that {@link Framing#check} rejected with {@code code}. */
    private void badHeader(int code) {
        CaptureProblem.Kind kind = switch (code) {
            case Framing.BAD_MARKER -> CaptureProblem.Kind.BAD_MARKER;
            case Framing.BAD_TYPE -> CaptureProblem.Kind.BAD_TYPE;
            default -> CaptureProblem.Kind.BAD_LENGTH;
        };
        listener.problem(kind, describe(code) + " at stream offset " + offset + "; resynchronising at the next marker",
                buf, start, Framing.HEADER_LENGTH);
        leading = false;
    }

    private String describe(int code) {
        return switch (code) {
            case Framing.BAD_MARKER -> "BGP marker is not all ones";
            case Framing.BAD_TYPE -> "unknown BGP message type " + (buf[start + 18] & 0xff);
            default -> "bad BGP length " + Bytes.u16(buf, start + 16) + " for type " + (buf[start + 18] & 0xff);
        };
    }
}
