package dev.petrel.daemon.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the configuration file ({@code petrel run --watch-config}) and calls back when its content changes.
 *
 * <p>It watches the file's directory, not the file: editors replace files by rename, and Kubernetes updates a
 * ConfigMap volume by swapping the {@code ..data} symlink the file points through, neither of which is an event on
 * the old file. Any event in the directory makes it read the file (through symlinks) and compare a digest of the
 * content with the last one it reported, so a touch, a rewrite with the same bytes or a change to another file in
 * the directory calls nothing. Events are let settle for {@link #SETTLE_MILLIS} first, so that an editor's
 * truncate-then-write is read once, whole. Files the configuration includes are not watched.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    static final long SETTLE_MILLIS = 300;

    private final Path file;
    private final Consumer<byte[]> changed;
    private final WatchService watch;
    private final Thread thread;
    private byte[] lastDigest;

    /**
     * Starts watching; {@code changed} runs on the watcher's thread with the new content, one call at a time.
     *
     * @throws IOException if the directory cannot be watched
     */
    public ConfigWatcher(Path file, Consumer<byte[]> changed) throws IOException {
        this.file = file.toAbsolutePath();
        this.changed = changed;
        this.lastDigest = digest(read());
        this.watch = FileSystems.getDefault().newWatchService();
        this.file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = Thread.ofPlatform().name("petrel-config-watch").daemon(true).start(this::run);
        LOG.info("watching {} for changes", this.file);
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                drain(key);
                // let a burst of events (truncate, write, rename) settle before reading
                WatchKey more;
                while ((more = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                check();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    private void check() {
        byte[] content = read();
        if (content == null) {
            LOG.debug("{} is not readable now (being replaced?); waiting for the next change", file);
            return;
        }
        byte[] d = digest(content);
        if (Arrays.equals(d, lastDigest)) {
            return;
        }
        lastDigest = d;
        LOG.info("{} changed: reloading", file);
        try {
            changed.accept(content);
        } catch (RuntimeException e) {
            LOG.warn("reload after a change to {} failed: {}", file, e.toString());
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] digest(byte[] content) {
        if (content == null) {
            return null;
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.toString());
        }
        thread.interrupt();
    }
}
