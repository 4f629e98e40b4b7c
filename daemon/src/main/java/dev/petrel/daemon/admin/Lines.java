package dev.petrel.daemon.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** One newline-terminated line read from a channel, with a bound so the peer cannot make us buffer without end. */
final class Lines {
    private Lines() {}

    /** The line was longer than the bound. */
    static final class TooLong extends IOException {
        TooLong(int limit) {
            super("longer than " + limit + " bytes");
        }
    }

    /**
     * Reads up to the first newline (not included) or the end of the stream; anything after the newline is
     * ignored, since each side sends one line and then waits.
     *
     * @throws TooLong when {@code limit} bytes arrive without a newline
     */
    static String read(SocketChannel ch, int limit) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (ch.read(buf) >= 0) {
            buf.flip();
            while (buf.hasRemaining()) {
                byte b = buf.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() == limit) {
                    throw new TooLong(limit);
                }
                line.write(b);
            }
            buf.clear();
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    static void write(SocketChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
