package dev.petrel.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.Update;
import dev.petrel.wire.nlri.Ipv4Prefix;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 4724 §4.1, the restarting speaker's selection deferral: while output is deferred the RIB takes routes in
 * and decides, but sends no peer anything, not even End-of-RIB; released, each peer gets the whole table and
 * then End-of-RIB, so a helper drops only the stale routes we really no longer have.
 */
class OutputDeferralTest {
    /** RibTest's RIB and peers, without running its tests again. */
    private final RibTest t = new RibTest();
    private Rib rib;

    @BeforeEach
    void start() {
        t.start();
        rib = t.rib;
    }

    @AfterEach
    void stop() {
        t.stop();
    }

    @Test
    void deferredOutputHoldsEverythingThenSendsTheTableBeforeEndOfRib() throws Exception {
        rib.deferOutput();
        RibTest.Peer a = t.peer("a", "10.255.1.2", 65001, "10.255.1.1");
        RibTest.Peer b = t.peer("b", "10.255.2.2", 65002, "10.255.2.1");
        rib.routes(a.handle(), RibTest.announce(RibTest.attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        rib.endOfRib(a.handle(), Family.IPV4_UNICAST);
        rib.originate(Ipv4Prefix.of("10.244.1.0", 26), RibTest.attrs("10.255.1.1"), null);
        t.sync();
        assertEquals(List.of(), b.sink().updates(), "nothing leaves while deferred");
        assertEquals(List.of(), a.sink().updates());
        // decided meanwhile: the best path is there to install and explain
        assertNotNull(rib.query(v -> v.route(Ipv4Prefix.of("192.0.2.0", 24))).get());

        rib.releaseOutput();
        t.sync();
        List<Update> got = b.sink().updates();
        int eor = indexOfEndOfRib(got, Family.IPV4_UNICAST);
        assertTrue(eor > 0, "End-of-RIB after the routes: " + got);
        List<String> sent = got.subList(0, eor).stream().flatMap(u -> u.nlri().toList().stream()).map(Object::toString)
                .sorted().toList();
        assertEquals(List.of("10.244.1.0/26", "192.0.2.0/24"), sent, "the whole table before End-of-RIB");
        assertEquals(List.of("10.244.1.0/26"), a.sink().updates().stream().flatMap(u -> u.nlri().toList().stream())
                .map(Object::toString).toList(), "a gets ours, not its own back");
    }

    @Test
    void withoutDeferralEndOfRibLeavesAtOnce() throws Exception {
        RibTest.Peer b = t.peer("b", "10.255.2.2", 65002, "10.255.2.1");
        t.sync();
        assertTrue(indexOfEndOfRib(b.sink().updates(), Family.IPV4_UNICAST) >= 0, "the control: " + b.sink().updates());
    }

    static int indexOfEndOfRib(List<Update> updates, Family f) {
        for (int i = 0; i < updates.size(); i++) {
            if (f.equals(updates.get(i).endOfRib())) {
                return i;
            }
        }
        return -1;
    }
}
