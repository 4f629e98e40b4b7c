package dev.petrel.wire.capture;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Hand-built bytes for the capture tests: BGP messages, TCP/IP packets, link headers, pcap files, MRT records. */
final class Fixtures {
    private Fixtures() {}

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    // ------------------------------------------------------------------ BGP messages

    /** A message of {@code type} with a body of {@code bodyLength} octets (0x00, 0x01, ... as filler). */
    static byte[] message(int type, int bodyLength) {
        byte[] m = new byte[19 + bodyLength];
        Arrays.fill(m, 0, 16, (byte) 0xff);
        m[16] = (byte) (m.length >>> 8);
        m[17] = (byte) m.length;
        m[18] = (byte) type;
        for (int i = 0; i < bodyLength; i++) {
            m[19 + i] = (byte) i;
        }
        return m;
    }

    static byte[] keepalive() {
        return message(4, 0);
    }

    /** An UPDATE of {@code length} octets in all (at least 23): no withdrawals, no attributes, filler NLRI. */
    static byte[] update(int length) {
        byte[] m = message(2, length - 19);
        m[19] = 0;
        m[20] = 0;
        m[21] = 0;
        m[22] = 0;
        for (int i = 23; i < length; i++) {
            m[i] = (byte) 0x0a; // never 0xff: no false marker inside
        }
        return m;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] slice(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }

    // ------------------------------------------------------------------ TCP/IP

