package dev.petrel.config;

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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Watches secret files (a {@code password-file}, a TLS key) and reports which of them changed, so that a reload
 * can re-read them. Not wired into the daemon: the caller decides what a change means (a reload, a new TLS
 * context).
 *
 * <p>The parent directories are watched, not the files: a Kubernetes Secret volume never writes a file in place.
 * It writes a new hidden timestamped directory and swaps the {@code ..data} symbolic link to it ({@code ..data_tmp}
 * renamed over {@code ..data}); the file itself is a link through {@code ..data} that never changes. Editors
 * replace a file by renaming a new one over it. So any event in a directory makes every watched file in it be
 * read again, and a file is reported only when what it reads as differs (by SHA-256) from what it read before:
 * the several events of one swap, or a file touched without a change, report nothing or report once.
 *
 * <p>A file that disappears is reported (it reads as absent), and again when it comes back. The contents are
 * never kept, only their digests; nothing is logged.
 */
public final class SecretFiles implements AutoCloseable {
    /** What a missing or unreadable file reads as: no digest is empty. */
    private static final byte[] ABSENT = new byte[0];

    private final Map<Path, byte[]> digests = new LinkedHashMap<>();
    private final Map<WatchKey, Path> directories = new HashMap<>();
    private final WatchService watcher;
    private final Consumer<Set<Path>> onChange;
    private final Thread thread;

    private SecretFiles(Collection<Path> files, Consumer<Set<Path>> onChange, boolean start) throws IOException {
        this.onChange = onChange;
        this.watcher = FileSystems.getDefault().newWatchService();
        try {
            for (Path f : files) {
                Path file = f.toAbsolutePath().normalize();
                digests.put(file, digest(file));
                Path dir = file.getParent();
                if (!directories.containsValue(dir)) {
                    directories.put(dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            watcher.close();
            throw e;
        }
        thread = start ? Thread.ofPlatform().daemon().name("petrel-secret-files").start(this::loop) : null;
    }

    /**
     * Starts watching {@code files}; their current content is the baseline.
     *
     * @param onChange called on the watcher's thread with the files (absolute, normalised) whose content
     *     changed, never with an empty set; it should hand the work off rather than reload on that thread
     * @throws IOException when a parent directory cannot be watched (it does not exist, or inotify's limit of
     *     watches is reached)
     */
    public static SecretFiles watch(Collection<Path> files, Consumer<Set<Path>> onChange) throws IOException {
        return new SecretFiles(files, onChange, true);
    }

    /** The files with no thread looking at them: only {@link #rescan()} tells what changed (for tests). */
    static SecretFiles unwatched(Collection<Path> files) throws IOException {
        return new SecretFiles(files, changed -> { }, false);
    }

    /** The watched files, absolute and normalised. */
    public synchronized Set<Path> files() {
        return Set.copyOf(digests.keySet());
    }

    /**
     * Reads every watched file again and returns those that changed since the last look, without calling the
     * callback. For a caller that wants to be sure after an event was lost, and for tests.
     */
    public Set<Path> rescan() {
        return rescan(null);
    }

    /** The files in {@code dir} (every file when null) whose digest changed, the new digests kept. */
    private synchronized Set<Path> rescan(Path dir) {
        Set<Path> changed = new TreeSet<>();
        for (Map.Entry<Path, byte[]> e : digests.entrySet()) {
            if (dir == null || e.getKey().getParent().equals(dir)) {
                byte[] now = digest(e.getKey());
                if (!Arrays.equals(now, e.getValue())) {
                    e.setValue(now);
                    changed.add(e.getKey());
                }
            }
        }
        return changed;
    }

    private void loop() {
        while (true) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            }
            Path dir = directories.get(key);
            // Only whether something happened matters, not what: the events are drained and every file of the
            // directory read again. An OVERFLOW (events lost) leads to the same.
            key.pollEvents();
            Set<Path> changed = rescan(dir);
            if (!key.reset()) {
                // The directory itself went away (the volume unmounted): its files read as absent from now on.
                changed.addAll(rescan(dir));
            }
            if (!changed.isEmpty()) {
                onChange.accept(Set.copyOf(changed));
            }
        }
    }

    private static byte[] digest(Path file) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException e) {
            return ABSENT;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** Stops watching; the callback is not called after this returns, unless it is running already. */
    @Override
    public void close() throws IOException {
        watcher.close();
        if (thread != null) {
            thread.interrupt();
        }
    }
}
