package dev.petrel.wire.capture;

import static dev.petrel.wire.capture.Fixtures.ACK;
import static dev.petrel.wire.capture.Fixtures.PSH;
import static dev.petrel.wire.capture.Fixtures.concat;
import static dev.petrel.wire.capture.Fixtures.frameAtoB;
import static dev.petrel.wire.capture.Fixtures.ipv4Tcp;
import static dev.petrel.wire.capture.Fixtures.keepalive;
import static dev.petrel.wire.capture.Fixtures.messages;
import static dev.petrel.wire.capture.Fixtures.problems;
import static dev.petrel.wire.capture.Fixtures.read;
import static dev.petrel.wire.capture.Fixtures.slice;
import static dev.petrel.wire.capture.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** pcap and pcapng containers, and the link layers. */
class PacketFormatTest {
    private static final byte[] IP_PACKET = ipv4Tcp("192.0.2.1", 179, "192.0.2.2", 33333, 100, 0, PSH | ACK,
            concat(keepalive(), update(40)));

    private static void assertTwoMessages(List<CaptureRecord> records) {
        assertEquals(List.of(), problems(records));
        List<BgpMessageRecord> m = messages(records);
        assertEquals(2, m.size(), records::toString);
        assertArrayEquals(keepalive(), m.get(0).message());
        assertEquals(new Endpoint("192.0.2.1", 179), m.get(0).from());
    }

    // ------------------------------------------------------------------ pcap

    @ParameterizedTest
    @ValueSource(strings = {"le-micro", "be-micro", "le-nano", "be-nano"})
    void pcapInEitherByteOrderAndResolution(String variant) {
        boolean bigEndian = variant.startsWith("be");
        boolean nanos = variant.endsWith("nano");
        byte[] pcap = new Fixtures.Pcap(1, bigEndian, nanos)
                .frame(1_600_000_000_123_456L, Fixtures.ethernetIpv4(IP_PACKET))
                .bytes();
        assertEquals(CaptureFormat.PCAP, CaptureReader.detect(pcap));
        List<CaptureRecord> records = read(pcap);
        assertTwoMessages(records);
        assertEquals(1_600_000_000_123_456L, messages(records).get(0).timestampMicros());
    }

    @Test
    void truncatedPcapRecordIsAContainerProblem() {
        byte[] frame = frameAtoB(1, PSH | ACK, keepalive());
        byte[] whole = new Fixtures.Pcap(1).frame(1, frame).frame(2, frameAtoB(20, PSH | ACK, keepalive())).bytes();
        byte[] cut = slice(whole, 0, whole.length - 10);
        List<CaptureRecord> records = read(cut);
        assertEquals(1, messages(records).size(), "the first frame is still read");
        List<CaptureProblem> p = problems(records);
        assertEquals(CaptureProblem.Kind.CONTAINER, p.get(0).kind());
        assertEquals("pcap frame 2", p.get(0).source());
        assertTrue(p.get(0).description().contains("declares"), p.get(0).description());
    }

    @Test
    void truncatedPcapRecordHeaderAndFileHeader() {
        byte[] whole = new Fixtures.Pcap(1).frame(1, frameAtoB(1, PSH | ACK, keepalive())).bytes();
        List<CaptureRecord> a = read(concat(whole, new byte[7]));
        assertEquals(1, messages(a).size());
        assertEquals(CaptureProblem.Kind.CONTAINER, problems(a).get(0).kind());
        List<CaptureRecord> b = read(slice(whole, 0, 20));
        assertEquals(CaptureFormat.PCAP, CaptureReader.read(slice(whole, 0, 20), r -> { }));
        assertEquals(1, problems(b).size());
    }

    @Test
    void unsupportedLinkTypeIsReportedOncePerFile() {
        Fixtures.Pcap pcap = new Fixtures.Pcap(147); // LINKTYPE_USER0
        for (int i = 0; i < 10; i++) {
            pcap.frame(i, IP_PACKET);
        }
        List<CaptureRecord> records = read(pcap.bytes());
        assertEquals(1, records.size());
        assertEquals(CaptureProblem.Kind.CONTAINER, problems(records).get(0).kind());
        assertTrue(problems(records).get(0).description().contains("147"));
    }

    // ------------------------------------------------------------------ pcapng

    @Test
    void pcapngWithTwoInterfacesAndResolutions() {
        byte[] sll = concat(new byte[] {0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00}, IP_PACKET);
        byte[] pcapng = new Fixtures.Pcapng()
                .iface(1, -1) // Ethernet, microseconds
                .iface(113, 9) // Linux SLL, nanoseconds
                .packet(0, 1_600_000_000_000_001L, Fixtures.ethernetIpv4(IP_PACKET))
                .block(5, new byte[8]) // an interface statistics block, skipped
                .packet(1, 1_600_000_000_000_002_000L, sll)
                .bytes();
        assertEquals(CaptureFormat.PCAPNG, CaptureReader.detect(pcapng));
        List<CaptureRecord> records = read(pcapng);
        // The second frame (Linux SLL, the other interface) carries the same segment again: a retransmission,
        // so only the first frame's two messages appear.
        assertTwoMessages(records);
        assertEquals(1_600_000_000_000_001L, messages(records).get(0).timestampMicros());
        assertEquals("pcapng frame 1", messages(records).get(0).source());
    }

