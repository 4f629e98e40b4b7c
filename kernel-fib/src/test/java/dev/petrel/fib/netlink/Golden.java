package dev.petrel.fib.netlink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The kernel-captured messages under {@code src/test/resources/netlink} (see capture.py there). */
final class Golden {
    private Golden() {}

    /** Each message of a capture file, one per line, as raw bytes. */
    static List<byte[]> messages(String file) {
        InputStream in = Golden.class.getResourceAsStream("/netlink/" + file);
        if (in == null) {
            throw new IllegalStateException("missing test resource netlink/" + file);
        }
        List<byte[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(HexFormat.of().parseHex(line.trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The bytes in a host-order buffer, as the socket hands them over. */
    static ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.allocate(bytes.length).order(ByteOrder.nativeOrder()).put(0, bytes);
    }

    static byte[] bytes(ByteBuffer b, int from, int to) {
        byte[] out = new byte[to - from];
        b.get(from, out);
        return out;
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
