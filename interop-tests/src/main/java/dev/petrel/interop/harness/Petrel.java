package dev.petrel.interop.harness;

import dev.petrel.daemon.exec.Exec;
import dev.petrel.daemon.exec.CommandResult;
import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.daemon.admin.AdminClient;
import dev.petrel.daemon.admin.AdminException;
import dev.petrel.daemon.admin.PeerStatusJson;
import dev.petrel.fsm.SessionState;
import dev.petrel.speaker.PeerStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A Petrel daemon ({@code petrel run --config FILE}) in a namespace: a JVM started with the test JVM's own
 * {@code java} and class path, so it runs the Petrel modules this build just compiled. Its configuration, admin
 * socket and logback configuration live in a directory of the test network's work directory; its log (INFO for
 * {@code dev.petrel}, on stderr) is the {@link ManagedProcess} log. State is read through the admin socket
 * ({@code show-peers}) as {@link PeerStatus}.
 *
 * <p>{@link #stop()} is SIGTERM (Petrel sends every peer Cease/2 with a shutdown communication and exits);
 * {@link #kill()} is SIGKILL. Closing stops it; the owning {@link TestNetwork} closes it too.
 */
public final class Petrel implements AutoCloseable {

    /** How long {@link #start} waits for the admin socket to answer (a JVM start, then Petrel's). */
    public static final Duration STARTUP = Duration.ofSeconds(30);

    /** Options of the Petrel JVM: small and quick to start. */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx256m", "-Xss512k",
            "-XX:TieredStopAtLevel=1");

    private static final String LOGBACK = """
            <configuration>
              <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.err</target>
                <encoder>
                  <pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n</pattern>
                </encoder>
              </appender>
              <logger name="dev.petrel" level="${petrel.interop.petrelLogLevel:-INFO}"/>
              <root level="WARN">
                <appender-ref ref="STDERR"/>
              </root>
            </configuration>
            """;

    private final Netns netns;
    private final PetrelConf conf;
    private final Path config;
    private final Path socket;
    private final ManagedProcess process;
    private final AdminClient admin;

    private Petrel(Netns netns, PetrelConf conf, Path config, Path socket, ManagedProcess process) {
        this.netns = netns;
        this.conf = conf;
        this.config = config;
        this.socket = socket;
        this.process = process;
        this.admin = new AdminClient(socket, Duration.ofSeconds(5));
    }

    /**
     * Writes the configuration, starts Petrel inside {@code netns} and waits until its admin socket answers
     * {@code show-peers}; fails at once, with the log tail, if the process exits meanwhile.
     */
    public static Petrel start(TestNetwork net, Netns netns, PetrelConf conf) {
        return start(net, netns, conf, List.of());
    }

    /** The same with more options for {@code petrel run}, e.g. {@code --graceful-restart}. */
    public static Petrel start(TestNetwork net, Netns netns, PetrelConf conf, List<String> runOptions) {
        Path dir = net.dir("petrel-" + netns.name());
        Path config = dir.resolve("petrel.conf");
        Path socket = dir.resolve("petrel.sock");
        Path logback = dir.resolve("logback.xml");
        try {
            Files.deleteIfExists(socket); // left by an earlier Petrel in this namespace (a restart)
            Files.writeString(config, conf.render(socket.toString()), StandardCharsets.UTF_8);
            Files.writeString(logback, LOGBACK, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("--enable-native-access=ALL-UNNAMED"); // Netty's epoll library, without a warning in the log
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow"); // Netty's buffers (JEP 471), likewise
        }
        cmd.add("-Dlogback.configurationFile=" + logback);
        String level = System.getProperty("petrel.interop.petrelLogLevel");
        if (level != null) {
            cmd.add("-Dpetrel.interop.petrelLogLevel=" + level);
        }
        cmd.addAll(List.of("-cp", classPath(), "dev.petrel.daemon.PetrelCommand", "run", "--config",
                config.toString()));
        cmd.addAll(runOptions);
        ManagedProcess p = net.start("petrel-" + netns.name(), netns, cmd);
        Petrel petrel = new Petrel(netns, conf, config, socket, p);
        Await.until("Petrel in " + netns.name() + " answering on " + socket, STARTUP, () -> {
            p.requireAlive();
            return petrel.peers();
        }, peers -> true, peers -> peers + "\n--- petrel log ---\n" + p.logTail(30));
        return petrel;
    }

    /** The {@code java} of the running JVM. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The test JVM's class path: it has petrel-daemon and its dependencies (interop-tests depends on it).
     * Surefire's forked JVM reports the real test class path in {@code java.class.path}.
     */
    static String classPath() {
        String cp = System.getProperty("java.class.path");
        if (cp == null || cp.isBlank()) {
            throw new IllegalStateException("no java.class.path to start Petrel with");
        }
        return cp;
    }

    public Netns netns() {
        return netns;
    }

    public PetrelConf conf() {
        return conf;
    }

    public Path configFile() {
        return config;
    }

    public Path socket() {
        return socket;
    }

    public ManagedProcess process() {
        return process;
    }

    /** The raw {@code show-peers} answer; throws (unchecked) when the admin socket does not answer. */
    public JsonNode showPeersJson() {
        try {
            return admin.call("show-peers");
        } catch (AdminException e) {
            throw new IllegalStateException("Petrel in " + netns.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Any admin command with string arguments ({@code show-routes}, {@code show-rib-out}...); an {@code "error"}
     * answer is thrown (unchecked) with its message, so a waiting {@link Await} keeps trying and reports it.
     */
    public JsonNode call(String command, java.util.Map<String, String> arguments) {
        JsonNode n;
        try {
            n = admin.call(command, arguments);
        } catch (AdminException e) {
            throw new IllegalStateException("Petrel in " + netns.name() + ": " + command + " " + arguments + ": "
                    + e.getMessage(), e);
        }
        if (n.has("error") && n.get("error").asText().contains("unknown command")) {
            // An older daemon: waiting will not teach it the command.
            throw new Await.GiveUp("Petrel in " + netns.name() + " does not know " + command + ": "
                    + n.get("error").asText());
        }
        if (n.has("error")) {
            throw new IllegalStateException("Petrel in " + netns.name() + ": " + command + " " + arguments + ": "
                    + n.get("error").asText());
        }
        return n;
    }

    /** {@code show routes PREFIX --explain} as JSON: {@code routes[0].paths} and {@code explanation.candidates}. */
    public JsonNode showRoute(String prefix) {
        return call("show-routes", java.util.Map.of("prefix", prefix, "explain", "true"));
    }

    /** {@code show fib} as JSON: {@code settings}, {@code counts} and every {@code entries[]}. */
    public JsonNode showFib() {
        return call("show-fib", java.util.Map.of());
    }

    /** {@code show fib PREFIX} as JSON: the one entry is {@code entries[0]}; an error when there is none. */
    public JsonNode showFib(String prefix) {
        return call("show-fib", java.util.Map.of("prefix", prefix));
    }

    /** {@code show rib-out PEER} as JSON: {@code routes[]} with prefix, next_hop and attributes. */
    public JsonNode ribOut(String peer) {
        return call("show-rib-out", java.util.Map.of("peer", peer));
    }

    /**
     * Runs the CLI against this daemon: {@code petrel ARGS... --socket SOCKET}, in a JVM of the test's class path
     * (the admin socket is a file, so the CLI needs no namespace).
     */
    public CommandResult cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classPath(), "dev.petrel.daemon.PetrelCommand"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--socket", socket.toString()));
        return Exec.run(cmd, Duration.ofSeconds(60));
    }

    /** Every configured peer, as {@code show peers} reports it. */
    public List<PeerStatus> peers() {
        return PeerStatusJson.readPeers(showPeersJson()).peers();
    }

    /** The peer called {@code name}; throws if there is none. */
    public PeerStatus peer(String name) {
        return peers().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Petrel has no peer " + name));
    }

    /**
     * Waits until peer {@code name} satisfies {@code condition}; returns that status. A dead Petrel fails at
     * once; the failure message has the last status and the log tail.
     */
    public PeerStatus await(String name, String description, Duration timeout, Predicate<PeerStatus> condition) {
        return Await.until("Petrel " + netns.name() + " peer " + name + ": " + description, timeout, () -> {
            process.requireAlive();
            return peer(name);
        }, condition, this::describe);
    }

    /** Waits until peer {@code name} is in {@code state}. */
    public PeerStatus awaitState(String name, SessionState state, Duration timeout) {
        return await(name, String.valueOf(state), timeout, p -> p.state() == state);
    }

    /** A peer status with Petrel's log tail, for assertion messages. */
    public String describe(PeerStatus p) {
        return p + "\n--- petrel log ---\n" + logTail(25);
    }

    /** SIGTERM and wait for the exit (SIGKILL after {@link ManagedProcess#DEFAULT_GRACE}); the exit status. */
    public int stop() {
        return process.stop(ManagedProcess.DEFAULT_GRACE);
    }

    /** SIGKILL (by PID) and wait until it is gone: no NOTIFICATION leaves, the peer sees the TCP connection die. */
    public void kill() {
        process.kill();
    }

    /** SIGSTOP: Petrel freezes (no keepalives, no reads) until {@link #resume()}. */
    public void suspend() {
        process.suspend();
    }

    /** SIGCONT. */
    public void resume() {
        process.resume();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The whole log. */
    public String log() {
        return process.log();
    }

    /** The last lines of Petrel's log. */
    public String logTail(int lines) {
        return process.logTail(lines);
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "Petrel in " + netns.name() + " (" + process + ")";
    }
}
