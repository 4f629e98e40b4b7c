package dev.petrel.daemon.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Petrel's loggers at ERROR while the in-process demo runs: the speakers' INFO lines (every session transition)
 * and the warnings of its orderly shutdown (every session ends with a NOTIFICATION) would bury the demo's own
 * output on the same terminal; the demo reports what fails itself, and errors still show. The daemon's logback.xml
 * sets some of them ({@code dev.petrel.fsm}, {@code dev.petrel.speaker}) explicitly, so each is set, not just
 * their parent. {@link #close()} restores them.
 */
final class QuietLogs implements AutoCloseable {
    private final Map<Logger, Level> saved = new LinkedHashMap<>();

    QuietLogs() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another slf4j binding: leave it alone
        }
        Logger root = context.getLogger("dev.petrel");
        saved.put(root, root.getLevel());
        for (Logger l : context.getLoggerList()) {
            if (l.getName().startsWith("dev.petrel.") && l.getLevel() != null) {
                saved.put(l, l.getLevel());
            }
        }
        saved.keySet().forEach(l -> l.setLevel(Level.ERROR));
    }

    @Override
    public void close() {
        saved.forEach(Logger::setLevel);
    }
}
