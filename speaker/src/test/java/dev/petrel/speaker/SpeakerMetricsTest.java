package dev.petrel.speaker;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PetrelConfig;
import dev.petrel.fsm.SessionState;
import dev.petrel.speaker.metrics.PetrelMetrics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two speakers on loopback, one originating a route: what their /metrics scrape says, read as Prometheus would. */
class SpeakerMetricsTest {
    @Test
    void scrapeShowsPeerRibAndJvmFiguresInValidTextFormat() throws Exception {
        int pa = freePort("127.0.0.1");
        int pb = freePort("127.0.0.2");
        try (Speaker a = Speaker.start(config("10.255.1.1", 64512, "127.0.0.1", pa, "127.0.0.2", pb, 65001, true,
                "static-routes = [ { prefix = \"10.244.1.0/26\", next-hop = \"10.255.1.9\" } ]"));
                Speaker b = Speaker.start(config("10.255.1.2", 65001, "127.0.0.2", pb, "127.0.0.1", pa, 64512, false,
                        ""))) {
            await("Established", () -> a.peers().get(0).state() == SessionState.ESTABLISHED
                    && b.peers().get(0).state() == SessionState.ESTABLISHED);
            PetrelMetrics ma = PetrelMetrics.of(a);
            PetrelMetrics mb = PetrelMetrics.of(b);
            await("b to hold a's route", () -> scrape(mb).value("petrel_peer_routes", "peer", "p", "family",
                    "ipv4-unicast", "stage", "accepted") == 1);
            PrometheusText ta = scrape(ma);
            PrometheusText tb = scrape(mb);

            assertEquals(6, ta.value("petrel_peer_state", "peer", "p", "address", "127.0.0.2", "remote_as", "65001"));
            assertEquals("gauge", ta.types.get("petrel_peer_state"));
            assertEquals("counter", ta.types.get("petrel_peer_established_transitions_total"));
            assertEquals(1, ta.value("petrel_peer_established_transitions_total", "peer", "p"));
            assertTrue(ta.value("petrel_peer_established_seconds", "peer", "p") >= 0);
            assertEquals(1, ta.value("petrel_peer_routes", "peer", "p", "family", "ipv4-unicast", "stage",
                    "advertised"));
            assertEquals(1, tb.value("petrel_peer_routes", "peer", "p", "family", "ipv4-unicast", "stage", "best"));
            assertTrue(ta.value("petrel_peer_messages_sent_total", "peer", "p", "type", "update") >= 1);
            assertEquals(ta.value("petrel_peer_messages_sent_total", "peer", "p", "type", "update"),
                    tb.value("petrel_peer_messages_received_total", "peer", "p", "type", "update"));
            for (PrometheusText t : List.of(ta, tb)) {
                // a is passive: one connection, so one OPEN each way, then at least one KEEPALIVE each way
                assertEquals(1, t.value("petrel_peer_messages_received_total", "peer", "p", "type", "open"));
                assertEquals(1, t.value("petrel_peer_messages_sent_total", "peer", "p", "type", "open"));
                assertTrue(t.value("petrel_peer_messages_received_total", "peer", "p", "type", "keepalive") >= 1);
                assertTrue(t.value("petrel_peer_messages_sent_total", "peer", "p", "type", "keepalive") >= 1);
                assertEquals(0, t.value("petrel_peer_messages_sent_total", "peer", "p", "type", "notification"));
                assertEquals(0, t.value("petrel_peer_messages_received_total", "peer", "p", "type",
                        "route-refresh"));
                assertTrue(t.value("petrel_peer_octets_sent_total", "peer", "p") > 0);
                assertTrue(t.samples.stream().noneMatch(x -> "other".equals(x.labels().get("type"))));
            }
            // What one end wrote the other read (polled: a KEEPALIVE may be on its way during one scrape pair).
            await("octets sent by a = received by b, and back", () -> {
                PrometheusText xa = scrape(ma);
                PrometheusText xb = scrape(mb);
                return xa.value("petrel_peer_octets_sent_total", "peer", "p")
                        == xb.value("petrel_peer_octets_received_total", "peer", "p")
                        && xb.value("petrel_peer_octets_sent_total", "peer", "p")
                        == xa.value("petrel_peer_octets_received_total", "peer", "p");
            });
            assertEquals(1, tb.value("petrel_peer_prefixes_received_total", "peer", "p"));
            assertEquals(0, tb.value("petrel_peer_malformed_updates_total", "peer", "p"));

            assertEquals(1, ta.value("petrel_rib_responding"));
            assertEquals(1, tb.value("petrel_rib_prefixes", "family", "ipv4-unicast"));
            assertEquals(1, tb.value("petrel_rib_attribute_sets"));
            assertTrue(tb.value("petrel_rib_bytes_per_route") > 0);
            assertEquals(1, ta.value("petrel_rib_update_groups"));
            assertEquals(0, ta.value("petrel_rib_queue_depth"));
            assertTrue(!ta.has("petrel_fib_responding"), "no FIB: kernel.enabled is off");
            assertTrue(ta.value("jvm_memory_heap_used") > 0);
            assertTrue(ta.has("jvm_threads_count"));
            assertTrue(ta.samples.stream().anyMatch(s -> s.name().startsWith("jvm_gc_")), "GC figures");

            // A second route: a decision run on a (and on b) after the metrics were attached.
            a.reload(config("10.255.1.1", 64512, "127.0.0.1", pa, "127.0.0.2", pb, 65001, true,
                    "static-routes = [ { prefix = \"10.244.1.0/26\", next-hop = \"10.255.1.9\" },"
                            + " { prefix = \"10.244.2.0/26\", next-hop = \"10.255.1.9\" } ]"));
            await("b to hold both routes", () -> scrape(mb).value("petrel_peer_routes", "peer", "p", "family",
                    "ipv4-unicast", "stage", "accepted") == 2);
            PrometheusText after = scrape(ma);
            assertEquals("summary", after.types.get("petrel_rib_decision_seconds"));
            assertTrue(after.value("petrel_rib_decision_seconds_count") >= 1);
            double p99 = after.value("petrel_rib_decision_seconds", "quantile", "0.99");
            assertTrue(p99 > 0 && p99 < 60, "a decision run in seconds, not nanoseconds: " + p99);
            assertTrue(scrape(mb).value("petrel_rib_decision_seconds_count") >= 1);
        }
    }

