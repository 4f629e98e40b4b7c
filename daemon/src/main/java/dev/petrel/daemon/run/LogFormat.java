package dev.petrel.daemon.run;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * How the daemon writes its log lines: {@code text} for people (the default) or {@code json}, one JSON object per
 * line for a log pipeline (Kubernetes, Loki, Elasticsearch). Chosen by {@code petrel run --log-format} or the
 * {@code PETREL_LOG_FORMAT} environment variable.
 *
 * <p>The logback configuration names one appender per format; {@link #apply} sets {@value #PROPERTY} and re-reads
 * the configuration that logback loaded, so an operator's own file (-Dlogback.configurationFile) keeps working and
 * only needs appenders with the same two names.
 */
public enum LogFormat {
    text,
    json;

    /** The system property the logback configuration reads to pick the root appender. */
    public static final String PROPERTY = "petrel.log.format";

    /**
     * Switches the process's logging to this format.
     *
     * @return null when done, or why it could not be (logging is not logback, or its configuration has no
     *     appender of this name), for the caller to print: logging is then left as it was
     */
    public String apply() {
        if (this == text && System.getProperty(PROPERTY) == null) {
            return null; // what the configuration does already
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return this == text ? null
                    : "--log-format json needs logback as the SLF4J backend; found " + factory.getClass().getName();
        }
        URL source = ConfigurationWatchListUtil.getMainWatchURL(context);
        if (source == null) {
            return this == text ? null : "--log-format json: logback has no configuration file to re-read";
        }
        String before = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, name());
        if (!reconfigure(context, source)
                || context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(name()) == null) {
            // Back to what worked, so that a bad file or a missing appender never leaves the daemon silent.
            if (before == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, before);
            }
            reconfigure(context, source);
            return "--log-format " + name() + ": the logging configuration " + source
                    + " has no root appender named \"" + name() + "\"; logging unchanged";
        }
        return null;
    }

    private static boolean reconfigure(LoggerContext context, URL source) {
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(source);
            return true;
        } catch (JoranException e) {
            return false;
        }
    }
}
