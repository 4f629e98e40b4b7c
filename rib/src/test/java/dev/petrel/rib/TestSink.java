package dev.petrel.rib;

import dev.petrel.wire.BgpMessage;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.Notification;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** A peer's end of the RIB for tests: decodes what the RIB writes, as the peer would. */
final class TestSink implements RouteSink {
    final SessionContext peerView;
    final List<BgpMessage> messages = new ArrayList<>();
    volatile boolean writable = true;
    volatile int resumed;
    volatile Notification reset;
    long prefixes;

    TestSink(SessionContext peerView) {
        this.peerView = peerView;
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public synchronized void write(ByteBuf buf, int count, int prefixes) {
        try {
            this.prefixes += prefixes;
            byte[] b = new byte[buf.readableBytes()];
            buf.readBytes(b);
            int off = 0;
            while (off < b.length) {
                int len = ((b[off + 16] & 0xff) << 8) | (b[off + 17] & 0xff);
                DecodeResult r = MessageDecoder.decode(b, off, len, peerView);
                if (r.isReset()) {
                    throw new AssertionError("the RIB wrote a message its peer refuses: " + r.problems());
                }
                messages.add(r.message());
                off += len;
            }
        } finally {
            buf.release();
        }
    }

    /** ROUTE-REFRESH messages the RIB wrote through {@link #writeRouteRefresh}. */
    volatile int routeRefreshWrites;

    @Override
    public synchronized void writeRouteRefresh(ByteBuf buf) {
        routeRefreshWrites++;
        write(buf, 1, 0);
    }

    @Override
    public void resumeReading() {
        resumed++;
    }

    @Override
    public void reset(Notification notification) {
        reset = notification;
    }

    synchronized List<Update> updates() {
        List<Update> out = new ArrayList<>();
        for (BgpMessage m : messages) {
            if (m instanceof Update u) {
                out.add(u);
            }
        }
        return out;
    }

    synchronized void clear() {
        messages.clear();
    }
}
