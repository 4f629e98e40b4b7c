package dev.petrel.wire.capture;

import static dev.petrel.wire.capture.Fixtures.bgp4mpMessageAs4;
import static dev.petrel.wire.capture.Fixtures.concat;
import static dev.petrel.wire.capture.Fixtures.ipv4;
import static dev.petrel.wire.capture.Fixtures.keepalive;
import static dev.petrel.wire.capture.Fixtures.messages;
import static dev.petrel.wire.capture.Fixtures.mrt;
import static dev.petrel.wire.capture.Fixtures.problems;
import static dev.petrel.wire.capture.Fixtures.put16;
import static dev.petrel.wire.capture.Fixtures.put32;
import static dev.petrel.wire.capture.Fixtures.read;
import static dev.petrel.wire.capture.Fixtures.slice;
import static dev.petrel.wire.capture.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MRT records built by hand. */
class MrtReaderTest {
    private static final long T = 1_700_000_000L;

    private static List<RibEntryRecord> ribEntries(List<CaptureRecord> records) {
        return records.stream().filter(RibEntryRecord.class::isInstance).map(RibEntryRecord.class::cast).toList();
    }

    private static List<StateChangeRecord> stateChanges(List<CaptureRecord> records) {
        return records.stream().filter(StateChangeRecord.class::isInstance).map(StateChangeRecord.class::cast)
                .toList();
    }

