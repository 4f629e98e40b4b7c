package dev.petrel.daemon.health;

import static dev.petrel.fsm.SessionState.ACTIVE;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.speaker.readiness.Readiness;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP server on an ephemeral loopback port, against a watchdog and a readiness the test controls. */
class HealthServerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long S = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final WatchdogTest.ManualExecutor loop = new WatchdogTest.ManualExecutor();
    private final WatchdogTest.ManualExecutor rib = new WatchdogTest.ManualExecutor();
    private final AtomicReference<CompletableFuture<Readiness.Report>> readiness = new AtomicReference<>();
    private Watchdog watchdog;
    private HealthServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        Map<String, Executor> loops = new LinkedHashMap<>();
        loops.put("bgp-loop-0", loop);
        loops.put("rib", rib);
        watchdog = new Watchdog(loops, Duration.ofSeconds(10), now::get);
        Map<String, Supplier<CompletableFuture<? extends HealthReport>>> checks = new LinkedHashMap<>();
        checks.put("/livez", () -> CompletableFuture.completedFuture(watchdog.report()));
        checks.put("/readyz", () -> readiness.get().thenApply(ReadinessReport::new));
        server = HealthServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), checks);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(null));
        return MAPPER.readTree(r.body());
    }

    @Test
    void livezIs200WhileTheLoopsRunAnd503NamingTheStuckOne() throws Exception {
        watchdog.beat();
        loop.runAll();
        rib.runAll();
        HttpResponse<String> r = get("/livez");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertTrue(body.get("live").asBoolean());
        assertEquals(2, body.get("loops").size());

        now.addAndGet(11 * S);
        watchdog.beat();
        loop.runAll(); // the RIB thread is stuck
        r = get("/livez");
        assertEquals(503, r.statusCode(), r.body());
        body = json(r);
        assertFalse(body.get("live").asBoolean());
        assertEquals("[\"rib\"]", body.get("stuck").toString());
        assertEquals(10, body.get("stale_after_seconds").asInt());
    }

    @Test
    void readyzSaysWhichPeersAreNotReady() throws Exception {
        readiness.set(CompletableFuture.completedFuture(Readiness.evaluate(List.of(
                new Readiness.PeerInput("rr-1", true, dev.petrel.fsm.SessionState.ESTABLISHED, List.of()),
                new Readiness.PeerInput("rr-2", true, ACTIVE, null)), true, 77)));
        HttpResponse<String> r = get("/readyz");
        assertEquals(503, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertFalse(body.get("ready").asBoolean());
        assertEquals("starting", body.get("phase").asText());
        assertEquals(77, body.get("grace_remaining_seconds").asInt());
        assertEquals("rr-2", body.get("not_ready").get(0).get("peer").asText());
        assertEquals("Active", body.get("not_ready").get(0).get("state").asText());

        readiness.set(CompletableFuture.completedFuture(Readiness.evaluate(List.of(), true, 77)));
        r = get("/readyz?verbose=1");
        assertEquals(200, r.statusCode(), "a query string does not change the path");
        assertTrue(json(r).get("ready").asBoolean());
    }

    @Test
    void aCheckThatFailsIs503WithTheReason() throws Exception {
        readiness.set(CompletableFuture.failedFuture(new IllegalStateException("the RIB is closed")));
        HttpResponse<String> r = get("/readyz");
        assertEquals(503, r.statusCode());
        assertTrue(json(r).get("error").asText().contains("the RIB is closed"), r.body());
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(404, r.statusCode());
        assertTrue(json(r).get("error").asText().contains("/livez or /readyz"), r.body());
        assertEquals(404, get("/").statusCode());

        r = send(HttpRequest.newBuilder(uri("/readyz")).POST(HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(405, r.statusCode());
        assertEquals("GET", r.headers().firstValue("allow").orElse(null));
        r = send(HttpRequest.newBuilder(uri("/livez")).DELETE());
        assertEquals(405, r.statusCode());
    }

    @Test
    void garbageIsABadRequest() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("\u0001\u0002 not http at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        }
    }

    @Test
    void aTakenPortIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HealthServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), Map.of()));
        assertTrue(e.getMessage().startsWith("cannot serve the health endpoints on 127.0.0.1:" + server.port()
                + " (admin.http): "), e.getMessage());
    }
}
