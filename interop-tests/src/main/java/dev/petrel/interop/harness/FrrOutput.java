package dev.petrel.interop.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Parsers for FRR 8.x {@code vtysh ... json} answers; lenient, the raw JSON always travels with the result. */
public final class FrrOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FrrOutput() {
    }

    /** Parses JSON text; null when it is not JSON. */
    public static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Parses {@code show bgp neighbors ADDRESS json}. */
    public static PeerSnapshot neighbor(String address, String raw) {
        JsonNode root = parse(raw);
        if (root == null) {
            return PeerSnapshot.unparsable(raw);
        }
        JsonNode n = root.path(address);
        if (n.isMissingNode() && root.size() == 1 && root.elements().next().has("bgpState")) {
            n = root.elements().next();
        }
        if (!n.has("bgpState")) {
            return PeerSnapshot.unparsable(raw);
        }
        String rawState = n.path("bgpState").asText();
        BgpState state = BgpState.parse(rawState);
        String reset = text(n, "lastResetDueTo");
        String notification = text(n, "lastNotificationReason");
        String lastError = reset == null ? notification
                : notification == null ? reset : reset + "; " + notification;
        Integer hold = null;
        Integer keepalive = null;
        if (state == BgpState.ESTABLISHED) {
            hold = seconds(n, "bgpTimerHoldTimeMsecs");
            keepalive = seconds(n, "bgpTimerKeepAliveIntervalMsecs");
        }
        Set<Capability> neighborCaps = EnumSet.noneOf(Capability.class);
        Set<Capability> localCaps = EnumSet.noneOf(Capability.class);
        Set<String> afis = new LinkedHashSet<>();
        JsonNode caps = n.path("neighborCapabilities");
        for (Iterator<Map.Entry<String, JsonNode>> it = caps.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            Capability.fromFrr(e.getKey()).ifPresent(c -> {
                if (received(e.getValue())) {
                    neighborCaps.add(c);
                }
                if (advertised(e.getValue())) {
                    localCaps.add(c);
                }
            });
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = caps.path("multiprotocolExtensions").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (received(e.getValue())) {
                afis.add(e.getKey().replace("Unicast", "").replace("Multicast", "-multicast"));
            }
        }
        return new PeerSnapshot(state, rawState, lastError, text(n, "lastErrorCodeSubcode"),
                text(n, "lastShutdownDescription"), hold, keepalive, neighborCaps, localCaps, afis, raw);
    }

    /** Whether a capability value says the neighbor sent it ("received", "advertisedAndReceived", rcv... keys). */
    static boolean received(JsonNode v) {
        if (v.isTextual()) {
            String t = v.asText();
            return t.contains("eceived") || t.contains("Rcvd");
        }
        if (v.isBoolean()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if ((k.contains("eceived") || k.startsWith("rcv") || k.startsWith("rx") && k.endsWith("Received"))
                    && !e.getValue().asText().equals("false")) {
                return true;
            }
            if (e.getValue().isContainerNode() && received(e.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a capability value says this side advertised it. */
    static boolean advertised(JsonNode v) {
        if (v.isTextual()) {
            return v.asText().startsWith("advertised");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if ((k.startsWith("advertised") || k.startsWith("adv") || k.endsWith("Advertised"))
                    && !e.getValue().asText().equals("false")) {
                return true;
            }
            if (e.getValue().isContainerNode() && advertised(e.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** The prefixes of {@code show bgp ipv4|ipv6 unicast json} ("routes" object keys). */
    public static Set<String> routes(String raw) {
        Set<String> prefixes = new LinkedHashSet<>();
        JsonNode root = parse(raw);
        if (root != null) {
            root.path("routes").fieldNames().forEachRemaining(prefixes::add);
        }
        return prefixes;
    }

    /**
     * The paths of {@code show bgp ipv4|ipv6 unicast PREFIX json}: {@code paths[]} with {@code peer.peerId}
     * ("0.0.0.0" or "::" for a local route, then {@code from} is null), {@code nexthops[0].ip}, {@code aspath.string},
     * {@code origin}, {@code metric} (MED), {@code locPrf}, {@code community.string}, {@code bestpath.overall} and
     * {@code multipath}.
     */
    public static java.util.List<BgpPath> paths(String prefix, String raw) {
        java.util.List<BgpPath> out = new java.util.ArrayList<>();
        JsonNode root = parse(raw);
        if (root == null) {
            return out;
        }
        for (JsonNode p : root.path("paths")) {
            String peer = text(p.path("peer"), "peerId");
            if (peer != null && (peer.equals("0.0.0.0") || peer.equals("::"))) {
                peer = null;
            }
            String nh = null;
            for (JsonNode n : p.path("nexthops")) {
                if (!"link-local".equals(text(n, "scope"))) {
                    nh = text(n, "ip");
                    break;
                }
            }
            String origin = text(p, "origin");
            java.util.List<String> communities = new java.util.ArrayList<>();
            String comm = text(p.path("community"), "string");
            if (comm != null && !comm.isBlank()) {
                communities.addAll(java.util.Arrays.asList(comm.strip().split("\\s+")));
            }
            boolean best = p.path("bestpath").path("overall").asBoolean(false);
            boolean multipath = p.path("multipath").asBoolean(false);
            String asPath = text(p.path("aspath"), "string");
            out.add(new BgpPath(prefix, peer, nh, asPath == null || asPath.equals("Local") ? "" : asPath,
                    origin == null ? null : origin.toLowerCase(), p.has("metric") ? p.get("metric").asLong() : null,
                    p.has("locPrf") ? p.get("locPrf").asLong() : null, communities, best, multipath));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer seconds(JsonNode n, String msField) {
        JsonNode v = n.get(msField);
        return v == null || !v.isNumber() ? null : (int) (v.asLong() / 1000);
    }
}
