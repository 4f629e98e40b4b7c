package dev.petrel.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;

/** The cells the route tables share, from the daemon's JSON: next hop, MED, LOCAL_PREF, AS path and origin. */
final class RouteCells {
    private RouteCells() {}

    /** FRR's status: "*>" best, "*" valid (eligible), blank when not eligible. */
    static String marker(JsonNode path) {
        if (path.path("best").asBoolean()) {
            return "*>";
        }
        return path.path("eligible").asBoolean() ? "*" : "";
    }

    /** The path's next hop; "self" for a local route without one (each peer is given our address). */
    static String nextHop(JsonNode path) {
        JsonNode nh = path.get("next_hop");
        if (nh != null && !nh.isNull()) {
            return nh.asText();
        }
        return "peer".equals(path.path("source_kind").asText("peer")) ? "-" : "self";
    }

    /** "tor1", or "tor1 path 2" for an ADD-PATH path. */
    static String from(JsonNode path) {
        long id = path.path("path_id").asLong();
        return path.path("source").asText("-") + (id != 0 ? " path " + id : "");
    }

    static String med(JsonNode attributes) {
        return number(attributes, "med");
    }

    static String localPref(JsonNode attributes) {
        return number(attributes, "local_pref");
    }

    /** "65001 65002 i", as FRR's Path column: the AS path, then the origin code (i IGP, e EGP, ? incomplete). */
    static String asPath(JsonNode attributes) {
        if (attributes == null || attributes.isNull()) {
            return "-";
        }
        String path = attributes.path("as_path").asText("");
        String origin = switch (attributes.path("origin").asText("")) {
            case "IGP" -> "i";
            case "EGP" -> "e";
            default -> "?";
        };
        return path.isEmpty() ? origin : path + " " + origin;
    }

    private static String number(JsonNode attributes, String field) {
        JsonNode v = attributes == null ? null : attributes.get(field);
        return v == null || v.isNull() ? "-" : v.asText();
    }
}
