package dev.petrel.interop.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Everything one test run creates: namespaces, veth links, daemons, and a work directory for their configs,
 * sockets and logs. Names carry a random per-run suffix so parallel runs (another engineer's BIRD/FRR, another
 * build) never collide; link subnets come from 10.255.0.0/17 and fd00:255:1::/48.
 *
 * <p>{@link #close()} stops what was {@link #register registered} (newest first), deletes the namespaces (which
 * removes the veth pairs), copies configs and logs to {@code -Dpetrel.interop.logDir} (if set) and deletes the
 * work directory (kept with {@code -Dpetrel.interop.keep=true}). It is idempotent, and a JVM shutdown hook
 * closes whatever is still open as a backstop.
 */
public final class TestNetwork implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<TestNetwork> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger LINK_COUNTER = new AtomicInteger(RANDOM.nextInt(8192));
    private static volatile boolean hookInstalled;

    private final String label;
    private final String suffix;
    private final Path workDir;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final List<Netns> namespaces = new ArrayList<>();
    private final AtomicInteger links = new AtomicInteger();
    private final AtomicInteger lans = new AtomicInteger();
    /**
     * Where this network's LAN numbers start (any will do: addresses are private to the namespaces), from 10 up:
     * LAN 0 would be fd00:255:2:0::/64, whose addresses BIRD and FRR print in another form (fd00:255:2::1).
     */
    private final int lanBase = 10 + RANDOM.nextInt(11) * 10;
    private boolean closed;

    private TestNetwork(String label, String suffix, Path workDir) {
        this.label = label;
        this.suffix = suffix;
        this.workDir = workDir;
    }

    /** A new, empty test network; {@code label} (e.g. the test name) only names the log directory. */
    public static TestNetwork create(String label) {
        installHook();
        String suffix = randomSuffix();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "petrel-it-" + suffix);
        try {
            // FRR's zebra drops to the frr user: it must be able to traverse to its own subdirectory.
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestNetwork net = new TestNetwork(label.replaceAll("[^A-Za-z0-9_.-]", "_"), suffix, dir);
        OPEN.add(net);
        return net;
    }

    private static String randomSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static synchronized void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (TestNetwork net : List.copyOf(OPEN)) {
                    try {
                        net.close();
                    } catch (RuntimeException e) {
                        System.err.println("interop cleanup of " + net + " failed: " + e);
                    }
                }
            }, "petrel-interop-cleanup"));
            hookInstalled = true;
        }
    }

    public String label() {
        return label;
    }

    /** The random per-run suffix in every name this network creates. */
    public String suffix() {
        return suffix;
    }

    public Path workDir() {
        return workDir;
    }

    /** A subdirectory of the work directory (created, mode 0755). */
    public Path dir(String name) {
        Path d = workDir.resolve(name);
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }

    /**
     * Creates namespace {@code "p" + role + suffix}; {@code role} is 1 to 3 lowercase letters or digits (e.g.
     * {@code "a"}, {@code "b"}, {@code "rr"}).
     */
    public synchronized Netns netns(String role) {
        ensureOpen();
        if (!role.matches("[a-z0-9]{1,3}")) {
            throw new IllegalArgumentException("role must be 1-3 of [a-z0-9]: " + role);
        }
        Netns ns = Netns.create("p" + role + suffix);
        namespaces.add(ns);
        return ns;
    }

    /**
     * Joins {@code a} and {@code b} with a veth pair: a fresh IPv4 /30 from 10.255.0.0/17 ({@code .1} on
     * {@code a}, {@code .2} on {@code b}) and IPv6 /64 from fd00:255:1::/48 ({@code ::1}, {@code ::2}).
     */
    public synchronized VethLink link(Netns a, Netns b) {
        ensureOpen();
        int n = Math.floorMod(LINK_COUNTER.getAndIncrement(), 8192);
        String v4 = "10.255." + (n >> 6) + ".";
        int host = (n & 63) << 2;
        String v6 = "fd00:255:1:" + Integer.toHexString(n) + "::";
        String base = "v" + suffix + links.getAndIncrement();
        return VethLink.create(a, base + "a", b, base + "b", v4 + (host + 1), v4 + (host + 2), 30,
                v6 + "1", v6 + "2", 64);
    }

    /**
     * Joins {@code hosts} on one Ethernet segment (a bridge in a namespace of its own): see {@link Lan}. At most ten
     * per network.
     */
    public synchronized Lan lan(Netns... hosts) {
        ensureOpen();
        int n = lans.getAndIncrement();
        if (n >= 10) {
            throw new IllegalStateException("at most 10 LANs per test network");
        }
        return Lan.create(this, lanBase + n, java.util.List.of(hosts));
    }

    /** Registers something to close (before the namespaces go) when this network closes; returns it. */
    public synchronized <T extends AutoCloseable> T register(T resource) {
        ensureOpen();
        resources.push(resource);
        return resource;
    }

    /** Starts and registers a daemon inside {@code ns}, logging to {@code <workDir>/<name>.log}. */
    public ManagedProcess start(String name, Netns ns, List<String> command) {
        return start(name, ns, command, Map.of(), null);
    }

    /** Starts and registers a daemon inside {@code ns}, logging to {@code <workDir>/<name>.log}. */
    public synchronized ManagedProcess start(String name, Netns ns, List<String> command, Map<String, String> env,
            Path workingDir) {
        ensureOpen();
        return register(ManagedProcess.start(name, ns, command, workDir.resolve(name + ".log"), env, workingDir));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Throwable> failures = new ArrayList<>();
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        for (Netns ns : namespaces.reversed()) {
            try {
                ns.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        try {
            copyLogs();
            if (!Boolean.getBoolean("petrel.interop.keep")) {
                deleteTree(workDir);
            }
        } catch (IOException | UncheckedIOException e) {
            failures.add(e);
        }
        OPEN.remove(this);
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("cleanup of " + this + " was incomplete");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    private void copyLogs() throws IOException {
        String logDir = System.getProperty("petrel.interop.logDir");
        if (logDir == null || logDir.isBlank() || !Files.isDirectory(workDir)) {
            return;
        }
        Path target = Path.of(logDir, label + "-" + suffix);
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path f : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Path to = target.resolve(workDir.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public String toString() {
        return "TestNetwork " + label + "-" + suffix;
    }
}
