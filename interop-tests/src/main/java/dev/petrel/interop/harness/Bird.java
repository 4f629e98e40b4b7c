package dev.petrel.interop.harness;

import dev.petrel.daemon.exec.Exec;
import dev.petrel.daemon.exec.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A BIRD 2 daemon in a namespace: {@code bird -f -c CONF -s SOCK -P PIDFILE}, with a control socket of its own
 * in the test network's work directory, driven with {@code birdc -s SOCK}. Its log (config {@code log stderr
 * all}) is the {@link ManagedProcess} log. Closing stops it (SIGTERM, then SIGKILL); the owning
 * {@link TestNetwork} closes it too.
 */
public final class Bird implements AutoCloseable {

    /** How long {@link #start} waits for the control socket to answer. */
    public static final Duration STARTUP = Duration.ofSeconds(15);

    private final Netns netns;
    private final Path dir;
    private final Path config;
    private final Path socket;
    private final ManagedProcess process;

    private Bird(Netns netns, Path dir, Path config, Path socket, ManagedProcess process) {
        this.netns = netns;
        this.dir = dir;
        this.config = config;
        this.socket = socket;
        this.process = process;
    }

    /** Writes the configuration, starts BIRD inside {@code netns} and waits until birdc gets an answer. */
    public static Bird start(TestNetwork net, Netns netns, BirdConfig cfg) {
        return start(net, netns, cfg, List.of());
    }

    /** The same with more options for {@code bird}, e.g. {@code -R} (graceful restart recovery). */
    public static Bird start(TestNetwork net, Netns netns, BirdConfig cfg, List<String> options) {
        Path dir = net.dir("bird-" + netns.name());
        Path config = dir.resolve("bird.conf");
        Path socket = dir.resolve("bird.ctl");
        write(config, cfg.render());
        List<String> command = new ArrayList<>(List.of("bird", "-f", "-c", config.toString(),
                "-s", socket.toString(), "-P", dir.resolve("bird.pid").toString()));
        command.addAll(options);
        ManagedProcess p = net.start("bird-" + netns.name(), netns, command);
        Bird bird = new Bird(netns, dir, config, socket, p);
        Await.until("BIRD in " + netns.name() + " answering on " + socket, STARTUP, () -> {
            p.requireAlive();
            return bird.birdc("show", "status");
        }, r -> r.ok() && r.stdout().contains("Daemon is up"), r -> r.describe() + "\n--- log ---\n" + p.logTail(30));
        return bird;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Netns netns() {
        return netns;
    }

    public Path socket() {
        return socket;
    }

    public Path configFile() {
        return config;
    }

    public ManagedProcess process() {
        return process;
    }

    /**
     * SIGKILL (by PID) and wait until it is gone: BIRD sends nothing, its peers see the TCP connections die, and
     * the routes it put in its namespace's kernel stay (what a crashed or restarting router leaves behind).
     */
    public void kill() {
        process.kill();
    }

    /** {@code birdc -s SOCK args...} (birdc joins the arguments into one command line). */
    public CommandResult birdc(String... args) {
        List<String> cmd = new ArrayList<>(List.of("birdc", "-s", socket.toString()));
        cmd.addAll(List.of(args));
        return Exec.run(cmd, Exec.DEFAULT_TIMEOUT);
    }

    /** The raw {@code show protocols all NAME} text. */
    public String showProtocol(String name) {
        CommandResult r = birdc("show", "protocols", "all", name);
        return r.ok() ? r.stdout() : r.describe();
    }

    /** The parsed state of BGP protocol {@code name}. */
    public PeerSnapshot protocol(String name) {
        return BirdOutput.protocol(name, showProtocol(name));
    }

    /** Waits until protocol {@code name} is in {@code state}; the failure message has the last birdc output. */
    public PeerSnapshot awaitState(String name, BgpState state, Duration timeout) {
        return Await.until("BIRD " + netns.name() + " protocol " + name + " " + state, timeout,
                () -> protocol(name), s -> s.state() == state, s -> s + "\n--- bird log ---\n" + process.logTail(20));
    }

    /** {@code disable NAME}. */
    public CommandResult disable(String name) {
        return birdc("disable", name).orThrow();
    }

    /**
     * {@code disable NAME "message"}: BIRD sends Cease/Administrative Shutdown with this shutdown communication
     * (RFC 8203/9003).
     */
    public CommandResult disable(String name, String message) {
        if (message.contains("\"")) {
            throw new IllegalArgumentException("message with a double quote");
        }
        return birdc("disable", name, "\"" + message + "\"").orThrow();
    }

    /** {@code enable NAME}. */
    public CommandResult enable(String name) {
        return birdc("enable", name).orThrow();
    }

    /** {@code restart NAME}. */
    public CommandResult restart(String name) {
        return birdc("restart", name).orThrow();
    }

    /** Rewrites bird.conf and runs {@code configure}. */
    public CommandResult reconfigure(BirdConfig cfg) {
        write(config, cfg.render());
        return birdc("configure").orThrow();
    }

    /** Every prefix in BIRD's tables ({@code show route}). */
    public Set<String> routes() {
        return BirdOutput.routes(birdc("show", "route").stdout());
    }

    /** The prefixes protocol {@code name} imported ({@code show route protocol NAME}). */
    public Set<String> routesFrom(String name) {
        return BirdOutput.routes(birdc("show", "route", "protocol", name).stdout());
    }

    /** The paths of {@code prefix} (exact match) in BIRD's table: {@code show route PREFIX all}. */
    public List<BgpPath> paths(String prefix) {
        return BirdOutput.paths(prefix, showRoute(prefix));
    }

    /** Raw {@code show route PREFIX all} text. */
    public String showRoute(String prefix) {
        CommandResult r = birdc("show", "route", prefix, "all");
        return r.ok() ? r.stdout() : r.describe();
    }

    /** Raw {@code show route all} text, for messages. */
    public String showRoutes() {
        return birdc("show", "route", "all").stdout();
    }

    /** The last lines of BIRD's log. */
    public String logTail(int lines) {
        return process.logTail(lines);
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "BIRD in " + netns.name() + " (" + process + ")";
    }
}