    static byte[] ipv4(String address) {
        String[] p = address.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(p[i]);
        }
        return b;
    }

    static byte[] tcp(int srcPort, int dstPort, int seq, int ack, int flags, byte[] payload) {
        byte[] t = new byte[20 + payload.length];
        put16(t, 0, srcPort);
        put16(t, 2, dstPort);
        put32(t, 4, seq);
        put32(t, 8, ack);
        t[12] = (byte) 0x50;
        t[13] = (byte) flags;
        put16(t, 14, 65535);
        System.arraycopy(payload, 0, t, 20, payload.length);
        return t;
    }

    /** An IPv4 packet around {@code l4} with protocol {@code protocol}; {@code fragment} is the flags/offset word. */
    static byte[] ipv4Packet(String src, String dst, int protocol, int fragment, byte[] l4) {
        byte[] p = new byte[20 + l4.length];
        p[0] = 0x45;
        put16(p, 2, p.length);
        put16(p, 6, fragment);
        p[8] = 64;
        p[9] = (byte) protocol;
        System.arraycopy(ipv4(src), 0, p, 12, 4);
        System.arraycopy(ipv4(dst), 0, p, 16, 4);
        System.arraycopy(l4, 0, p, 20, l4.length);
        return p;
    }

    static byte[] ipv4Tcp(String src, int srcPort, String dst, int dstPort, int seq, int ack, int flags,
            byte[] payload) {
        return ipv4Packet(src, dst, 6, 0x4000, tcp(srcPort, dstPort, seq, ack, flags, payload));
    }

    /** An IPv6 packet whose first next-header value is {@code nextHeader} and whose payload is {@code payload}. */
    static byte[] ipv6Packet(byte[] src, byte[] dst, int nextHeader, byte[] payload) {
        byte[] p = new byte[40 + payload.length];
        p[0] = 0x60;
        put16(p, 4, payload.length);
        p[6] = (byte) nextHeader;
        p[7] = 64;
        System.arraycopy(src, 0, p, 8, 16);
        System.arraycopy(dst, 0, p, 24, 16);
        System.arraycopy(payload, 0, p, 40, payload.length);
        return p;
    }

    /** An 8-octet IPv6 extension header (hop-by-hop, routing, destination options) followed by {@code next}. */
    static byte[] ipv6Extension(int next) {
        byte[] h = new byte[8];
        h[0] = (byte) next;
        h[2] = 1; // PadN option
        h[3] = 4;
        return h;
    }

    static byte[] ethernet(int ethertype, byte[] payload) {
        byte[] f = new byte[14 + payload.length];
        for (int i = 0; i < 12; i++) {
            f[i] = (byte) (i + 1);
        }
        put16(f, 12, ethertype);
        System.arraycopy(payload, 0, f, 14, payload.length);
        return f;
    }

    static byte[] ethernetIpv4(byte[] ipPacket) {
        return ethernet(0x0800, ipPacket);
    }

    // ------------------------------------------------------------------ pcap

    /** Builds a classic pcap file. */
    static final class Pcap {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final boolean bigEndian;
        private final boolean nanos;

        Pcap(int linkType) {
            this(linkType, false, false);
        }

        Pcap(int linkType, boolean bigEndian, boolean nanos) {
            this.bigEndian = bigEndian;
            this.nanos = nanos;
            int32(nanos ? 0xa1b23c4d : 0xa1b2c3d4);
            int16(2);
            int16(4);
            int32(0);
            int32(0);
            int32(262144);
            int32(linkType);
        }

        Pcap frame(long micros, byte[] frame) {
            return frame(micros, frame, frame.length, frame.length);
        }

        Pcap frame(long micros, byte[] frame, int captured, int original) {
            int32((int) (micros / 1_000_000));
            int32((int) (nanos ? micros % 1_000_000 * 1000 : micros % 1_000_000));
            int32(captured);
            int32(original);
            out.write(frame, 0, Math.min(captured, frame.length));
            return this;
        }

        /** Appends raw octets (for damaged files). */
        Pcap raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void int32(int v) {
            byte[] b = new byte[4];
            if (bigEndian) {
                put32(b, 0, v);
            } else {
                put32le(b, 0, v);
            }
            out.writeBytes(b);
        }

        private void int16(int v) {
            if (bigEndian) {
                out.write(v >>> 8);
                out.write(v);
            } else {
                out.write(v);
                out.write(v >>> 8);
            }
        }
    }

    /** A BGP session over Ethernet/IPv4 from 10.0.0.1:50000 to 10.0.0.2:179 (and back), for reassembly tests. */
    static byte[] frameAtoB(int seq, int flags, byte[] payload) {
        return ethernetIpv4(ipv4Tcp("10.0.0.1", 50000, "10.0.0.2", 179, seq, 1000, flags, payload));
    }

    static byte[] frameBtoA(int seq, int ack, int flags, byte[] payload) {
        return ethernetIpv4(ipv4Tcp("10.0.0.2", 179, "10.0.0.1", 50000, seq, ack, flags, payload));
    }

    // ------------------------------------------------------------------ pcapng

    /** Builds a little-endian pcapng section. */
    static final class Pcapng {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pcapng() {
            byte[] body = new byte[16];
            put32le(body, 0, 0x1a2b3c4d);
            body[4] = 1; // major 1, minor 0
            Arrays.fill(body, 8, 16, (byte) 0xff); // section length unknown
            block(0x0a0d0d0a, body);
        }

        /** An interface; {@code tsresol} is the if_tsresol option value, or -1 for none. */
        Pcapng iface(int linkType, int tsresol) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            byte[] fixed = new byte[8];
            put16le(fixed, 0, linkType);
            put32le(fixed, 4, 0);
            b.writeBytes(fixed);
            if (tsresol >= 0) {
                byte[] opt = new byte[8];
                put16le(opt, 0, 9);
                put16le(opt, 2, 1);
                opt[4] = (byte) tsresol;
                b.writeBytes(opt);
                b.writeBytes(new byte[4]); // opt_endofopt
            }
            block(1, b.toByteArray());
            return this;
        }

        Pcapng packet(int interfaceId, long timestamp, byte[] frame) {
            int padded = (frame.length + 3) & ~3;
            byte[] body = new byte[20 + padded];
            put32le(body, 0, interfaceId);
            put32le(body, 4, (int) (timestamp >>> 32));
            put32le(body, 8, (int) timestamp);
            put32le(body, 12, frame.length);
            put32le(body, 16, frame.length);
            System.arraycopy(frame, 0, body, 20, frame.length);
            block(6, body);
            return this;
        }

        Pcapng simplePacket(byte[] frame) {
            int padded = (frame.length + 3) & ~3;
            byte[] body = new byte[4 + padded];
            put32le(body, 0, frame.length);
            System.arraycopy(frame, 0, body, 4, frame.length);
            block(3, body);
            return this;
        }

        Pcapng block(int type, byte[] body) {
            int len = 12 + body.length;
            byte[] b = new byte[len];
            put32le(b, 0, type);
            put32le(b, 4, len);
            System.arraycopy(body, 0, b, 8, body.length);
            put32le(b, len - 4, len);
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    // ------------------------------------------------------------------ MRT

    static byte[] mrt(long seconds, int type, int subtype, byte[] body) {
        byte[] r = new byte[12 + body.length];
        put32(r, 0, (int) seconds);
        put16(r, 4, type);
        put16(r, 6, subtype);
        put32(r, 8, body.length);
        System.arraycopy(body, 0, r, 12, body.length);
        return r;
    }

    /** A BGP4MP MESSAGE_AS4 body (IPv4 addresses) around {@code message}. */
    static byte[] bgp4mpMessageAs4(long peerAs, long localAs, String peer, String local, byte[] message) {
        byte[] b = new byte[20 + message.length];
        put32(b, 0, (int) peerAs);
        put32(b, 4, (int) localAs);
        put16(b, 8, 0);
        put16(b, 10, 1);
        System.arraycopy(ipv4(peer), 0, b, 12, 4);
        System.arraycopy(ipv4(local), 0, b, 16, 4);
        System.arraycopy(message, 0, b, 20, message.length);
        return b;
    }

    // ------------------------------------------------------------------ octets

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static void put16le(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void put32le(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    // ------------------------------------------------------------------ reading

    static List<CaptureRecord> read(byte[] content) {
        List<CaptureRecord> out = new ArrayList<>();
        CaptureReader.read(content, out::add);
        return out;
    }

    static List<BgpMessageRecord> messages(List<CaptureRecord> records) {
        return records.stream().filter(BgpMessageRecord.class::isInstance).map(BgpMessageRecord.class::cast).toList();
    }

    static List<CaptureProblem> problems(List<CaptureRecord> records) {
        return records.stream().filter(CaptureProblem.class::isInstance).map(CaptureProblem.class::cast).toList();
    }
}
