package dev.petrel.bench.fulltable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@link FullTableSpeakers} JVM as the driver sees it: commands go to its stdin; the lines it prints are read on
 * a thread of their own and applied here, on the driver's thread, by {@link #await}. Only that thread touches the
 * fields.
 */
final class SpeakerChild {
    private static final String EOF = "\u0000EOF";

    final String role;
    final Process process;
    final int sessions;
    private final Path log;
    private final Writer in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final long[] establishedNs;
    final long[] fullNs;
    final long[] emptyNs;
    boolean ready;
    long updateOctets;
    long withdrawalOctets;
    long announceStart = -1;
    long announceDone = -1;
    long withdrawStart = -1;
    long withdrawDone = -1;
    final List<String> problems = new ArrayList<>();
    private final List<String> replies = new ArrayList<>();
    private boolean exited;

    private SpeakerChild(String role, Process process, int sessions, Path log) {
        this.role = role;
        this.process = process;
        this.sessions = sessions;
        this.log = log;
        this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.establishedNs = filled(sessions);
        this.fullNs = filled(sessions);
        this.emptyNs = filled(sessions);
        Thread.ofPlatform().daemon().name("fulltable-" + role).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process went away: same as EOF
            }
            lines.add(EOF);
        });
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, -1);
        return a;
    }

    /** Starts the JVM inside {@code ns}. */
    static SpeakerChild start(Testbed bed, String ns, String role, int sessions, List<String> javaOptions,
            List<String> args, Path log) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(javaOptions);
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow"); // Netty's, on JDK 24+: no warnings
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FullTableSpeakers.class.getName(),
                "--role", role, "--sessions", Integer.toString(sessions)));
        cmd.addAll(args);
        Files.writeString(log, String.join(" ", cmd) + "\n");
        return new SpeakerChild(role, bed.start(ns, cmd, log, null), sessions, log);
    }

    void send(String command) {
        try {
            in.write(command);
            in.write('\n');
            in.flush();
        } catch (IOException e) {
            throw new BenchmarkFailure(role + ": cannot send " + command + ": " + e.getMessage() + tail());
        }
    }

    /**
     * Applies the lines the speakers print until {@code done} holds; false when {@code timeout} passes first.
     * Throws on a NOTIFICATION, a closed session or an error, and when the JVM exits.
     */
    boolean await(BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (!problems.isEmpty()) {
                throw new BenchmarkFailure(role + ": " + String.join("; ", problems) + tail());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            String line;
            try {
                line = lines.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailure("interrupted");
            }
            if (line != null) {
                apply(line);
            }
        }
        return true;
    }

    /** Sends {@code command} (STATUS or VERIFY) and returns the reply lines before END. */
    List<String> ask(String command, Duration timeout) {
        replies.clear();
        send(command);
        if (!await(() -> !replies.isEmpty() && replies.getLast().equals("END"), timeout)) {
            throw new BenchmarkFailure(role + ": no answer to " + command + " within " + timeout.toSeconds() + " s"
                    + tail());
        }
        return List.copyOf(replies.subList(0, replies.size() - 1));
    }

    /** Applies what is already there without waiting. */
    void drain() {
        String line;
        while ((line = lines.poll()) != null) {
            apply(line);
        }
    }

    private void apply(String line) {
        String[] f = line.split(" ");
        switch (f[0]) {
            case "READY" -> {
                ready = true;
                updateOctets = Long.parseLong(f[2]);
                withdrawalOctets = Long.parseLong(f[3]);
            }
            case "ESTABLISHED" -> establishedNs[Integer.parseInt(f[1])] = Long.parseLong(f[2]);
            case "FULL" -> fullNs[Integer.parseInt(f[1])] = Long.parseLong(f[2]);
            case "EMPTY" -> emptyNs[Integer.parseInt(f[1])] = Long.parseLong(f[2]);
            case "ANNOUNCE_START" -> announceStart = Long.parseLong(f[1]);
            case "ANNOUNCE_DONE" -> announceDone = Long.parseLong(f[1]);
            case "WITHDRAW_START" -> withdrawStart = Long.parseLong(f[1]);
            case "WITHDRAW_DONE" -> withdrawDone = Long.parseLong(f[1]);
            case "SESSION", "VERIFY", "END" -> replies.add(line);
            case "NOTIFICATION", "CLOSED", "ERROR" -> problems.add(line);
            default -> {
                if (line.equals(EOF)) {
                    exited = true;
                    problems.add("the JVM exited" + exitStatus());
                } else {
                    problems.add("unexpected line: " + line);
                }
            }
        }
    }

    private String exitStatus() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? " with status " + process.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    boolean exited() {
        return exited;
    }

    static boolean all(long[] times) {
        return Arrays.stream(times).allMatch(t -> t >= 0);
    }

    static long last(long[] times) {
        return Arrays.stream(times).max().orElse(-1);
    }

    /** The last lines of the JVM's stderr, for failure messages. */
    String tail() {
        return "\n--- " + role + " log " + log + " ---\n" + FullTableBenchmark.tail(log, 15);
    }

    /** QUIT, then the usual stop if it does not exit by itself. */
    void quit() {
        if (process.isAlive()) {
            try {
                send("QUIT");
                process.waitFor(3, TimeUnit.SECONDS);
            } catch (RuntimeException | InterruptedException ignored) {
                // stopped below
            }
        }
        Testbed.stop(process, 3);
    }
}
