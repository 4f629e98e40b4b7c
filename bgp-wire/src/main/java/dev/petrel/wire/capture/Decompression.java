package dev.petrel.wire.capture;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Removes gzip and bzip2 wrapping, recognised by magic number (never by file name). Concatenated members are
 * read, as {@code gzip} and {@code bzip2} do; nested wrapping (a .gz of a .bz2) is undone up to
 * {@link #MAX_LAYERS} times.
 *
 * <p>Output is bounded by {@link #MAX_OUTPUT}: archives routinely compress 10:1 and a corrupted or hostile one can
 * claim far more. A damaged or cut-short stream yields what was decompressed before the damage, with a note.
 */
final class Decompression {
    private Decompression() {}

    static final int MAX_OUTPUT = 1 << 30;
    static final int MAX_LAYERS = 3;

    /** Decompressed content, and a description of what went wrong, or null. */
    record Result(byte[] content, String problem) {}

    static boolean isGzip(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b && b[2] == 8;
    }

    static boolean isBzip2(byte[] b) {
        return b.length >= 4 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h' && b[3] >= '1' && b[3] <= '9';
    }

    static boolean isCompressed(byte[] b) {
        return isGzip(b) || isBzip2(b);
    }

    /** Removes every layer of compression from {@code content}, reading at most {@code limit} octets per layer. */
    static Result unwrap(byte[] content, int limit) {
        byte[] data = content;
        StringBuilder problems = null;
        for (int layer = 0; layer < MAX_LAYERS && isCompressed(data); layer++) {
            Result r = once(data, limit);
            if (r.problem() != null) {
                if (problems == null) {
                    problems = new StringBuilder();
                } else {
                    problems.append("; ");
                }
                problems.append(r.problem());
            }
            data = r.content();
        }
        return new Result(data, problems == null ? null : problems.toString());
    }

    private static Result once(byte[] data, int limit) {
        String name = isGzip(data) ? "gzip" : "bzip2";
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, Math.max(64, data.length * 4)));
        String problem = null;
        try (InputStream in = open(data)) {
            byte[] chunk = new byte[64 * 1024];
            while (true) {
                int want = Math.min(chunk.length, limit - out.size());
                if (want == 0) {
                    if (in.read() >= 0) {
                        problem = name + " content exceeds " + limit + " octets; the rest is not read";
                    }
                    break;
                }
                int n = in.read(chunk, 0, want);
                if (n < 0) {
                    break;
                }
                out.write(chunk, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            problem = name + " stream is damaged or cut short after " + out.size() + " decompressed octets ("
                    + e.getMessage() + ")";
        }
        return new Result(out.toByteArray(), problem);
    }

    private static InputStream open(byte[] data) throws IOException {
        ByteArrayInputStream raw = new ByteArrayInputStream(data);
        return isGzip(data) ? new GZIPInputStream(raw, 64 * 1024) : new BZip2CompressorInputStream(raw, true);
    }
}
