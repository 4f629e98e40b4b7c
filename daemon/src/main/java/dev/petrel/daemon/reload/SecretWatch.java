package dev.petrel.daemon.reload;

import dev.petrel.config.ListenRange;
import dev.petrel.config.PeerConfig;
import dev.petrel.config.PetrelConfig;
import dev.petrel.config.SecretFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the configuration when a secret file it names changes ({@code password-file}, as a Kubernetes Secret
 * volume updates it): the reload re-reads every file, and the plan resets the peers whose key changed (Cease/6)
 * and nothing else. After each applied reload, however it came, the watched set follows the running
 * configuration, so a file named by a reload is watched from then on and one no longer named is dropped.
 *
 * <p>Reloads run one at a time on a thread of their own, never on the watcher's.
 */
public final class SecretWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecretWatch.class);

    private final Reloader reloader;
    private final Supplier<PetrelConfig> running;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("petrel-secret-reload").factory());
    private SecretFiles files;

    public SecretWatch(Reloader reloader, Supplier<PetrelConfig> running) {
        this.reloader = reloader;
        this.running = running;
        rearm();
        reloader.afterApply(this::rearm);
    }

    /** The secret files a configuration reads: peers', and listen ranges' (their template's included). */
    static Set<Path> secretFiles(PetrelConfig c) {
        Set<Path> out = new TreeSet<>();
        for (PeerConfig p : c.peers()) {
            add(out, p);
        }
        for (ListenRange r : c.listenRanges()) {
            add(out, r.peer());
        }
        return out;
    }

    private static void add(Set<Path> out, PeerConfig p) {
        if (p != null) {
            p.password().map(dev.petrel.config.Password::file)
                    .ifPresent(f -> out.add(f.toAbsolutePath().normalize()));
        }
    }

    private synchronized void rearm() {
        if (worker.isShutdown()) {
            return;
        }
        Set<Path> wanted = secretFiles(running.get());
        if (files != null && files.files().equals(wanted)) {
            return;
        }
        closeFiles();
        if (wanted.isEmpty()) {
            return;
        }
        try {
            files = SecretFiles.watch(wanted, changed -> worker.execute(() -> reload(changed)));
        } catch (IOException e) {
            LOG.warn("cannot watch the secret files {} ({}); after changing one, reload with SIGHUP or"
                    + " 'petrel reload'", wanted, e.toString());
        }
    }

    private void reload(Set<Path> changed) {
        try {
            Reloader.Outcome o = reloader.reload(false);
            LOG.info("secret file changed ({}): reload {}", changed,
                    o.status().name().toLowerCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            LOG.warn("secret file changed ({}): reload failed: {}", changed, e.toString());
        }
    }

    private void closeFiles() {
        if (files != null) {
            try {
                files.close();
            } catch (IOException e) {
                LOG.debug("closing the secret-file watcher: {}", e.toString());
            }
            files = null;
        }
    }

    @Override
    public synchronized void close() {
        worker.shutdownNow();
        closeFiles();
    }
}
