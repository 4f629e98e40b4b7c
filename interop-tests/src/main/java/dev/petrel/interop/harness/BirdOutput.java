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
