package dev.petrel.config;

import java.util.List;

/** What loading a configuration gives: a valid configuration, or every error found in it. */
public sealed interface ConfigResult {
    /** The errors, in file order; empty for a valid configuration. */
    List<ConfigError> errors();

    record Valid(PetrelConfig config) implements ConfigResult {
        @Override
        public List<ConfigError> errors() {
            return List.of();
        }
    }

    record Invalid(List<ConfigError> errors) implements ConfigResult {
        public Invalid {
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid configuration has at least one error");
            }
            errors = List.copyOf(errors);
        }
    }
}
