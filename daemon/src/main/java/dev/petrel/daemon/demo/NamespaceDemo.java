package dev.petrel.daemon.demo;

import dev.petrel.daemon.exec.Exec;
import dev.petrel.daemon.admin.AdminClient;
import dev.petrel.daemon.admin.AdminException;
import dev.petrel.daemon.admin.PeerStatusJson;
import dev.petrel.daemon.admin.ShowPeersHandler;
import dev.petrel.daemon.show.PeersTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code petrel demo} as root: a two-node cluster in network namespaces doing what Petrel is for. Each node runs
 * the node-agent example in a JVM of its own, which originates the node's pod block and service CIDR and installs
 * what it learns into the node's real kernel FIB; the nodes are clients of a route reflector ({@code petrel run});
 * BIRD (else FRR), when installed, plays the top-of-rack switch ({@link Tor}). The proof is a ping from a pod on one node to a pod on the
 * other, forwarded by the routes Petrel installed.
 *
 * <p>Everything it creates (namespaces {@code pdemo-*}, child processes, a temporary directory) is removed at the
 * end, on failure, and on Ctrl-C (a shutdown hook).
 */
final class NamespaceDemo {
    /** How long each awaited step may take: the JVMs start in parallel on a loaded 2-core machine. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(25);

    private final PrintStream out;
    private final Progress progress;
    private final Tor.Kind torKind;
    private final boolean withTor;
    private Tor tor;
    private final Namespaces namespaces = new Namespaces();
    private final Children children = new Children();
    private DemoLock lock;
    private Path dir;
    private boolean failed;
    private boolean tornDown;

    NamespaceDemo(PrintStream out, Tor.Kind torKind) {
        this.out = out;
        this.progress = new Progress(out);
        this.torKind = torKind;
        this.withTor = torKind != Tor.Kind.NONE;
    }

    int run() throws IOException {
        Thread hook = new Thread(this::tearDown, "petrel-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return demo();
        } catch (DemoFailure e) {
            failed = true;
            out.println();
            out.println("demo failed: " + e.getMessage());
            return 1;
        } catch (RuntimeException | IOException e) {
            failed = true;
            throw e;
        } finally {
            tearDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutting down (Ctrl-C): the hook is running or has run.
            }
        }
    }

    private int demo() throws IOException {
        out.println("Petrel demo (root): a two-node Kubernetes-style cluster in network namespaces, AS " + Cluster.AS
                + ".");
        out.println("  LAN " + Cluster.LAN + " (a bridge in pdemo-lan): nodes pdemo-n1 " + Cluster.N1.address()
                + " and pdemo-n2 " + Cluster.N2.address() + ", route reflector pdemo-rr " + Cluster.REFLECTOR
                + (withTor ? ", top-of-rack switch pdemo-tor " + Cluster.TOR + " (" + torKind + ", AS "
                        + Cluster.TOR_AS + ")" : torKind == Tor.Kind.NONE && Tor.Kind.detect() != Tor.Kind.NONE
                        ? " (no top-of-rack switch: --tor none)"
                        : " (no top-of-rack switch: neither BIRD nor FRR is installed)"));
        for (Cluster.Node n : Cluster.NODES) {
            out.println("  " + n.name() + ": IPAM block " + n.block() + ", pod " + n.podNamespace() + " " + n.pod()
                    + " on " + n.cali() + "; originates " + n.block() + " and service CIDR " + Cluster.SERVICES);
        }
        out.println("  Each node runs the node-agent example (Petrel's embedding API) in its own JVM, kernel FIB on;"
                + " the reflector runs `petrel run`.");
        out.println();
        lock = DemoLock.acquire(Duration.ofSeconds(90),
                () -> progress.say("another petrel demo is running on this machine: waiting for it to finish"));
        List<String> stale = Namespaces.removeLeftovers();
        if (!stale.isEmpty()) {
            progress.say("removed namespaces left by an earlier run: " + String.join(", ", stale));
        }
        dir = Files.createTempDirectory("petrel-demo-");
        tor = torKind.make(dir);
        ClusterNetwork.build(namespaces, withTor);
        progress.say("network built: " + namespaces.count() + " namespaces");
        startProcesses();
        progress.say("started " + children.count() + " processes: node agents on n1 and n2, the reflector"
                + (withTor ? ", " + tor.name() : "") + " (logs in " + dir + ")");
        awaitSessions();
        awaitKernelRoutes();
        if (withTor) {
            tor.awaitBlocks(children);
            progress.say("ToR: " + tor.name() + " learned both pod blocks from the reflector");
        }
        printPeers();
        printKernelRoutes();
        if (withTor) {
            String[] view = tor.view();
            section(view[0]);
            indent(view[1]);
        }
        if (!ping()) {
            failed = true;
            return 1;
        }
        return 0;
    }

    // ---- Processes ---------------------------------------------------------------------------------------------

    private void startProcesses() throws IOException {
        for (Cluster.Node n : Cluster.NODES) {
            Path state = dir.resolve(n.name() + ".conf");
            Files.writeString(state, DemoFiles.nodeState(n, n.address(), Cluster.REFLECTOR, 179, null, false));
            children.start("node agent " + n.name(), n.namespace(), ChildJvm.command(
                    "dev.petrel.examples.nodeagent.NodeAgent", "--state", state.toString(), "--status",
                    status(n).toString()), dir.resolve(n.name() + ".log"));
        }
        Path rr = dir.resolve("rr.conf");
        Files.writeString(rr, DemoFiles.reflector(Cluster.REFLECTOR + ":179", Cluster.LAN, socket().toString(),
                withTor));
        children.start("route reflector", Namespaces.PREFIX + "rr",
                ChildJvm.command("dev.petrel.daemon.PetrelCommand", "run", "--config", rr.toString()),
                dir.resolve("rr.log"));
        if (withTor) {
            tor.start(children, Namespaces.PREFIX + "tor");
        }
    }

    private Path status(Cluster.Node n) {
        return dir.resolve(n.name() + ".status.json");
    }

    private Path socket() {
        return dir.resolve("rr.sock");
    }

    // ---- Waiting for observable state --------------------------------------------------------------------------

    private void awaitSessions() {
        for (Cluster.Node n : Cluster.NODES) {
            Poll.until(n.name() + "'s session with the reflector to be Established (its status file " + status(n)
                    + ")", STEP_TIMEOUT, children::requireAlive, () -> {
                        NodeStatus s = NodeStatus.read(status(n));
                        return s.established("rr") ? null : s.toString();
                    });
            progress.say(n.name() + ": session with the reflector Established");
        }
    }

    private void awaitKernelRoutes() {
        for (Cluster.Node n : Cluster.NODES) {
            Cluster.Node other = Cluster.other(n);
            String want = other.block() + " via " + other.address();
            Poll.until(n.name() + "'s kernel to have a route " + want + " from Petrel (ip -n " + n.namespace()
                    + " route show proto 186)", STEP_TIMEOUT, children::requireAlive, () -> {
                        String routes = kernelRoutes(n);
                        return routes.lines().anyMatch(l -> l.startsWith(want + " ")) ? null
                                : routes.isBlank() ? "no routes" : routes.strip();
                    });
            progress.say(n.name() + ": kernel route " + want + " installed by Petrel");
        }
    }

    private static String kernelRoutes(Cluster.Node n) {
        return Namespaces.ip(n.namespace(), "route", "show", "proto", "186");
    }

    // ---- What the demo shows -----------------------------------------------------------------------------------

    private void printPeers() {
        for (Cluster.Node n : Cluster.NODES) {
            section(n.name() + "'s peers (from its node agent's status file)");
            NodeStatus.read(status(n)).peers().forEach((peer, state) -> out.printf("  %-12s %s%n", peer, state));
        }
        section("rr$ petrel show peers (the reflector: nodes accepted through its listen range " + Cluster.LAN + ")");
        try {
            PeerStatusJson.Peers peers = PeerStatusJson.readPeers(new AdminClient(socket())
                    .call(ShowPeersHandler.COMMAND));
            indent(PeersTable.render(peers.peers(), peers.time() != null ? peers.time() : Instant.now()));
        } catch (AdminException | RuntimeException e) {
            out.println("  (the reflector did not answer on " + socket() + ": " + e.getMessage() + ")");
        }
    }

    private void printKernelRoutes() {
        for (Cluster.Node n : Cluster.NODES) {
            section("routes Petrel installed in " + n.name() + "'s kernel: ip -n " + n.namespace()
                    + " route show proto 186");
            String routes = kernelRoutes(n);
            indent(routes);
            Cluster.Node other = Cluster.other(n);
            String why = "  (" + other.block() + ": " + other.name() + "'s IPAM block, which its node agent originates";
            if (routes.lines().anyMatch(l -> l.startsWith(other.pod() + " "))) {
                why += "; " + other.pod() + ": its pod's route on " + other.cali() + ", which Petrel learned from "
                        + other.name() + "'s kernel (kernel.learn takes cali* routes) and advertised";
            }
            out.println(why + ")");
        }
    }

    private boolean ping() {
        Cluster.Node from = Cluster.N2;
        Cluster.Node to = Cluster.N1;
        section("ping from " + from.podName() + " (" + from.pod() + ", on " + from.name() + ") to " + to.podName()
                + " (" + to.pod() + ", on " + to.name() + ")");
        // The first echo also resolves every hop's neighbours; two more tries cover a lost first packet.
        Pinger.Ping p = null;
        int attempts = 0;
        while (attempts < 3 && (p == null || !p.ok())) {
            p = Pinger.ping(from.podNamespace(), to.pod());
            attempts++;
        }
        out.println("  $ " + p.command());
        indent(p.output());
        // Which route the node forwarded by: without Petrel's, only the default route (to the switch, which
        // forwards nothing) would match.
        String route = Exec.run("ip", "-n", from.namespace(), "route", "get", to.pod()).output().strip();
        out.println("  " + from.name() + "$ ip route get " + to.pod());
        indent(route);
        if (p.ok()) {
            out.println("ping: ok" + (attempts > 1 ? " (on attempt " + attempts + ")" : "") + ": " + from.podName()
                    + " reached " + to.podName() + ", forwarded by " + from.name() + " to " + to.name()
                    + " on a route Petrel installed (and back by " + to.name() + "'s)");
        } else {
            out.println("ping: FAILED after " + attempts + " attempts: " + from.podName() + " did not reach "
                    + to.podName());
        }
        return p.ok();
    }

    private void section(String title) {
        out.println();
        out.println("== " + title);
    }

    private void indent(String text) {
        text.lines().forEach(l -> out.println("  " + l));
    }

    // ---- Teardown ----------------------------------------------------------------------------------------------

    /** Stops the children by PID, deletes the namespaces and the temporary directory; once. */
    private synchronized void tearDown() {
        if (tornDown) {
            return;
        }
        tornDown = true;
        int processes = children.count();
        int spaces = namespaces.count();
        out.println();
        progress.say("tearing down");
        children.close();
        namespaces.close();
        if (dir != null && failed) {
            out.println("the processes' logs are kept in " + dir);
        } else if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                out.println("could not remove " + dir + ": " + e.getMessage());
            }
        }
        progress.say("torn down: " + processes + " processes stopped, " + spaces + " namespaces deleted");
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                // The lock goes with the process anyway.
            }
        }
    }
}
