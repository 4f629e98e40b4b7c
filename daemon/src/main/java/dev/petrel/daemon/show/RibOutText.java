package dev.petrel.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code show rib-out PEER} as text: what the peer was sent, as FRR's {@code advertised-routes} prints it. */
final class RibOutText {
    private static final String[] HEADER = {"Network", "Next Hop", "MED", "LocPrf", "Path"};

    private RibOutText() {}

    static String render(JsonNode answer) {
        String peer = answer.path("peer").asText();
        JsonNode routes = answer.path("routes");
        if (routes.isEmpty()) {
            return "nothing advertised to " + Columns.printable(peer) + "\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER.clone());
        for (JsonNode r : routes) {
            JsonNode a = r.get("attributes");
            JsonNode nh = r.get("next_hop");
            JsonNode pathId = r.get("path_id");
            rows.add(new String[] {
                r.path("prefix").asText() + (pathId == null ? "" : " path " + pathId.asText()),
                nh == null || nh.isNull() ? "-" : nh.asText(),
                RouteCells.med(a),
                RouteCells.localPref(a),
                RouteCells.asPath(a),
            });
        }
        StringBuilder out = new StringBuilder(Columns.render(rows));
        boolean paths = routes.get(0).has("path_id");
        out.append('\n').append(paths ? Columns.count(routes.size(), "path", "paths")
                : Columns.count(routes.size(), "prefix", "prefixes")).append(" advertised to ")
                .append(Columns.printable(peer)).append('\n');
        if (answer.path("truncated").asBoolean()) {
            out.append("cut at --limit ").append(answer.path("limit").asText())
                    .append(": there are more; narrow with --family, or raise --limit\n");
        }
        return out.toString();
    }
}
