package dev.petrel.daemon.demo;

import dev.petrel.daemon.exec.Exec;
import dev.petrel.daemon.exec.CommandResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The network namespaces of one demo run, all named {@code pdemo-*}: created with {@code ip netns add} and
 * remembered, so that {@link #close()} deletes exactly them (which also deletes their veth pairs and the bridge).
 * Processes still inside one are killed by PID first ({@code ip netns pids}): a namespace deleted under a running
 * process only loses its name, the process and its interfaces live on.
 */
final class Namespaces implements AutoCloseable {
    static final String PREFIX = "pdemo-";

    // Guarded by this.
    private final List<String> created = new ArrayList<>();
    private boolean closed;

    /** Creates {@code pdemo-NAME} with its loopback up; returns the full name. */
    synchronized String create(String name) {
        if (closed) {
            // The shutdown hook tore down while the demo was still building: create nothing it would leave behind.
            throw new DemoFailure("stopped");
        }
        String full = PREFIX + name;
        must(Exec.run("ip", "netns", "add", full));
        created.add(full);
        ip(full, "link", "set", "lo", "up");
        return full;
    }

    /** {@code r} when it exited 0, else a {@link DemoFailure} with the command and what it printed. */
    static CommandResult must(CommandResult r) {
        if (!r.ok()) {
            throw new DemoFailure("`" + String.join(" ", r.command()) + "` failed ("
                    + (r.timedOut() ? "killed at its deadline" : "exit " + r.exitCode()) + "): " + r.output().strip());
        }
        return r;
    }

    /** {@code ip -n NS args...}, which must succeed. */
    static String ip(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(List.of(args));
        return must(Exec.run(cmd, Exec.DEFAULT_TIMEOUT)).output();
    }

    /** {@code ip netns exec NS command...}, run to completion. */
    static CommandResult exec(String ns, String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        return Exec.run(cmd, Exec.DEFAULT_TIMEOUT);
    }

    /** Sets sysctls inside {@code ns} (writes /proc/sys there: procps may not be installed), in one process. */
    static void sysctl(String ns, String... keyValues) {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            script.append("echo ").append(keyValues[i + 1]).append(" > /proc/sys/")
                    .append(keyValues[i].replace('.', '/')).append(" && ");
        }
        script.append("true");
        must(exec(ns, "sh", "-c", script.toString()));
    }

    /** The {@code pdemo-*} namespaces that exist now (left by an earlier run that was killed, or ours). */
    static List<String> existing() {
        return Exec.run("ip", "netns", "list").output().lines().map(l -> l.split(" ")[0])
                .filter(n -> n.startsWith(PREFIX)).toList();
    }

    /**
     * Removes {@code pdemo-*} namespaces left by an earlier demo that was killed before it could clean up (and the
     * processes it left in them).
     *
     * @return the namespaces removed
     */
    static List<String> removeLeftovers() {
        List<String> left = existing();
        left.forEach(Namespaces::delete);
        return left;
    }

    /** Kills what runs inside {@code ns} (by PID) and deletes it. */
    private static void delete(String ns) {
        for (String pid : Exec.run("ip", "netns", "pids", ns).output().split("\\s+")) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        Exec.run("ip", "netns", "del", ns);
    }

    /** Deletes every namespace this run created; safe to call more than once and from a shutdown hook. */
    @Override
    public synchronized void close() {
        closed = true;
        for (int i = created.size() - 1; i >= 0; i--) {
            delete(created.get(i));
        }
        created.clear();
    }

    synchronized int count() {
        return created.size();
    }
}
