package dev.petrel.speaker;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.SessionState;
import dev.petrel.rib.RouteEntry;
import dev.petrel.speaker.events.AdjRibInEvent;
import dev.petrel.speaker.events.EndOfRibEvent;
import dev.petrel.speaker.events.FibEvent;
import dev.petrel.speaker.events.PeerEvent;
import dev.petrel.speaker.events.StreamOptions;
import dev.petrel.wire.Family;
import dev.petrel.wire.nlri.Prefix;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedding API end to end: two speakers in one JVM on loopback, driven only through {@link Petrel}.
 */
class PetrelTest {
    static final String POD_BLOCK = "10.244.1.0/26";

    /** A node on {@code address}:{@code port}, its kernel FIB in dry-run. */
    static Petrel node(String routerId, long as, String address, int port, EventLoopGroup loops) {
        return Petrel.builder().routerId(routerId).localAs(as).listen(address + ":" + port)
                .set("admin.http", "off").kernelDryRun().eventLoops(loops).readyGrace(Duration.ZERO).build();
    }

    /**
     * A peer over loopback. Routes go out with their own next hop ({@code keep}): ours would be a loopback address,
     * which every BGP speaker refuses as NEXT_HOP (RFC 7606 treat-as-withdraw), so the tests originate routes via a
     * node address ({@link #route}).
     */
    static PeerSpec.Builder peer(String name, String address, int port, long as, String local) {
        return PeerSpec.builder(name, address, as).port(port).localAddress(local).importPolicy("all")
                .exportPolicy("all").nextHop("keep").connectRetry(Duration.ofSeconds(1)).option("idle-hold", "1s");
    }

