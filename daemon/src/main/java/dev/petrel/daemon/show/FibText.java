package dev.petrel.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code show fib} as text: the FIB's counts on one line, then a line per prefix; with {@code --diff}, what the
 * kernel lacks, holds too much of, or holds otherwise.
 */
final class FibText {
    private static final String[] HEADER = {"Prefix", "State", "Next Hops", "Metric", "Peer", "Problem"};

    private FibText() {}

    static String render(JsonNode answer) {
        StringBuilder out = new StringBuilder(header(answer.path("counts")));
        JsonNode diff = answer.get("diff");
        if (diff != null && !diff.isNull()) {
            diff(out, diff);
        } else {
            entries(out, answer);
        }
        if (answer.path("truncated").asBoolean()) {
            out.append("cut at --limit ").append(answer.path("limit").asText())
                    .append(": there are more; raise --limit\n");
        }
        return out.toString();
    }

    /** "installed 3, pending 0, failed 1, refused 0, stale 0; converged", and the write errors if there were any. */
    static String header(JsonNode c) {
        StringBuilder b = new StringBuilder();
        for (String f : new String[] {"installed", "pending", "failed", "refused", "stale"}) {
            b.append(b.isEmpty() ? "" : ", ").append(f).append(' ').append(c.path(f).asLong());
        }
        List<String> waiting = new ArrayList<>();
        c.path("waiting_for").forEach(p -> waiting.add(Columns.printable(p.asText())));
        if (c.path("converged").asBoolean()) {
            b.append("; converged");
        } else if (waiting.isEmpty()) {
            b.append("; not converged yet");
        } else {
            b.append("; waiting for End-of-RIB from ").append(String.join(", ", waiting));
        }
        b.append('\n');
        JsonNode errors = c.path("errors");
        if (!errors.isEmpty()) {
            List<String> each = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : errors.properties()) {
                each.add(Columns.printable(e.getKey()) + " " + e.getValue().asLong());
            }
            b.append("write errors since start: ").append(String.join(", ", each)).append('\n');
        }
        return b.toString();
    }

    private static void entries(StringBuilder out, JsonNode answer) {
        JsonNode entries = answer.path("entries");
        if (entries.isEmpty()) {
            out.append("no FIB entries\n");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER.clone());
        for (JsonNode e : entries) {
            JsonNode r = route(e);
            rows.add(new String[] {
                e.path("prefix").asText(),
                e.path("state").asText(),
                r == null ? "-" : hops(r),
                r == null ? "-" : r.path("metric").asText(),
                text(e.get("peer")),
                problem(e),
            });
        }
        out.append(Columns.render(rows));
        JsonNode prefix = answer.get("prefix");
        if (prefix != null && !prefix.isNull() && entries.size() == 1) {
            // One prefix: both sides in full, which the table folds into one.
            JsonNode e = entries.get(0);
            out.append("wanted:    ").append(routeOrNothing(e.get("desired"))).append('\n');
            out.append("in kernel: ").append(routeOrNothing(e.get("installed"))).append('\n');
        }
    }

    /** The route the row shows: what is wanted, or what is still in the kernel (stale, being removed). */
    private static JsonNode route(JsonNode e) {
        JsonNode d = e.get("desired");
        if (d != null && !d.isNull()) {
            return d;
        }
        JsonNode i = e.get("installed");
        return i == null || i.isNull() ? null : i;
    }

    private static String problem(JsonNode e) {
        String p = text(e.get("problem"));
        int attempts = e.path("attempts").asInt();
        return attempts > 0 ? p + " (" + Columns.count(attempts, "attempt", "attempts") + ")" : p;
    }

    private static void diff(StringBuilder out, JsonNode diff) {
        JsonNode missing = diff.path("missing");
        JsonNode extra = diff.path("extra");
        JsonNode different = diff.path("different");
        if (missing.isEmpty() && extra.isEmpty() && different.isEmpty()) {
            out.append("the kernel matches\n");
            return;
        }
        section(out, "missing from the kernel", missing);
        section(out, "ours in the kernel, not wanted", extra);
        if (!different.isEmpty()) {
            out.append("different:\n");
            for (JsonNode pair : different) {
                out.append("  want ").append(routeText(pair.path("desired"))).append('\n')
                        .append("    kernel has ").append(routeText(pair.path("kernel"))).append('\n');
            }
        }
    }

    private static void section(StringBuilder out, String title, JsonNode routes) {
        if (routes.isEmpty()) {
            return;
        }
        out.append(title).append(":\n");
        for (JsonNode r : routes) {
            out.append("  ").append(routeText(r)).append('\n');
        }
    }

    private static String routeOrNothing(JsonNode r) {
        return r == null || r.isNull() ? "nothing" : routeText(r);
    }

    /** "10.0.0.0/8 via 10.255.1.1 metric 20", as {@code ip route} says it; "blackhole 10.0.0.0/8 metric 20". */
    static String routeText(JsonNode r) {
        String type = r.path("type").asText("unicast");
        StringBuilder b = new StringBuilder();
        if (!type.equals("unicast")) {
            b.append(Columns.printable(type)).append(' ');
        }
        b.append(Columns.printable(r.path("prefix").asText()));
        for (JsonNode h : r.path("next_hops")) {
            b.append(h.hasNonNull("gateway") ? " via " : " ").append(hop(h));
        }
        return b.append(" metric ").append(r.path("metric").asText()).toString();
    }

    /** The next hops cell: "10.255.1.1, 10.255.2.1 weight 2", or the route's type when it has none. */
    static String hops(JsonNode r) {
        List<String> each = new ArrayList<>();
        for (JsonNode h : r.path("next_hops")) {
            each.add(hop(h));
        }
        if (each.isEmpty()) {
            return r.path("type").asText("-");
        }
        return String.join(", ", each);
    }

    /** "10.255.1.1", "fe80::1 dev#3 onlink", "dev#4", "10.255.1.1 weight 2". */
    private static String hop(JsonNode h) {
        List<String> parts = new ArrayList<>();
        if (h.hasNonNull("gateway")) {
            parts.add(Columns.printable(h.get("gateway").asText()));
        }
        if (h.path("ifindex").asInt() != 0) {
            parts.add("dev#" + h.path("ifindex").asInt());
        }
        if (h.path("onlink").asBoolean()) {
            parts.add("onlink");
        }
        if (h.path("weight").asInt(1) != 1) {
            parts.add("weight " + h.path("weight").asInt());
        }
        return String.join(" ", parts);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "-" : n.asText();
    }
}
