package dev.petrel.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** {@code petrel show status} as text, drawn from the daemon's JSON answer. */
final class StatusText {
    private StatusText() {}

    static String render(JsonNode s) {
        StringBuilder b = new StringBuilder();
        b.append("petrel ").append(s.path("version").asText())
                .append(", router ID ").append(s.path("router_id").asText())
                .append(", AS ").append(s.path("local_as").asLong());
        String cluster = s.path("cluster_id").asText();
        if (!cluster.isEmpty() && !cluster.equals(s.path("router_id").asText())) {
            b.append(", cluster ID ").append(cluster);
        }
        b.append('\n');
        b.append("up ").append(PeersTable.duration(Duration.ofSeconds(s.path("uptime_seconds").asLong())))
                .append(" since ").append(s.path("started").asText()).append('\n');
        b.append("phase ").append(s.path("phase").asText())
                .append(s.path("ready").asBoolean() ? ", ready" : ", not ready");
        if (s.has("live")) {
            b.append(s.path("live").asBoolean() ? ", live" : ", NOT LIVE");
        }
        b.append("; ").append(s.path("established").asInt()).append(" of ").append(s.path("peers").asInt())
                .append(s.path("peers").asInt() == 1 ? " peer" : " peers").append(" Established\n");
        for (JsonNode r : s.path("reasons")) {
            b.append("  ").append(r.asText()).append('\n');
        }
        return b.toString();
    }
}
