package dev.petrel.wire.capture;

import dev.petrel.wire.Framing;

/**
 * Reads a file that is a plain concatenation of BGP messages (as some tools write, and as single-message test
 * vectors are stored) with a {@link BgpStreamSplitter}: no endpoints, no timestamps.
 */
final class RawReader {
    private RawReader() {}

    static void read(byte[] data, Emitter out) {
        BgpStreamSplitter splitter = new BgpStreamSplitter(new BgpStreamSplitter.Listener() {
            @Override
            public void message(byte[] message, long offset) {
                out.emit(new BgpMessageRecord(message, null, null, 0, null, false, -1, -1, "raw offset " + offset));
            }

            @Override
            public void problem(CaptureProblem.Kind kind, String description, byte[] buf, int off, int len) {
                out.problem(kind, description, "raw stream", buf, off, len);
            }
        }, Framing.MAX_EXTENDED_LENGTH);
        splitter.feed(data, 0, data.length);
        splitter.finish();
    }
}
