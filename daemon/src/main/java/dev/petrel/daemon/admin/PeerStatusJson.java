package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.fsm.SessionState;
import dev.petrel.speaker.PeerStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PeerStatus} as the admin socket carries it, both ways. Field names are snake_case, as
 * {@code petrel decode} prints them and so that jq can say {@code .peers[].uptime_seconds}; the package
 * documentation lists them. Every field is always written (null when unknown); the reader accepts missing
 * fields and ignores unknown ones, so a client and a daemon of different versions still understand each other.
 */
public final class PeerStatusJson {
    private PeerStatusJson() {}

    /** The answer to {@code show-peers}: the peers and the daemon's clock when it took the snapshot. */
    public record Peers(Instant time, List<PeerStatus> peers) {
        public Peers {
            peers = List.copyOf(peers);
        }
    }

    /** Writes {@code {"time": ..., "peers": [...]}}. */
    public static void writePeers(JsonGenerator g, List<PeerStatus> peers, Instant now) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", instant(now));
        g.writeArrayFieldStart("peers");
        for (PeerStatus p : peers) {
            write(g, p, now);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Writes one peer; {@code now} gives {@code uptime_seconds}. */
    public static void write(JsonGenerator g, PeerStatus p, Instant now) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", p.name());
        g.writeStringField("address", p.address());
        g.writeNumberField("remote_as", p.remoteAs());
        g.writeStringField("state", p.state() == null ? null : p.state().rfcName());
        g.writeStringField("established_since", instant(p.establishedSince()));
        Duration up = p.uptime(now);
        if (up == null) {
            g.writeNullField("uptime_seconds");
        } else {
            g.writeNumberField("uptime_seconds", Math.max(0, up.toSeconds()));
        }
        g.writeStringField("last_state_change", instant(p.lastStateChange()));
        g.writeNumberField("flaps", p.establishedTransitions());
        g.writeBooleanField("dynamic", p.dynamic());
        g.writeStringField("listen_range", p.listenRange());
        writeLastError(g, p.lastError());
        writeNegotiated(g, p.negotiated());
        writeCounters(g, p.counters());
        g.writeEndObject();
    }

    private static void writeLastError(JsonGenerator g, PeerStatus.LastError e) throws IOException {
        if (e == null) {
            g.writeNullField("last_error");
            return;
        }
        g.writeObjectFieldStart("last_error");
        g.writeStringField("direction", e.direction());
        g.writeNumberField("code", e.code());
        g.writeNumberField("subcode", e.subcode());
        g.writeStringField("text", e.text());
        g.writeStringField("at", instant(e.at()));
        g.writeEndObject();
    }

    private static void writeNegotiated(JsonGenerator g, PeerStatus.Negotiated n) throws IOException {
        if (n == null) {
            g.writeNullField("negotiated");
            return;
        }
        g.writeObjectFieldStart("negotiated");
        g.writeStringField("peer_router_id", n.peerRouterId());
        g.writeNumberField("peer_as", n.peerAs());
        g.writeNumberField("hold_time_seconds", n.holdTimeSeconds());
        g.writeNumberField("keepalive_seconds", n.keepaliveSeconds());
        strings(g, "families", n.families());
        strings(g, "add_path_receive", n.addPathReceive());
        strings(g, "add_path_send", n.addPathSend());
        strings(g, "capabilities", n.capabilities());
        strings(g, "peer_capabilities", n.peerCapabilities());
        g.writeEndObject();
    }

    private static void writeCounters(JsonGenerator g, PeerStatus.Counters c) throws IOException {
        if (c == null) {
            c = PeerStatus.Counters.ZERO;
        }
        g.writeObjectFieldStart("counters");
        g.writeNumberField("messages_received", c.messagesReceived());
        g.writeNumberField("messages_sent", c.messagesSent());
        g.writeNumberField("updates_received", c.updatesReceived());
        g.writeNumberField("updates_sent", c.updatesSent());
        g.writeNumberField("prefixes_received", c.prefixesReceived());
        g.writeNumberField("prefixes_sent", c.prefixesSent());
        g.writeNumberField("notifications_received", c.notificationsReceived());
        g.writeNumberField("notifications_sent", c.notificationsSent());
        g.writeNumberField("malformed_updates", c.malformedUpdates());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /**
     * ISO-8601 in UTC to the millisecond: exact enough for an operator, and free of the nanosecond tails
     * {@code Instant.now()} carries.
     */
    private static String instant(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /**
     * Reads a {@code show-peers} answer. A missing {@code time} (an older daemon) is null; the caller falls
     * back to its own clock.
     *
     * @throws IllegalArgumentException when the document is not a peers answer
     */
    public static Peers readPeers(JsonNode doc) {
        JsonNode peers = doc.get("peers");
        if (peers == null || !peers.isArray()) {
            throw new IllegalArgumentException("no \"peers\" array in the answer");
        }
        List<PeerStatus> list = new ArrayList<>(peers.size());
        for (JsonNode p : peers) {
            list.add(read(p));
        }
        return new Peers(readInstant(doc, "time"), list);
    }

    /**
     * Reads one peer as {@link #write} wrote it. {@code uptime_seconds} is not read: it is derived from
     * {@code established_since}.
     *
     * @throws IllegalArgumentException on a state or a time that does not parse
     */
    public static PeerStatus read(JsonNode p) {
        return new PeerStatus(
                text(p, "name"),
                text(p, "address"),
                p.path("remote_as").asLong(),
                state(text(p, "state")),
                readInstant(p, "established_since"),
                readInstant(p, "last_state_change"),
                readLastError(p.get("last_error")),
                readNegotiated(p.get("negotiated")),
                readCounters(p.get("counters")),
                p.path("flaps").asLong(),
                text(p, "listen_range"));
    }

    private static PeerStatus.LastError readLastError(JsonNode e) {
        if (e == null || !e.isObject()) {
            return null;
        }
        return new PeerStatus.LastError(text(e, "direction"), e.path("code").asInt(), e.path("subcode").asInt(),
                text(e, "text"), readInstant(e, "at"));
    }

    private static PeerStatus.Negotiated readNegotiated(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        return new PeerStatus.Negotiated(text(n, "peer_router_id"), n.path("peer_as").asLong(),
                n.path("hold_time_seconds").asInt(), n.path("keepalive_seconds").asInt(),
                strings(n, "families"), strings(n, "add_path_receive"), strings(n, "add_path_send"),
                strings(n, "capabilities"), strings(n, "peer_capabilities"));
    }

    private static PeerStatus.Counters readCounters(JsonNode c) {
        if (c == null || !c.isObject()) {
            return PeerStatus.Counters.ZERO;
        }
        return new PeerStatus.Counters(
                c.path("messages_received").asLong(), c.path("messages_sent").asLong(),
                c.path("updates_received").asLong(), c.path("updates_sent").asLong(),
                c.path("prefixes_received").asLong(), c.path("prefixes_sent").asLong(),
                c.path("notifications_received").asLong(), c.path("notifications_sent").asLong(),
                c.path("malformed_updates").asLong());
    }

    /** By the RFC name the writer uses; the Java constant name is accepted too. */
    private static SessionState state(String name) {
        if (name == null) {
            return null;
        }
        for (SessionState s : SessionState.values()) {
            if (s.rfcName().equals(name) || s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown session state " + name);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode n, String field) {
        List<String> l = new ArrayList<>();
        for (JsonNode v : n.path(field)) {
            l.add(v.asText());
        }
        return l;
    }

    private static Instant readInstant(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 instant: " + s, e);
        }
    }
}
