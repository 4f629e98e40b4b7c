package dev.petrel.wire.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads pcapng: a sequence of blocks, each with a type, a total length (repeated at its end) and a body. A
 * Section Header Block sets the byte order (by its byte-order magic) and starts a new list of interfaces; an
 * Interface Description Block gives an interface's link type and timestamp resolution ({@code if_tsresol},
 * {@code if_tsoffset}); Enhanced, Simple and the obsolete Packet blocks carry frames. Other blocks (name
 * resolution, statistics, decryption secrets, custom) are skipped by their length.
 *
 * <p>A block whose length is impossible ends the reading with a problem: the next block cannot be found.
 */
final class PcapngReader {
    private PcapngReader() {}

    static final long SECTION_HEADER = 0x0a0d0d0aL;
    private static final long BYTE_ORDER_MAGIC = 0x1a2b3c4dL;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;

    private record Interface(int linkType, int snapLength, boolean binaryResolution, int resolutionExponent,
            long offsetSeconds) {
        /** Converts a timestamp in this interface's units to microseconds since the epoch. */
        long micros(long ts) {
            long seconds;
            long micros;
            if (binaryResolution) {
                int e = Math.min(resolutionExponent, 63);
                seconds = e == 0 ? ts : ts >>> e;
                long fraction = e == 0 ? 0 : ts & ((1L << e) - 1);
                micros = (long) (fraction * (1_000_000.0 / Math.pow(2, e)));
            } else {
                int e = Math.min(resolutionExponent, 18);
                long unit = pow10(e);
                seconds = Long.divideUnsigned(ts, unit);
                long fraction = Long.remainderUnsigned(ts, unit);
                micros = e <= 6 ? fraction * pow10(6 - e) : fraction / pow10(e - 6);
            }
            return (seconds + offsetSeconds) * 1_000_000L + micros;
        }
    }

    private static long pow10(int e) {
        long v = 1;
        for (int i = 0; i < e; i++) {
            v *= 10;
        }
        return v;
    }

    static boolean matches(byte[] head) {
        return head.length >= 4 && Bytes.u32(head, 0) == SECTION_HEADER;
    }

    static void read(byte[] data, Emitter out) {
        PacketPipeline pipeline = new PacketPipeline(out);
        List<Interface> interfaces = new ArrayList<>();
        boolean bigEndian = true;
        boolean inSection = false;
        int pos = 0;
        long block = 0;
        long frame = 0;
        while (pos < data.length) {
            block++;
            String blockSource = "pcapng block " + block;
            int remaining = data.length - pos;
            if (remaining < 12) {
                out.problem(CaptureProblem.Kind.CONTAINER, "pcapng block cut short (" + remaining + " octets at offset "
                        + pos + ")", blockSource, data, pos, remaining);
                break;
            }
            long type = Bytes.u32(data, pos, bigEndian);
            if (Bytes.u32(data, pos) == SECTION_HEADER) {
                long bom = Bytes.u32(data, pos + 8);
                if (bom == BYTE_ORDER_MAGIC) {
                    bigEndian = true;
                } else if (Bytes.u32(data, pos + 8, false) == BYTE_ORDER_MAGIC) {
                    bigEndian = false;
                } else {
                    out.problem(CaptureProblem.Kind.CONTAINER, "pcapng section header has no byte-order magic",
                            blockSource, data, pos, 12);
                    break;
                }
                type = SECTION_HEADER;
                inSection = true;
                interfaces.clear();
            } else if (!inSection) {
                out.problem(CaptureProblem.Kind.CONTAINER, "pcapng file does not start with a section header",
                        blockSource, data, pos, 12);
                break;
            }
            long length = Bytes.u32(data, pos + 4, bigEndian);
            if (length < 12 || length > remaining || (length & 3) != 0) {
                out.problem(CaptureProblem.Kind.CONTAINER, "pcapng block of type " + type + " declares length "
                        + length + " (" + remaining + " octets remain at offset " + pos + ")", blockSource, data, pos,
                        Math.min(remaining, 16));
                break;
            }
            int body = pos + 8;
            int bodyLength = (int) length - 12;
            if (Bytes.u32(data, pos + (int) length - 4, bigEndian) != length) {
                out.throttled("pcapng-trailer", CaptureProblem.Kind.CONTAINER,
                        "pcapng block trailing length differs from its leading length " + length, blockSource, data,
                        pos, 16);
            }
            if (type == INTERFACE_DESCRIPTION) {
                Interface itf = readInterface(data, body, bodyLength, bigEndian, out, blockSource);
                if (itf != null) {
                    interfaces.add(itf);
                    pipeline.linkType(itf.linkType(), blockSource);
                }
            } else if (type == ENHANCED_PACKET || type == PACKET || type == SIMPLE_PACKET) {
                frame++;
                String source = "pcapng frame " + frame;
                packet((int) type, data, body, bodyLength, bigEndian, interfaces, pipeline, out, source);
            }
            pos += (int) length;
        }
        pipeline.finish();
    }

