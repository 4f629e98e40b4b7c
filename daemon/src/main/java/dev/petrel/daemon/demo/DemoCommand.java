package dev.petrel.daemon.demo;

import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PetrelConfig;
import dev.petrel.daemon.show.PeersTable;
import dev.petrel.fsm.SessionState;
import dev.petrel.fsm.session.PeerSession;
import dev.petrel.speaker.PeerStatus;
import dev.petrel.speaker.Speaker;
import dev.petrel.wire.Notification;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;

/**
 * {@code petrel demo}: Petrel's main job, sessions, shown without root or another daemon. Two speakers in this
 * process, a node (AS 64512, 127.0.0.1) and its top-of-rack switch (AS 65001, 127.0.0.2), peer over loopback on
 * unprivileged ports; the demo prints the node's {@code show peers} once the session is up, then the switch is
 * shut down with an RFC 9003 message and the demo prints what the node saw.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Bring up a BGP session between two Petrel speakers on loopback, show it, shut one down.",
                "Needs no root and no other daemon."})
public final class DemoCommand implements Callable<Integer> {
    static final String SHUTDOWN_MESSAGE = "demo: switch going down for maintenance";

    @Override
    public Integer call() throws Exception {
        return run(System.out);
    }

    int run(PrintStream out) throws Exception {
        int nodePort = freePort("127.0.0.1");
        int torPort = freePort("127.0.0.2");
        PetrelConfig node = config("10.255.1.1", 64512, "127.0.0.1", nodePort, "tor", "127.0.0.2", torPort, 65001);
        PetrelConfig tor = config("10.255.1.2", 65001, "127.0.0.2", torPort, "node", "127.0.0.1", nodePort, 64512);
        try (Speaker n = Speaker.start(node); Speaker t = Speaker.start(tor)) {
            out.println("Two speakers on loopback: node AS 64512 (127.0.0.1:" + nodePort + ") and tor AS 65001 "
                    + "(127.0.0.2:" + torPort + ").");
            await("the session to come up", () -> state(n) == SessionState.ESTABLISHED
                    && state(t) == SessionState.ESTABLISHED);
            PeerStatus p = n.peers().get(0);
            out.println();
            out.println("node$ petrel show peers");
            out.print(PeersTable.render(n.peers(), Instant.now()));
            out.println();
            out.println("Negotiated: hold time " + p.negotiated().holdTimeSeconds() + " s, keepalive "
                    + p.negotiated().keepaliveSeconds() + " s, families " + p.negotiated().families()
                    + ", capabilities " + p.negotiated().capabilities());
            dev.petrel.wire.nlri.Prefix pods = dev.petrel.wire.nlri.Ipv4Prefix.of("10.244.1.0", 26);
            await("the tor to learn the node's pod block", () -> learned(t, pods));
            out.println();
            out.println("node originates its pod block 10.244.1.0/26 via its node address 10.255.1.1 (a static route;"
                    + " BGP refuses the loopback session addresses as next hops); the tor learns it:");
            out.println("tor$ petrel show routes");
            out.print(routes(t));
            PeerSession torSide = t.session("node");
            torSide.stop(Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN, SHUTDOWN_MESSAGE));
            await("the node to see the shutdown", () -> n.peers().get(0).lastError() != null
                    && "received".equals(n.peers().get(0).lastError().direction()));
            out.println();
            out.println("tor shuts the session down with a message (RFC 9003); then:");
            out.println("node$ petrel show peers");
            out.print(PeersTable.render(n.peers(), Instant.now()));
            out.println();
            out.println("node's last error: " + n.peers().get(0).lastError().text());
        }
        return 0;
    }

    private static boolean learned(Speaker s, dev.petrel.wire.nlri.Prefix p) {
        try {
            return s.rib().query(v -> v.route(p)).get(5, java.util.concurrent.TimeUnit.SECONDS) != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** What `petrel show routes` prints for {@code s}, through the same handler and renderer. */
    private static String routes(Speaker s) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        java.io.StringWriter w = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = m.getFactory().createGenerator(w)) {
            new dev.petrel.daemon.admin.ShowRoutesHandler(s.rib())
                    .handle(m.createObjectNode().put("command", "show-routes"), g);
        }
        return dev.petrel.daemon.show.RoutesText.render(m.readTree(w.toString()), false);
    }

    private static SessionState state(Speaker s) {
        List<PeerStatus> ps = s.peers();
        return ps.get(0).state();
    }

    private static PetrelConfig config(String routerId, long as, String listen, int port, String peerName,
            String peerAddress, int peerPort, long peerAs) {
        String text = "petrel {\n"
                + "  router-id = \"" + routerId + "\"\n"
                + "  local-as = " + as + "\n"
                + "  listen = [\"" + listen + ":" + port + "\"]\n"
                + "  admin.socket = \"/tmp/petrel-demo-" + as + ".sock\"\n"
                + "  peers = [ { name = " + peerName + ", address = \"" + peerAddress + "\", port = " + peerPort
                + ", local-address = \"" + listen + "\", remote-as = " + peerAs
                + ", hold-time = 9s, connect-retry = 1s, idle-hold = 1s, import = all, export = all"
                + (as == 64512 ? ", next-hop = keep } ]\n  static-routes = [ { prefix = \"10.244.1.0/26\", type = via,"
                        + " next-hop = \"10.255.1.1\", communities = [\"64512:100\"] } ]\n" : " } ]\n")
                + "}\n";
        ConfigResult r = ConfigLoader.parse(text, "demo");
        if (r instanceof ConfigResult.Valid v) {
            return v.config();
        }
        throw new IllegalStateException("demo configuration invalid: " + r.errors());
    }

    private static int freePort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(address, 0));
            return s.getLocalPort();
        }
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
