package dev.petrel.wire.capture;

import static dev.petrel.wire.capture.Fixtures.keepalive;
import static dev.petrel.wire.capture.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.wire.MessageType;
import org.junit.jupiter.api.Test;

/** The public surface: records are values, sink exceptions are the caller's. */
class CaptureReaderApiTest {

    @Test
    void recordsCopyTheirArrays() {
        byte[] m = keepalive();
        BgpMessageRecord r = new BgpMessageRecord(m, null, null, 0, null, false, -1, -1, "raw offset 0");
        m[0] = 0;
        assertEquals((byte) 0xff, r.message()[0], "copied on the way in");
        r.message()[1] = 0;
        assertEquals((byte) 0xff, r.message()[1], "copied on the way out");
        assertEquals(MessageType.KEEPALIVE, r.type());
        assertEquals(19, r.length());

        byte[] attrs = {1, 2, 3};
        RibEntryRecord e = new RibEntryRecord("RIB_IPV4_UNICAST", 1, 1, new byte[] {8, 10}, -1,
                new Endpoint("192.0.2.1", -1), 65000, 1, attrs, true, "mrt record 2");
        attrs[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, e.attributes());
        assertEquals(8, e.prefixLength());
    }

    @Test
    void recordsCompareByContent() {
        BgpMessageRecord a = new BgpMessageRecord(update(30), new Endpoint("10.0.0.1", 179),
                new Endpoint("10.0.0.2", 5000), 7, Boolean.TRUE, false, 1, 2, "pcap frame 1");
        BgpMessageRecord b = new BgpMessageRecord(update(30), new Endpoint("10.0.0.1", 179),
                new Endpoint("10.0.0.2", 5000), 7, Boolean.TRUE, false, 1, 2, "pcap frame 1");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new BgpMessageRecord(update(31), a.from(), a.to(), 7, true, false, 1, 2, "pcap frame 1"));
        CaptureProblem p = new CaptureProblem("x", "y", new byte[100], CaptureProblem.Kind.TRUNCATED);
        assertEquals(CaptureProblem.MAX_BYTES, p.bytes().length, "quoted octets are bounded");
        assertEquals(p, new CaptureProblem("x", "y", new byte[64], CaptureProblem.Kind.TRUNCATED));
        assertEquals("[2001:db8::1]:179", new Endpoint("2001:db8::1", 179).toString());
        assertEquals("192.0.2.1", new Endpoint("192.0.2.1", -1).toString());
        assertThrows(IllegalArgumentException.class,
                () -> new BgpMessageRecord(new byte[18], null, null, 0, null, false, -1, -1, "x"));
    }

    @Test
    void sinkExceptionsPropagateUnchanged() {
        IllegalStateException boom = new IllegalStateException("stop");
        byte[] raw = Fixtures.concat(keepalive(), keepalive());
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> CaptureReader.read(raw, r -> {
                    throw boom;
                }));
        assertSame(boom, thrown);
    }

    @Test
    void detectionOfEveryMagic() {
        assertEquals(CaptureFormat.PCAP, CaptureReader.detect(new Fixtures.Pcap(1).bytes()));
        assertEquals(CaptureFormat.PCAP, CaptureReader.detect(new Fixtures.Pcap(1, true, false).bytes()));
        assertEquals(CaptureFormat.PCAP, CaptureReader.detect(new Fixtures.Pcap(1, false, true).bytes()));
        assertEquals(CaptureFormat.PCAP, CaptureReader.detect(new Fixtures.Pcap(1, true, true).bytes()));
        assertEquals(CaptureFormat.PCAPNG, CaptureReader.detect(new Fixtures.Pcapng().bytes()));
        assertEquals(CaptureFormat.RAW, CaptureReader.detect(keepalive()));
        assertEquals(CaptureFormat.RAW, CaptureReader.detect(new byte[0]));
        assertEquals(CaptureFormat.RAW, CaptureReader.detect("hello, world".getBytes()));
    }
}
