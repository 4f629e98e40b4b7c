package dev.petrel.interop.harness;

import dev.petrel.daemon.exec.Exec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A long-running command (a daemon in the foreground) started by the harness, optionally inside a namespace with
 * {@code ip netns exec}, with standard output and error going to one log file.
 *
 * <p>{@code ip netns exec} execs the command, so {@link #pid()} is the daemon's own PID as long as the daemon
 * does not fork (start BIRD with {@code -f}, FRR daemons without {@code -d}). {@link #stop(Duration)} sends
 * SIGTERM to that PID, waits, then SIGKILLs it and any descendants still alive; it only ever signals this
 * process and its descendants, by PID. {@link #close()} stops it and is idempotent.
 */
public final class ManagedProcess implements AutoCloseable {

    /** How long {@link #close()} waits after SIGTERM before SIGKILL. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private final String name;
    private final List<String> command;
    private final Process process;
    private final Path logFile;
    private volatile Integer exitCode;

    private ManagedProcess(String name, List<String> command, Process process, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code command} inside {@code netns} (or in the harness's own namespace when {@code netns} is null),
     * appending its output to {@code logFile}.
     *
     * @param name a short label for messages
     * @param env extra environment variables (may be empty)
     * @param workingDir the working directory, or null for the JVM's
     */
    public static ManagedProcess start(String name, Netns netns, List<String> command, Path logFile,
            Map<String, String> env, Path workingDir) {
        List<String> full = netns == null ? List.copyOf(command) : netns.wrap(command);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(logFile, "# " + String.join(" ", full) + "\n", StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(full)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.environment().putAll(env);
            if (workingDir != null) {
                pb.directory(workingDir.toFile());
            }
            return new ManagedProcess(name, full, pb.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", full), e);
        }
    }

    /** {@link #start(String, Netns, List, Path, Map, Path)} without extra environment or working directory. */
    public static ManagedProcess start(String name, Netns netns, List<String> command, Path logFile) {
        return start(name, netns, command, logFile, Map.of(), null);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public List<String> command() {
        return command;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status once it has exited, else null. */
    public Integer exitCode() {
        if (exitCode == null && !process.isAlive()) {
            exitCode = process.exitValue();
        }
        return exitCode;
    }

    /** The whole log file (empty if it cannot be read). */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code lines} lines of the log, for assertion messages. */
    public String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * Throws (an {@link Await.GiveUp}, so a surrounding {@link Await} fails at once) with the log tail if the
     * process has already exited: a daemon that died at start.
     */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new Await.GiveUp(name + " (pid " + pid() + ") exited with " + exitCode() + "; log "
                    + logFile + ":\n" + logTail(40));
        }
    }

    /** SIGSTOP to this process (by PID): it freezes until {@link #resume()}. */
    public void suspend() {
        Exec.run("kill", "-STOP", Long.toString(pid())).orThrow();
    }

    /**
     * SIGKILL to this process (by PID) and wait until it is gone: it sends nothing, its peers see their TCP
     * connections die.
     */
    public void kill() {
        Exec.run("kill", "-KILL", Long.toString(pid()));
        Await.until(name + " (pid " + pid() + ") gone after SIGKILL", Duration.ofSeconds(10), this::isAlive,
                alive -> !alive);
    }

    /** SIGCONT to this process (by PID). */
    public void resume() {
        Exec.run("kill", "-CONT", Long.toString(pid())).orThrow();
    }

    /**
     * SIGTERM, then after {@code grace} SIGKILL to the process and to descendants still alive. Returns the exit
     * status (or -1 if it could not be collected).
     */
    public int stop(Duration grace) {
        List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
        if (process.isAlive()) {
            Exec.run("kill", "-CONT", Long.toString(pid())); // in case it was suspended
            process.destroy();
            try {
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (process.isAlive()) {
            descendants.addAll(process.descendants().toList());
            process.destroyForcibly();
        }
        for (ProcessHandle d : descendants) {
            if (d.isAlive()) {
                d.destroyForcibly();
            }
        }
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return exitCode();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /** Stops the process ({@link #DEFAULT_GRACE}); safe to call more than once. */
    @Override
    public void close() {
        stop(DEFAULT_GRACE);
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
