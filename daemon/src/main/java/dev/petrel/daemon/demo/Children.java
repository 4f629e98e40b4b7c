package dev.petrel.daemon.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The long-running processes of one demo run (node agents, the reflector, BIRD), each started inside its namespace
 * with {@code ip netns exec}, which execs the command: the PID we hold is the daemon's own. Output goes to a log
 * file per process, which a failure message quotes. {@link #close()} stops them all by PID: SIGTERM to all at
 * once, then SIGKILL to any still running after a short grace.
 */
final class Children implements AutoCloseable {
    /** How long a process gets to exit after SIGTERM (a JVM's shutdown hooks send their NOTIFICATIONs). */
    private static final long GRACE_MS = 2000;

    /** One started process. */
    record Child(String name, Process process, Path log) {
        /** The last lines of its log, for failure messages. */
        String logTail(int lines) {
            try {
                List<String> all = Files.readAllLines(log);
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }

    // Guarded by this.
    private final List<Child> children = new ArrayList<>();
    private boolean closed;

    /** Starts {@code command} inside namespace {@code ns}, its output going to {@code log}. */
    synchronized Child start(String name, String ns, List<String> command, Path log) {
        if (closed) {
            // The shutdown hook stopped everything while the demo was still starting: start nothing it would leave.
            throw new DemoFailure("stopped");
        }
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(log.toFile()).start();
            Child c = new Child(name, p, log);
            children.add(c);
            return c;
        } catch (IOException e) {
            throw new DemoFailure("cannot start " + name + " (" + String.join(" ", full) + "): " + e.getMessage());
        }
    }

    /** Throws, with its log, when a child has exited: waiting for it any longer is pointless. */
    synchronized void requireAlive() {
        for (Child c : children) {
            if (!c.process().isAlive()) {
                throw new DemoFailure(c.name() + " (pid " + c.process().pid() + ") exited with status "
                        + c.process().exitValue() + "; the end of its log " + c.log() + ":\n" + c.logTail(25));
            }
        }
    }

    synchronized int count() {
        return children.size();
    }

    /** Stops every child by PID; safe to call more than once and from a shutdown hook. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Child c : children) {
            c.process().destroy();
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MS);
        for (Child c : children) {
            try {
                long left = Math.max(0, end - System.nanoTime());
                if (!c.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                    c.process().destroyForcibly();
                    c.process().waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                c.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        children.clear();
    }
}
