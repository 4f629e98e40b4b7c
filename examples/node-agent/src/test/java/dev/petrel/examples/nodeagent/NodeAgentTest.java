package dev.petrel.examples.nodeagent;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.SessionState;
import dev.petrel.rib.RouteEntry;
import dev.petrel.speaker.ApplyPlan;
import dev.petrel.speaker.PeerStatus;
import dev.petrel.wire.nlri.Prefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two node agents in a full mesh over loopback, kernel FIB in dry-run: the file drives everything. */
class NodeAgentTest {
    @TempDir
    Path dir;


    /** A node's state file: its block, the service range, and the other node as mesh peer. */
    static String state(String name, String address, int port, String nextHop, String blocks, String other,
            String otherAddress) {
        return """
                node { name = %s, address = "%s", as = 64512, port = %d, next-hop = "%s" }
                ipam-blocks = [%s]
                services { cluster-ips = ["10.96.0.0/12"] }
                communities { blocks = ["64512:100"], services = ["64512:200"] }
                bgp { mode = full-mesh, connect-retry = 1s, peers = [{ name = %s, address = "%s" }] }
                kernel { install = true, dry-run = true }
                """.formatted(name, address, port, nextHop, blocks, other, otherAddress);
    }

    /** n1 at 127.0.0.1 with block 10.244.1.0/26, peering with n2. */
    static String n1(int port) {
        return state("n1", "127.0.0.1", port, "10.255.200.1", "\"10.244.1.0/26\"", "n2", "127.0.0.2");
    }

    /** n2 at 127.0.0.2 with block 10.244.2.0/26, peering with n1. */
    static String n2(int port) {
        return state("n2", "127.0.0.2", port, "10.255.200.2", "\"10.244.2.0/26\"", "n1", "127.0.0.1");
    }

    @Test
    void aChangedFileChangesRoutesWithoutResettingTheSession() throws Exception {
        // Both nodes use one port on their own loopback address: peers are reached on the node's port.
        int port = freePort("127.0.0.1");
        Path f1 = dir.resolve("n1.conf");
        Path f2 = dir.resolve("n2.conf");
        Files.writeString(f1, n1(port));
        Files.writeString(f2, n2(port));
        Path status2 = dir.resolve("n2.status.json");
        try (NodeAgent n1 = new NodeAgent(f1, null).start(); NodeAgent n2 = new NodeAgent(f2, status2).start()) {
            Prefix block1 = Prefix.parse("10.244.1.0/26");
            await("n2 to install n1's block", () -> read(status2).contains("\"10.244.1.0/26\":\"via 10.255.200.1\""));
            RouteEntry e = n2.petrel().route(block1).orElseThrow();
            assertTrue(e.best().attributes().communities().contains(
                    dev.petrel.wire.attr.Community.parse("64512:100")), "blocks carry their community");
            assertTrue(read(status2).contains("\"n1\":\"Established\""), read(status2));

            // A second block on n1: only routes change; the session stays.
            Files.writeString(f1, state("n1", "127.0.0.1", port, "10.255.200.1",
                    "\"10.244.1.0/26\", \"10.244.1.64/26\"", "n2", "127.0.0.2"));
            await("n2 to install the new block", () -> read(status2).contains("\"10.244.1.64/26\""));
            // The block goes again.
            Files.writeString(f1, state("n1", "127.0.0.1", port, "10.255.200.1", "\"10.244.1.64/26\"", "n2",
                    "127.0.0.2"));
            await("n2 to remove the withdrawn block", () -> !read(status2).contains("\"10.244.1.0/26\""));
            PeerStatus s = n1.petrel().peer("n2").orElseThrow();
            assertEquals(SessionState.ESTABLISHED, s.state());
            assertEquals(1, s.establishedTransitions(), "file changes never reset the session");

            // An invalid file changes nothing; the same file again is an empty plan.
            Files.writeString(f1, "node { name = n1 }\n");
            assertNull(n1.reload());
            Files.writeString(f1, state("n1", "127.0.0.1", port, "10.255.200.1", "\"10.244.1.64/26\"", "n2",
                    "127.0.0.2"));
            ApplyPlan plan = n1.reload();
            assertTrue(plan.isEmpty(), plan.lines().toString());
            assertEquals(1, n1.petrel().peer("n2").orElseThrow().establishedTransitions());
        }
    }

