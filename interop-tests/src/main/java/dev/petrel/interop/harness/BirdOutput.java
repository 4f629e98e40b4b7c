package dev.petrel.interop.harness;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** Parsers for {@code birdc} text (BIRD 2.0.x); lenient, the raw text always travels with the result. */
public final class BirdOutput {

    private BirdOutput() {
    }

    /** Parses {@code show protocols all NAME}. */
    public static PeerSnapshot protocol(String name, String raw) {
        String rawState = null;
        String rowInfo = null;
        String rowState = null;
        String lastError = null;
        String message = null;
        Integer hold = null;
        Integer keepalive = null;
        Set<Capability> neighborCaps = EnumSet.noneOf(Capability.class);
        Set<Capability> localCaps = EnumSet.noneOf(Capability.class);
        Set<String> afis = new LinkedHashSet<>();
        Set<Capability> section = null;
        boolean neighborSection = false;
        boolean inMultiprotocol = false;
        for (String line : raw.split("\n")) {
            String stripped = line.strip();
            int indent = indent(line);
            if (section != null) {
                if (indent <= 4) {
                    section = null;
                } else {
                    if (indent == 6) {
                        Capability.fromBird(stripped).ifPresent(section::add);
                        inMultiprotocol = stripped.toLowerCase().startsWith("multiprotocol");
                    } else if (neighborSection && inMultiprotocol && stripped.startsWith("AF announced:")) {
                        afis.addAll(Arrays.asList(stripped.substring("AF announced:".length()).strip().split("\\s+")));
                        afis.remove("");
                    }
                    continue;
                }
            }
            if (indent == 0 && (stripped.startsWith(name + " ") || stripped.equals(name))) {
                String[] cols = stripped.split("\\s+", 6);
                if (cols.length >= 4) {
                    rowState = cols[3];
                }
                if (cols.length >= 6) {
                    rowInfo = cols[5].strip();
                }
            } else if (stripped.startsWith("BGP state:")) {
                rawState = value(stripped);
            } else if (stripped.startsWith("Last error:")) {
                lastError = value(stripped);
            } else if (stripped.startsWith("Message:")) {
                message = value(stripped);
            } else if (stripped.startsWith("Hold timer:")) {
                hold = afterSlash(value(stripped));
            } else if (stripped.startsWith("Keepalive timer:")) {
                keepalive = afterSlash(value(stripped));
            } else if (stripped.equals("Local capabilities")) {
                section = localCaps;
                neighborSection = false;
            } else if (stripped.equals("Neighbor capabilities")) {
                section = neighborCaps;
                neighborSection = true;
            }
        }
        if (rawState == null && rowInfo == null && rowState == null) {
            return PeerSnapshot.unparsable(raw);
        }
        if (rawState == null) {
            // No "BGP state:" line: fall back to the table row (Info column, else the protocol state).
            rawState = rowInfo != null && !rowInfo.isEmpty() ? rowInfo.split("\\s+")[0] : rowState;
        }
        if (lastError == null && rowInfo != null) {
            String[] parts = rowInfo.split("\\s+", 2);
            if (parts.length == 2 && !parts[1].isBlank()) {
                lastError = parts[1].strip();
            }
        }
        BgpState state = BgpState.parse(rawState);
        return new PeerSnapshot(state, rawState, lastError, null, message, state == BgpState.ESTABLISHED ? hold : null,
                state == BgpState.ESTABLISHED ? keepalive : null, neighborCaps, localCaps, afis, raw);
    }

    /**
     * The prefixes in {@code show route ...} output: lines that start in column 0 with a prefix (continuation
     * lines, "Table ...:" headers and the banner are skipped).
     */
    public static Set<String> routes(String raw) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (String line : raw.split("\n")) {
            if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            String first = line.split("\\s+", 2)[0];
            if (first.contains("/") && (first.contains(".") || first.contains(":"))) {
                prefixes.add(first);
            }
        }
        return prefixes;
    }

    /**
     * The paths in {@code show route PREFIX all}: a route line per path ({@code PREFIX  unicast [PROTO TIME] *
     * (PREF) [ASxi]}, the prefix only on the first; {@code *} marks the best), each followed by tab-indented
     * attribute lines ({@code BGP.as_path: 65002 65001}). Paths of other prefixes are skipped.
     */
    public static java.util.List<BgpPath> paths(String prefix, String raw) {
        java.util.List<BgpPath> out = new java.util.ArrayList<>();
        String current = null;
        PathBuilder b = null;
        for (String line : raw.split("\n")) {
            if (line.isBlank() || line.startsWith("BIRD ") || line.startsWith("Table ")) {
                continue;
            }
            boolean attrLine = line.startsWith("\t") || line.startsWith("        \t");
            String stripped = line.strip();
            if (!attrLine && stripped.contains("[")) {
                // A route line: with the prefix in column 0, or indented for a further path of the same prefix.
                if (!Character.isWhitespace(line.charAt(0))) {
                    current = stripped.split("\\s+", 2)[0];
                }
                if (b != null) {
                    out.add(b.build());
                }
                b = null;
                if (prefix.equals(current)) {
                    b = new PathBuilder(current);
                    int open = stripped.indexOf('[');
                    int space = stripped.indexOf(' ', open);
                    int close = stripped.indexOf(']', open);
                    b.from = stripped.substring(open + 1, space > 0 && space < close ? space : close);
                    String after = stripped.substring(close + 1).strip();
                    b.best = after.startsWith("*");
                }
                continue;
            }
            if (b == null) {
                continue;
            }
            if (stripped.startsWith("Type:") && stripped.contains("static")) {
                b.from = null;
            } else if (stripped.startsWith("BGP.origin:")) {
                b.origin = value(stripped).toLowerCase();
            } else if (stripped.startsWith("BGP.as_path:")) {
                b.asPath = value(stripped);
            } else if (stripped.startsWith("BGP.next_hop:")) {
                b.nextHop = value(stripped).split("\\s+")[0];
            } else if (stripped.startsWith("BGP.med:")) {
                b.med = Long.valueOf(value(stripped));
            } else if (stripped.startsWith("BGP.local_pref:")) {
                b.localPref = Long.valueOf(value(stripped));
            } else if (stripped.startsWith("BGP.community:")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+),\\s*(\\d+)\\)")
                        .matcher(value(stripped));
                while (m.find()) {
                    b.communities.add(m.group(1) + ":" + m.group(2));
                }
            }
        }
        if (b != null) {
            out.add(b.build());
        }
        return out;
    }

    private static final class PathBuilder {
        final String prefix;
        String from;
        String nextHop;
        String asPath = "";
        String origin;
        Long med;
        Long localPref;
        final java.util.List<String> communities = new java.util.ArrayList<>();
        boolean best;

        PathBuilder(String prefix) {
            this.prefix = prefix;
        }

        BgpPath build() {
            return new BgpPath(prefix, from, nextHop, asPath, origin, med, localPref, communities, best, false);
        }
    }

    private static int indent(String line) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                n++;
            } else if (c == '\t') {
                n += 8;
            } else {
                break;
            }
        }
        return n;
    }

    private static String value(String stripped) {
        return stripped.substring(stripped.indexOf(':') + 1).strip();
    }

    private static Integer afterSlash(String v) {
        int slash = v.lastIndexOf('/');
        if (slash < 0) {
            return null;
        }
        try {
            return Integer.valueOf(v.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
