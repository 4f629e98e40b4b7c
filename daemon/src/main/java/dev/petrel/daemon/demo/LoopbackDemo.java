package dev.petrel.daemon.demo;

import dev.petrel.daemon.show.PeersTable;
import dev.petrel.examples.nodeagent.NodeAgent;
import dev.petrel.speaker.Petrel;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code petrel demo} without root (or with {@code --loopback}): the same cluster in this one process, through the
 * public API. Two node agents (the node-agent example's {@link NodeAgent}, used as a library) and a route reflector
 * (a {@link Petrel} with a listen range) on 127.0.0.1, .2 and .3 with an unprivileged port. The kernel FIB runs in
 * dry-run mode: nothing is written to the kernel, and there are no pods to ping. Each node advertises its would-be
 * node IP as NEXT_HOP (a loopback one is refused by BGP speakers), so the routes "installed" look as in the root
 * mode.
 */
final class LoopbackDemo {
    private static final String[] ADDRESSES = {"127.0.0.1", "127.0.0.2"};
    private static final String REFLECTOR = "127.0.0.3";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);

    private final PrintStream out;
    private final Progress progress;

    LoopbackDemo(PrintStream out) {
        this.out = out;
        this.progress = new Progress(out);
    }

    int run() throws IOException {
        int port = freePort();
        out.println("Petrel demo (loopback): a two-node cluster in this process, AS " + Cluster.AS + ", on 127.0.0.x"
                + " port " + port + ".");
        out.println("  The kernel FIB is in dry-run mode: nothing is written to the kernel, and there are no pods, so"
                + " no ping.");
        out.println("  Run it as root for the real thing: namespaces, the kernel's routes, a ping between pods.");
        for (int i = 0; i < 2; i++) {
            Cluster.Node n = Cluster.NODES.get(i);
            out.println("  " + n.name() + " (node agent, " + ADDRESSES[i] + ", next hop " + n.address() + "): originates "
                    + n.block() + " and " + Cluster.SERVICES);
        }
        out.println("  rr (a Petrel through Petrel.builder(), " + REFLECTOR + "): reflects between the clients of its"
                + " listen range 127.0.0.0/30");
        out.println();
        QuietLogs quiet = new QuietLogs();
        Path dir = Files.createTempDirectory("petrel-demo-");
        List<NodeAgent> agents = new ArrayList<>();
        Petrel rr = null;
        try {
            rr = Petrel.builder().configText(DemoFiles.reflector(REFLECTOR + ":" + port, "127.0.0.0/30", null, false))
                    .build().start();
            for (int i = 0; i < 2; i++) {
                Cluster.Node n = Cluster.NODES.get(i);
                Path state = dir.resolve(n.name() + ".conf");
                Files.writeString(state, DemoFiles.nodeState(n, ADDRESSES[i], REFLECTOR, port, n.address(), true));
                agents.add(new NodeAgent(state, status(dir, n)).start());
            }
            progress.say("started the reflector and two node agents");
            for (Cluster.Node n : Cluster.NODES) {
                awaitNode(dir, n);
            }
            for (Cluster.Node n : Cluster.NODES) {
                NodeStatus s = NodeStatus.read(status(dir, n));
                section(n.name() + "'s peers (from its node agent's status file)");
                s.peers().forEach((peer, state) -> out.printf("  %-12s %s%n", peer, state));
                section("routes " + n.name() + "'s kernel FIB \"installed\" (dry run: nothing written to the kernel)");
                s.kernelRoutes().forEach((prefix, via) -> out.printf("  %-18s %s (dry run)%n", prefix, via));
            }
            section("rr$ petrel show peers (nodes accepted through the listen range)");
            PeersTable.render(rr.peers(), Instant.now()).lines().forEach(l -> out.println("  " + l));
            out.println();
            out.println("loopback demo: done; the FIB was in dry-run mode, so nothing was written to the kernel"
                    + " and no ping was possible.");
            return 0;
        } catch (DemoFailure e) {
            out.println();
            out.println("demo failed: " + e.getMessage());
            return 1;
        } finally {
            // The clients first, so that the reflector does not see its sessions end and the nodes retry.
            agents.forEach(NodeAgent::close);
            if (rr != null) {
                rr.close();
            }
            quiet.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            progress.say("stopped");
        }
    }

    private void awaitNode(Path dir, Cluster.Node n) {
        Cluster.Node other = Cluster.other(n);
        String via = "via " + other.address();
        Poll.until(n.name() + "'s session with the reflector to be Established and its FIB to hold " + other.block()
                + " " + via + " (its status file)", STEP_TIMEOUT, () -> { }, () -> {
                    NodeStatus s = NodeStatus.read(status(dir, n));
                    return s.established("rr") && via.equals(s.kernelRoutes().get(other.block())) ? null
                            : s.toString();
                });
        progress.say(n.name() + ": session with the reflector Established; " + other.block() + " " + via
                + " \"installed\"");
    }

    private static Path status(Path dir, Cluster.Node n) {
        return dir.resolve(n.name() + ".status.json");
    }

    private void section(String title) {
        out.println();
        out.println("== " + title);
    }

    /** A port free on all three loopback addresses (each speaker binds its own address). */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(ADDRESSES[0], 0));
                port = s.getLocalPort();
            }
            if (bindable(ADDRESSES[1], port) && bindable(REFLECTOR, port)) {
                return port;
            }
        }
        throw new IOException("no port free on 127.0.0.1, 127.0.0.2 and 127.0.0.3 after 20 tries");
    }

    private static boolean bindable(String address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
