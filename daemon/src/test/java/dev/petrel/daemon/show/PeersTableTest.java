package dev.petrel.daemon.show;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.daemon.admin.Fixtures;
import dev.petrel.fsm.SessionState;
import dev.petrel.speaker.PeerStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Durations as FRR prints them, and cells that cannot break the table. */
class PeersTableTest {
    @Test
    void durationsLikeFrr() {
        assertEquals("00:00:00", PeersTable.duration(Duration.ZERO));
        assertEquals("00:01:23", PeersTable.duration(Duration.ofSeconds(83)));
        assertEquals("23:59:59", PeersTable.duration(Duration.ofSeconds(86399)));
        assertEquals("1d00h00m", PeersTable.duration(Duration.ofDays(1)));
        assertEquals("1d02h03m", PeersTable.duration(Duration.parse("P1DT2H3M4S")));
        assertEquals("6d23h59m", PeersTable.duration(Duration.ofDays(7).minusSeconds(1)));
        assertEquals("01w0d00h", PeersTable.duration(Duration.ofDays(7)));
        assertEquals("52w1d00h", PeersTable.duration(Duration.ofDays(365)));
        // A daemon clock a little behind ours must not print a negative time.
        assertEquals("00:00:00", PeersTable.duration(Duration.ofSeconds(-3)));
    }

    @Test
    void controlCharactersAreNotPrinted() {
        PeerStatus p = new PeerStatus("evil\u001b[2J", "10.0.0.1", 65001, SessionState.IDLE, null, Fixtures.NOW,
                new PeerStatus.LastError("received", 6, 2, "Cease/Administrative Shutdown: bye\nfake row",
                        Fixtures.NOW),
                null, PeerStatus.Counters.ZERO, 0);
        String out = PeersTable.render(List.of(p), Fixtures.NOW);
        assertEquals(2, out.lines().count(), out);
        assertTrue(out.contains("evil?[2J"), out);
        assertTrue(out.contains("bye?fake row"), out);
    }

    @Test
    void dynamicPeersAreMarkedAsFrrMarksThem() {
        PeerStatus configured = new PeerStatus("rr-2", "10.255.0.2", 64512, SessionState.ESTABLISHED, Fixtures.NOW,
                Fixtures.NOW, null, null, PeerStatus.Counters.ZERO, 1);
        String plain = PeersTable.render(List.of(configured), Fixtures.NOW);
        assertFalse(plain.contains("dynamic"), plain);
        PeerStatus dynamic = new PeerStatus("nodes/10.255.1.5", "10.255.1.5", 64512, SessionState.ESTABLISHED,
                Fixtures.NOW, Fixtures.NOW, null, null, PeerStatus.Counters.ZERO, 1, "nodes");
        String out = PeersTable.render(List.of(configured, dynamic), Fixtures.NOW);
        List<String> lines = out.lines().toList();
        assertEquals(4, lines.size(), out);
        assertTrue(lines.get(1).startsWith("rr-2              10.255.0.2 "), out);
        assertTrue(lines.get(2).startsWith("nodes/10.255.1.5  *10.255.1.5"), out);
        assertEquals("* dynamic peer, accepted by a listen range (named RANGE/ADDRESS)", lines.get(3));
    }
}
