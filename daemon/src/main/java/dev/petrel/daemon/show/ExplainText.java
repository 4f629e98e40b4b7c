package dev.petrel.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code show routes PREFIX --explain} as text: every candidate ranked, with whom it lost to, at which step of
 * the decision process and why ("lost to rr at LOCAL_PREF: LOCAL_PREF 100 &lt; 200").
 */
final class ExplainText {
    private static final String[] HEADER = {"Rank", "From", "Next Hop", "MED", "LocPrf", "Path", "Result"};

    private ExplainText() {}

    static String render(JsonNode answer) {
        JsonNode e = answer.get("explanation");
        if (e == null || e.isNull()) {
            return "no route for " + answer.path("prefix").asText() + "\n";
        }
        String prefix = e.path("prefix").asText();
        String asked = answer.path("prefix").asText(prefix);
        JsonNode candidates = e.path("candidates");
        StringBuilder out = new StringBuilder();
        out.append(asked.equals(prefix) ? prefix : asked + " is routed by " + prefix).append(": ")
                .append(Columns.count(candidates.size(), "candidate", "candidates")).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER.clone());
        for (JsonNode c : candidates) {
            JsonNode p = c.path("path");
            JsonNode a = p.get("attributes");
            if (a == null || a.isNull()) {
                a = p.get("received");
            }
            rows.add(new String[] {
                c.path("rank").asInt() == 0 ? "-" : c.path("rank").asText(),
                RouteCells.from(p),
                RouteCells.nextHop(p),
                RouteCells.med(a),
                RouteCells.localPref(a),
                RouteCells.asPath(a),
                result(c),
            });
        }
        return out.append(Columns.render(rows)).toString();
    }

    private static String result(JsonNode c) {
        String reason = c.path("reason").asText("");
        JsonNode lostTo = c.get("lost_to");
        String r = lostTo == null || lostTo.isNull() ? reason
                : "lost to " + lostTo.asText() + " at " + c.path("lost_at").asText("?") + ": " + reason;
        return c.path("multipath").asBoolean() ? r + " (multipath)" : r;
    }
}
