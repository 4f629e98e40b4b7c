package dev.petrel.interop.harness;

import dev.petrel.daemon.exec.Exec;
import dev.petrel.daemon.exec.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this machine can run the namespace-based interop scenarios: root, a working {@code ip netns}, and the
 * BIRD and FRR binaries. Probed once per JVM ({@link #get()}).
 *
 * <p>Tests turn {@link #skipReason()} into a JUnit assumption; but when {@code CI=true} and binaries are
 * missing, {@link #mustFail()} says so: CI installs bird2 and frr (.ci/run) and must run these tests.
 */
public final class InteropEnvironment {

    /** The binaries the scenarios need (FRR daemons from {@link Frr#DAEMON_DIR}). */
    public static List<String> requiredBinaries() {
        return List.of("bird", "birdc", Frr.DAEMON_DIR.resolve("bgpd").toString(),
                Frr.DAEMON_DIR.resolve("zebra").toString(), "vtysh", "ip");
    }

    private static volatile InteropEnvironment instance;

    private final boolean root;
    private final String netnsProblem;
    private final List<String> missing;
    private final boolean ci;

    private InteropEnvironment(boolean root, String netnsProblem, List<String> missing, boolean ci) {
        this.root = root;
        this.netnsProblem = netnsProblem;
        this.missing = List.copyOf(missing);
        this.ci = ci;
    }

    /** The probed environment (probed on first call). */
    public static InteropEnvironment get() {
        InteropEnvironment e = instance;
        if (e == null) {
            synchronized (InteropEnvironment.class) {
                if (instance == null) {
                    instance = probe();
                }
                e = instance;
            }
        }
        return e;
    }

    private static InteropEnvironment probe() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean root = isRoot();
        List<String> missing = new ArrayList<>();
        for (String b : requiredBinaries()) {
            if (!onPath(b)) {
                missing.add(b);
            }
        }
        String netnsProblem = null;
        if (root) {
            String probe = "pprobe" + Long.toString(ProcessHandle.current().pid() % 100000, 36);
            CommandResult add = Exec.run("ip", "netns", "add", probe);
            if (!add.ok()) {
                netnsProblem = add.describe();
            } else {
                CommandResult del = Exec.run("ip", "netns", "del", probe);
                if (!del.ok()) {
                    netnsProblem = del.describe();
                }
            }
        }
        return new InteropEnvironment(root, netnsProblem, missing, ci);
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective uid
                }
            }
        } catch (IOException e) {
            // fall through to id -u
        }
        CommandResult r = Exec.run("id", "-u");
        return r.ok() && r.stdout().strip().equals("0");
    }

    private static boolean onPath(String binary) {
        if (binary.contains("/")) {
            return Files.isExecutable(Path.of(binary));
        }
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, binary))) {
                return true;
            }
        }
        return false;
    }

    public boolean root() {
        return root;
    }

    public boolean ci() {
        return ci;
    }

    public List<String> missingBinaries() {
        return missing;
    }

    /** Null when the scenarios can run, else why not ("interop skipped: not root", ...). */
    public String skipReason() {
        if (!root) {
            return "interop skipped: not root (network namespaces need CAP_SYS_ADMIN)";
        }
        if (netnsProblem != null) {
            return "interop skipped: ip netns not usable: " + netnsProblem;
        }
        if (!missing.isEmpty()) {
            return "interop skipped: missing " + String.join(", ", missing)
                    + " (apt-get install bird2 frr)";
        }
        return null;
    }

    /** True when CI=true and BIRD/FRR binaries are missing: a failure, not a skip. */
    public boolean mustFail() {
        return ci && !missing.isEmpty();
    }

    @Override
    public String toString() {
        String reason = skipReason();
        return "InteropEnvironment[root=" + root + ", ci=" + ci + ", missing=" + missing + ", netns="
                + (netnsProblem == null ? "ok" : netnsProblem) + "] -> " + (reason == null ? "ready" : reason);
    }
}