    private static Interface readInterface(byte[] data, int body, int len, boolean be, Emitter out, String source) {
        if (len < 8) {
            out.problem(CaptureProblem.Kind.CONTAINER, "pcapng interface description cut short", source, data, body,
                    len);
            return null;
        }
        int linkType = Bytes.u16(data, body, be);
        int snap = (int) Bytes.u32(data, body + 4, be);
        boolean binary = false;
        int exponent = 6;
        long offset = 0;
        int p = body + 8;
        int end = body + len;
        while (end - p >= 4) {
            int code = Bytes.u16(data, p, be);
            int optLen = Bytes.u16(data, p + 2, be);
            p += 4;
            if (code == 0 || optLen > end - p) {
                break;
            }
            if (code == 9 && optLen >= 1) {
                int v = data[p] & 0xff;
                binary = (v & 0x80) != 0;
                exponent = v & 0x7f;
            } else if (code == 14 && optLen >= 8) {
                // A signed 64-bit value in the section's byte order.
                offset = be ? (Bytes.u32(data, p) << 32) | Bytes.u32(data, p + 4)
                        : (Bytes.u32(data, p + 4, false) << 32) | Bytes.u32(data, p, false);
            }
            p += (optLen + 3) & ~3;
        }
        return new Interface(linkType, snap, binary, exponent, offset);
    }

    private static void packet(int type, byte[] data, int body, int len, boolean be, List<Interface> interfaces,
            PacketPipeline pipeline, Emitter out, String source) {
        int interfaceId;
        long ts;
        int captured;
        int dataOff;
        if (type == ENHANCED_PACKET || type == PACKET) {
            if (len < 20) {
                out.problem(CaptureProblem.Kind.CONTAINER, "pcapng packet block cut short", source, data, body, len);
                return;
            }
            interfaceId = type == ENHANCED_PACKET ? (int) Math.min(Bytes.u32(data, body, be), Integer.MAX_VALUE)
                    : Bytes.u16(data, body, be);
            ts = (Bytes.u32(data, body + 4, be) << 32) | Bytes.u32(data, body + 8, be);
            long cap = Bytes.u32(data, body + 12, be);
            if (cap > len - 20) {
                out.problem(CaptureProblem.Kind.CONTAINER, "pcapng packet declares " + cap
                        + " captured octets in a block holding " + (len - 20), source, data, body, 20);
                return;
            }
            captured = (int) cap;
            dataOff = body + 20;
        } else {
            if (len < 4) {
                out.problem(CaptureProblem.Kind.CONTAINER, "pcapng simple packet block cut short", source, data, body,
                        len);
                return;
            }
            interfaceId = 0;
            ts = 0;
            long original = Bytes.u32(data, body, be);
            captured = (int) Math.min(original, len - 4);
            dataOff = body + 4;
        }
        if (interfaceId >= interfaces.size()) {
            out.throttled("pcapng-interface", CaptureProblem.Kind.CONTAINER, "pcapng packet names interface "
                    + interfaceId + " but the section describes " + interfaces.size(), source, data, body, 4);
            return;
        }
        Interface itf = interfaces.get(interfaceId);
        if (type == SIMPLE_PACKET && itf.snapLength() > 0) {
            captured = Math.min(captured, itf.snapLength());
        }
        long micros = type == SIMPLE_PACKET ? 0 : itf.micros(ts);
        pipeline.frame(itf.linkType(), data, dataOff, captured, micros, source);
    }
}
