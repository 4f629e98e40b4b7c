package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.interop.harness.Announcement;
import dev.petrel.interop.harness.Await;
import dev.petrel.daemon.exec.Exec;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.PeerSnapshot;
import dev.petrel.interop.harness.Petrel;
import dev.petrel.interop.harness.PetrelConf;
import dev.petrel.interop.harness.TestNetwork;
import dev.petrel.speaker.PeerStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Reloads of a running {@code petrel run}, judged by what BIRD or FRR see: one LAN, Petrel (AS 65002) and three
 * routers, x (AS 65001), y (AS 65003) and z (AS 65004), every one of them configured with Petrel as a neighbour
 * from the start; Petrel starts with x and y only. The scenarios run in order on the one topology, each rewriting
 * Petrel's file and reloading it (through the admin socket, and once with SIGHUP).
 */
abstract class ReloadScenarios extends LanScenarios {
    static final long AS_PETREL = 65002;
    static final long AS_X = 65001;
    static final long AS_Y = 65003;
    static final long AS_Z = 65004;
    static final String P_STATIC = "10.255.230.0/24";
    static final String P_X = "10.255.231.0/24";
    static final String P_Y = "10.255.232.0/24";
    static final String P_Z = "10.255.233.0/24";

    Netns a;
    Netns x;
    Netns y;
    Netns z;
    Petrel petrel;
    Router rx;
    Router ry;
    Router rz;

    abstract Router startRouter(TestNetwork net, Netns ns, Router.Spec spec);

    @BeforeAll
    void startTopology() {
        LanTopology t = open("a", "x", "y", "z");
        a = t.host("a");
        x = t.host("x");
        y = t.host("y");
        z = t.host("z");
        petrel = t.petrel(a, conf(null, true, false));
        rx = t.router(this::startRouter, x, router("x", x, AS_X, P_X));
        ry = t.router(this::startRouter, y, router("y", y, AS_Y, P_Y));
        rz = t.router(this::startRouter, z, router("z", z, AS_Z, P_Z));
        // Not z: Petrel has no such peer yet.
        t.awaitEstablished(petrel, "x", "y");
        t.awaitEstablished(rx, a);
        t.awaitEstablished(ry, a);
    }

    Router.Spec router(String role, Netns ns, long as, String prefix) {
        return topology.spec(role, ns, as)
                .neighbor(new Router.Neighbor("petrel4", addr(a), AS_PETREL, true, true))
                .announce(Announcement.of(prefix));
    }

    /** Petrel in a, originating {@link #P_STATIC} (a blackhole static route), no peers yet. */
    PetrelConf withStaticRoute() {
        return topology.petrelConf(a, AS_PETREL)
                .extra("static-routes = [ { prefix = \"" + P_STATIC + "\", type = blackhole } ]");
    }

    /** Petrel's file: x with {@code xExport} (null: unset, nothing under RFC 8212), y exporting all, z if asked. */
    PetrelConf conf(String xExport, boolean withY, boolean withZ) {
        PetrelConf c = withStaticRoute();
        PetrelConf.Peer px = PetrelConf.Peer.of("x", addr(x), AS_X).families("ipv4-unicast");
        c.peer(xExport == null ? px : px.exportPolicy(xExport));
        if (withY) {
            c.peer(PetrelConf.Peer.exchangingAll("y", addr(y), AS_Y, "ipv4-unicast"));
        }
        if (withZ) {
            c.peer(PetrelConf.Peer.exchangingAll("z", addr(z), AS_Z, "ipv4-unicast"));
        }
        return c;
    }

    void write(PetrelConf c) {
        write(c.render(petrel.socket().toString()));
    }

