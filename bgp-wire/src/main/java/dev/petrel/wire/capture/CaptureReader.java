package dev.petrel.wire.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns capture files into a stream of {@link CaptureRecord}s: BGP messages from packet captures (pcap, pcapng),
 * BGP messages, RIB entries and state changes from MRT dumps, or BGP messages from a raw concatenation.
 *
 * <p>The format is found from the content, never from the file name: gzip and bzip2 wrapping first, then the pcap
 * and pcapng magic numbers, then a run of 16 0xff octets (a raw BGP stream), then a plausible MRT record header;
 * anything else is read as a raw BGP stream (and will most likely yield a {@link CaptureProblem}).
 *
 * <p>Readers never throw on content: what they cannot read becomes a {@link CaptureProblem} and reading goes on
 * where it can. Exceptions thrown by the caller's sink propagate unchanged.
 */
public final class CaptureReader {
    private CaptureReader() {}

    /** The start of the description of a problem that is a reader bug rather than bad content. */
    static final String INTERNAL_ERROR = "internal error: ";

    /** How much decompressed content {@link #detect} looks at. */
    private static final int DETECT_LIMIT = 64 * 1024;

    /** Test hook: container facts that are not records. */
    interface Observer {
        Observer NONE = new Observer() {};

        /** A link type was announced (pcap header, pcapng interface). */
        default void linkType(int linkType) {}

        /** A complete MRT record header was read. */
        default void mrtRecord(int type, int subtype) {}
    }

    /**
     * Detects the format from the first octets of a file (pcap in either byte order including the nanosecond
     * magic, pcapng, MRT, any of these gzip- or bzip2-compressed), else {@link CaptureFormat#RAW}.
     *
     * @param head the start of the file; the more it holds the better the MRT check (two headers are checked
     *     when both are present). For a bzip2 file the head must hold the first compressed block (bzip2 cannot
     *     decompress part of a block; blocks are up to 900 kB), else the content looks like nothing and RAW is
     *     returned.
     */
    public static CaptureFormat detect(byte[] head) {
        Objects.requireNonNull(head, "head");
        byte[] plain = Decompression.isCompressed(head) ? Decompression.unwrap(head, DETECT_LIMIT).content() : head;
        return detectPlain(plain);
    }

    private static CaptureFormat detectPlain(byte[] b) {
        if (PcapReader.matches(b)) {
            return CaptureFormat.PCAP;
        }
        if (PcapngReader.matches(b)) {
            return CaptureFormat.PCAPNG;
        }
        if (startsWithMarker(b)) {
            return CaptureFormat.RAW;
        }
        if (MrtReader.plausible(b)) {
            return CaptureFormat.MRT;
        }
        return CaptureFormat.RAW;
    }

    private static boolean startsWithMarker(byte[] b) {
        if (b.length < 16) {
            return false;
        }
        for (int i = 0; i < 16; i++) {
            if (b[i] != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a whole file (decompressing gzip or bzip2 by magic, not by name) and calls the sink for each record in
     * order. Never throws on bad content: reports a {@link CaptureProblem} and goes on.
     *
     * @return the format of the (decompressed) content
     * @throws IOException when the file cannot be read
     */
    public static CaptureFormat read(Path file, Consumer<CaptureRecord> sink) throws IOException {
        return read(Files.readAllBytes(file), sink);
    }

    /** Reads content held in memory; see {@link #read(Path, Consumer)}. */
    public static CaptureFormat read(byte[] content, Consumer<CaptureRecord> sink) {
        return read(content, sink, Observer.NONE);
    }

    static CaptureFormat read(byte[] content, Consumer<CaptureRecord> sink, Observer observer) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sink, "sink");
        Emitter out = new Emitter(sink, observer);
        CaptureFormat format = CaptureFormat.RAW;
        try {
            Decompression.Result plain = Decompression.unwrap(content, Decompression.MAX_OUTPUT);
            byte[] data = plain.content();
            format = detectPlain(data);
            switch (format) {
                case PCAP -> PcapReader.read(data, out);
                case PCAPNG -> PcapngReader.read(data, out);
                case MRT -> MrtReader.read(data, out);
                case RAW -> RawReader.read(data, out);
            }
            if (plain.problem() != null) {
                out.problem(CaptureProblem.Kind.CONTAINER, plain.problem(), "decompression", null, 0, 0);
            }
        } catch (Emitter.SinkFailure e) {
            throw (RuntimeException) e.getCause();
        } catch (RuntimeException e) {
            // A reader bug, not bad content: still no exception for the caller, but a problem that says so.
            sink.accept(new CaptureProblem(INTERNAL_ERROR + e, "reader", null, CaptureProblem.Kind.CONTAINER));
        }
        return format;
    }
}
