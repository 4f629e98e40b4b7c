package dev.petrel.daemon.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs short-lived commands ({@code ip}, {@code birdc}, {@code vtysh}, {@code ping}) to completion with a deadline,
 * for {@code petrel demo} and the interop tests' harness (which starts daemons with its own {@code ManagedProcess}):
 * standard input closed, both outputs collected, and the command and its descendants killed when it outlives the
 * deadline, so a stuck command cannot hang either.
 */
public final class Exec {

    /** Deadline for the quick administrative commands (ip, birdc, vtysh), even on a loaded 2-core machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private Exec() {
    }

    /** Runs {@code command} with {@link #DEFAULT_TIMEOUT}. */
    public static CommandResult run(String... command) {
        return run(List.of(command), DEFAULT_TIMEOUT);
    }

    /**
     * Runs {@code command} with standard input closed, collects both outputs, and kills it (and its descendants)
     * if it outlives {@code timeout}.
     */
    public static CommandResult run(List<String> command, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new CommandResult(command, 127, "", "cannot start: " + e.getMessage(), false);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new CommandResult(command, finished ? p.exitValue() : -1, get(out), get(err), !finished);
    }

    /** Whether {@code program} is an executable on PATH. */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.completeExceptionally(new UncheckedIOException(e));
            }
        }, "exec-drain");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static String get(CompletableFuture<String> f) {
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "(output unavailable: " + e + ")";
        }
    }
}