    void write(String text) {
        try {
            Files.writeString(petrel.configFile(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode reload() {
        return petrel.call("reload", Map.of());
    }

    /** What a router has seen of its session with Petrel, to compare before and after. */
    record Seen(int sessions, String lastError) {}

    Seen seen(Router r) {
        PeerSnapshot s = r.neighbor(addr(a));
        return new Seen(r.sessionsEstablished(addr(a)), s.lastError());
    }

    long notificationsSent(String peer) {
        return petrel.peer(peer).counters().notificationsSent();
    }

    @Test
    @Order(1)
    void identicalFileSendsNoMessage() {
        // Settle first: Petrel sends y its static route, x's route (imported from x, exported to y) and an
        // End-of-RIB, in three UPDATEs (the two routes differ in AS path and next hop), and x's route may come
        // in after the initial table; counting before the third would blame the reload for it.
        Await.until("y to have Petrel's route and x's", UP, () -> List.of(ry.paths(P_STATIC), ry.paths(P_X)),
                l -> l.stream().noneMatch(List::isEmpty));
        Await.until("Petrel to have sent y both routes and its End-of-RIB", UP,
                () -> petrel.peer("y").counters().updatesSent(), n -> n >= 3);
        Await.until("Petrel to have sent x its End-of-RIB (x gets no route: no export policy)", UP,
                () -> petrel.peer("x").counters().updatesSent(), n -> n >= 1);
        Seen xBefore = seen(rx);
        Seen yBefore = seen(ry);
        PeerStatus px = petrel.peer("x");
        PeerStatus py = petrel.peer("y");

        JsonNode answer = reload();

        assertEquals("applied", answer.path("status").asText(), answer::toString);
        assertEquals("no changes", answer.path("lines").get(0).asText(), answer::toString);
        assertEquals(px.counters().updatesSent(), petrel.peer("x").counters().updatesSent());
        assertEquals(py.counters().updatesSent(), petrel.peer("y").counters().updatesSent());
        assertEquals(px.counters().notificationsSent(), notificationsSent("x"));
        assertEquals(py.counters().notificationsSent(), notificationsSent("y"));
        assertEquals(xBefore, seen(rx));
        assertEquals(yBefore, seen(ry));
    }

    @Test
    @Order(2)
    void policyChangeBySighupAdvertisesWithoutAReset() {
        assertTrue(rx.paths(P_STATIC).isEmpty(), "x gets nothing without an export policy (RFC 8212)");
        Seen xBefore = seen(rx);
        Seen yBefore = seen(ry);
        write(conf("all", true, false));

        Exec.run("kill", "-HUP", Long.toString(petrel.process().pid())).orThrow();

        Await.until("x to learn Petrel's route", UP, () -> rx.paths(P_STATIC), p -> !p.isEmpty(),
                p -> p + "\n--- Petrel ---\n" + petrel.logTail(20));
        assertEquals(xBefore, seen(rx), "no reset");
        assertEquals(yBefore, seen(ry));
        assertTrue(petrel.log().contains("reload: peer x: updated without a reset (soft out): export"),
                () -> petrel.logTail(20));
    }

    @Test
    @Order(3)
    void removedPeerGetsCeaseThreeAndOnlyIt() {
        Seen xBefore = seen(rx);
        write(conf("all", false, false));

        JsonNode answer = reload();

        assertEquals("applied", answer.path("status").asText(), answer::toString);
        PeerSnapshot yView = Await.until("y to see the session go", UP, () -> ry.neighbor(addr(a)),
                s -> !s.established() && s.lastError() != null);
        // Cease/3, or a Hard Reset carrying it (RFC 8538) where the N bit was negotiated.
        String err = String.valueOf(yView.lastError()).toLowerCase();
        assertTrue(err.contains("de-configured") || err.contains("deconfigured") || err.contains("hard reset")
                || "0603".equals(yView.lastErrorCode()) || "0609".equals(yView.lastErrorCode()), yView::toString);
        assertTrue(petrel.log().contains("6/3 Cease / Peer De-configured"), () -> petrel.logTail(20));
        assertEquals(xBefore, seen(rx), "x untouched");
        assertEquals(List.of("x"), petrel.peers().stream().map(PeerStatus::name).toList());
        Await.until("y's route to be withdrawn from x", UP, () -> rx.paths(P_Y), List::isEmpty);
    }

    @Test
    @Order(4)
    void addedPeerComesUpWithoutTouchingTheOthers() {
        Seen xBefore = seen(rx);
        write(conf("all", false, true));

        JsonNode answer = reload();

        assertEquals("peer z: added", answer.path("lines").get(0).asText(), answer::toString);
        topology.awaitEstablished(petrel, "z");
        topology.awaitEstablished(rz, a);
        Await.until("x to learn z's route", UP, () -> rx.paths(P_Z), p -> !p.isEmpty());
        assertEquals(xBefore, seen(rx));
    }

    @Test
    @Order(5)
    void syntaxErrorIsRejectedAndNothingChanges() {
        Seen xBefore = seen(rx);
        Seen zBefore = seen(rz);
        write(conf("none", false, true).render(petrel.socket().toString()).replace("peers = [", "peers = [[ {"));

        JsonNode answer = reload();

        assertEquals("invalid", answer.path("status").asText(), answer::toString);
        assertTrue(answer.path("errors").get(0).asText().startsWith(petrel.configFile() + ":"), answer::toString);
        assertTrue(!rx.paths(P_STATIC).isEmpty(), "x's export is still all");
        assertEquals(xBefore, seen(rx));
        assertEquals(zBefore, seen(rz));
        write(conf("all", false, true));
        assertEquals("no changes", reload().path("lines").get(0).asText());
    }

    @Test
    @Order(6)
    void aHundredReloadsResetNothingAndLeakNothing() {
        Seen xBefore = seen(rx);
        Seen zBefore = seen(rz);
        // Counted from here: z came up in the previous test, and a connection collision resolved then (Cease/7
        // on the spare connection) is counted as a NOTIFICATION sent without being a reset.
        long xNotifications = notificationsSent("x");
        long zNotifications = notificationsSent("z");
        long threads = threads();
        for (int i = 0; i < 100; i++) {
            // even: z's export none; odd: back to all; then the routes settle as they were
            write(i % 2 == 0 ? confZ("none") : confZ("all"));
            JsonNode answer = reload();
            assertEquals("applied", answer.path("status").asText(), answer::toString);
        }
        Await.until("z to have Petrel's route", UP, () -> rz.paths(P_STATIC), p -> !p.isEmpty());
        assertEquals(xBefore, seen(rx));
        assertEquals(zBefore, seen(rz));
        assertEquals(List.of("x", "z"), petrel.peers().stream().map(PeerStatus::name).toList());
        assertEquals(xNotifications, notificationsSent("x"), "no NOTIFICATION to x during the reloads");
        assertEquals(zNotifications, notificationsSent("z"), "no NOTIFICATION to z during the reloads");
        long after = threads();
        assertTrue(after <= threads + 2, "threads " + threads + " -> " + after);
    }

    /** Petrel's file: x exporting all, z exchanging all but exporting {@code zExport}. */
    PetrelConf confZ(String zExport) {
        PetrelConf c = withStaticRoute();
        c.peer(PetrelConf.Peer.of("x", addr(x), AS_X).families("ipv4-unicast").exportPolicy("all"));
        c.peer(PetrelConf.Peer.exchangingAll("z", addr(z), AS_Z, "ipv4-unicast")
                .exportPolicy(zExport));
        return c;
    }

    /** The daemon's threads, from /proc: a reload that leaked a thread would show here. */
    long threads() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(petrel.process().pid()), "status")).stream()
                    .filter(l -> l.startsWith("Threads:")).mapToLong(l -> Long.parseLong(l.substring(8).trim()))
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
