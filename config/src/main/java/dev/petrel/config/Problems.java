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
        if (origin == null) {
            errors.add(new ConfigError(originName, -1, key, message));
            return;
        }
        String file = origin.filename() != null ? origin.filename()
                : origin.resource() != null ? origin.resource() : originName;
        errors.add(new ConfigError(file, origin.lineNumber(), key, message));
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

    /** In file order; errors without a line last. */
    List<ConfigError> sorted() {
        List<ConfigError> l = new ArrayList<>(errors);
        l.sort(Comparator.comparingInt(e -> e.line() > 0 ? e.line() : Integer.MAX_VALUE));
        return l;
    }
}