    @Test
    void pcapngNanosecondTimestampsAndSimplePackets() {
        byte[] pcapng = new Fixtures.Pcapng()
                .iface(101, 9)
                .packet(0, 1_600_000_000_123_456_789L, IP_PACKET)
                .simplePacket(ipv4Tcp("192.0.2.1", 179, "192.0.2.2", 33333, 159, 0, PSH | ACK, keepalive()))
                .bytes();
        List<CaptureRecord> records = read(pcapng);
        List<BgpMessageRecord> m = messages(records);
        assertEquals(3, m.size(), records::toString);
        assertEquals(1_600_000_000_123_456L, m.get(0).timestampMicros());
        assertEquals("pcapng frame 2", m.get(2).source());
    }

    @Test
    void pcapngDamagedBlockIsAContainerProblem() {
        byte[] good = new Fixtures.Pcapng().iface(101, -1).packet(0, 0, IP_PACKET).bytes();
        byte[] bad = concat(good, new byte[] {6, 0, 0, 0, (byte) 0xf0, (byte) 0xff, 0, 0, 0, 0, 0, 0});
        List<CaptureRecord> records = read(bad);
        assertEquals(2, messages(records).size());
        assertEquals(CaptureProblem.Kind.CONTAINER, problems(records).get(0).kind());
        List<CaptureRecord> unknownInterface = read(new Fixtures.Pcapng().packet(3, 0, IP_PACKET).bytes());
        assertEquals(1, problems(unknownInterface).size());
    }

    // ------------------------------------------------------------------ link layers

    private static void assertLinkType(int linkType, byte[] frame) {
        assertTwoMessages(read(new Fixtures.Pcap(linkType).frame(1, frame).bytes()));
    }

    @Test
    void bsdLoopbackInBothByteOrders() {
        assertLinkType(0, concat(new byte[] {2, 0, 0, 0}, IP_PACKET));
        assertLinkType(0, concat(new byte[] {0, 0, 0, 2}, IP_PACKET));
        assertLinkType(108, concat(new byte[] {0, 0, 0, 2}, IP_PACKET));
    }

    @Test
    void ethernetWithVlanTags() {
        byte[] inner = concat(new byte[] {0, 10, 0x08, 0x00}, IP_PACKET); // 802.1Q TCI, then IPv4
        byte[] outer = concat(new byte[] {0, 20, (byte) 0x81, 0x00}, inner); // 802.1ad TCI, then 802.1Q
        assertLinkType(1, Fixtures.ethernet(0x8100, inner));
        assertLinkType(1, Fixtures.ethernet(0x88a8, outer));
    }

    @Test
    void ethernetWithMplsAndSnap() {
        assertLinkType(1, Fixtures.ethernet(0x8847, concat(new byte[] {0, 1, 0x20, 64, 0, 2, 0x31, 64}, IP_PACKET)));
        assertLinkType(1, Fixtures.ethernet(IP_PACKET.length + 8,
                concat(new byte[] {(byte) 0xaa, (byte) 0xaa, 3, 0, 0, 0, 0x08, 0x00}, IP_PACKET)));
    }

    @Test
    void pppAndCiscoHdlc() {
        assertLinkType(9, concat(new byte[] {(byte) 0xff, 0x03, 0x00, 0x21}, IP_PACKET));
        assertLinkType(9, concat(new byte[] {0x00, 0x21}, IP_PACKET));
        assertLinkType(104, concat(new byte[] {0x0f, 0x00, 0x08, 0x00}, IP_PACKET));
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 14, 101, 228})
    void rawIp(int linkType) {
        assertLinkType(linkType, IP_PACKET);
    }

    @Test
    void linuxCookedCaptures() {
        assertLinkType(113, concat(new byte[] {0, 4, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00}, IP_PACKET));
        assertLinkType(276, concat(new byte[] {0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 4, 6, 1, 2, 3, 4, 5, 6, 0, 0},
                IP_PACKET));
    }

    @Test
    void juniperEthernet() {
        byte[] withExtensions = concat(new byte[] {'M', 'G', 'C', (byte) 0x80, 0, 4, 1, 2, 0, 0},
                Fixtures.ethernetIpv4(IP_PACKET));
        assertLinkType(178, withExtensions);
        byte[] noL2 = concat(new byte[] {'M', 'G', 'C', 0x02, 0, 0, 0, 2}, IP_PACKET);
        assertLinkType(178, noL2);
        // Not a Juniper header: reported (once per category), not thrown.
        List<CaptureRecord> records = read(new Fixtures.Pcap(178).frame(1, IP_PACKET).bytes());
        assertEquals(0, messages(records).size());
        assertEquals(CaptureProblem.Kind.CONTAINER, problems(records).get(0).kind());
    }
}