    @Test
    void aJsonFileWorksAndReadinessIsServed() throws Exception {
        int port = freePort("127.0.0.1");
        int http = freePort("127.0.0.1");
        Path f1 = dir.resolve("n1.json");
        Path f2 = dir.resolve("n2.conf");
        // JSON, as an agent writing the file from the Kubernetes API would.
        Files.writeString(f1, """
                {"node": {"name": "n1", "address": "127.0.0.1", "as": 64512, "port": %d, "next-hop": "10.255.200.1"},
                 "ipam-blocks": ["10.244.1.0/26"],
                 "bgp": {"mode": "full-mesh", "connect-retry": "1s", "peers": [{"name": "n2", "address": "127.0.0.2"}]},
                 "kernel": {"install": true, "dry-run": true},
                 "readiness": {"listen": "127.0.0.1:%d"}}
                """.formatted(port, http));
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest readyz = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + http + "/readyz")).build();
        try (NodeAgent n1 = new NodeAgent(f1, null).start()) {
            // Its only peer is not there: not ready (start-up waits for every peer).
            java.net.http.HttpResponse<String> r = client.send(readyz,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode(), r.body());
            Files.writeString(f2, n2(port));
            try (NodeAgent n2 = new NodeAgent(f2, null).start()) {
                await("/readyz to say ready", () -> {
                    try {
                        return client.send(readyz, java.net.http.HttpResponse.BodyHandlers.ofString())
                                .statusCode() == 200;
                    } catch (IOException | InterruptedException e) {
                        return false;
                    }
                });
                assertTrue(n2.petrel().route(Prefix.parse("10.244.1.0/26")).isPresent(), "the JSON node's block");
            }
        }
    }

    /** Graceful Restart is on by default, as in calico-node: a restarted agent's routes never leave its peers. */
    @Test
    void aRestartedAgentsRoutesStayWithItsPeerAndAChangeOfNodeDropsThem() throws Exception {
        int port = freePort("127.0.0.1");
        Path f1 = dir.resolve("n1.conf");
        Path f2 = dir.resolve("n2.conf");
        Files.writeString(f1, n1(port));
        Files.writeString(f2, n2(port));
        Path status2 = dir.resolve("n2.status.json");
        Prefix block1 = Prefix.parse("10.244.1.0/26");
        try (NodeAgent n2 = new NodeAgent(f2, status2).start()) {
            NodeAgent n1 = new NodeAgent(f1, null).start();
            try {
                await("n2 to install n1's block", () -> read(status2).contains("\"10.244.1.0/26\""));
            } finally {
                n1.close(); // the agent stops (a pod restart): gracefully
            }
            await("n2 to keep n1's block, stale, while n1 is away", () -> n2.petrel().route(block1)
                    .map(r -> r.best() != null && r.best().stale()).orElse(false));
            assertTrue(read(status2).contains("\"10.244.1.0/26\""), "still in n2's kernel: " + read(status2));

            try (NodeAgent again = new NodeAgent(f1, null).restartingGracefully().start()) {
                await("n1 back, its block fresh at n2", () -> n2.petrel().route(block1)
                        .map(r -> r.best() != null && !r.best().stale()).orElse(false));
                assertTrue(rBit(n2), "the restarted agent said so in its OPEN (R bit)");

                // Another kernel option leaves the node what it was: its speaker restarts gracefully.
                Files.writeString(f1, n1(port).replace("install = true", "install = false"));
                long before = n2.petrel().peer("n1").orElseThrow().establishedTransitions();
                assertNull(again.reload(), "the speaker restarts");
                await("n1's new speaker up with n2", () -> n2.petrel().peer("n1").orElseThrow()
                        .establishedTransitions() > before
                        && n2.petrel().peer("n1").orElseThrow().state() == SessionState.ESTABLISHED);
                assertTrue(n2.petrel().route(block1).isPresent(), "kept through the speaker's restart");
                assertTrue(rBit(n2), "a graceful restart again");

                // Another address is another node: n2 gets a Hard Reset and drops what the old speaker sent.
                Files.writeString(f1, state("n1", "127.0.0.3", port, "10.255.200.1", "\"10.244.1.0/26\"", "n2",
                        "127.0.0.2").replace("install = true", "install = false"));
                assertNull(again.reload());
                await("n2 to drop n1's block at once", () -> n2.petrel().route(block1).isEmpty());
                PeerStatus.LastError e = n2.petrel().peer("n1").orElseThrow().lastError();
                assertEquals(6, e.code());
                assertEquals(9, e.subcode(), "a Hard Reset: " + e);
            }
        }
    }

    /** Whether the OPEN n2 got from n1 on their session set the Graceful Restart R bit. */
    private static boolean rBit(NodeAgent n2) {
        var gr = n2.petrel().speaker().session("n1").negotiated().peer()
                .capability(dev.petrel.wire.cap.Capability.GracefulRestart.class);
        return gr != null && gr.restarting();
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
