package dev.petrel.speaker;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static org.junit.jupiter.api.Assertions.*;

import static dev.petrel.speaker.DynamicPeersTest.established;
import static dev.petrel.speaker.DynamicPeersTest.parse;
import static dev.petrel.speaker.DynamicPeersTest.peer;

import dev.petrel.config.PetrelConfig;
import dev.petrel.wire.nlri.Prefix;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reloading a reflector's listen range over loopback, with two dynamic clients at 127.0.1.1 and 127.0.1.2: a
 * template's export policy reaches them without a transition, a reset-class change resets them with Cease/6 and
 * they come back, a removed range ends them with Cease/3.
 */
class RangeReloadTest {
    private static final Prefix ONE = Prefix.parse("10.1.1.0/24");
    private static final Prefix TWO = Prefix.parse("10.1.2.0/24");

    /** The reflector; {@code template} is what follows the template's remote-as, {@code ranges} the whole list. */
    private static PetrelConfig reflector(int port, String template, String ranges) {
        return parse("petrel {\n  router-id = \"10.255.0.1\"\n  local-as = 64512\n"
                + "  listen = [\"127.0.0.1:" + port + "\"]\n"
                + "  admin.socket = \"/tmp/petrel-rr-test.sock\"\n"
                + "  policies { no-one { rules = [ { match { prefix = \"10.1.1.0/24\" }, action = reject } ],"
                + " default = accept } }\n"
                + "  peer-templates { nodes { remote-as = internal, route-reflector-client = true, hold-time = 9s"
                + template + " } }\n"
                + "  listen-ranges = " + ranges + "\n}\n");
    }

    private static final String RANGE = "[ { name = nodes, prefix = \"127.0.1.0/24\", template = nodes } ]";

    private static PetrelConfig client(String address, int port, Prefix prefix) {
        return parse("petrel {\n  router-id = \"" + address.replace("127.", "10.") + "\"\n  local-as = 64512\n"
                + "  listen = []\n  admin.socket = \"/tmp/petrel-rr-test.sock\"\n"
                + "  static-routes = [ { prefix = \"" + prefix + "\", next-hop = \"" + address.replace("127.", "10.")
                + "\" } ]\n"
                + "  peers = [ { name = rr, address = \"127.0.0.1\", port = " + port + ", local-address = \""
                + address + "\", remote-as = 64512, import = all, export = all, next-hop = keep, hold-time = 9s,"
                + " connect-retry = 1s, idle-hold = 1s } ]\n}\n");
    }

    private int port;
    private Speaker rr;
    private Speaker c1;
    private Speaker c2;

    /** The reflector with {@link #RANGE} and both clients, established. */
    @BeforeEach
    void startAll() throws Exception {
        port = freePort("127.0.0.1");
        rr = Speaker.start(reflector(port, "", RANGE));
        c1 = Speaker.start(client("127.0.1.1", port, ONE));
        c2 = Speaker.start(client("127.0.1.2", port, TWO));
        await("both clients accepted", () -> established(rr, "nodes/127.0.1.1")
                && established(rr, "nodes/127.0.1.2"));
    }

    @AfterEach
    void closeAll() {
        for (Speaker s : new Speaker[] {c2, c1, rr}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static boolean has(Speaker s, Prefix p) {
        try {
            return s.rib().query(v -> v.route(p)).get(5, TimeUnit.SECONDS) != null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Whether the client's session to the reflector was last ended by a received Cease with {@code subcode}. */
    private static boolean heardCease(Speaker client, int subcode) {
        PeerStatus.LastError e = peer(client, "rr").lastError();
        return e != null && "received".equals(e.direction()) && e.code() == 6
                && (e.subcode() == subcode || (e.subcode() == 9 && e.text().contains("6/" + subcode)));
    }

    @Test
    void aTemplatesExportPolicyReachesTheClientsWithoutATransition() throws Exception {
        await("c1's route reflected to c2", () -> has(c2, ONE));

        ReloadPlan plan = rr.reload(reflector(port, ", export = no-one", RANGE));

        assertEquals(2, plan.dynamicPeers().size(), plan.lines().toString());
        assertTrue(plan.dynamicPeers().stream().allMatch(ReloadPlan.PeerChange::softOut));
        await("c1's route withdrawn from c2 by the new export policy", () -> !has(c2, ONE));
        assertTrue(has(c1, TWO), "c2's route still reaches c1");
        assertEquals(1, peer(c2, "rr").establishedTransitions(), "no reset");
        assertEquals(1, peer(c1, "rr").establishedTransitions(), "no reset");
        assertEquals(1, peer(rr, "nodes/127.0.1.2").establishedTransitions(), "the same dynamic peer");
        assertNull(peer(c2, "rr").lastError());

        // Identical: nothing.
        assertTrue(rr.reload(reflector(port, ", export = no-one", RANGE)).isEmpty());
    }

    @Test
    void aResetClassChangeResetsTheClientsWithCeaseSixAndTheyComeBack() throws Exception {
        ReloadPlan plan = rr.reload(reflector(port, ", add-path-receive = true", RANGE));

        assertTrue(plan.dynamicPeers().stream().allMatch(c -> c.action() == ReloadPlan.Action.RESET),
                plan.lines().toString());
        await("both clients hear Cease/6", () -> heardCease(c1, 6) && heardCease(c2, 6));
        await("both back", () -> peer(c1, "rr").establishedTransitions() == 2
                && peer(c2, "rr").establishedTransitions() == 2 && established(rr, "nodes/127.0.1.1")
                && established(rr, "nodes/127.0.1.2"));
        await("routes reflected again", () -> has(c2, ONE) && has(c1, TWO));
    }

    @Test
    void aRemovedRangeEndsItsClientsWithCeaseThree() throws Exception {
        ReloadPlan plan = rr.reload(reflector(port, "", "[]"));

        assertEquals(ReloadPlan.Action.REMOVED, plan.ranges().get(0).action());
        await("both clients hear Cease/3", () -> heardCease(c1, 3) && heardCease(c2, 3));
        await("the reflector has no peer", () -> rr.peers().isEmpty());
        await("c1's route withdrawn from c2", () -> !has(c2, ONE));
        assertEquals(1, peer(c1, "rr").establishedTransitions(), "refused from now on: never back");
    }
}
