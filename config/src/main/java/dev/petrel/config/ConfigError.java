package dev.petrel.config;

/**
 * One thing wrong with a configuration, where it is and why.
 *
 * @param file the file (or origin name) it is in
 * @param line 1-based, or -1 when unknown
 * @param key the full path, like {@code petrel.peers[1].hold-time}; empty when the whole file is at fault
 * @param message what is wrong, naming the limit
 */
public record ConfigError(String file, int line, String key, String message) {
    /** {@code file:line: key: message}, as compilers and BIRD write it; unknown parts are left out. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line);
        }
        s.append(": ");
        if (!key.isEmpty()) {
            s.append(key).append(": ");
        }
        return s.append(message).toString();
    }
}
