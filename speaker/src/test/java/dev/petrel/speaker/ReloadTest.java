package dev.petrel.speaker;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PetrelConfig;
import dev.petrel.fsm.SessionState;
import dev.petrel.wire.nlri.Prefix;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reloads over loopback, judged by what the peers see. Speaker A (AS 64512, 127.0.0.1) is reloaded; B (AS 65001,
 * 127.0.0.2) and C (AS 65002, 127.0.0.3) connect to it (A is passive, so its listener carries the sessions).
 */
class ReloadTest {
    private static final Prefix POD = Prefix.parse("10.244.1.0/26");

    private int pa;
    private Speaker a;
    private Speaker b;
    private Speaker c;

    @BeforeEach
    void ports() throws Exception {
        pa = freePort("127.0.0.1");
    }

    @AfterEach
    void close() {
        for (Speaker s : new Speaker[] {a, b, c}) {
            if (s != null) {
                s.close();
            }
        }
    }

    // A's peers keep the static routes' next hop: a loopback one (next hop self here) is refused (RFC 7606 3/8).

    /** A's configuration: listening on {@code listen}, peers B (with {@code bKeys}) and, if {@code withC}, C. */
    static PetrelConfig a(String listen, String bKeys, boolean withC, String staticRoutes) {
        return parse("petrel {\n  router-id = \"10.255.1.1\"\n  local-as = 64512\n"
                + "  listen = [" + listen + "]\n  admin.socket = \"/tmp/petrel-reload-test.sock\"\n"
                + "  static-routes = [" + staticRoutes + "]\n"
                + "  peers = [\n"
                + "    { name = b, address = \"127.0.0.2\", remote-as = 65001, passive = true, import = all,"
                + " next-hop = keep, hold-time = 9s" + (bKeys.isEmpty() ? "" : ", " + bKeys) + " }\n"
                + (withC ? "    { name = c, address = \"127.0.0.3\", remote-as = 65002, passive = true, import = all,"
                        + " export = all, next-hop = keep, hold-time = 9s }\n" : "")
                + "  ]\n}\n");
    }

    PetrelConfig a(String bKeys, boolean withC) {
        return a("\"127.0.0.1:" + pa + "\"", bKeys, withC, "{ prefix = \"" + POD + "\", next-hop = \"10.255.1.9\" }");
    }

    /** B or C: one active peer, A. */
    PetrelConfig other(String address, long as) {
        return other(address, as, "");
    }

    PetrelConfig other(String address, long as, String extra) {
        return parse("petrel {\n  router-id = \"" + address.replace("127.", "10.") + "\"\n  local-as = " + as
                + "\n  listen = []\n  admin.socket = \"/tmp/petrel-reload-test.sock\"\n"
                + "  peers = [ { name = a, address = \"127.0.0.1\", port = " + pa + ", local-address = \"" + address
                + "\", remote-as = 64512, import = all, export = all, hold-time = 9s, connect-retry = 1s,"
                + " idle-hold = 1s" + (extra.isEmpty() ? "" : ", " + extra) + " } ]\n}\n");
    }

    static PetrelConfig parse(String text) {
        ConfigResult r = ConfigLoader.parse(text, "test");
        if (r instanceof ConfigResult.Valid v) {
            return v.config();
        }
        throw new AssertionError(r.errors().toString());
    }

    private void startAll(PetrelConfig aConfig) throws InterruptedException {
        a = Speaker.start(aConfig);
        b = Speaker.start(other("127.0.0.2", 65001));
        c = Speaker.start(other("127.0.0.3", 65002));
    }

