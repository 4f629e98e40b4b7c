package dev.petrel.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code show routes --count} as text: per family, per peer and family, update groups, and the memory estimate. */
final class CountsText {
    private CountsText() {}

    static String render(JsonNode answer) {
        List<String[]> families = new ArrayList<>();
        families.add(new String[] {"Family", "Prefixes", "Paths", "Best"});
        for (JsonNode f : answer.path("families")) {
            families.add(new String[] {f.path("family").asText(), f.path("prefixes").asText(),
                    f.path("paths").asText(), f.path("best").asText()});
        }
        StringBuilder out = new StringBuilder(Columns.render(families)).append('\n');
        JsonNode peers = answer.path("peers");
        if (peers.isEmpty()) {
            out.append("no peer has sent or been sent a route\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"Peer", "Family", "Received", "Accepted", "Best", "Advertised"});
            for (JsonNode p : peers) {
                rows.add(new String[] {p.path("peer").asText(), p.path("family").asText(),
                        p.path("received").asText(), p.path("accepted").asText(), p.path("best").asText(),
                        p.path("advertised").asText()});
            }
            out.append(Columns.render(rows));
        }
        out.append('\n').append(Columns.count(answer.path("update_groups").asLong(), "update group", "update groups"))
                .append('\n');
        JsonNode m = answer.path("memory");
        out.append("Memory (estimated): ").append(bytes(m.path("total_bytes").asLong())).append(" for ")
                .append(Columns.count(m.path("paths").asLong(), "path", "paths")).append(", ")
                .append(String.format(Locale.ROOT, "%.1f", m.path("bytes_per_route").asDouble()))
                .append(" bytes per route; ")
                .append(Columns.count(m.path("attribute_sets").asLong(), "attribute set", "attribute sets"))
                .append(" holding ").append(bytes(m.path("attribute_bytes").asLong())).append('\n');
        return out.toString();
    }

    /** "512 B", "1.5 KiB", "120.0 MiB", "1.2 GiB". */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