    /** A route as a node at 10.255.1.1 originates it, for peers to forward to that address. */
    static dev.petrel.config.StaticRoute route(String prefix, String... communities) {
        try {
            return Routes.via(prefix, java.net.InetAddress.getByName("10.255.1.1"), communities);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void applyTwiceDoesNothingAndAPolicyChangeKeepsTheSession() throws Exception {
        try (SpeakerPair pair = new SpeakerPair()) {
            Petrel a = pair.a;
            Petrel b = pair.b;
            DesiredState sa = DesiredState.builder()
                    .peer(pair.peerB().build())
                    .route(route(POD_BLOCK, "64512:100")).build();
            ApplyPlan first = a.apply(sa);
            assertEquals(ReloadPlan.Action.ADDED, first.peer("b").action());
            assertEquals(1, first.originate().size());
            b.apply(DesiredState.builder().peer(pair.peerA().build()).build());
            Prefix block = Prefix.parse(POD_BLOCK);
            await("b to learn the pod block", () -> b.route(block).map(RouteEntry::best).isPresent());

            ApplyPlan again = a.apply(sa);
            assertTrue(again.isEmpty(), "the same state again changes nothing: " + again.lines());
            assertEquals(1, a.peer("b").orElseThrow().establishedTransitions());

            ReloadPlan.PeerChange change = a.setPolicies("b", null, "none");
            assertEquals(ReloadPlan.Action.UPDATED, change.action());
            assertTrue(change.softOut());
            await("b to lose the route", () -> b.route(block).map(RouteEntry::best).isEmpty());
            a.updatePeer(a.desiredState().peer("b").toBuilder().exportPolicy("all").build());
            await("b to learn it again", () -> b.route(block).map(RouteEntry::best).isPresent());
            PeerStatus s = a.peer("b").orElseThrow();
            assertEquals(SessionState.ESTABLISHED, s.state());
            assertEquals(1, s.establishedTransitions(), "a policy change never resets the session");
            assertEquals(1, b.peer("a").orElseThrow().establishedTransitions());

            // A change the OPEN carries does reset it, and the plan says so before anything happens.
            DesiredState holdChanged = a.desiredState().toBuilder()
                    .peer(a.desiredState().peer("b").toBuilder().holdTime(Duration.ofSeconds(30)).build()).build();
            assertEquals(ReloadPlan.Action.UPDATED, a.plan(holdChanged).peer("b").action());
            DesiredState familiesChanged = a.desiredState().toBuilder()
                    .peer(a.desiredState().peer("b").toBuilder().families("ipv4-unicast").build()).build();
            assertEquals(ReloadPlan.Action.RESET, a.plan(familiesChanged).peer("b").action());
            assertEquals(1, a.peer("b").orElseThrow().establishedTransitions(), "plan only computes");
        }
    }

    @Test
    void anInvalidStateChangesNothingAndSaysWhy() throws Exception {
        EventLoopGroup loops = Petrel.sharedEventLoops(1);
        try (Petrel a = node("10.255.1.1", 64512, "127.0.0.1", freePort("127.0.0.1"), loops).start()) {
            DesiredState bad = DesiredState.builder()
                    .peer(PeerSpec.builder("x", "127.0.0.9", 65001).holdTime(Duration.ofSeconds(2)).build())
                    .route(Routes.blackhole(POD_BLOCK)).build();
            InvalidStateException e = assertThrows(InvalidStateException.class, () -> a.apply(bad));
            assertTrue(e.getMessage().contains("hold-time"), e.getMessage());
            assertTrue(a.desiredState().peers().isEmpty());
            assertTrue(a.desiredState().routes().isEmpty(), "the routes of a refused state are not originated");
            assertTrue(a.peers().isEmpty());
            assertThrows(InvalidStateException.class, () -> a.updatePeer(PeerSpec.builder("y", "127.0.0.9", 1).build()));
            assertThrows(InvalidStateException.class,
                    () -> a.addPeer(PeerSpec.builder("z", "not-an-address", 65001).build()));
            // A policy body is one object: it cannot close its block and set something else.
            InvalidStateException escape = assertThrows(InvalidStateException.class, () -> a.apply(DesiredState
                    .builder().policy("p", "rules = []\n}\npetrel.router-id = \"10.9.9.9\"\npetrel.x {").build()));
            assertTrue(escape.getMessage().contains("policy p"), escape.getMessage());
            // Routes get the checks of a configured static route.
            InvalidStateException v6 = assertThrows(InvalidStateException.class, () -> a.originate(
                    Routes.via("2001:db8::/64", java.net.InetAddress.getByName("10.255.1.9"))));
            assertTrue(v6.getMessage().contains("IPv4 next hop"), v6.getMessage());
            assertThrows(IllegalStateException.class, () -> a.reloadBase(a.config()),
                    "a HOCON-built speaker is changed through apply only");
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void streamsShowPeersAdjRibInEndOfRibAndFibResults() throws Exception {
        try (SpeakerPair pair = new SpeakerPair()) {
            Petrel a = pair.a;
            Petrel b = pair.b;
            Recorder<PeerEvent> peers = new Recorder<>(Long.MAX_VALUE);
            b.events().peers(StreamOptions.DEFAULT).subscribe(peers);
            Recorder<AdjRibInEvent> in = new Recorder<>(Long.MAX_VALUE);
            b.events().adjRibIn(StreamOptions.DEFAULT).subscribe(in);
            Recorder<EndOfRibEvent> eor = new Recorder<>(Long.MAX_VALUE);
            b.events().endOfRib(StreamOptions.DEFAULT).subscribe(eor);
            Recorder<FibEvent> fib = new Recorder<>(Long.MAX_VALUE);
            b.events().fib(StreamOptions.DEFAULT).subscribe(fib);

            a.apply(DesiredState.builder().peer(pair.peerB().build())
                    .route(route(POD_BLOCK, "64512:100"))
                    .route(route("10.96.0.0/12")).build());
            // b accepts the pod block only: the service range is rejected by its import policy.
            b.apply(DesiredState.builder()
                    .policy("pods-only", "rules = [{ match { prefix = \"10.244.0.0/16\" }, action = accept }]")
                    .peer(pair.peerA().importPolicy("pods-only").build()).build());

            Prefix block = Prefix.parse(POD_BLOCK);
            Prefix services = Prefix.parse("10.96.0.0/12");
            await("b's FIB to install the pod block", () -> fib.sees(e -> e.prefix().equals(block)
                    && e.kind() == FibEvent.Kind.INSTALLED));
            await("End-of-RIB from a", () -> eor.sees(e -> e.peer().equals("a")
                    && e.family().equals(Family.IPV4_UNICAST)));
            await("both paths in b's Adj-RIB-In", () -> in.state(e -> e.peer() + " " + e.prefix(),
                    AdjRibInEvent::withdrawn).size() == 2);
            var state = in.state(e -> e.prefix(), AdjRibInEvent::withdrawn);
            assertTrue(state.get(block).accepted());
            AdjRibInEvent rejected = state.get(services);
            assertFalse(rejected.accepted(), "pre-policy path kept, post-policy rejected");
            assertNotNull(rejected.path().received());
            assertNull(rejected.path().attributes());
            assertTrue(peers.sees(e -> e.peer().equals("a") && e.kind() == PeerEvent.Kind.ADDED));
            assertTrue(peers.sees(e -> e.peer().equals("a") && e.state() == SessionState.ESTABLISHED));
            assertFalse(fib.sees(e -> e.prefix().equals(services)), "a rejected route is not installed");

            // The session ends: every path of a is withdrawn on the stream, the FIB removes the route.
            b.removePeer("a");
            await("withdrawals on b's Adj-RIB-In stream", () -> in.state(e -> e.prefix(),
                    AdjRibInEvent::withdrawn).isEmpty());
            await("b's FIB to remove the pod block", () -> fib.sees(e -> e.prefix().equals(block)
                    && e.kind() == FibEvent.Kind.REMOVED));
            await("the peer removed", () -> peers.sees(e -> e.peer().equals("a")
                    && e.kind() == PeerEvent.Kind.REMOVED));
            await("End-of-RIB no longer holding", () -> eor.sees(e -> e.peer().equals("a") && e.sessionEnded()));
            for (Recorder<?> r : java.util.List.of(peers, in, eor, fib)) {
                assertEquals(java.util.List.of(), r.violations);
            }
        }
    }

    @Test
    void speakersShareEventLoopsAndOneClosingLeavesTheOthers() throws Exception {
        int pa = freePort("127.0.0.1");
        int pb = freePort("127.0.0.2");
        int pc = freePort("127.0.0.3");
        EventLoopGroup loops = Petrel.sharedEventLoops(2);
        try (Petrel b = node("10.255.1.2", 65001, "127.0.0.2", pb, loops).start();
                Petrel c = node("10.255.1.3", 65003, "127.0.0.3", pc, loops).start()) {
            Petrel a = node("10.255.1.1", 64512, "127.0.0.1", pa, loops).start();
            a.apply(DesiredState.builder().peer(peer("b", "127.0.0.2", pb, 65001, "127.0.0.1").build()).build());
            b.apply(DesiredState.builder().peer(peer("a", "127.0.0.1", pa, 64512, "127.0.0.2").build())
                    .peer(peer("c", "127.0.0.3", pc, 65003, "127.0.0.2").build())
                    .route(route(POD_BLOCK)).build());
            c.apply(DesiredState.builder().peer(peer("b", "127.0.0.2", pb, 65001, "127.0.0.3").build()).build());
            await("b-c Established", () -> c.peer("b").orElseThrow().state() == SessionState.ESTABLISHED);
            await("a-b Established", () -> a.peer("b").orElseThrow().state() == SessionState.ESTABLISHED);
            a.close();
            assertFalse(loops.isShuttingDown(), "closing one speaker leaves the shared loops running");
            await("b to see a go", () -> b.peer("a").orElseThrow().state() != SessionState.ESTABLISHED);
            assertEquals(SessionState.ESTABLISHED, c.peer("b").orElseThrow().state());
            assertEquals(1, c.peer("b").orElseThrow().establishedTransitions());
            // Still routing: a new route at b reaches c over the shared loops.
            b.originate(route("10.244.2.0/26"));
            await("c to learn it", () -> c.route(Prefix.parse("10.244.2.0/26")).isPresent());
            assertThrows(IllegalStateException.class, a::peers);
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void disableSendsTheShutdownMessageAndEnableBringsThePeerBack() throws Exception {
        try (SpeakerPair pair = new SpeakerPair()) {
            Petrel a = pair.a;
            Petrel b = pair.b;
            a.apply(DesiredState.builder().peer(pair.peerB().build())
                    .route(route(POD_BLOCK)).build());
            b.apply(DesiredState.builder().peer(pair.peerA().build()).build());
            Prefix block = Prefix.parse(POD_BLOCK);
            await("b to learn the block", () -> b.route(block).map(RouteEntry::best).isPresent());
            assertEquals("a", b.explain(block).orElseThrow().candidates().get(0).path().source());
            await("b ready", () -> b.readiness().join().ready());

            b.disablePeer("a", "node drained for maintenance");
            await("a to hear why", () -> a.peer("b").orElseThrow().lastError() != null
                    && String.valueOf(a.peer("b").orElseThrow().lastError()).contains("node drained for maintenance"));
            await("b to drop the route", () -> b.route(block).map(RouteEntry::best).isEmpty());
            assertEquals(SessionState.IDLE, b.peer("a").orElseThrow().state(), "kept down");
            assertEquals(1, b.desiredState().peers().size(), "the spec is unchanged");
            assertEquals(0, b.readiness().get(5, TimeUnit.SECONDS).peers(), "a disabled peer is not waited for");

            b.enablePeer("a");
            await("Established again", () -> b.peer("a").orElseThrow().state() == SessionState.ESTABLISHED);
            await("the route back", () -> b.route(block).map(RouteEntry::best).isPresent());
        }
    }

    @Test
    void anInitialRouteThatClashesWithAStaticRouteIsRefusedAtBuild() {
        InvalidStateException e = assertThrows(InvalidStateException.class, () -> Petrel.builder()
                .configText("petrel.static-routes = [{ prefix = \"10.244.1.0/26\", type = blackhole }]")
                .routerId("10.255.1.1").localAs(64512).listen().set("admin.http", "off")
                .desiredState(DesiredState.builder().route(Routes.blackhole(POD_BLOCK)).build()).build());
        assertTrue(e.getMessage().contains("static-routes"), e.getMessage());
    }
}
