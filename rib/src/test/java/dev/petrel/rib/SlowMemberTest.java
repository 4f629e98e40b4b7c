package dev.petrel.rib;

import static dev.petrel.rib.RibTest.LOCAL_AS;
import static dev.petrel.rib.RibTest.announce;
import static dev.petrel.rib.RibTest.attrs;
import static dev.petrel.rib.RibTest.ip;
import static dev.petrel.rib.RibTest.ours;
import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A member of an update group whose channel stays unwritable is split out instead of holding the others back. */
class SlowMemberTest {
    Rib rib;

    @AfterEach
    void stop() {
        rib.close();
    }

    void start(Duration slowMember) {
        rib = new Rib(RibSettings.of(LOCAL_AS, 0x0a0000fe).withSlowMember(slowMember)).start();
    }

    record Peer(RibPeer handle, TestSink sink) {}

    Peer peer(String name, String address, long as) {
        PeerRibConfig c = PeerRibConfig.all(name, ip(address), as, PeerType.EXTERNAL);
        RibPeer h = rib.addPeer(c);
        SessionContext ctx = ours(c.peerType(), c.remoteAs());
        SessionContext theirs = new SessionContext(true, false, ctx.families(), Set.of(), Set.of(), Set.of(),
                c.peerType(), c.remoteAs(), LOCAL_AS, true);
        TestSink sink = new TestSink(theirs);
        rib.peerUp(h, new SessionInfo(ctx, Integer.toUnsignedLong(ip(address).hashCode()), ip("10.255.2.1"), false),
                sink);
        return new Peer(h, sink);
    }

    void sync() throws Exception {
        for (int i = 0; i < 3; i++) {
            rib.query(v -> null).get(5, TimeUnit.SECONDS);
        }
    }

    /** The announcements ("+prefix") and withdrawals ("-prefix") {@code p} was sent, in order. */
    static List<String> routes(Peer p) {
        List<String> out = new ArrayList<>();
        for (Update u : p.sink().updates()) {
            u.withdrawn().toList().forEach(x -> out.add("-" + x));
            u.nlri().toList().forEach(x -> out.add("+" + x));
        }
        return out;
    }

    /** What {@code p} holds after everything it was sent; fails on a withdrawal of what it did not hold. */
    static Set<String> held(Peer p) {
        Set<String> t = new java.util.LinkedHashSet<>();
        for (String r : routes(p)) {
            if (r.startsWith("-")) {
                assertTrue(t.remove(r.substring(1)), "withdrawn without being held: " + r);
            } else {
                t.add(r.substring(1));
            }
        }
        return t;
    }

    /** An injector and two receivers in one group (same AS, same local address), their End-of-RIB sent. */
    List<Peer> receivers() throws Exception {
        Peer b = peer("b", "10.255.2.2", 65002);
        Peer c = peer("c", "10.255.2.3", 65002);
        sync();
        assertSame(b.handle().group, c.handle().group, "one update group");
        return List.of(b, c);
    }

    @Test
    void aMemberThatCannotTakeMoreIsSplitOutAndCatchesUpAlone() throws Exception {
        start(Duration.ZERO);
        Peer a = peer("a", "10.255.1.2", 65001);
        List<Peer> r = receivers();
        Peer b = r.get(0);
        Peer c = r.get(1);
        c.sink().writable = false;
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(List.of("+192.0.2.0/24"), routes(b), "b is not held back by c");
        assertEquals(List.of(), routes(c), "c could not take it");
        assertNotSame(b.handle().group, c.handle().group, "c is on its own now");
        // c drains: its own group sends it the table, once, and withdraws nothing.
        c.sink().writable = true;
        rib.writable(c.handle());
        sync();
        assertEquals(List.of("+192.0.2.0/24"), routes(c));
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "198.51.100.0/24"), ErrorAction.NONE);
        rib.routes(a.handle(), RibTest.withdraw("192.0.2.0/24"), ErrorAction.NONE);
        sync();
        // Both are sent the same changes (in one slice, in the packer's order).
        assertEquals(routes(b), routes(c));
        assertEquals(3, routes(c).size(), "nothing twice: " + routes(c));
        assertEquals(Set.of("198.51.100.0/24"), held(c));
    }

    @Test
    void whatTheGroupSentBeforeTheSplitIsWithdrawnFromTheSlowMemberWhenGoneMeanwhile() throws Exception {
        start(Duration.ZERO);
        Peer a = peer("a", "10.255.1.2", 65001);
        List<Peer> r = receivers();
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        // c got 192.0.2.0/24 (in its channel); it stalls; the route goes away and another comes.
        r.get(1).sink().writable = false;
        rib.routes(a.handle(), RibTest.withdraw("192.0.2.0/24"), ErrorAction.NONE);
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "198.51.100.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(List.of("+192.0.2.0/24", "-192.0.2.0/24", "+198.51.100.0/24"), routes(r.get(0)));
        r.get(1).sink().writable = true;
        rib.writable(r.get(1).handle());
        sync();
        assertEquals(List.of("+192.0.2.0/24", "+198.51.100.0/24", "-192.0.2.0/24"), routes(r.get(1)),
                "the new table, then what it no longer holds withdrawn");
    }

    @Test
    void withinTheSlowMemberTimeTheGroupWaitsForIt() throws Exception {
        start(Duration.ofHours(1));
        Peer a = peer("a", "10.255.1.2", 65001);
        List<Peer> r = receivers();
        r.get(1).sink().writable = false;
        rib.routes(a.handle(), announce(attrs("10.255.1.2", 65001), "192.0.2.0/24"), ErrorAction.NONE);
        sync();
        assertEquals(List.of(), routes(r.get(0)), "held back: one buffer serves both");
        r.get(1).sink().writable = true;
        rib.writable(r.get(1).handle());
        sync();
        assertEquals(List.of("+192.0.2.0/24"), routes(r.get(0)));
        assertEquals(List.of("+192.0.2.0/24"), routes(r.get(1)));
        assertSame(r.get(0).handle().group, r.get(1).handle().group);
    }
}
