package dev.petrel.daemon.admin;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.fsm.SessionState;
import dev.petrel.speaker.PeerStatus;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The show-peers JSON: what it says, and that the client reads back what the daemon wrote. */
class PeerStatusJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode written(List<PeerStatus> peers) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            PeerStatusJson.writePeers(g, peers, Fixtures.NOW);
        }
        return MAPPER.readTree(out.toString());
    }

    @Test
    void roundTrip() throws Exception {
        PeerStatusJson.Peers back = PeerStatusJson.readPeers(written(Fixtures.peers()));
        assertEquals(Fixtures.peers(), back.peers());
        assertEquals(Fixtures.NOW, back.time());
    }

    @Test
    void aDynamicPeerCarriesItsListenRange() throws Exception {
        PeerStatus d = new PeerStatus("nodes/10.255.1.5", "10.255.1.5", 64512,
                dev.petrel.fsm.SessionState.ESTABLISHED, Fixtures.NOW, Fixtures.NOW, null, null,
                PeerStatus.Counters.ZERO, 1, "nodes");
        JsonNode doc = written(java.util.List.of(Fixtures.peers().get(0), d));
        assertFalse(doc.get("peers").get(0).get("dynamic").asBoolean());
        assertTrue(doc.get("peers").get(0).get("listen_range").isNull());
        assertTrue(doc.get("peers").get(1).get("dynamic").asBoolean());
        assertEquals("nodes", doc.get("peers").get(1).get("listen_range").asText());
        assertEquals(d, PeerStatusJson.readPeers(doc).peers().get(1));
    }

    @Test
    void fieldsOfAnEstablishedPeer() throws Exception {
        JsonNode p = written(Fixtures.peers()).get("peers").get(0);
        assertEquals("tor-a", p.get("name").asText());
        assertEquals(65001, p.get("remote_as").asLong());
        assertEquals("Established", p.get("state").asText());
        assertEquals("2025-06-01T11:58:37Z", p.get("established_since").asText());
        assertEquals(83, p.get("uptime_seconds").asLong());
        assertEquals(2, p.get("flaps").asLong());
        assertEquals("{\"direction\":\"received\",\"code\":6,\"subcode\":4,\"text\":\"Cease/Administrative Reset\","
                + "\"at\":\"2025-06-01T11:00:00Z\"}", p.get("last_error").toString());
        assertEquals(90, p.get("negotiated").get("hold_time_seconds").asInt());
        assertEquals("[\"four-octet-as\",\"route-refresh\"]", p.get("negotiated").get("capabilities").toString());
        assertEquals(120, p.get("counters").get("prefixes_received").asLong());
        assertEquals(3, p.get("counters").get("prefixes_sent").asLong());
    }

    @Test
    void absentValuesAreNullsNotMissingFields() throws Exception {
        JsonNode p = written(Fixtures.peers()).get("peers").get(1);
        assertTrue(p.get("established_since").isNull());
        assertTrue(p.get("uptime_seconds").isNull());
        assertTrue(p.get("negotiated").isNull());
        assertEquals(4200000001L, p.get("remote_as").asLong());
    }

    @Test
    void timesAreUtcToTheMillisecond() throws Exception {
        JsonNode p = written(Fixtures.peers()).get("peers").get(2);
        assertEquals("2025-05-16T06:59:59.750Z", p.get("established_since").asText());
        assertEquals(16 * 86400 + 5 * 3600, p.get("uptime_seconds").asLong());
    }

    @Test
    void readerToleratesOlderAndNewerWriters() throws Exception {
        JsonNode doc = MAPPER.readTree("""
                {"peers": [{"name": "x", "address": "10.0.0.9", "remote_as": 65009, "state": "OpenSent",
                            "last_state_change": "2025-06-01T11:59:00Z", "from_the_future": {"a": 1}}]}""");
        PeerStatusJson.Peers back = PeerStatusJson.readPeers(doc);
        assertNull(back.time());
        PeerStatus p = back.peers().get(0);
        assertEquals(SessionState.OPEN_SENT, p.state());
        assertNull(p.lastError());
        assertNull(p.negotiated());
        assertEquals(PeerStatus.Counters.ZERO, p.counters());
        assertEquals(0, p.establishedTransitions());
    }

    @Test
    void nonsenseIsRefusedWithAReason() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerStatusJson.read(MAPPER.readTree("{\"state\": \"Confused\"}")));
        assertEquals("unknown session state Confused", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PeerStatusJson.readPeers(MAPPER.readTree("{}")));
        assertEquals("no \"peers\" array in the answer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PeerStatusJson.read(MAPPER.readTree("{\"last_state_change\": \"yesterday\"}")));
        assertEquals("last_state_change is not an ISO-8601 instant: yesterday", e.getMessage());
    }
}
