package dev.petrel.interop.harness;

import dev.petrel.daemon.exec.Exec;
import dev.petrel.daemon.exec.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A network namespace the harness created ({@code ip netns add}); {@link #close()} deletes it (idempotent), which
 * also removes the veth ends inside it.
 *
 * <p>On creation {@code lo} is brought up and IPv6 duplicate address detection is switched off inside it
 * ({@code net.ipv6.conf.{all,default}.accept_dad=0}), so addresses are usable at once.
 */
public final class Netns implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,14}");

    private final String name;
    private volatile boolean closed;

    private Netns(String name) {
        this.name = name;
    }

    /** Creates namespace {@code name} (short: letters, digits, '-', '_'; at most 15 characters). */
    public static Netns create(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad netns name: " + name);
        }
        Exec.run("ip", "netns", "add", name).orThrow();
        Netns ns = new Netns(name);
        try {
            ns.execOk("ip", "link", "set", "lo", "up");
            ns.sysctl("net.ipv6.conf.all.accept_dad", "0");
            ns.sysctl("net.ipv6.conf.default.accept_dad", "0");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** {@code ip netns exec NAME command...}: the prefix that runs {@code command} inside this namespace. */
    public List<String> wrap(List<String> command) {
        List<String> full = new ArrayList<>(command.size() + 4);
        full.addAll(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    /** Runs {@code command} inside the namespace to completion ({@link Exec#DEFAULT_TIMEOUT}). */
    public CommandResult exec(String... command) {
        return exec(Exec.DEFAULT_TIMEOUT, command);
    }

    /** Runs {@code command} inside the namespace to completion, killing it after {@code timeout}. */
    public CommandResult exec(Duration timeout, String... command) {
        return Exec.run(wrap(List.of(command)), timeout);
    }

    /** {@link #exec(String...)} that throws unless the command exits 0. */
    public CommandResult execOk(String... command) {
        return exec(command).orThrow();
    }

    /** Sets a sysctl inside the namespace ({@code sysctl -w} would need procps; this writes /proc/sys). */
    public void sysctl(String key, String value) {
        execOk("sh", "-c", "echo " + value + " > /proc/sys/" + key.replace('.', '/'));
    }

    /** {@code ip -n NAME args...}, run in the host namespace. */
    public CommandResult ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return Exec.run(cmd, Exec.DEFAULT_TIMEOUT);
    }

    /** Whether the namespace still exists ({@code ip netns list}). */
    public boolean exists() {
        return Exec.run("ip", "netns", "list").stdout().lines()
                .anyMatch(l -> l.equals(name) || l.startsWith(name + " "));
    }

    /** Deletes the namespace; safe to call more than once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CommandResult r = Exec.run("ip", "netns", "del", name);
        if (!r.ok() && exists()) {
            throw new IllegalStateException("could not delete netns " + name + ": " + r.describe());
        }
    }

    @Override
    public String toString() {
        return "netns " + name;
    }
}
