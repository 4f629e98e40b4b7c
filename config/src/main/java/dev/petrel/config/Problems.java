package dev.petrel.config;

import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The errors found so far. Every check adds here and goes on, so that one run reports every mistake in a file
 * rather than the first.
 */
final class Problems {
    private final String originName;
    private final String referenceUrl;
    private final List<ConfigError> errors = new ArrayList<>();
    /** Doubtful but workable: reported by {@code petrel check}, never a reason to refuse the file. */
    private final List<ConfigError> warnings = new ArrayList<>();

    /**
     * @param originName the name for text that has no file of its own
     * @param referenceUrl where reference.conf was read from: a value from there is a default, and an error
     *     about it belongs to the place in the user's file that took the default
     */
    Problems(String originName, String referenceUrl) {
        this.originName = originName;
        this.referenceUrl = referenceUrl;
    }

    boolean isDefault(ConfigOrigin origin) {
        return origin.url() != null && origin.url().toExternalForm().equals(referenceUrl);
    }

    void add(ConfigOrigin origin, String key, String message) {
        errors.add(at(origin, key, message));
    }

    void warn(ConfigOrigin origin, String key, String message) {
        warnings.add(at(origin, key, message));
    }

    private ConfigError at(ConfigOrigin origin, String key, String message) {
        if (origin == null) {
            return new ConfigError(originName, -1, key, message);
        }
        String file = origin.filename() != null ? origin.filename()
                : origin.resource() != null ? origin.resource() : originName;
        return new ConfigError(file, origin.lineNumber(), key, message);
    }

    /** An error about the file as a whole. */
    void add(String message) {
        errors.add(new ConfigError(originName, -1, "", message));
    }

    int count() {
        return errors.size();
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The errors in file order; errors without a line last. */
    List<ConfigError> sorted() {
        return sorted(errors);
    }

    /** The warnings in file order. */
    List<ConfigError> sortedWarnings() {
        return sorted(warnings);
    }

    private static List<ConfigError> sorted(List<ConfigError> in) {
        List<ConfigError> l = new ArrayList<>(in);
        l.sort(Comparator.comparingInt(e -> e.line() > 0 ? e.line() : Integer.MAX_VALUE));
        return l;
    }
}
