package dev.petrel.wire.capture;

/**
 * Reads the classic libpcap format: a 24-octet file header, then records of a 16-octet header and the captured
 * octets. The magic number gives the byte order (files are written in the capturing host's order) and the
 * timestamp unit: 0xa1b2c3d4 microseconds, 0xa1b23c4d nanoseconds. The "modified" pcap of old Red Hat tcpdump
 * (0xa1b2cd34) has 8 more octets per record header and is read too.
 *
 * <p>A record whose captured length runs past the end of the file is reported and ends the reading: with no
 * framing beyond the lengths, nothing after it can be trusted.
 */
final class PcapReader {
    private PcapReader() {}

    static final int HEADER_LENGTH = 24;

    private static final long MAGIC_MICRO = 0xa1b2c3d4L;
    private static final long MAGIC_NANO = 0xa1b23c4dL;
    private static final long MAGIC_MODIFIED = 0xa1b2cd34L;

    /** Whether {@code head} starts with a pcap magic number in either byte order. */
    static boolean matches(byte[] head) {
        if (head.length < 4) {
            return false;
        }
        long be = Bytes.u32(head, 0);
        long le = Bytes.u32(head, 0, false);
        return isMagic(be) || isMagic(le);
    }

    private static boolean isMagic(long m) {
        return m == MAGIC_MICRO || m == MAGIC_NANO || m == MAGIC_MODIFIED;
    }

    static void read(byte[] data, Emitter out) {
        if (data.length < HEADER_LENGTH) {
            out.problem(CaptureProblem.Kind.CONTAINER, "pcap file header cut short (" + data.length + " octets)",
                    "pcap header", data, 0, data.length);
            return;
        }
        boolean bigEndian = isMagic(Bytes.u32(data, 0));
        long magic = Bytes.u32(data, 0, bigEndian);
        boolean nanos = magic == MAGIC_NANO;
        int recordHeader = magic == MAGIC_MODIFIED ? 24 : 16;
        int linkType = (int) (Bytes.u32(data, 20, bigEndian) & 0xffff); // the upper bits describe an FCS
        PacketPipeline pipeline = new PacketPipeline(out);
        pipeline.linkType(linkType, "pcap header");
        int pos = HEADER_LENGTH;
        long frame = 0;
        while (pos < data.length) {
            frame++;
            String source = "pcap frame " + frame;
            int remaining = data.length - pos;
            if (remaining < recordHeader) {
                out.problem(CaptureProblem.Kind.CONTAINER, "pcap record header cut short (" + remaining
                        + " octets at offset " + pos + ")", source, data, pos, remaining);
                break;
            }
            long seconds = Bytes.u32(data, pos, bigEndian);
            long fraction = Bytes.u32(data, pos + 4, bigEndian);
            long captured = Bytes.u32(data, pos + 8, bigEndian);
            if (captured > remaining - recordHeader) {
                out.problem(CaptureProblem.Kind.CONTAINER, "pcap record declares " + captured
                        + " captured octets but only " + (remaining - recordHeader) + " remain (offset " + pos + ")",
                        source, data, pos, remaining);
                break;
            }
            long micros = seconds * 1_000_000L + (nanos ? fraction / 1000 : fraction);
            pipeline.frame(linkType, data, pos + recordHeader, (int) captured, micros, source);
            pos += recordHeader + (int) captured;
        }
        pipeline.finish();
    }
}
