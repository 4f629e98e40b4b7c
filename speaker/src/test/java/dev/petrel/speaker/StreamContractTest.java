package dev.petrel.speaker;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.rib.RouteEntry;
import dev.petrel.speaker.events.BestPathEvent;
import dev.petrel.speaker.events.StreamItem;
import dev.petrel.speaker.events.StreamOptions;
import dev.petrel.wire.Family;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import io.netty.channel.EventLoopGroup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event streams' contract under churn: a snapshot, then every change in order with no gap, so that snapshot
 * plus changes is exactly the RIB's state; a subscriber that falls behind never slows the RIB and is told to
 * resync; backpressure holds the peers back instead of dropping.
 */
class StreamContractTest {
    static final int ROUTES = 100_000;

    private EventLoopGroup loops;
    private Petrel petrel;

    @BeforeEach
    void start() throws Exception {
        loops = Petrel.sharedEventLoops(1);
        petrel = PetrelTest.node("10.255.1.1", 64512, "127.0.0.1", freePort("127.0.0.1"), loops).start();
    }

    @AfterEach
    void stop() {
        petrel.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** 10.0.0.0/24 upwards: {@code i} is the route's number. */
    static String prefix(int i) {
        return "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff) + "/32";
    }

    /**
     * Originates {@link #ROUTES} routes, re-originates every third with another community, withdraws every
     * fifth: 100,000 additions and about 53,000 changes and withdrawals, all queued as fast as the RIB takes them.
     */
    private void churn(Runnable halfway) {
        for (int i = 0; i < ROUTES; i++) {
            petrel.originate(Routes.blackhole(prefix(i), "64512:1"));
            if (i == ROUTES / 2) {
                halfway.run();
            }
        }
        for (int i = 0; i < ROUTES; i += 3) {
            petrel.originate(Routes.blackhole(prefix(i), "64512:2"));
        }
        for (int i = 0; i < ROUTES; i += 5) {
            petrel.withdraw(Prefix.parse(prefix(i)));
        }
    }

    /** The RIB's best paths, by prefix, with the attributes a subscriber should hold. */
    private Map<Prefix, PathAttributes> ribState() {
        Map<Prefix, PathAttributes> out = new HashMap<>();
        for (RouteEntry e : petrel.routes(Family.IPV4_UNICAST)) {
            if (e.best() != null) {
                out.put(e.prefix(), e.best().attributes());
            }
        }
        return out;
    }

    private static Map<Prefix, PathAttributes> replayed(Recorder<BestPathEvent> r) {
        Map<Prefix, PathAttributes> out = new HashMap<>();
        r.state(BestPathEvent::prefix, BestPathEvent::withdrawn).forEach((p, e) -> out.put(p, e.best().attributes()));
        return out;
    }

    /** The last change of the churn: once a subscriber has it, it has everything before it. */
    private void sentinel(Recorder<BestPathEvent> r) throws InterruptedException {
        Prefix sentinel = Prefix.parse("192.0.2.1/32");
        petrel.originate(Routes.blackhole("192.0.2.1/32"));
        await("the sentinel", () -> r.sees(e -> e.prefix().equals(sentinel)));
    }

    @Test
    void aSubscriberAttachedMidChurnSeesSnapshotThenEveryChangeWithoutAGap() throws Exception {
        // A buffer that holds the whole churn: this test is about order and gaps, not overflow (below).
        StreamOptions roomy = new StreamOptions(1 << 20, StreamOptions.Overflow.DROP_AND_RESYNC);
        Recorder<BestPathEvent> early = new Recorder<>(Long.MAX_VALUE);
        petrel.events().bestPaths(roomy).subscribe(early);
        Recorder<BestPathEvent> late = new Recorder<>(Long.MAX_VALUE);
        churn(() -> petrel.events().bestPaths(roomy).subscribe(late));
        sentinel(early);
        sentinel(late);
        assertEquals(List.of(), early.violations);
        assertEquals(List.of(), late.violations);
        assertEquals(0, early.resyncs + late.resyncs, "the buffer holds this churn");
        Map<Prefix, PathAttributes> rib = ribState();
        assertEquals(ROUTES - ROUTES / 5 + 1, rib.size());
        assertEquals(rib, replayed(early), "snapshot + changes = the RIB, for a subscriber from the start");
        assertEquals(rib, replayed(late), "and for one that joined halfway through");
        StreamItem.Snapshot<?> snapshot = assertInstanceOf(StreamItem.Snapshot.class, late.copy().get(0));
        assertTrue(snapshot.entries().size() > 0, "joined while routes existed: " + snapshot.entries().size());
    }

    @Test
    void aStalledSubscriberNeverSlowsTheRibAndIsToldToResync() throws Exception {
        // Takes the snapshot, then takes nothing until the churn is over.
        Recorder<BestPathEvent> stalled = new Recorder<>(1);
        petrel.events().bestPaths(new StreamOptions(1024, StreamOptions.Overflow.DROP_AND_RESYNC)).subscribe(stalled);
        await("the first snapshot", () -> stalled.copy().size() == 1);
        churn(() -> {});
        Prefix last = Prefix.parse(prefix(ROUTES - 1));
        // The RIB has decided everything while the subscriber took nothing: it was never waited for.
        Prefix lastWithdrawn = Prefix.parse(prefix(ROUTES - 5));
        await("the RIB to finish the churn", () -> petrel.route(last).map(e -> e.best().attributes().communities()
                .contains(dev.petrel.wire.attr.Community.parse("64512:2"))).orElse(false)
                && petrel.route(lastWithdrawn).map(RouteEntry::best).isEmpty());
        assertEquals(1, stalled.copy().size(), "nothing delivered without demand");
        stalled.request(Long.MAX_VALUE);
        sentinel(stalled);
        assertEquals(List.of(), stalled.violations);
        assertTrue(stalled.resyncs >= 1, "an overflow is announced");
        List<StreamItem<BestPathEvent>> items = stalled.copy();
        assertInstanceOf(StreamItem.Resync.class, items.get(1), "the marker comes first after the overflow");
        assertInstanceOf(StreamItem.Snapshot.class, items.get(2), "then a fresh snapshot");
        assertEquals(ribState(), replayed(stalled), "after the resync the subscriber holds the RIB's state");
    }

    @Test
    void cancelStopsDeliveryAndReleasesTheSubscription() throws Exception {
        Recorder<BestPathEvent> r = new Recorder<>(Long.MAX_VALUE);
        petrel.events().bestPaths(StreamOptions.DEFAULT).subscribe(r);
        sentinel(r);
        r.cancel();
        int before = r.copy().size();
        petrel.originate(Routes.blackhole("192.0.2.2/32"));
        Recorder<BestPathEvent> other = new Recorder<>(Long.MAX_VALUE);
        petrel.events().bestPaths(StreamOptions.DEFAULT).subscribe(other);
        await("a later subscriber to see the new route", () -> other.sees(e -> e.prefix().equals(
                Prefix.parse("192.0.2.2/32"))));
        assertEquals(before, r.copy().size(), "nothing after cancel");
    }

    @Test
    void closingCompletesEveryStream() throws Exception {
        Recorder<BestPathEvent> r = new Recorder<>(Long.MAX_VALUE);
        petrel.events().bestPaths(StreamOptions.DEFAULT).subscribe(r);
        sentinel(r);
        petrel.close();
        await("onComplete", () -> r.completed);
    }
}
