package dev.petrel.fsm.transport;

import static dev.petrel.fsm.transport.TestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportSettingsTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(V4, 179);

    @Test
    void ttlRules() {
        TransportSettings ebgp = TransportSettings.of(PEER);
        assertEquals(1, ebgp.sendTtl());
        assertEquals(0, ebgp.minTtl());
        TransportSettings ibgp = ebgp.withHops(255);
        assertEquals(255, ibgp.sendTtl());
        assertEquals(0, ibgp.minTtl());
        TransportSettings gtsm = ebgp.withGtsm(true);
        assertEquals(255, gtsm.sendTtl());
        assertEquals(255, gtsm.minTtl());
        assertEquals(254, gtsm.withHops(2).minTtl());
    }

    @Test
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> TransportSettings.of(PEER).withHops(0));
        assertThrows(IllegalArgumentException.class, () -> TransportSettings.of(PEER).withHops(256));
        assertThrows(IllegalArgumentException.class, () -> TransportSettings.of(PEER).withMd5Key(new byte[81]));
        assertThrows(IllegalArgumentException.class, () -> TransportSettings.of(PEER).withLocalAddress(V6));
        assertThrows(IllegalArgumentException.class, () -> TransportSettings.of(PEER).withConnectTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> TransportSettings.of(InetSocketAddress.createUnresolved("peer.example", 179)));
    }

    @Test
    void keyIsCopiedComparedAndNeverPrinted() {
        byte[] key = {1, 2, 3};
        TransportSettings s = TransportSettings.of(PEER).withMd5Key(key);
        key[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, s.md5Key());
        s.md5Key()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, s.md5Key());
        assertEquals(s, TransportSettings.of(PEER).withMd5Key(new byte[] {1, 2, 3}));
        assertEquals(s.hashCode(), TransportSettings.of(PEER).withMd5Key(new byte[] {1, 2, 3}).hashCode());
        assertFalse(s.toString().contains("[1, 2, 3]"));
        assertTrue(s.toString().contains("md5=yes"));
    }
}
