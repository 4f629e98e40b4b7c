package dev.petrel.wire.capture;

import dev.petrel.wire.Framing;

/**
 * Reads a file that is a plain concatenation of BGP messages (as some tools write, and as single-message test
 * vectors are stored) with a {@link BgpStreamSplitter}: no endpoints, no timestamps.
 */
final class RawReader {
    private RawReader() {}

    static void read(byte[] data, Emitter out) {
        // Fast path: the whole stream is in memory, so well-formed messages are cut straight out of it. At the first
        // header that does not frame, the splitter takes over for its resynchronisation and problem reports.
        int p = 0;
        while (data.length - p >= Framing.HEADER_LENGTH) {
            int len = Framing.check(data, p, data.length - p, Framing.MAX_EXTENDED_LENGTH);
            if (len < 0 || len > data.length - p) {
                break;
            }
            out.emit(BgpMessageRecord.rawOwned(java.util.Arrays.copyOfRange(data, p, p + len), p));
            p += len;
        }
        if (p == data.length) {
            return;
        }
        BgpStreamSplitter splitter = new BgpStreamSplitter(new BgpStreamSplitter.Listener() {
            @Override
            public void message(byte[] message, long offset) {
                out.emit(BgpMessageRecord.rawOwned(message, offset)); // the splitter made a fresh array
            }

            @Override
            public void problem(CaptureProblem.Kind kind, String description, byte[] buf, int off, int len) {
                out.problem(kind, description, "raw stream", buf, off, len);
            }
        }, Framing.MAX_EXTENDED_LENGTH);
        splitter.startAt(p);
        splitter.feed(data, p, data.length - p);
        splitter.finish();
    }
}
