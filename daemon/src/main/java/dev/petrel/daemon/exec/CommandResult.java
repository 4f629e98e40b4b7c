package dev.petrel.daemon.exec;

import java.util.List;

/**
 * What one finished (or timed-out) command printed and how it ended.
 *
 * @param command the argument vector that ran
 * @param exitCode the exit status; -1 when the command timed out and was killed
 * @param stdout everything it wrote to standard output
 * @param stderr everything it wrote to standard error
 * @param timedOut whether {@link Exec} killed it at its deadline
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {

    public CommandResult {
        command = List.copyOf(command);
    }

    /** Exit status 0 and not timed out. */
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** This result when {@link #ok()}, else an {@link IllegalStateException} carrying {@link #describe()}. */
    public CommandResult orThrow() {
        if (!ok()) {
            throw new IllegalStateException("command failed: " + describe());
        }
        return this;
    }

    /** Standard output, then standard error: what a terminal would have shown, for parsing and messages. */
    public String output() {
        return stderr.isEmpty() ? stdout : stdout + stderr;
    }

    /** The command, its status and both outputs, for logs and assertion messages. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.join(" ", command));
        sb.append(timedOut ? " -> timed out" : " -> exit " + exitCode);
        if (!stdout.isBlank()) {
            sb.append("\n--- stdout ---\n").append(stdout.strip());
        }
        if (!stderr.isBlank()) {
            sb.append("\n--- stderr ---\n").append(stderr.strip());
        }
        return sb.toString();
    }
}
