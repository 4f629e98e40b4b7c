package dev.petrel.wire.capture;

import static dev.petrel.wire.capture.Fixtures.ACK;
import static dev.petrel.wire.capture.Fixtures.FIN;
import static dev.petrel.wire.capture.Fixtures.PSH;
import static dev.petrel.wire.capture.Fixtures.SYN;
import static dev.petrel.wire.capture.Fixtures.concat;
import static dev.petrel.wire.capture.Fixtures.ethernetIpv4;
import static dev.petrel.wire.capture.Fixtures.frameAtoB;
import static dev.petrel.wire.capture.Fixtures.frameBtoA;
import static dev.petrel.wire.capture.Fixtures.ipv4Tcp;
import static dev.petrel.wire.capture.Fixtures.keepalive;
import static dev.petrel.wire.capture.Fixtures.messages;
import static dev.petrel.wire.capture.Fixtures.problems;
import static dev.petrel.wire.capture.Fixtures.read;
import static dev.petrel.wire.capture.Fixtures.slice;
import static dev.petrel.wire.capture.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** TCP reassembly, through hand-built pcap files of an Ethernet/IPv4 session 10.0.0.1:50000 -> 10.0.0.2:179. */
class TcpReassemblyTest {
    private static final int ISN = 1_000_000;

    /** A pcap with a handshake from A, then {@code frames} (built by the caller). */
    private static Fixtures.Pcap session() {
        return new Fixtures.Pcap(1)
                .frame(1_000_000, frameAtoB(ISN, SYN, new byte[0]))
                .frame(1_000_100, frameBtoA(5000, ISN + 1, SYN | ACK, new byte[0]));
    }

