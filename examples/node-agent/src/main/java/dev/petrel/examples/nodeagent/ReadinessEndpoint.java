package dev.petrel.examples.nodeagent;

import com.sun.net.httpserver.HttpServer;
import dev.petrel.speaker.Petrel;
import dev.petrel.speaker.readiness.Readiness;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code GET /readyz}: 200 when {@link Petrel#readiness()} says ready, 503 otherwise, with the phase and the peers
 * that are not converged: what a kubelet's readiness probe asks calico-node (here with the JDK's own HTTP server,
 * as an agent that has one of its own would use that).
 */
final class ReadinessEndpoint implements AutoCloseable {
    private final HttpServer server;

    ReadinessEndpoint(String listen, Supplier<Petrel> petrel) throws IOException {
        int colon = listen.lastIndexOf(':');
        String host = listen.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(listen.substring(colon + 1));
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/readyz", exchange -> {
            int status;
            java.util.Map<String, Object> answer = new java.util.LinkedHashMap<>();
            try {
                Readiness.Report r = petrel.get().readiness().get(5, TimeUnit.SECONDS);
                status = r.ready() ? 200 : 503;
                answer.put("ready", r.ready());
                answer.put("phase", r.phase());
                answer.put("peers", r.peers());
                answer.put("established", r.established());
                answer.put("not_ready", r.notReady().stream().map(n -> n.peer() + ": " + n.reason()).toList());
            } catch (Exception e) {
                status = 503;
                answer.put("ready", false);
                answer.put("error", String.valueOf(e.getMessage()));
            }
            String body = StatusFile.JSON.writeValueAsString(answer) + "\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
