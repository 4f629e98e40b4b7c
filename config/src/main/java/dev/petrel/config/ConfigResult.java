package dev.petrel.config;

import java.util.List;

/**
 * What loading a configuration gives: a valid configuration, or every error found in it; either way with the
 * warnings (things that are allowed but probably not meant, or that depend on the host at the time of the check,
 * like a {@code local-address} not yet on any interface).
 */
public sealed interface ConfigResult {
    /** The errors, in file order; empty for a valid configuration. */
    List<ConfigError> errors();

    /** The warnings, in file order; they never make a configuration invalid. */
    List<ConfigError> warnings();

    record Valid(PetrelConfig config, List<ConfigError> warnings) implements ConfigResult {
        public Valid {
            warnings = List.copyOf(warnings);
        }

        public Valid(PetrelConfig config) {
            this(config, List.of());
        }

        @Override
        public List<ConfigError> errors() {
            return List.of();
        }
    }

    record Invalid(List<ConfigError> errors, List<ConfigError> warnings) implements ConfigResult {
        public Invalid {
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid configuration has at least one error");
            }
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        public Invalid(List<ConfigError> errors) {
            this(errors, List.of());
        }
    }
}
