package dev.petrel.daemon.health;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.speaker.Loopback;
import dev.petrel.speaker.Speaker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The health checks of real speakers on loopback: /readyz waits for the session and the peer's End-of-RIB in
 * both families, and the watchdog's heartbeats run on the speaker's event loops and RIB thread.
 */
class SpeakerHealthTest {
    private static final long S = 1_000_000_000L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void readyAfterEstablishedAndEndOfRibThenDownWhenThePeerGoes() throws Exception {
        int pa = freePort("127.0.0.1");
        int pb = freePort("127.0.0.2");
        AtomicLong clock = new AtomicLong();
        try (Speaker a = Speaker.start(Loopback.ibgpConfig("10.255.1.1", "127.0.0.1", pa, "127.0.0.2", pb))) {
            SpeakerHealth health = new SpeakerHealth(a, Duration.ofSeconds(120), clock::get);
            try (HealthServer http = HealthServer.start(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), health.checks())) {
                JsonNode r = readyz(http, 503);
                assertEquals("starting", r.get("phase").asText());
                assertEquals("b", r.get("not_ready").get(0).get("peer").asText());
                assertTrue(r.get("not_ready").get(0).get("reason").asText().endsWith(", not Established"),
                        r.toString());

                Speaker b = Speaker.start(Loopback.ibgpConfig("10.255.1.2", "127.0.0.2", pb, "127.0.0.1", pa));
                try {
                    await("a ready", () -> health.readiness().assess().join().ready());
                    r = readyz(http, 200);
                    assertEquals("converged", r.get("phase").asText());
                    assertEquals(1, r.get("established").asInt());
                    assertEquals(0, r.get("not_ready").size());
                } finally {
                    b.close();
                }
                // Start-up ended when a converged: with its only peer gone it is down, not starting again.
                await("a not ready", () -> !health.readiness().assess().join().ready());
                r = readyz(http, 503);
                assertEquals("down", r.get("phase").asText());
                // An operator takes the peer down on purpose (petrel peer shutdown): nothing left to wait for.
                a.session("b").stop(new dev.petrel.wire.Notification(dev.petrel.wire.Notification.CEASE,
                        dev.petrel.wire.Notification.CEASE_ADMIN_SHUTDOWN));
                r = readyz(http, 200);
                assertEquals(0, r.get("peers").asInt());
                a.session("b").manualStart();
                readyz(http, 503);
            }
        }
    }

    @Test
    void peerShutdownAndStartThroughHttpChangeTheSession() throws Exception {
        int pa = freePort("127.0.0.1");
        int pb = freePort("127.0.0.2");
        try (Speaker a = Speaker.start(Loopback.ibgpConfig("10.255.1.1", "127.0.0.1", pa, "127.0.0.2", pb));
                Speaker b = Speaker.start(Loopback.ibgpConfig("10.255.1.2", "127.0.0.2", pb, "127.0.0.1", pa))) {
            await("established", () -> a.session("b").state() == dev.petrel.fsm.SessionState.ESTABLISHED);
            WriteEndpoints writes = new WriteEndpoints((req, res) -> res.writeRawValue("{\"status\":\"applied\"}"),
                    new dev.petrel.daemon.admin.PeerControlHandler(true, a::session),
                    new dev.petrel.daemon.admin.PeerControlHandler(false, a::session));
            try (HealthServer http = HealthServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    Map.of(), writes, null, new dev.petrel.config.HttpOptions.Authorization(
                            java.util.List.of("*"), java.util.List.of("loopback")))) {
                HttpResponse<String> r = post(http, "/peers/b/shutdown", "maintenance");
                assertEquals(200, r.statusCode(), r.body());
                assertEquals("peer b: shutting down with message \"maintenance\"",
                        MAPPER.readTree(r.body()).get("result").asText());
                await("a's session to b to stop", () -> a.session("b").state()
                        == dev.petrel.fsm.SessionState.IDLE);
                await("b to receive the Cease", () -> b.session("a").lastError() != null);
                var cease = b.session("a").lastError();
                // Cease/2 with the RFC 9003 message (inside a Hard Reset when graceful restart is negotiated).
                assertTrue(cease.text().contains("Administrative Shutdown: \"maintenance\""),
                        cease.toString());

                r = post(http, "/peers/b/start", "");
                assertEquals(200, r.statusCode(), r.body());
                await("established again", () -> a.session("b").state()
                        == dev.petrel.fsm.SessionState.ESTABLISHED);
            }
        }
    }

    private HttpResponse<String> post(HealthServer http, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void heartbeatsRunOnEveryEventLoopAndTheRibThread() throws Exception {
        AtomicLong clock = new AtomicLong();
        try (Speaker a = Speaker.start(Loopback.ibgpConfig("10.255.1.1", "127.0.0.1", freePort("127.0.0.1"), "127.0.0.2",
                freePort("127.0.0.2")))) {
            SpeakerHealth health = new SpeakerHealth(a, Duration.ofSeconds(120), clock::get);
            Liveness.Report r = health.watchdog().report();
            assertTrue(r.live());
            assertEquals(a.eventLoops().size() + 1, r.loops().size());
            assertEquals("bgp-loop-0", r.loops().get(0).name());
            assertEquals("rib", r.loops().get(r.loops().size() - 1).name());

            clock.set(11 * S); // no heartbeat has run yet: every loop is silent for 11 s
            assertEquals(r.loops().size(), health.watchdog().report().stuck().size());
            health.watchdog().beat();
            await("every heartbeat to run", () -> health.watchdog().report().live());
        }
    }

    @Test
    void metricsServesPrometheusTextWithPeerRibAndLoopLag() throws Exception {
        AtomicLong clock = new AtomicLong();
        try (Speaker a = Speaker.start(Loopback.ibgpConfig("10.255.1.1", "127.0.0.1", freePort("127.0.0.1"), "127.0.0.2",
                freePort("127.0.0.2")))) {
            SpeakerHealth health = new SpeakerHealth(a, Duration.ofSeconds(120), clock::get);
            Map<String, Supplier<CompletableFuture<? extends HealthReport>>> endpoints = health.checks();
            MetricsEndpoint metrics = new MetricsEndpoint(dev.petrel.speaker.metrics.PetrelMetrics.of(a),
                    health.watchdog(), java.util.concurrent.ForkJoinPool.commonPool());
            endpoints.put(MetricsEndpoint.PATH, metrics.endpoint());
            health.watchdog().beat();
            clock.set(S / 2);
            await("every heartbeat to run", () -> health.watchdog().report().live());
            try (HealthServer http = HealthServer.start(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), endpoints)) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + http.port() + "/metrics")).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                assertEquals("text/plain; version=0.0.4; charset=utf-8",
                        r.headers().firstValue("content-type").orElse(""));
                String body = r.body();
                assertTrue(body.contains("\n# TYPE petrel_peer_state gauge\n"), body);
                assertTrue(body.matches("(?s).*\npetrel_peer_state\\{address=\"127.0.0.2\",peer=\"b\",remote_as=\"64512\"}"
                        + " [1-3]\\.0\n.*"), "Idle, Connect or Active: " + body);
                assertTrue(body.contains("\npetrel_rib_responding 1.0\n"), body);
                assertTrue(body.contains("\npetrel_loop_lag_seconds{loop=\"rib\"} "), body);
                assertTrue(body.contains("\npetrel_loop_lag_seconds{loop=\"bgp-loop-0\"} "), body);
                assertTrue(body.contains("\njvm_memory_heap_used "), body);
            }
        }
    }

    @Test
    void showStatusSaysStartingThenConvergedWithTheReasons() throws Exception {
        int pa = freePort("127.0.0.1");
        int pb = freePort("127.0.0.2");
        AtomicLong clock = new AtomicLong();
        java.time.Instant t0 = java.time.Instant.parse("2026-12-07T04:00:00Z");
        try (Speaker a = Speaker.start(Loopback.ibgpConfig("10.255.1.1", "127.0.0.1", pa, "127.0.0.2", pb))) {
            SpeakerHealth health = new SpeakerHealth(a, Duration.ofSeconds(120), clock::get);
            dev.petrel.daemon.admin.ShowStatusHandler handler = new dev.petrel.daemon.admin.ShowStatusHandler(
                    a.config(), "9.9", t0, health, false, null,
                    java.time.Clock.fixed(t0.plusSeconds(42), java.time.ZoneOffset.UTC), a::restarting);
            JsonNode s = dev.petrel.daemon.admin.Golden.answer(handler, "{\"command\":\"show-status\"}");
            assertEquals("starting", s.get("phase").asText());
            assertEquals(false, s.get("ready").asBoolean());
            assertEquals("9.9", s.get("version").asText());
            assertEquals("10.255.1.1", s.get("router_id").asText());
            assertEquals(42, s.get("uptime_seconds").asInt());
            assertTrue(!s.has("live"), "not watched: no liveness claimed");
            assertTrue(s.get("reasons").get(0).asText().startsWith("peer b: "), s.toString());
            try (Speaker b = Speaker.start(Loopback.ibgpConfig("10.255.1.2", "127.0.0.2", pb, "127.0.0.1", pa))) {
                await("a ready", () -> health.readiness().assess().join().ready());
                s = dev.petrel.daemon.admin.Golden.answer(handler, "{\"command\":\"show-status\"}");
                assertEquals("converged", s.get("phase").asText());
                assertEquals(1, s.get("established").asInt());
                assertEquals(0, s.get("reasons").size());
            }
        }
    }

    private JsonNode readyz(HealthServer http, int status) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.port() + "/readyz")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), r.body());
        return MAPPER.readTree(r.body());
    }



}