    private static PeerStatus peer(Speaker s, String name) {
        return s.peers().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    private static boolean established(Speaker s, String name) {
        PeerStatus p = peer(s, name);
        return p != null && p.state() == SessionState.ESTABLISHED;
    }

    private static boolean has(Speaker s, Prefix prefix) {
        try {
            return s.rib().query(v -> v.route(prefix) != null).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until {@code s} has A's route and End-of-RIB from A: no UPDATE from A is still on its way. */
    private static void settled(Speaker s) throws InterruptedException {
        await("A's routes and End-of-RIB", () -> {
            try {
                return s.rib().query(v -> v.route(POD) != null && v.awaitingEndOfRib("a").isEmpty())
                        .get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    /** What a peer's session has seen of a reload that should not have touched it. */
    private record Untouched(long transitions, long notificationsReceived, long updatesReceived) {
        static Untouched of(Speaker s) {
            PeerStatus p = peer(s, "a");
            return new Untouched(p.establishedTransitions(), p.counters().notificationsReceived(),
                    p.counters().updatesReceived());
        }
    }

    /** b and c up with a, seen from both ends: b can see Established a moment before a does. */
    void awaitBothUp() throws InterruptedException {
        await("both up", () -> established(b, "a") && established(c, "a") && established(a, "b")
                && established(a, "c"));
    }

    @Test
    void identicalReloadSendsNoMessage() throws Exception {
        startAll(a("", true));
        awaitBothUp();
        settled(c);
        await("B's End-of-RIB", () -> {
            try {
                return b.rib().query(v -> v.awaitingEndOfRib("a").isEmpty()).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Untouched bBefore = Untouched.of(b);
        settled(c);
        Untouched cBefore = Untouched.of(c);
        long sentToB = peer(a, "b").counters().updatesSent();
        long sentToC = peer(a, "c").counters().updatesSent();

        ReloadPlan plan = a.reload(a("", true));

        assertTrue(plan.isEmpty(), plan.lines().toString());
        assertEquals(sentToB, peer(a, "b").counters().updatesSent());
        assertEquals(sentToC, peer(a, "c").counters().updatesSent());
        assertEquals(0, peer(a, "b").counters().notificationsSent());
        assertEquals(bBefore, Untouched.of(b));
        assertEquals(cBefore, Untouched.of(c));
    }

    @Test
    void exportPolicyChangeAdvertisesWithoutAReset() throws Exception {
        startAll(a("", true));
        awaitBothUp();
        await("C has A's route", () -> has(c, POD));
        assertFalse(has(b, POD), "eBGP without an export policy gets nothing (RFC 8212)");
        settled(c);
        Untouched cBefore = Untouched.of(c);

        ReloadPlan plan = a.reload(a("export = all", true));

        assertEquals(1, plan.peers().size());
        assertTrue(plan.peers().get(0).softOut());
        await("B to learn A's route", () -> has(b, POD));
        assertEquals(1, peer(b, "a").establishedTransitions(), "no reset");
        assertEquals(0, peer(b, "a").counters().notificationsReceived());
        assertEquals(cBefore, Untouched.of(c));
    }

    @Test
    void removedPeerGetsCeaseThreeAndTheOthersAreUntouched() throws Exception {
        startAll(a("export = all", true));
        awaitBothUp();
        await("A has both peers' sessions", () -> established(a, "b") && established(a, "c"));
        settled(b);
        Untouched bBefore = Untouched.of(b);

        a.reload(a("export = all", false));

        await("C to hear Cease/3", () -> peer(c, "a").lastError() != null
                && "received".equals(peer(c, "a").lastError().direction()));
        // Both ends set the N bit, so RFC 8538 carries the Cease/3 inside a Hard Reset (6/9), as it must.
        PeerStatus.LastError e = peer(c, "a").lastError();
        assertEquals(6, e.code());
        assertEquals(9, e.subcode(), e.toString());
        assertTrue(e.text().contains("hard reset of 6/3 Cease / Peer De-configured"), e.text());
        assertNull(peer(a, "c"));
        assertEquals(bBefore, Untouched.of(b));
        // C keeps trying and is refused before a byte is read, as any stranger.
        await("C's retry refused", () -> a.rejectedConnections() >= 1);
        assertNotEquals(SessionState.ESTABLISHED, peer(c, "a").state());
    }

    @Test
    void addedPeerComesUpWithoutTouchingTheOthers() throws Exception {
        startAll(a("export = all", false));
        await("B up", () -> established(b, "a"));
        settled(b);
        await("C refused while not configured", () -> a.rejectedConnections() >= 1);
        Untouched bBefore = Untouched.of(b);

        ReloadPlan plan = a.reload(a("export = all", true));

        assertEquals(ReloadPlan.Action.ADDED, plan.peers().get(0).action());
        await("C up", () -> established(c, "a"));
        await("C has A's route", () -> has(c, POD));
        assertEquals(bBefore, Untouched.of(b));
    }

    @Test
    void sessionChangeResetsWithCeaseSixAndComesBack() throws Exception {
        startAll(a("export = all", true));
        awaitBothUp();
        settled(c);
        Untouched cBefore = Untouched.of(c);

        ReloadPlan plan = a.reload(a("export = all, add-path-receive = true", true));

        assertEquals(ReloadPlan.Action.RESET, plan.peers().get(0).action());
        await("B to hear Cease/6", () -> peer(b, "a").lastError() != null
                && "received".equals(peer(b, "a").lastError().direction()));
        assertEquals(6, peer(b, "a").lastError().code());
        assertEquals(6, peer(b, "a").lastError().subcode());
        await("B up again", () -> established(b, "a") && peer(b, "a").establishedTransitions() == 2);
        await("B has A's route again", () -> has(b, POD));
        assertEquals(cBefore.transitions(), Untouched.of(c).transitions());
        assertEquals(0, Untouched.of(c).notificationsReceived());
    }

    /**
     * A password added on both sides, one reload each: A resets B with Cease/6 and its listener takes the new MD5
     * key, so B's signed SYNs are accepted and the session comes back signed; C is untouched.
     */
    @Test
    void passwordChangeResetsAndTheListenerTakesTheNewKey() throws Exception {
        startAll(a("export = all", true));
        awaitBothUp();
        settled(c);
        Untouched cBefore = Untouched.of(c);

        ReloadPlan plan = a.reload(a("export = all, password = \"s3cret-key\"", true));
        assertEquals(List.of("password"), plan.peers().get(0).changed());
        await("B to hear Cease/6", () -> peer(b, "a").lastError() != null
                && "received".equals(peer(b, "a").lastError().direction()));
        assertEquals(6, peer(b, "a").lastError().subcode());
        assertNotEquals(SessionState.ESTABLISHED, peer(a, "b").state(), "an unsigned B cannot come back");

        b.reload(other("127.0.0.2", 65001, "password = \"s3cret-key\""));
        await("B up again, signed", () -> established(b, "a") && peer(a, "b").establishedTransitions() == 1
                && established(a, "b"));
        await("B has A's route again", () -> has(b, POD));
        assertEquals(cBefore.transitions(), Untouched.of(c).transitions());
        assertEquals(0, Untouched.of(c).notificationsReceived());
    }

    @Test
    void timersChangeKeepsTheSessionAndTakesEffectNext() throws Exception {
        startAll(a("export = all", true));
        await("both up", () -> established(b, "a") && established(a, "b"));
        settled(b);
        Untouched bBefore = Untouched.of(b);

        ReloadPlan plan = a.reload(a("export = all, hold-time = 30s", true));

        assertTrue(plan.peers().get(0).timers(), plan.lines().toString());
        assertEquals(30, a.session("b").settings().policy().holdTimeSeconds(), "the next OPEN offers 30 s");
        assertEquals(9, peer(a, "b").negotiated().holdTimeSeconds(), "the running session keeps what it negotiated");
        assertEquals(bBefore, Untouched.of(b));
    }

    @Test
    void listenAddressChangeKeepsTheSessionsItAccepted() throws Exception {
        startAll(a("export = all", true));
        awaitBothUp();
        int pa2 = freePort("127.0.0.1");
        settled(b);
        Untouched bBefore = Untouched.of(b);

        ReloadPlan plan = a.reload(a("\"127.0.0.1:" + pa2 + "\"", "export = all", true,
                "{ prefix = \"" + POD + "\", next-hop = \"10.255.1.9\" }"));

        assertEquals(1, plan.listenAdded().size());
        assertEquals(1, plan.listenRemoved().size());
        long rejected = a.rejectedConnections();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", pa2), 2000);
        } catch (ConnectException notBound) {
            throw new AssertionError("nothing listens on the new port", notBound);
        } catch (java.net.SocketException reset) {
            // A's listener refused a stranger: what a bound one does
        }
        await("the new listener to refuse a stranger", () -> a.rejectedConnections() == rejected + 1);
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", pa), 2000);
            }
        }, "the old listener is closed");
        assertTrue(established(b, "a") && established(c, "a"));
        assertEquals(bBefore.transitions(), Untouched.of(b).transitions());
        assertEquals(0, Untouched.of(b).notificationsReceived());
    }

    @Test
    void staticRoutesAreOriginatedAndWithdrawnByDifference() throws Exception {
        startAll(a("export = all", true));
        await("B has A's route", () -> has(b, POD));
        Prefix other = Prefix.parse("10.244.2.0/26");

        a.reload(a("\"127.0.0.1:" + pa + "\"", "export = all", true,
                "{ prefix = \"" + other + "\", next-hop = \"10.255.1.9\" }"));

        await("B to learn the new route and lose the old", () -> has(b, other) && !has(b, POD));
        assertEquals(1, peer(b, "a").establishedTransitions());
    }

    @Test
    void aChangeNeedingARestartIsRefusedAndNothingChanges() throws Exception {
        startAll(a("export = all", true));
        awaitBothUp();
        PetrelConfig running = a.config();
        String text = "petrel {\n  router-id = \"10.255.1.9\"\n  local-as = 64512\n  listen = []\n"
                + "  admin.socket = \"/tmp/petrel-reload-test.sock\"\n  peers = []\n}\n";

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.reload(parse(text)));

        assertTrue(e.getMessage().contains("router-id: 10.255.1.1 -> 10.255.1.9"), e.getMessage());
        assertSame(running, a.config());
        assertEquals(2, a.peers().size());
        assertTrue(established(a, "b") && established(a, "c"));
    }

    /** Removing and adding a peer 50 times leaves one RIB peer per configured peer and no thread behind. */
    @Test
    void aPeerRemovedAndAddedFiftyTimesLeavesNothingBehind() throws Exception {
        startAll(a("export = all", true));
        awaitBothUp();
        a.reload(a("export = all", false));
        a.reload(a("export = all", true));
        await("C up again", () -> established(a, "c"));
        int threads = Thread.activeCount();

        for (int i = 0; i < 50; i++) {
            a.reload(a("export = all", false));
            a.reload(a("export = all", true));
        }

        await("C up again", () -> established(a, "c") && established(c, "a"));
        await("C has A's route", () -> has(c, POD));
        assertEquals(List.of("b", "c"), a.rib().query(v -> v.peerNames()).get(5, TimeUnit.SECONDS).stream()
                .sorted().toList());
        assertEquals(1, peer(b, "a").establishedTransitions(), "B untouched throughout");
        assertEquals(0, peer(b, "a").counters().notificationsReceived());
        assertTrue(Thread.activeCount() <= threads, "threads " + threads + " -> " + Thread.activeCount());
    }

    @Test
    void aHundredReloadsResetNothingAndLeakNothing() throws Exception {
        startAll(a("export = all", true));
        awaitBothUp();
        await("B has A's route", () -> has(b, POD));
        // warm up: the first soft-out change may start what is lazily started
        a.reload(a("", true));
        a.reload(a("export = all", true));
        await("B has A's route", () -> has(b, POD));
        int threads = Thread.activeCount();
        int groups = a.rib().query(v -> v.groupCount()).get(5, TimeUnit.SECONDS);

        for (int i = 0; i < 100; i++) {
            // even: identical; odd: B's export off and on again
            a.reload(a(i % 2 == 0 ? "export = all" : "", true));
            if (i % 2 == 1) {
                a.reload(a("export = all", true));
            }
        }

        await("B has A's route", () -> has(b, POD));
        assertEquals(1, peer(b, "a").establishedTransitions());
        assertEquals(1, peer(c, "a").establishedTransitions());
        assertEquals(0, peer(b, "a").counters().notificationsReceived());
        assertEquals(0, peer(c, "a").counters().notificationsReceived());
        assertEquals(2, a.peers().size());
        assertEquals(groups, (int) a.rib().query(v -> v.groupCount()).get(5, TimeUnit.SECONDS));
        assertTrue(Thread.activeCount() <= threads, "threads " + threads + " -> " + Thread.activeCount());
    }
}
