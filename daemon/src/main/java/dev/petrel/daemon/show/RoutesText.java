package dev.petrel.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code show routes} and {@code show rib-in} as text: one line per path, laid out like FRR's {@code show bgp
 * ipv4 unicast}, the prefix on the first path of each, the best path first and marked {@code *>}, other eligible
 * paths {@code *}, paths that are not eligible unmarked with the reason in the last column.
 */
public final class RoutesText {
    private static final String[] HEADER = {"   Network", "Next Hop", "MED", "LocPrf", "Path", "From", "Note"};

    private RoutesText() {}

    /**
     * @param received print the attributes as received (rib-in) rather than after import policy; a path that is
     *     not eligible has only those
     */
    public static String render(JsonNode answer, boolean received) {
        JsonNode routes = answer.path("routes");
        if (routes.isEmpty()) {
            String asked = answer.path("prefix").asText(null);
            return asked != null ? "no route for " + asked + "\n" : "no routes\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER.clone());
        long paths = 0;
        for (JsonNode r : routes) {
            boolean first = true;
            for (JsonNode p : r.path("paths")) {
                rows.add(row(first ? r.path("prefix").asText() : "", p, received));
                first = false;
                paths++;
            }
        }
        StringBuilder out = new StringBuilder(Columns.render(rows));
        out.append('\n').append(Columns.count(routes.size(), "prefix", "prefixes")).append(", ")
                .append(Columns.count(paths, "path", "paths")).append('\n');
        if (answer.path("truncated").asBoolean()) {
            out.append("cut at --limit ").append(answer.path("limit").asText())
                    .append(": there are more; narrow with PREFIX or --family, or raise --limit\n");
        }
        return out.toString();
    }

    private static String[] row(String prefix, JsonNode p, boolean received) {
        JsonNode a = p.get(received ? "received" : "attributes");
        if (a == null || a.isNull()) {
            a = p.get("received");
        }
        String note = p.path("eligible").asBoolean() ? "" : p.path("ineligible_reason").asText("not eligible");
        if (p.path("stale").asBoolean()) {
            note = note.isEmpty() ? "stale" : "stale; " + note;
        }
        return new String[] {
            String.format("%-2s %s", RouteCells.marker(p), prefix),
            RouteCells.nextHop(p),
            RouteCells.med(a),
            RouteCells.localPref(a),
            RouteCells.asPath(a),
            RouteCells.from(p),
            note,
        };
    }
}
