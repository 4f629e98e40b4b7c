package dev.petrel.config;

/**
 * The policy a peer's import or export goes through: all routes, none, or a named policy. Sealed, so that the
 * speaker's switch must say what it does with each.
 */
public sealed interface PolicyRef {
    PolicyRef ALL = new All();
    PolicyRef NONE = new None();

    /** Every route passes. */
    record All() implements PolicyRef {
        @Override
        public String toString() {
            return "all";
        }
    }

    /** No route passes. */
    record None() implements PolicyRef {
        @Override
        public String toString() {
            return "none";
        }
    }

    /** A policy defined elsewhere in the configuration, by name. */
    record Named(String name) implements PolicyRef {
        @Override
        public String toString() {
            return name;
        }
    }

    /** "all", "none", or a policy name. */
    static PolicyRef of(String text) {
        return switch (text) {
            case "all" -> ALL;
            case "none" -> NONE;
            default -> new Named(text);
        };
    }
}
