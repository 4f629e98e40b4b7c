package dev.petrel.daemon.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the short commands the demo needs ({@code ip}, {@code birdc}, {@code ping}) to completion with a deadline:
 * standard input closed, standard error merged into the output, and the command killed (by its PID) when it
 * outlives the deadline, so a stuck command cannot hang the demo.
 */
final class Commands {
    /** Long enough for any {@code ip} or {@code birdc} call on a loaded 2-core machine. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private Commands() {}

    /**
     * What one command printed and how it ended.
     *
     * @param command the argument vector
     * @param exit its exit status; -1 when it could not start or was killed at the deadline
     * @param output standard output and error, interleaved
     */
    record Result(List<String> command, int exit, String output) {
        boolean ok() {
            return exit == 0;
        }

        /** This result when it exited 0, else a {@link DemoFailure} with the command and its output. */
        Result orThrow() {
            if (!ok()) {
                throw new DemoFailure("`" + String.join(" ", command) + "` failed (exit " + exit + "): "
                        + output.strip());
            }
            return this;
        }
    }

    static Result run(String... command) {
        return run(DEFAULT_TIMEOUT, List.of(command));
    }

    static Result run(Duration timeout, List<String> command) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return new Result(command, -1, "cannot start " + command.get(0) + ": " + e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()),
                Thread::startVirtualThread);
        boolean done;
        try {
            done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            p.destroyForcibly();
        }
        String text;
        try {
            text = out.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            text = "";
        }
        return new Result(command, done ? p.exitValue() : -1, done ? text : text + "(killed after " + timeout + ")");
    }

    /** Whether {@code program} is an executable on PATH. */
    static boolean onPath(String program) {
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

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