    @Test
    void aPeerThatRefusedUsShowsTheNotificationItSent() throws Exception {
        int pa = freePort("127.0.0.1");
        int pb = freePort("127.0.0.2");
        try (Speaker a = Speaker.start(config("10.255.1.1", 64512, "127.0.0.1", pa, "127.0.0.2", pb, 65009, true, ""));
                Speaker b = Speaker.start(config("10.255.1.2", 65001, "127.0.0.2", pb, "127.0.0.1", pa, 64512, false,
                        ""))) {
            PetrelMetrics ma = PetrelMetrics.of(a);
            await("a to refuse b's OPEN (bad peer AS)", () -> scrape(ma).samples.stream()
                    .anyMatch(s -> s.name().equals("petrel_peer_last_error_timestamp_seconds")
                            && "sent".equals(s.labels().get("direction")) && "2".equals(s.labels().get("code"))
                            && "2".equals(s.labels().get("subcode"))));
            assertTrue(scrape(ma).value("petrel_peer_state", "peer", "p") < 6);
        }
    }

    private static PrometheusText scrape(PetrelMetrics m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            m.write(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return PrometheusText.parse(out.toString(StandardCharsets.UTF_8));
    }

    private static PetrelConfig config(String routerId, long as, String listen, int port, String peer, int peerPort,
            long peerAs, boolean passive, String top) {
        String text = "petrel {\n"
                + "  router-id = \"" + routerId + "\"\n  local-as = " + as + "\n"
                + "  listen = [\"" + listen + ":" + port + "\"]\n"
                + "  admin.socket = \"/tmp/petrel-metrics-test.sock\"\n" + top + "\n"
                + "  peers = [ { name = p, address = \"" + peer + "\", port = " + peerPort + ", local-address = \""
                + listen + "\", remote-as = " + peerAs + ", passive = " + passive
                + ", hold-time = 9s, connect-retry = 1s, idle-hold = 1s, import = all, export = all,"
                + " next-hop = keep } ]\n}\n";
        ConfigResult r = ConfigLoader.parse(text, "test");
        if (r instanceof ConfigResult.Valid v) {
            return v.config();
        }
        throw new AssertionError(r.errors().toString());
    }
}
