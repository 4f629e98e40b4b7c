package dev.petrel.wire.capture;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Something in the container (not in BGP) that could not be read, or a BGP header that cannot be framed.
 *
 * <p>Readers report a problem and go on; they never throw on bad content. Problems inside a well-framed BGP
 * message (a bad attribute, say) are not capture problems: they belong to the message decoder.
 *
 * @param description what went wrong, for a human
 * @param source where, e.g. {@code "pcap frame 12"}
 * @param bytes the offending bytes, at most {@link #MAX_BYTES} of them (longer arrays are cut)
 * @param kind the category
 */
public record CaptureProblem(String description, String source, byte[] bytes, Kind kind) implements CaptureRecord {
    /** The most bytes a problem keeps. */
    public static final int MAX_BYTES = 64;

    /** What kind of problem. */
    public enum Kind {
        /** The container (pcap, pcapng, MRT, link layer, IP, TCP, compression) could not be read. */
        CONTAINER,
        /** A BGP header whose 16-octet marker is not all ones. */
        BAD_MARKER,
        /** A BGP header whose length is outside [19, 65535] or wrong for its type. */
        BAD_LENGTH,
        /** A BGP header whose type is not one of the known message types. */
        BAD_TYPE,
        /** A BGP message cut short: the stream ended, or octets are missing from it. */
        TRUNCATED
    }

    public CaptureProblem {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        bytes = bytes == null ? new byte[0] : Arrays.copyOf(bytes, Math.min(bytes.length, MAX_BYTES));
    }

    /** A problem quoting {@code len} bytes of {@code buf} from {@code off} (cut to {@link #MAX_BYTES}). */
    static CaptureProblem of(Kind kind, String description, String source, byte[] buf, int off, int len) {
        int n = Math.max(0, Math.min(Math.min(len, MAX_BYTES), buf == null ? 0 : buf.length - off));
        byte[] quoted = n == 0 ? new byte[0] : Arrays.copyOfRange(buf, off, off + n);
        return new CaptureProblem(description, source, quoted, kind);
    }

    /** A copy of the offending bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaptureProblem p && description.equals(p.description) && source.equals(p.source)
                && Arrays.equals(bytes, p.bytes) && kind == p.kind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(description, source, Arrays.hashCode(bytes), kind);
    }

    @Override
    public String toString() {
        return "CaptureProblem[" + kind + " at " + source + ": " + description
                + (bytes.length == 0 ? "" : " bytes=" + HexFormat.of().formatHex(bytes)) + "]";
    }
}
