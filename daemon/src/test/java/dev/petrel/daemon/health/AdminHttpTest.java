package dev.petrel.daemon.health;

import static dev.petrel.daemon.health.TestPki.client;
import static dev.petrel.daemon.health.TestPki.issue;
import static dev.petrel.daemon.health.TestPki.keys;
import static dev.petrel.daemon.health.TestPki.pem;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.config.HttpOptions;
import dev.petrel.daemon.admin.AdminHandler;
import dev.petrel.daemon.health.TestPki.Issued;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mutating endpoints and their authorisation over mutual TLS, with a reader's and a writer's certificate made
 * here and fake admin handlers that record what they were asked.
 */
class AdminHttpTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<JsonNode> asked = new CopyOnWriteArrayList<>();

    private AdminHandler recording(String answer) {
        return (request, response) -> {
            asked.add(request);
            response.writeRawValue(answer);
        };
    }

    private WriteEndpoints writes() {
        AdminHandler peer = (request, response) -> {
            asked.add(request);
            response.writeRawValue(request.get("peer").asText().equals("b") ? "{\"result\":\"done\"}"
                    : "{\"error\":\"no peer named " + request.get("peer").asText() + "\"}");
        };
        return new WriteEndpoints(recording("{\"status\":\"applied\",\"errors\":[],\"warnings\":[]}"), peer, peer);
    }

    private static Map<String, Supplier<CompletableFuture<? extends HealthReport>>> reads() {
        TextReport metrics = new TextReport() {
            @Override
            public boolean ok() {
                return true;
            }

            @Override
            public String contentType() {
                return "text/plain; version=0.0.4; charset=utf-8";
            }

            @Override
            public void writeTo(java.io.OutputStream out) throws java.io.IOException {
                out.write("petrel_up 1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        };
        return Map.of(MetricsEndpoint.PATH, () -> CompletableFuture.completedFuture(metrics));
    }

    private static HttpResponse<String> send(HttpClient c, String scheme, int port, String method, String path,
            String body) throws Exception {
        return c.send(HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aReaderReadsAndIsRefusedWritesAWriterWrites() throws Exception {
        Issued ca = issue("petrel admin CA", null, keys("EC"), true);
        Issued server = issue("petrel", ca, keys("EC"), false);
        Issued prometheus = issue("prometheus", ca, keys("EC"), false);
        Issued operator = issue("someone", ca, keys("EC"), false, "petrel-operator.ops.svc");
        var tls = new HttpOptions.Tls(pem(dir.resolve("tls.crt"), server.cert()),
                pem(dir.resolve("tls.key"), new JcaPKCS8Generator(server.keys().getPrivate(), null)),
                pem(dir.resolve("ca.crt"), ca.cert()));
        var rules = new HttpOptions.Authorization(List.of("prometheus", "petrel-operator.ops.svc"),
                List.of("petrel-operator.ops.svc"));
        try (HealthServer s = HealthServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), reads(),
                writes(), ReloadingTls.unwatched(tls), rules)) {
            HttpClient reader = client(ca, prometheus);
            HttpClient writer = client(ca, operator);
            HttpResponse<String> r = send(reader, "https", s.port(), "GET", "/metrics", null);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("petrel_up 1\n", r.body());

            r = send(reader, "https", s.port(), "POST", "/reload", null);
            assertEquals(403, r.statusCode(), r.body());
            assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
            assertEquals("client certificate prometheus is not in admin.authorization.write"
                    + " [petrel-operator.ops.svc]", MAPPER.readTree(r.body()).get("error").asText());
            assertTrue(asked.isEmpty(), "a refused write runs nothing");

            r = send(writer, "https", s.port(), "POST", "/reload?dry-run=true", null);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("applied", MAPPER.readTree(r.body()).get("status").asText());
            assertEquals("true", asked.get(0).get("dry_run").asText());
            r = send(writer, "https", s.port(), "POST", "/reload", "");
            assertEquals("false", asked.get(1).get("dry_run").asText());

            r = send(writer, "https", s.port(), "POST", "/peers/b/shutdown", "maintenance until 06:00");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("peer-shutdown", asked.get(2).get("command").asText());
            assertEquals("maintenance until 06:00", asked.get(2).get("message").asText());
            r = send(writer, "https", s.port(), "POST", "/peers/b/shutdown?message=bye%20now", null);
            assertEquals("bye now", asked.get(3).get("message").asText());
            r = send(writer, "https", s.port(), "POST", "/peers/b/start", null);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("peer-start", asked.get(4).get("command").asText());
            assertFalse(asked.get(4).has("message"));
            r = send(writer, "https", s.port(), "POST", "/peers/nobody/start", null);
            assertEquals(404, r.statusCode(), r.body());
            assertEquals("no peer named nobody", MAPPER.readTree(r.body()).get("error").asText());

            r = send(writer, "https", s.port(), "GET", "/reload", null);
            assertEquals(405, r.statusCode(), r.body());
            assertEquals("POST", r.headers().firstValue("allow").orElse(""));
            r = send(writer, "https", s.port(), "POST", "/metrics", null);
            assertEquals(405, r.statusCode(), r.body());
            assertEquals("GET", r.headers().firstValue("allow").orElse(""));
            r = send(writer, "https", s.port(), "POST", "/peers/b/reset", null);
            assertEquals(404, r.statusCode(), r.body());
            assertEquals(6, asked.size());
        }
    }

    @Test
    void plainLoopbackReadsByDefaultAndWritesOnlyWhenLoopbackIsListed() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        HttpClient c = HttpClient.newHttpClient();
        try (HealthServer s = HealthServer.start(any, reads(), writes(), null, HttpOptions.Authorization.DEFAULT)) {
            assertEquals(200, send(c, "http", s.port(), "GET", "/metrics", null).statusCode());
            HttpResponse<String> r = send(c, "http", s.port(), "POST", "/reload", null);
            assertEquals(403, r.statusCode(), r.body());
            assertEquals("write access is not allowed to anyone (admin.authorization.write = [])",
                    MAPPER.readTree(r.body()).get("error").asText());
        }
        try (HealthServer s = HealthServer.start(any, reads(), writes(), null,
                new HttpOptions.Authorization(List.of("*"), List.of("loopback")))) {
            assertEquals(200, send(c, "http", s.port(), "POST", "/reload", null).statusCode());
            assertEquals(1, asked.size());
        }
    }
}
