package dev.petrel.config;

import java.util.Set;

/**
 * Reports keys the schema does not have. A misspelt key that were ignored would be a setting silently lost
 * ("pasive = true" leaving a peer active), so it is an error, with the nearest known key as a suggestion.
 */
final class UnknownKeys {
    /** Suggest a known key at most this many edits away. */
    private static final int MAX_DISTANCE = 2;

    private UnknownKeys() {}

    static void check(Section section, Set<String> known) {
        for (String key : section.writtenKeys()) {
            if (!known.contains(key)) {
                String near = nearest(key, known);
                section.error(key, "unknown key" + (near != null ? "; did you mean " + near + "?" : ""));
            }
        }
    }

    static String nearest(String key, Set<String> known) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String k : known.stream().sorted().toList()) {
            int d = distance(key, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