    private static void assertMessages(List<CaptureRecord> records, byte[]... expected) {
        List<BgpMessageRecord> m = messages(records);
        assertEquals(expected.length, m.size(), () -> "messages: " + records);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], m.get(i).message(), "message " + i);
        }
    }

    @Test
    void messageSplitAcrossTwoSegments() {
        byte[] u = update(100);
        byte[] pcap = session()
                .frame(2_000_000, frameAtoB(ISN + 1, PSH | ACK, slice(u, 0, 40)))
                .frame(2_500_000, frameAtoB(ISN + 41, PSH | ACK, slice(u, 40, 100)))
                .bytes();
        List<CaptureRecord> records = read(pcap);
        assertMessages(records, u);
        BgpMessageRecord m = messages(records).get(0);
        assertEquals(new Endpoint("10.0.0.1", 50000), m.from());
        assertEquals(new Endpoint("10.0.0.2", 179), m.to());
        assertEquals("pcap frame 4", m.source(), "the frame that completed the message");
        assertEquals(2_500_000, m.timestampMicros());
        assertNull(m.fourOctetAs());
        assertEquals(-1, m.localAs());
        assertEquals(List.of(), problems(records));
    }

    @Test
    void outOfOrderSegmentsAreReordered() {
        byte[] a = update(50);
        byte[] b = keepalive();
        byte[] c = update(70);
        byte[] stream = concat(a, b, c);
        byte[] pcap = session()
                .frame(2_000_000, frameAtoB(ISN + 1 + 60, PSH | ACK, slice(stream, 60, 139)))
                .frame(2_000_001, frameAtoB(ISN + 1 + 30, PSH | ACK, slice(stream, 30, 60)))
                .frame(2_000_002, frameAtoB(ISN + 1, PSH | ACK, slice(stream, 0, 30)))
                .bytes();
        List<CaptureRecord> records = read(pcap);
        assertMessages(records, a, b, c);
        assertEquals(List.of(), problems(records));
    }

    @Test
    void retransmissionsAndOverlapsAreNotDuplicated() {
        byte[] a = update(50);
        byte[] b = update(60);
        byte[] stream = concat(a, b);
        byte[] pcap = session()
                .frame(2_000_000, frameAtoB(ISN + 1, PSH | ACK, slice(stream, 0, 50)))
                .frame(2_000_001, frameAtoB(ISN + 1, PSH | ACK, slice(stream, 0, 50))) // exact retransmission
                .frame(2_000_002, frameAtoB(ISN + 1 + 20, PSH | ACK, slice(stream, 20, 80))) // overlaps by 30
                .frame(2_000_003, frameAtoB(ISN + 1 + 70, PSH | ACK, slice(stream, 70, 110))) // overlaps by 10
                .frame(2_000_004, frameAtoB(ISN + 1 + 70, PSH | ACK, slice(stream, 70, 110)))
                .bytes();
        List<CaptureRecord> records = read(pcap);
        assertMessages(records, a, b);
        assertEquals(List.of(), problems(records));
    }

    @Test
    void gapFollowedByResynchronisation() {
        byte[] a = update(50);
        byte[] lost = update(90);
        byte[] c = keepalive();
        byte[] d = update(40);
        byte[] stream = concat(a, lost, c, d);
        // Octets 70..100 (inside the second message) never reach the capture.
        byte[] pcap = session()
                .frame(2_000_000, frameAtoB(ISN + 1, PSH | ACK, slice(stream, 0, 70)))
                .frame(2_000_001, frameAtoB(ISN + 1 + 100, PSH | ACK, slice(stream, 100, stream.length)))
                .bytes();
        List<CaptureRecord> records = read(pcap);
        assertMessages(records, a, c, d);
        List<CaptureProblem> p = problems(records);
        assertEquals(1, p.size(), p::toString);
        assertEquals(CaptureProblem.Kind.TRUNCATED, p.get(0).kind());
        assertTrue(p.get(0).description().contains("30 octets missing"), p.get(0).description());
        assertTrue(p.get(0).description().contains("dropped 20 octets of a partial message"));
    }

    @Test
    void peerAcknowledgingUnseenDataDeclaresTheGapAtOnce() {
        byte[] a = update(50);
        byte[] lost = update(90);
        byte[] c = keepalive();
        byte[] stream = concat(a, lost, c);
        byte[] pcap = session()
                .frame(2_000_000, frameAtoB(ISN + 1, PSH | ACK, slice(stream, 0, 70)))
                .frame(2_000_001, frameAtoB(ISN + 1 + 100, PSH | ACK, slice(stream, 100, stream.length)))
                .frame(2_000_002, frameBtoA(5001, ISN + 1 + stream.length, ACK, new byte[0]))
                .frame(2_000_003, frameBtoA(5001, ISN + 1 + stream.length, PSH | ACK, keepalive()))
                .bytes();
        List<CaptureRecord> records = read(pcap);
        // The KEEPALIVE from A is recovered when B's ACK shows the gap, before B's own KEEPALIVE.
        List<BgpMessageRecord> m = messages(records);
        assertEquals(3, m.size());
        assertEquals("10.0.0.1", m.get(1).from().address());
        assertEquals("10.0.0.2", m.get(2).from().address());
        assertEquals("pcap frame 4", problems(records).get(0).source());
    }

    @Test
    void captureStartingMidConnection() {
        byte[] a = update(80);
        byte[] b = keepalive();
        byte[] c = update(30);
        byte[] stream = concat(a, b, c);
        int seq = 77_777;
        byte[] pcap = new Fixtures.Pcap(1)
                .frame(1, frameAtoB(seq, PSH | ACK, slice(stream, 50, 100)))
                .frame(2, frameAtoB(seq + 50, PSH | ACK, slice(stream, 100, stream.length)))
                .bytes();
        List<CaptureRecord> records = read(pcap);
        assertMessages(records, b, c);
        List<CaptureProblem> p = problems(records);
        assertEquals(1, p.size());
        assertTrue(p.get(0).description().contains("skipped 30 octets"), p.get(0).description());
    }

    @Test
    void sequenceNumbersWrapAround() {
        int isn = 0xffff_fff0;
        byte[] a = update(40);
        byte[] b = update(45);
        byte[] stream = concat(a, b);
        byte[] pcap = new Fixtures.Pcap(1)
                .frame(1, frameAtoB(isn, SYN, new byte[0]))
                .frame(2, frameAtoB(isn + 1 + 30, PSH | ACK, slice(stream, 30, 85))) // after the wrap, early
                .frame(3, frameAtoB(isn + 1, PSH | ACK, slice(stream, 0, 30))) // before the wrap
                .frame(4, frameAtoB(isn + 1, PSH | ACK, slice(stream, 0, 30))) // retransmitted
                .bytes();
        List<CaptureRecord> records = read(pcap);
        assertMessages(records, a, b);
        assertEquals(List.of(), problems(records));
    }

    @Test
    void bothDirectionsAndTwoConnections() {
        byte[] open1 = Fixtures.message(1, 10);
        byte[] open2 = Fixtures.message(1, 12);
        byte[] pcap = session()
                .frame(2, frameAtoB(ISN + 1, PSH | ACK, open1))
                .frame(3, frameBtoA(5001, ISN + 30, PSH | ACK, open2))
                .frame(4, ethernetIpv4(ipv4Tcp("10.0.0.3", 1179, "10.0.0.2", 40000, 9, 0, PSH | ACK, keepalive())))
                .frame(5, frameAtoB(ISN + 30, PSH | ACK, keepalive()))
                .bytes();
        List<CaptureRecord> records = read(pcap);
        assertMessages(records, open1, open2, keepalive(), keepalive());
        List<BgpMessageRecord> m = messages(records);
        assertEquals(new Endpoint("10.0.0.2", 179), m.get(1).from());
        assertEquals(new Endpoint("10.0.0.3", 1179), m.get(2).from(), "port 1179 is BGP too");
    }

    @Test
    void nonBgpTrafficIsIgnored() {
        byte[] pcap = new Fixtures.Pcap(1)
                .frame(1, ethernetIpv4(ipv4Tcp("10.0.0.1", 443, "10.0.0.2", 50000, 1, 0, PSH | ACK, keepalive())))
                .frame(2, Fixtures.ethernet(0x0806, new byte[28])) // ARP
                .bytes();
        assertEquals(List.of(), read(pcap));
    }

    @Test
    void finEndsTheStreamAndReportsAPartialMessage() {
        byte[] u = update(60);
        byte[] pcap = session()
                .frame(2, frameAtoB(ISN + 1, PSH | ACK | FIN, slice(u, 0, 25)))
                .frame(3, frameBtoA(5001, ISN + 27, ACK | PSH, keepalive()))
                .bytes();
        List<CaptureRecord> records = read(pcap);
        assertEquals(CaptureProblem.Kind.TRUNCATED, records.get(0) instanceof CaptureProblem p ? p.kind() : null,
                () -> "the truncation is reported at the FIN, before B's message: " + records);
        assertEquals(1, messages(records).size());
    }

    @Test
    void newConnectionOnTheSameAddressesRestarts() {
        byte[] u = update(60);
        byte[] pcap = session()
                .frame(2, frameAtoB(ISN + 1, PSH | ACK, slice(u, 0, 25)))
                .frame(3, frameAtoB(42, SYN, new byte[0]))
                .frame(4, frameAtoB(43, PSH | ACK, u))
                .bytes();
        List<CaptureRecord> records = read(pcap);
        assertMessages(records, u);
        assertEquals(1, problems(records).size());
        assertEquals(CaptureProblem.Kind.TRUNCATED, problems(records).get(0).kind());
    }

    @Test
    void snapLengthCutMarksAGap() {
        byte[] a = update(100);
        byte[] b = keepalive();
        byte[] frame = frameAtoB(ISN + 1, PSH | ACK, a);
        byte[] pcap = session()
                .frame(2, frame, frame.length - 30, frame.length) // the last 30 octets of a were not captured
                .frame(3, frameAtoB(ISN + 101, PSH | ACK, b))
                .bytes();
        List<CaptureRecord> records = read(pcap);
        assertMessages(records, b);
        assertEquals(1, problems(records).size());
        assertTrue(problems(records).get(0).description().contains("30 octets missing"));
    }

    @Test
    void dataOnSynCountedEitherWay() {
        byte[] open = Fixtures.message(1, 10);
        byte[] rest = concat(keepalive(), update(30));
        // RFC 793: data on a SYN starts at ISN + 1; the next segment follows it.
        byte[] proper = new Fixtures.Pcap(1)
                .frame(1, frameAtoB(ISN, SYN, open))
                .frame(2, frameAtoB(ISN + 1 + open.length, PSH | ACK, rest))
                .bytes();
        // Some generators do not count the SYN: the next segment starts one octet early.
        byte[] generated = new Fixtures.Pcap(1)
                .frame(1, frameAtoB(ISN, SYN, open))
                .frame(2, frameAtoB(ISN + open.length, PSH | ACK, rest))
                .bytes();
        for (byte[] pcap : List.of(proper, generated)) {
            List<CaptureRecord> records = read(pcap);
            assertMessages(records, open, keepalive(), update(30));
            assertEquals(List.of(), problems(records));
        }
    }

    @Test
    void ipv4FragmentsAreSkippedWithAProblem() {
        byte[] tcp = Fixtures.tcp(50000, 179, ISN + 1, 0, PSH | ACK, update(60));
        byte[] first = Fixtures.ipv4Packet("10.0.0.1", "10.0.0.2", 6, 0x2000, slice(tcp, 0, 48)); // MF, offset 0
        byte[] second = Fixtures.ipv4Packet("10.0.0.1", "10.0.0.2", 6, 6, slice(tcp, 48, tcp.length)); // offset 48
        byte[] pcap = session().frame(2, ethernetIpv4(first)).frame(3, ethernetIpv4(second)).bytes();
        List<CaptureRecord> records = read(pcap);
        assertEquals(0, messages(records).size());
        assertEquals(1, problems(records).size());
        assertTrue(problems(records).get(0).description().contains("fragment"));
    }

    @Test
    void ipv6WithExtensionHeaders() {
        byte[] src = new byte[16];
        byte[] dst = new byte[16];
        src[0] = 0x20;
        src[1] = 0x01;
        src[2] = 0x0d;
        src[3] = (byte) 0xb8;
        src[15] = 1;
        System.arraycopy(src, 0, dst, 0, 16);
        dst[15] = 2;
        byte[] u = update(44);
        byte[] tcp = Fixtures.tcp(179, 40000, 5, 0, PSH | ACK, u);
        byte[] payload = concat(Fixtures.ipv6Extension(60), Fixtures.ipv6Extension(6), tcp); // hop-by-hop, dest opts
        byte[] ip = Fixtures.ipv6Packet(src, dst, 0, payload);
        byte[] pcap = new Fixtures.Pcap(1).frame(1, Fixtures.ethernet(0x86dd, ip)).bytes();
        List<CaptureRecord> records = read(pcap);
        assertMessages(records, u);
        BgpMessageRecord m = messages(records).get(0);
        assertEquals(new Endpoint("2001:db8::1", 179), m.from());
        assertEquals(new Endpoint("2001:db8::2", 40000), m.to());
    }

    @Test
    void outOfOrderBufferIsBounded() {
        // Segments that never become contiguous: the reassembler must not hold more than its bound.
        Fixtures.Pcap pcap = session();
        byte[] chunk = new byte[60_000];
        for (int i = 0; i < 40; i++) {
            pcap.frame(2 + i, frameAtoB(ISN + 1 + 100 + i * 70_000, PSH | ACK, chunk));
        }
        List<CaptureRecord> records = read(pcap.bytes());
        assertEquals(0, messages(records).size());
        List<CaptureProblem> p = problems(records);
        assertTrue(p.size() >= 2, p::toString);
        // The first gap is forced by the bound, long before the end of the capture (frame 42).
        int frame = Integer.parseInt(p.get(0).source().substring("pcap frame ".length()));
        assertTrue(frame < 25, p.get(0)::toString);
    }
}
