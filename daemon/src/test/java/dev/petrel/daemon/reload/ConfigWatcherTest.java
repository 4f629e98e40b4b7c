package dev.petrel.daemon.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher calls back once per content change, in order: the same bytes written again, a touch or another
 * file changing call nothing (checked by order: a later real change arrives right after the previous one).
 */
class ConfigWatcherTest {
    @TempDir
    Path dir;

    @Test
    void callsBackOncePerContentChange() throws Exception {
        Path file = dir.resolve("petrel.conf");
        Files.writeString(file, "one");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ConfigWatcher w = new ConfigWatcher(file, c -> seen.add(new String(c, StandardCharsets.UTF_8)))) {
            Files.writeString(file, "two");
            await(() -> seen.size() >= 1);
            Files.writeString(file, "two"); // same bytes
            Files.writeString(dir.resolve("other.txt"), "x"); // another file
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0)); // a touch
            Files.writeString(file, "three");
            await(() -> seen.size() >= 2);
            assertEquals(List.of("two", "three"), seen);
        }
    }

    /** Kubernetes' ConfigMap volume: the file is a symlink through {@code ..data}, which is swapped atomically. */
    @Test
    void followsASwappedSymlinkAsKubernetesUpdatesAConfigMap() throws Exception {
        Path v1 = Files.createDirectory(dir.resolve("..2026_v1"));
        Files.writeString(v1.resolve("petrel.conf"), "one");
        Path data = dir.resolve("..data");
        Files.createSymbolicLink(data, v1.getFileName());
        Path file = dir.resolve("petrel.conf");
        Files.createSymbolicLink(file, Path.of("..data/petrel.conf"));
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ConfigWatcher w = new ConfigWatcher(file, c -> seen.add(new String(c, StandardCharsets.UTF_8)))) {
            Path v2 = Files.createDirectory(dir.resolve("..2026_v2"));
            Files.writeString(v2.resolve("petrel.conf"), "two");
            Path tmp = dir.resolve("..data_tmp");
            Files.createSymbolicLink(tmp, v2.getFileName());
            Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            await(() -> !seen.isEmpty());
            assertEquals(List.of("two"), seen);
        }
    }

    static void await(BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for the watcher");
            }
            Thread.sleep(10);
        }
    }
}
