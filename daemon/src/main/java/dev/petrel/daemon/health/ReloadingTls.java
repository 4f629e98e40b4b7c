package dev.petrel.daemon.health;

import dev.petrel.config.HttpOptions;
import dev.petrel.config.SecretFiles;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS context of the HTTP endpoints, built again when the certificate, key or client CA file changes (a
 * cert-manager renewal rewrites the Secret volume): new connections get the new context, open ones keep theirs.
 * A new set of files that does not make a context (half written, a key that does not match the certificate) is
 * refused with a warning naming the file, and the old context keeps serving until the files are right.
 */
public final class ReloadingTls implements Supplier<SslContext>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingTls.class);

    private final HttpOptions.Tls files;
    private final AtomicReference<SslContext> current;
    private SecretFiles watch;

    private ReloadingTls(HttpOptions.Tls files, SslContext first) {
        this.files = files;
        this.current = new AtomicReference<>(first);
    }

    /**
     * Builds the context from {@code files} without watching them ({@link #reload} builds it again).
     *
     * @throws IllegalStateException naming the file and what is wrong with it
     */
    static ReloadingTls unwatched(HttpOptions.Tls files) {
        return new ReloadingTls(files, HealthTls.serverContext(files));
    }

    /**
     * Builds the context and watches the files: a change builds it again.
     *
     * @throws IllegalStateException naming the file and what is wrong with it, or when a directory of them cannot
     *     be watched
     */
    public static ReloadingTls watch(HttpOptions.Tls files) {
        ReloadingTls t = unwatched(files);
        List<Path> paths = new ArrayList<>(List.of(files.certificate(), files.key()));
        if (files.clientCa() != null) {
            paths.add(files.clientCa());
        }
        try {
            t.watch = SecretFiles.watch(paths, t::changed);
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch the TLS files " + paths + " (admin.tls) for renewal: "
                    + e.getMessage(), e);
        }
        return t;
    }

    /** The context for a new connection. */
    @Override
    public SslContext get() {
        return current.get();
    }

    private void changed(Set<Path> which) {
        LOG.info("TLS files changed ({}): building a new context for the HTTP endpoints", which);
        reload();
    }

    /** Builds the context from the files again; true when it replaced the old one, false (logged) when not. */
    boolean reload() {
        try {
            current.set(HealthTls.serverContext(files));
            LOG.info("HTTP endpoints: new TLS context from {} in use for new connections", files.certificate());
            return true;
        } catch (IllegalStateException e) {
            LOG.warn("HTTP endpoints keep the previous TLS certificate: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            try {
                watch.close();
            } catch (IOException e) {
                LOG.debug("closing the TLS file watch: {}", e.toString());
            }
        }
    }
}
