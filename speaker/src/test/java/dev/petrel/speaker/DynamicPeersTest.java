package dev.petrel.speaker;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PetrelConfig;
import dev.petrel.fsm.SessionState;
import dev.petrel.fsm.transport.TransportConfig;
import dev.petrel.rib.RouteEntry;
import dev.petrel.wire.nlri.Prefix;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Listen ranges over loopback: Petrel speakers at 127.0.1.x connect to a Petrel reflector whose range is
 * 127.0.1.0/24 (two peers at most); each appears as a dynamic route-reflector client, routes are reflected
 * between them, and a closed one disappears with its routes.
 */
class DynamicPeersTest {
    private static final Prefix ONE = Prefix.parse("10.1.1.0/24");
    private static final Prefix TWO = Prefix.parse("10.1.2.0/24");

    static PetrelConfig parse(String text) {
        ConfigResult r = ConfigLoader.parse(text, "test");
        if (r instanceof ConfigResult.Valid v) {
            return v.config();
        }
        throw new AssertionError(r.errors().toString());
    }

    private static PetrelConfig reflector(int port, String extraRange) {
        return parse("petrel {\n  router-id = \"10.255.0.1\"\n  local-as = 64512\n"
                + "  listen = [\"127.0.0.1:" + port + "\"]\n"
                + "  admin.socket = \"/tmp/petrel-dp-test.sock\"\n"
                + "  peer-templates { nodes { remote-as = internal, route-reflector-client = true, hold-time = 9s } }\n"
                + "  listen-ranges = [ { prefix = \"127.0.1.0/24\", template = nodes, max-peers = 2" + extraRange
                + " } ]\n}\n");
    }

    private static PetrelConfig client(String address, long as, int port, String prefix) {
        return client(address, as, port, prefix, "");
    }

    private static PetrelConfig client(String address, long as, int port, String prefix, String extra) {
        return parse("petrel {\n  router-id = \"" + address.replace("127.", "10.") + "\"\n  local-as = " + as + "\n"
                + "  listen = []\n  admin.socket = \"/tmp/petrel-dp-test.sock\"\n"
                + (prefix == null ? "" : "  static-routes = [ { prefix = \"" + prefix + "\", next-hop = \""
                        + address.replace("127.", "10.") + "\" } ]\n")
                + "  peers = [ { name = rr, address = \"127.0.0.1\", port = " + port + ", local-address = \""
                + address + "\", remote-as = 64512, import = all, export = all, next-hop = keep,"
                + " hold-time = 9s,"
                + " connect-retry = 1s, idle-hold = 1s" + extra + " } ]\n}\n");
    }