    /** A PEER_INDEX_TABLE with an IPv4 2-octet-AS peer and an IPv6 4-octet-AS peer. */
    private static byte[] peerIndexTable() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ipv4("192.0.2.254")); // collector id
        b.writeBytes(new byte[] {0, 4, 'v', 'i', 'e', 'w'});
        b.writeBytes(new byte[] {0, 2});
        b.writeBytes(new byte[] {0x00}); // IPv4, 2-octet AS
        b.writeBytes(ipv4("192.0.2.1"));
        b.writeBytes(ipv4("192.0.2.1"));
        b.writeBytes(new byte[] {(byte) 0xfd, (byte) 0xe8}); // 65000
        b.writeBytes(new byte[] {0x03}); // IPv6, 4-octet AS
        b.writeBytes(ipv4("192.0.2.2"));
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = (byte) 0xb8;
        v6[15] = 2;
        b.writeBytes(v6);
        b.writeBytes(new byte[] {0, 3, 0x0d, 0x40}); // 200000
        return b.toByteArray();
    }

    /** A RIB entry: peer index, originated time, [path id], attributes. */
    private static byte[] ribEntry(int peer, long originated, long pathId, byte[] attrs) {
        byte[] e = new byte[(pathId >= 0 ? 12 : 8) + attrs.length];
        put16(e, 0, peer);
        put32(e, 2, (int) originated);
        int p = 6;
        if (pathId >= 0) {
            put32(e, p, (int) pathId);
            p += 4;
        }
        put16(e, p, attrs.length);
        System.arraycopy(attrs, 0, e, p + 2, attrs.length);
        return e;
    }

    private static byte[] attrs(int n) {
        byte[] a = new byte[n];
        for (int i = 0; i < n; i++) {
            a[i] = (byte) (i * 7);
        }
        return a;
    }

    @Test
    void bgp4mpEtMessageAs4() {
        byte[] u = update(60);
        byte[] body = concat(new byte[] {0, 0x01, (byte) 0xe2, 0x40}, bgp4mpMessageAs4(200_000, 65_001,
                "198.51.100.1", "198.51.100.2", u)); // 123456 microseconds
        byte[] file = mrt(T, 17, 4, body);
        assertEquals(CaptureFormat.MRT, CaptureReader.detect(file));
        List<CaptureRecord> records = read(file);
        assertEquals(List.of(), problems(records));
        BgpMessageRecord m = messages(records).get(0);
        assertArrayEquals(u, m.message());
        assertEquals(T * 1_000_000 + 123_456, m.timestampMicros());
        assertEquals(Boolean.TRUE, m.fourOctetAs());
        assertFalse(m.addPath());
        assertEquals(200_000, m.peerAs());
        assertEquals(65_001, m.localAs());
        assertEquals(new Endpoint("198.51.100.1", -1), m.from());
        assertEquals(new Endpoint("198.51.100.2", -1), m.to());
        assertEquals("mrt record 1", m.source());
    }

    @Test
    void bgp4mpSubtypesSetDirectionAs4AndAddPath() {
        byte[] as2 = new byte[16]; // peer AS, local AS, interface, AFI 1, peer, local
        put16(as2, 0, 65_010);
        put16(as2, 2, 65_020);
        put16(as2, 6, 1);
        System.arraycopy(ipv4("10.1.1.1"), 0, as2, 8, 4);
        System.arraycopy(ipv4("10.2.2.2"), 0, as2, 12, 4);
        byte[] message = concat(as2, keepalive());
        byte[] file = concat(
                mrt(T, 16, 1, message), // MESSAGE: 2-octet AS
                mrt(T, 16, 6, message), // MESSAGE_LOCAL: sent by the collector
                mrt(T, 16, 9, bgp4mpMessageAs4(1, 2, "10.1.1.1", "10.2.2.2", keepalive()))); // AS4_ADDPATH
        List<BgpMessageRecord> m = messages(read(file));
        assertEquals(3, m.size());
        assertEquals(Boolean.FALSE, m.get(0).fourOctetAs());
        assertEquals(65_010, m.get(0).peerAs());
        assertEquals("10.1.1.1", m.get(0).from().address());
        assertEquals("10.2.2.2", m.get(1).from().address(), "MESSAGE_LOCAL is from the local side");
        assertTrue(m.get(2).addPath());
        assertEquals(Boolean.TRUE, m.get(2).fourOctetAs());
    }

    @Test
    void stateChanges() {
        byte[] as2 = new byte[20];
        put16(as2, 0, 65_010);
        put16(as2, 2, 65_020);
        put16(as2, 6, 1);
        System.arraycopy(ipv4("10.1.1.1"), 0, as2, 8, 4);
        System.arraycopy(ipv4("10.2.2.2"), 0, as2, 12, 4);
        put16(as2, 16, 1);
        put16(as2, 18, 2);
        byte[] as4 = new byte[24];
        put32(as4, 0, (int) 4_200_000_000L);
        put32(as4, 4, 65_020);
        put16(as4, 10, 1);
        System.arraycopy(ipv4("10.1.1.1"), 0, as4, 12, 4);
        System.arraycopy(ipv4("10.2.2.2"), 0, as4, 16, 4);
        put16(as4, 20, 5);
        put16(as4, 22, 6);
        List<StateChangeRecord> s = stateChanges(read(concat(mrt(T, 16, 0, as2), mrt(T + 1, 16, 5, as4))));
        assertEquals(List.of(
                new StateChangeRecord(new Endpoint("10.1.1.1", -1), 65_010, 1, 2, T * 1_000_000, "mrt record 1"),
                new StateChangeRecord(new Endpoint("10.1.1.1", -1), 4_200_000_000L, 5, 6, (T + 1) * 1_000_000,
                        "mrt record 2")), s);
    }

    @Test
    void recordLongerThan64KiB() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 0, 0, 7}); // sequence
        body.writeBytes(new byte[] {24, (byte) 198, 51, 100}); // 198.51.100.0/24
        body.writeBytes(new byte[] {0, 10}); // ten entries of 7200 octets of attributes
        for (int i = 0; i < 10; i++) {
            body.writeBytes(ribEntry(i % 2, T - i, -1, attrs(7200)));
        }
        assertTrue(body.size() > 70 * 1024, "a 70 KiB record");
        byte[] file = concat(mrt(T, 13, 1, peerIndexTable()), mrt(T, 13, 2, body.toByteArray()));
        List<CaptureRecord> records = read(file);
        assertEquals(List.of(), problems(records));
        List<RibEntryRecord> e = ribEntries(records);
        assertEquals(10, e.size());
        RibEntryRecord first = e.get(0);
        assertEquals("RIB_IPV4_UNICAST", first.subtype());
        assertEquals(1, first.afi());
        assertEquals(1, first.safi());
        assertArrayEquals(new byte[] {24, (byte) 198, 51, 100}, first.prefix());
        assertEquals(-1, first.pathId());
        assertEquals(new Endpoint("192.0.2.1", -1), first.peer());
        assertEquals(65_000, first.peerAs());
        assertArrayEquals(attrs(7200), first.attributes());
        assertTrue(first.fourOctetAs());
        assertEquals(new Endpoint("2001:db8::2", -1), e.get(1).peer());
        assertEquals(200_000, e.get(1).peerAs());
        assertEquals(T - 1, e.get(1).originatedTime());
    }

    @Test
    void addPathRibEntriesCarryPathIds() {
        byte[] body = concat(new byte[] {0, 0, 0, 1, 33, 0x20, 0x01, 0x0d, (byte) 0xb8, (byte) 0xff}, // /33, dirty bit
                new byte[] {0, 2}, ribEntry(1, T, 7, attrs(5)), ribEntry(0, T, 8, attrs(3)));
        List<RibEntryRecord> e = ribEntries(read(concat(mrt(T, 13, 1, peerIndexTable()), mrt(T, 13, 10, body))));
        assertEquals(2, e.size());
        assertEquals("RIB_IPV6_UNICAST_ADDPATH", e.get(0).subtype());
        assertEquals(2, e.get(0).afi());
        assertEquals(7, e.get(0).pathId());
        assertEquals(8, e.get(1).pathId());
        assertArrayEquals(new byte[] {33, 0x20, 0x01, 0x0d, (byte) 0xb8, (byte) 0x80}, e.get(0).prefix(),
                "bits past the prefix length are cleared");
    }

    @Test
    void ribGenericVpnAndTableDump() {
        byte[] nlri = {104, 0, 1, 1, 0, 0, (byte) 0xfd, (byte) 0xf2, 0, 0, 0, 15, (byte) 192, (byte) 168};
        byte[] generic = concat(new byte[] {0, 0, 0, 1, 0, 1, (byte) 128}, nlri, new byte[] {0, 1},
                ribEntry(0, T, -1, attrs(4)));
        byte[] tableDump = new byte[2 + 2 + 4 + 1 + 1 + 4 + 4 + 2 + 2 + 3];
        System.arraycopy(ipv4("203.0.113.0"), 0, tableDump, 4, 4);
        tableDump[8] = 24;
        tableDump[9] = 1;
        put32(tableDump, 10, (int) T);
        System.arraycopy(ipv4("192.0.2.9"), 0, tableDump, 14, 4);
        put16(tableDump, 18, 64_512);
        put16(tableDump, 20, 3);
        List<RibEntryRecord> e = ribEntries(read(concat(mrt(T, 13, 1, peerIndexTable()), mrt(T, 13, 6, generic),
                mrt(T, 12, 1, tableDump))));
        assertEquals(2, e.size());
        assertEquals("RIB_GENERIC", e.get(0).subtype());
        assertEquals(128, e.get(0).safi());
        assertArrayEquals(nlri, e.get(0).prefix());
        assertEquals("TABLE_DUMP_AFI_IPV4", e.get(1).subtype());
        assertArrayEquals(new byte[] {24, (byte) 203, 0, 113}, e.get(1).prefix());
        assertEquals(new Endpoint("192.0.2.9", -1), e.get(1).peer());
        assertEquals(64_512, e.get(1).peerAs());
        assertFalse(e.get(1).fourOctetAs());
        assertEquals(3, e.get(1).attributes().length);
    }

    @Test
    void legacyZebraBgpRecordsGetTheirHeaderBack() {
        byte[] body = {0, 0, 0, 4, 0x40, 1, 1, 0, 24, 10, 0, 0}; // an UPDATE body: 4 octets of attributes, 10.0.0/24
        byte[] prefix = concat(new byte[] {0x15, 0x21}, ipv4("195.211.222.254"), new byte[] {0x31, 0x6e},
                ipv4("193.0.0.1"));
        byte[] stateChange = concat(new byte[] {(byte) 0xff, (byte) 0xfb}, ipv4("193.0.0.8"),
                new byte[] {0, 3, 0, 2});
        byte[] file = concat(mrt(T, 5, 1, concat(prefix, body)), mrt(T, 5, 7, prefix), mrt(T, 5, 3, stateChange));
        assertEquals(CaptureFormat.MRT, CaptureReader.detect(file));
        List<CaptureRecord> records = read(file);
        assertEquals(List.of(), problems(records));
        List<BgpMessageRecord> m = messages(records);
        assertEquals(2, m.size());
        byte[] expected = concat(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 31, 2},
                body);
        assertArrayEquals(expected, m.get(0).message());
        assertArrayEquals(keepalive(), m.get(1).message());
        assertEquals(5409, m.get(0).peerAs());
        assertEquals(12654, m.get(0).localAs());
        assertEquals("195.211.222.254", m.get(0).from().address());
        assertEquals(Boolean.FALSE, m.get(0).fourOctetAs());
        StateChangeRecord s = stateChanges(records).get(0);
        assertEquals(65531, s.peerAs());
        assertEquals(3, s.oldState());
        assertEquals(2, s.newState());
    }

    @Test
    void truncatedRecordAtEndOfFile() {
        byte[] whole = concat(mrt(T, 16, 4, bgp4mpMessageAs4(1, 2, "10.0.0.1", "10.0.0.2", keepalive())),
                mrt(T, 16, 4, bgp4mpMessageAs4(1, 2, "10.0.0.1", "10.0.0.2", update(50))));
        for (int cut : new int[] {whole.length - 1, whole.length - 60, 51 + 5}) {
            List<CaptureRecord> records = read(slice(whole, 0, cut));
            assertEquals(1, messages(records).size(), "cut at " + cut);
            List<CaptureProblem> p = problems(records);
            assertEquals(1, p.size());
            assertEquals(CaptureProblem.Kind.CONTAINER, p.get(0).kind());
            assertEquals("mrt record 2", p.get(0).source());
        }
    }

    @Test
    void recordTooShortForItsSubtypeIsSkipped() {
        byte[] file = concat(mrt(T, 16, 4, new byte[] {0, 0, 0, 1, 0, 0}),
                mrt(T, 16, 4, bgp4mpMessageAs4(1, 2, "10.0.0.1", "10.0.0.2", keepalive())));
        List<CaptureRecord> records = read(file);
        assertEquals(1, messages(records).size());
        assertEquals("mrt record 1", problems(records).get(0).source());
        assertTrue(problems(records).get(0).description().contains("cut short"));
    }

    @Test
    void badMessageInsideMrt() {
        byte[] bad = keepalive();
        bad[3] = 0;
        byte[] shortUpdate = slice(update(50), 0, 40);
        List<CaptureRecord> records = read(concat(
                mrt(T, 16, 4, bgp4mpMessageAs4(1, 2, "10.0.0.1", "10.0.0.2", bad)),
                mrt(T, 16, 4, bgp4mpMessageAs4(1, 2, "10.0.0.1", "10.0.0.2", shortUpdate))));
        assertEquals(0, messages(records).size());
        assertEquals(List.of(CaptureProblem.Kind.BAD_MARKER, CaptureProblem.Kind.TRUNCATED),
                problems(records).stream().map(CaptureProblem::kind).toList());
    }

    @Test
    void ribEntryNamingAMissingPeer() {
        byte[] body = concat(new byte[] {0, 0, 0, 1, 8, 10}, new byte[] {0, 2}, ribEntry(5, T, -1, attrs(2)),
                ribEntry(0, T, -1, attrs(2)));
        List<CaptureRecord> records = read(concat(mrt(T, 13, 1, peerIndexTable()), mrt(T, 13, 2, body)));
        assertEquals(1, ribEntries(records).size());
        assertEquals(1, problems(records).size());
    }

    @Test
    void detection() {
        byte[] record = mrt(T, 16, 4, bgp4mpMessageAs4(1, 2, "10.0.0.1", "10.0.0.2", keepalive()));
        assertEquals(CaptureFormat.MRT, CaptureReader.detect(record));
        assertEquals(CaptureFormat.MRT, CaptureReader.detect(concat(record, record)));
        // A known first header followed by nonsense is not MRT.
        assertEquals(CaptureFormat.RAW, CaptureReader.detect(concat(record, new byte[] {1, 2, 3, 4, 0, 99, 0, 1, 0, 0,
            0, 0})));
        assertEquals(CaptureFormat.RAW, CaptureReader.detect(mrt(T, 99, 1, new byte[4])));
        assertEquals(CaptureFormat.RAW, CaptureReader.detect(new byte[5]));
    }

    @Test
    void bgp4mpEntry() {
        byte[] entry = concat(new byte[] {(byte) 0xfd, (byte) 0xe8, (byte) 0xfd, (byte) 0xe8, 0, 0, 0, 1},
                ipv4("192.168.1.102"), ipv4("192.168.1.10"),
                new byte[] {0, 0, 0, 1}, new byte[] {0x56, 0x1e, (byte) 0x8d, 0x53}, new byte[] {0, 1, 1, 4},
                ipv4("192.168.0.15"), new byte[] {16, (byte) 192, (byte) 168}, new byte[] {0, 4, 0x40, 1, 1, 0});
        List<RibEntryRecord> e = ribEntries(read(mrt(T, 16, 2, entry)));
        assertEquals(1, e.size());
        assertEquals("BGP4MP_ENTRY", e.get(0).subtype());
        assertArrayEquals(new byte[] {16, (byte) 192, (byte) 168}, e.get(0).prefix());
        assertEquals(65_000, e.get(0).peerAs());
        assertEquals(0x561e8d53L, e.get(0).originatedTime());
        assertArrayEquals(new byte[] {0x40, 1, 1, 0}, e.get(0).attributes());
    }
}
