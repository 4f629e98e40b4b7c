package dev.petrel.config;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SecretFiles: which watched files changed, through the callback and through rescan. */
class SecretFilesTest {
    /** A bound on waiting for inotify, not a timing assertion: a change arrives in milliseconds. */
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    private final BlockingQueue<Set<Path>> reports = new LinkedBlockingQueue<>();

    private Set<Path> nextReport() throws InterruptedException {
        Set<Path> r = reports.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(r, "no change reported within " + WAIT_SECONDS + "s");
        return r;
    }

    @Test
    void aFileWrittenInPlaceIsReported() throws Exception {
        Path key = Files.writeString(dir.resolve("upstream"), "one\n");
        try (SecretFiles w = SecretFiles.watch(List.of(key), reports::add)) {
            Files.writeString(key, "two\n");
            assertEquals(Set.of(key), nextReport());
        }
    }

    @Test
    void aKubernetesSecretVolumeSwapIsReportedForTheFileNotForDotDotData() throws Exception {
        // The layout the kubelet's AtomicWriter makes: password -> ..data/password, ..data -> ..TIMESTAMP.
        Path first = Files.createDirectory(dir.resolve("..2026_12_07_05_00_00.1"));
        Files.writeString(first.resolve("password"), "old");
        Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Path key = Files.createSymbolicLink(dir.resolve("password"), Path.of("..data/password"));
        Path other = Files.createSymbolicLink(dir.resolve("other"), Path.of("..data/other"));
        Files.writeString(first.resolve("other"), "same");
        try (SecretFiles w = SecretFiles.watch(List.of(key, other), reports::add)) {
            Path second = Files.createDirectory(dir.resolve("..2026_12_07_05_10_00.2"));
            Files.writeString(second.resolve("password"), "new");
            Files.writeString(second.resolve("other"), "same");
            Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
            Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
            Files.delete(first.resolve("password"));
            Files.delete(first.resolve("other"));
            Files.delete(first);
            assertEquals(Set.of(key), nextReport(), "other reads the same: not reported");
            assertEquals("new", Files.readString(key));
        }
    }

    @Test
    void onlyTheChangedFileIsReportedAmongDirectories() throws Exception {
        Path a = Files.writeString(Files.createDirectory(dir.resolve("a")).resolve("key"), "a");
        Path b = Files.writeString(Files.createDirectory(dir.resolve("b")).resolve("key"), "b");
        try (SecretFiles w = SecretFiles.watch(List.of(a, b), reports::add)) {
            assertEquals(Set.of(a, b), w.files());
            Path tmp = Files.writeString(dir.resolve("b/.key.tmp"), "b2");
            Files.move(tmp, b, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertEquals(Set.of(b), nextReport());
        }
    }

    @Test
    void rescanReportsChangesOnlyOnceAndNotAnUnchangedRewrite() throws IOException {
        Path key = Files.writeString(dir.resolve("k"), "one");
        try (SecretFiles w = SecretFiles.unwatched(List.of(key))) {
            Files.writeString(key, "one");
            assertEquals(Set.of(), w.rescan(), "the same content is no change");
            Files.writeString(key, "two");
            assertEquals(Set.of(key), w.rescan());
            assertEquals(Set.of(), w.rescan(), "reported once");
        }
    }

    @Test
    void aFileThatGoesAwayAndComesBackIsReportedBothTimes() throws IOException {
        Path key = Files.writeString(dir.resolve("k"), "one");
        try (SecretFiles w = SecretFiles.unwatched(List.of(key))) {
            Files.delete(key);
            assertEquals(Set.of(key), w.rescan());
            Files.writeString(key, "one");
            assertEquals(Set.of(key), w.rescan());
        }
    }

    @Test
    void aRelativePathIsReportedAbsolute() throws IOException {
        Path key = Files.writeString(dir.resolve("k"), "one");
        Path relative = Path.of("").toAbsolutePath().relativize(key);
        try (SecretFiles w = SecretFiles.unwatched(List.of(relative))) {
            Files.writeString(key, "two");
            assertEquals(Set.of(key), w.rescan());
        }
    }

    @Test
    void aMissingDirectoryIsRefusedAtStart() {
        assertThrows(IOException.class, () -> SecretFiles.watch(List.of(dir.resolve("none/k")), changed -> { }));
    }
}