    static PeerStatus peer(Speaker s, String name) {
        return s.peers().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    static boolean established(Speaker s, String name) {
        PeerStatus p = peer(s, name);
        return p != null && p.state() == SessionState.ESTABLISHED;
    }

    private static List<String> ribPeers(Speaker s) {
        try {
            return s.rib().query(v -> v.peerNames()).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static RouteEntry route(Speaker s, Prefix p) {
        try {
            return s.rib().query(v -> v.route(p)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void peersAppearOnConnectExchangeRoutesAndDisappearWithThem() throws Exception {
        int port = freePort("127.0.0.1");
        try (Speaker rr = Speaker.start(reflector(port, ""));
                Speaker c2 = Speaker.start(client("127.0.1.2", 64512, port, TWO.toString()))) {
            Speaker c1 = Speaker.start(client("127.0.1.1", 64512, port, ONE.toString()));
            try {
                await("both clients accepted", () -> established(rr, "nodes/127.0.1.1")
                        && established(rr, "nodes/127.0.1.2"));
                PeerStatus p = peer(rr, "nodes/127.0.1.1");
                assertTrue(p.dynamic());
                assertEquals("nodes", p.listenRange());
                assertEquals("127.0.1.1", p.address());
                assertEquals(64512, p.remoteAs());
                assertEquals(9, p.negotiated().holdTimeSeconds(), "the template's hold time");

                await("c1's route reflected to c2", () -> route(c2, ONE) != null);
                await("c2's route reflected to c1", () -> route(c1, TWO) != null);
                assertEquals("10.0.1.1", route(c2, ONE).best().nextHop().toString(),
                        "next hop unchanged on reflection");
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class, () -> rr.setPolicies("nodes/127.0.1.1", "none", null));
                assertTrue(e.getMessage().contains("is a dynamic peer"), e.getMessage());
                assertTrue(rr.session("nodes/127.0.1.1") != null);
            } finally {
                c1.close();
            }
            await("c1's peer removed", () -> peer(rr, "nodes/127.0.1.1") == null);
            await("c1's route withdrawn from c2", () -> route(c2, ONE) == null);
            assertTrue(established(rr, "nodes/127.0.1.2"), "the other client stays");
            assertEquals(1, rr.peers().size());

            // the same address again: a fresh peer
            try (Speaker again = Speaker.start(client("127.0.1.1", 64512, port, ONE.toString()))) {
                await("c1 back as a new peer", () -> established(rr, "nodes/127.0.1.1"));
                assertEquals(1, peer(rr, "nodes/127.0.1.1").establishedTransitions(), "a new peer's counters");
                await("its route reflected again", () -> route(c2, ONE) != null);
            }
        }
    }

    /** A client with graceful restart on (RFC 4724 restarting speaker), restart time 60 s. */
    private static PetrelConfig restartingClient(String address, int port, String... prefixes) {
        return restartingClient(address, port, 60, prefixes);
    }

    private static PetrelConfig restartingClient(String address, int port, int restartTime, String... prefixes) {
        StringBuilder routes = new StringBuilder();
        for (String p : prefixes) {
            routes.append(routes.isEmpty() ? "" : ", ").append("{ prefix = \"").append(p).append("\", next-hop = \"")
                    .append(address.replace("127.", "10.")).append("\" }");
        }
        return parse("petrel {\n  router-id = \"" + address.replace("127.", "10.") + "\"\n"
                + "  local-as = 64512\n  listen = []\n  admin.socket = \"/tmp/petrel-dp-test.sock\"\n"
                + "  graceful-restart { enabled = true, restart-time = " + restartTime + "s, selection-deferral = 5s }\n"
                + "  static-routes = [ " + routes + " ]\n"
                + "  peers = [ { name = rr, address = \"127.0.0.1\", port = " + port + ", local-address = \""
                + address + "\", remote-as = 64512, import = all, export = all, next-hop = keep, hold-time = 9s,"
                + " connect-retry = 1s, idle-hold = 1s } ]\n}\n");
    }

    @Test
    void aRestartingClientsRoutesStayWhileItIsAwayAndItTakesThemBack() throws Exception {
        int port = freePort("127.0.0.1");
        Prefix gone = Prefix.parse("10.1.3.0/24");
        try (Speaker rr = Speaker.start(reflector(port, ""));
                Speaker c2 = Speaker.start(client("127.0.1.2", 64512, port, TWO.toString()))) {
            Speaker c1 = Speaker.start(restartingClient("127.0.1.1", port, ONE.toString(), gone.toString()));
            await("c1's routes reflected to c2", () -> route(c2, ONE) != null && route(c2, gone) != null);
            // c2 must have c1's kept route all through the restart: sampled every 20 ms until the end
            java.util.concurrent.atomic.AtomicInteger samples = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger missing = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean sampling = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    samples.incrementAndGet();
                    if (route(c2, ONE) == null) {
                        missing.incrementAndGet();
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
                }
            });
            sampler.start();
            try {
                c1.close(); // graceful: the reflector keeps c1's routes while it restarts
                await("c1's peer removed", () -> peer(rr, "nodes/127.0.1.1") == null);
                await("c1's routes kept stale at the reflector", () -> {
                    RouteEntry r = route(rr, ONE);
                    return r != null && r.best() != null && r.best().stale();
                });
                try (Speaker again = Speaker.start(restartingClient("127.0.1.1", port, ONE.toString()),
                        TransportConfig.defaults(), null, null, true)) {
                    await("c1 back, and its End-of-RIB sweeping the route it no longer has",
                            () -> established(rr, "nodes/127.0.1.1") && route(rr, gone) == null);
                    assertFalse(route(rr, ONE).best().stale(), "sent again: fresh");
                    assertEquals(1, route(rr, ONE).paths().size(), "one path: the new session took the old one over");
                    await("the gone route withdrawn from c2", () -> route(c2, gone) == null);
                }
            } finally {
                sampling.set(false);
                sampler.join();
            }
            assertEquals(0, missing.get(), "c2 lost c1's kept route in " + missing + " of " + samples + " samples");
            assertTrue(samples.get() >= 5, samples + " samples");
        }
    }

    @Test
    void aRestartingClientThatDoesNotComeBackInTimeLosesItsRoutes() throws Exception {
        int port = freePort("127.0.0.1");
        try (Speaker rr = Speaker.start(reflector(port, ""));
                Speaker c2 = Speaker.start(client("127.0.1.2", 64512, port, TWO.toString()))) {
            Speaker c1 = Speaker.start(restartingClient("127.0.1.1", port, 3, ONE.toString()));
            try {
                await("c1's route reflected to c2", () -> route(c2, ONE) != null);
            } finally {
                c1.close();
            }
            await("c1's route kept stale at first", () -> {
                RouteEntry r = route(rr, ONE);
                return r != null && r.best() != null && r.best().stale();
            });
            await("c1's route gone from the reflector after its restart time (3 s)", () -> route(rr, ONE) == null);
            await("and withdrawn from c2", () -> route(c2, ONE) == null);
            // the parked handle goes 5 s after that: the RIB knows only the reflector's other client again
            await("c1's RIB handle dropped", () -> ribPeers(rr).equals(List.of("nodes/127.0.1.2")));
        }
    }

    @Test
    void aFullRangeAndAnAddressOutsideItAreRefusedBeforeAnyOpen() throws Exception {
        int port = freePort("127.0.0.1");
        try (Speaker rr = Speaker.start(reflector(port, ""));
                Speaker c1 = Speaker.start(client("127.0.1.1", 64512, port, null));
                Speaker c2 = Speaker.start(client("127.0.1.2", 64512, port, null))) {
            await("two clients", () -> established(rr, "nodes/127.0.1.1") && established(rr, "nodes/127.0.1.2"));
            try (Speaker third = Speaker.start(client("127.0.1.3", 64512, port, null));
                    Speaker outside = Speaker.start(client("127.0.2.1", 64512, port, null))) {
                await("the third refused, the range being full", () -> rr.refusedByListenRange("nodes") >= 2);
                await("the outsider refused", () -> rr.refusedOutsideListenRanges() >= 2);
                assertNull(peer(rr, "nodes/127.0.1.3"));
                assertEquals(2, rr.peers().size());
                assertEquals(0, third.peers().get(0).counters().messagesReceived(), "not a byte from the reflector");
                assertEquals(0, outside.peers().get(0).counters().messagesReceived());
                assertTrue(rr.rejectedConnections() >= 4);

                c1.close();
                await("the freed place taken by the third", () -> established(rr, "nodes/127.0.1.3"));
                assertNull(peer(rr, "nodes/127.0.1.1"));
            }
        }
    }

    @Test
    void aRefusedOpenRemovesThePeer() throws Exception {
        int port = freePort("127.0.0.1");
        try (Speaker rr = Speaker.start(reflector(port, ""));
                Speaker wrongAs = Speaker.start(client("127.0.1.9", 65001, port, null))) {
            await("the OPEN refused", () -> wrongAs.peers().get(0).lastError() != null
                    && "received".equals(wrongAs.peers().get(0).lastError().direction()));
            assertEquals(2, wrongAs.peers().get(0).lastError().subcode(), "Bad Peer AS");
            await("no peer left for it", () -> rr.peers().stream().noneMatch(p -> p.state() != SessionState.IDLE
                    && p.name().equals("nodes/127.0.1.9")) && peer(rr, "nodes/127.0.1.9") == null);
            wrongAs.close();
            await("nothing left", () -> rr.peers().isEmpty());
        }
    }

    @Test
    void aConfiguredPeerInsideARangeStaysThatPeer() throws Exception {
        int port = freePort("127.0.0.1");
        PetrelConfig rrConfig = parse("petrel {\n  router-id = \"10.255.0.1\"\n  local-as = 64512\n"
                + "  listen = [\"127.0.0.1:" + port + "\"]\n  admin.socket = \"/tmp/petrel-dp-test.sock\"\n"
                + "  peers = [ { name = fixed, address = \"127.0.1.1\", remote-as = 64512, passive = true,"
                + " hold-time = 9s } ]\n"
                + "  listen-ranges = [ { name = nodes, prefix = \"127.0.1.0/24\", remote-as = internal } ]\n}\n");
        try (Speaker rr = Speaker.start(rrConfig);
                Speaker c1 = Speaker.start(client("127.0.1.1", 64512, port, null))) {
            await("the configured peer up", () -> established(rr, "fixed"));
            assertEquals(List.of("fixed"), rr.peers().stream().map(PeerStatus::name).toList());
            assertFalse(peer(rr, "fixed").dynamic());
        }
    }

    /** The range's password is a kernel prefix key: only a client signing with it gets a TCP connection at all. */
    @Test
    void aRangeWithAPasswordAcceptsOnlyClientsThatSignWithIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.netty.channel.epoll.Epoll.isAvailable(), "MD5 needs epoll");
        int port = freePort("127.0.0.1");
        try (Speaker rr = Speaker.start(reflector(port, ", password = s3cret"));
                Speaker right = Speaker.start(client("127.0.1.1", 64512, port, null, ", password = s3cret"));
                Speaker wrong = Speaker.start(client("127.0.1.2", 64512, port, null, ", password = guess"));
                Speaker none = Speaker.start(client("127.0.1.3", 64512, port, null))) {
            await("the client with the password up", () -> established(rr, "nodes/127.0.1.1"));
            // Neither of the others gets past the kernel: their SYNs are dropped, so no peer is ever made.
            await("the others to have tried", () -> wrong.peers().get(0).lastError() != null
                    && none.peers().get(0).lastError() != null);
            assertEquals(List.of("nodes/127.0.1.1"), rr.peers().stream().map(PeerStatus::name).toList());
            assertEquals(0, rr.refusedOutsideListenRanges());
            assertEquals(0, rr.rejectedConnections(), "dropped by the kernel, never accepted");
        }
    }
}
