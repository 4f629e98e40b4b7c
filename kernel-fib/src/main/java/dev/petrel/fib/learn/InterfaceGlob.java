package dev.petrel.fib.learn;

import java.util.List;
import java.util.Objects;

/**
 * One interface-name pattern as BIRD's {@code interface} clause and Calico's templates write them:
 * {@code "cali*"} includes, {@code "-kube-ipvs*"} excludes. {@code *} matches any run of characters (also none),
 * {@code ?} exactly one; every other character stands for itself (Linux interface names have no escapes).
 *
 * <p>A list is read in order and the first pattern that matches the name decides ({@link #decide}), so
 * {@code -kube-ipvs*, *} means "everything but kube-ipvs*" and {@code *, -kube-ipvs*} means "everything".
 * A name no pattern matches is {@link Decision#NOT_MATCHED}, which callers treat as not included: an empty list
 * includes nothing, and "everything" must be said with {@code *}.
 *
 * @param pattern the glob without the leading {@code -}
 * @param exclude whether a match excludes the interface
 */
public record InterfaceGlob(String pattern, boolean exclude) {
    /** What a list of globs says about one name. */
    public enum Decision {
        INCLUDED, EXCLUDED, NOT_MATCHED;

        public boolean included() {
            return this == INCLUDED;
        }
    }

    public InterfaceGlob {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("an interface glob needs a pattern");
        }
    }

    /** {@code "cali*"} or {@code "-kube-ipvs*"}; surrounding blanks and double quotes (BIRD's syntax) are dropped. */
    public static InterfaceGlob parse(String text) {
        String t = text.strip();
        boolean exclude = t.startsWith("-");
        if (exclude) {
            t = t.substring(1).strip();
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return new InterfaceGlob(t, exclude);
    }

    /** Each of {@code texts} through {@link #parse}, in order. */
    public static List<InterfaceGlob> parseAll(String... texts) {
        return parseAll(List.of(texts));
    }

    public static List<InterfaceGlob> parseAll(List<String> texts) {
        return texts.stream().map(InterfaceGlob::parse).toList();
    }

    /** Whether the pattern matches the whole name (include or exclude aside). */
    public boolean matches(String name) {
        return glob(pattern, name);
    }

    /** The first glob of {@code globs} that matches {@code name} decides; none matching is NOT_MATCHED. */
    public static Decision decide(List<InterfaceGlob> globs, String name) {
        for (InterfaceGlob g : globs) {
            if (g.matches(name)) {
                return g.exclude ? Decision.EXCLUDED : Decision.INCLUDED;
            }
        }
        return Decision.NOT_MATCHED;
    }

    /** The first glob of {@code globs} that matches {@code name}, or null: for saying why. */
    public static InterfaceGlob firstMatch(List<InterfaceGlob> globs, String name) {
        for (InterfaceGlob g : globs) {
            if (g.matches(name)) {
                return g;
            }
        }
        return null;
    }

    /**
     * Classic linear glob matching: on a mismatch after a {@code *}, retry with the star swallowing one more
     * character. Only the last star needs remembering, so this never backtracks exponentially.
     */
    static boolean glob(String p, String s) {
        int pi = 0;
        int si = 0;
        int star = -1;
        int starS = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                starS = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++starS;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    @Override
    public String toString() {
        return (exclude ? "-" : "") + '"' + pattern + '"';
    }
}
