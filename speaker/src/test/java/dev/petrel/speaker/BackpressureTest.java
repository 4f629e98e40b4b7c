package dev.petrel.speaker;

import static dev.petrel.speaker.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.SessionState;
import dev.petrel.speaker.events.AdjRibInEvent;
import dev.petrel.speaker.events.StreamOptions;
import dev.petrel.wire.Family;
import dev.petrel.wire.nlri.Prefix;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamOptions.Overflow#BACKPRESSURE}: a stalled subscriber holds the peers back (the session stops
 * reading, TCP slows the sender) instead of losing changes, and once it reads again it gets every change, in
 * order, without a resync.
 */
class BackpressureTest {
    static final int ROUTES = 100_000;

    @Test
    void aStalledSubscriberHoldsThePeerBackAndLosesNothing() throws Exception {
        try (SpeakerPair pair = new SpeakerPair()) {
            Petrel a = pair.a;
            Petrel b = pair.b;
            Recorder<AdjRibInEvent> stalled = new Recorder<>(1);
            // A hold limit well past what the test takes (the peers' hold time is 90 s).
            b.events().adjRibIn(new StreamOptions(16_384, StreamOptions.Overflow.BACKPRESSURE,
                    java.time.Duration.ofSeconds(30))).subscribe(stalled);
            peerAndSendTheTable(pair);
            // b takes routes until the subscriber's buffer is full, then stops reading: its table stops growing
            // short of the whole (the in-flight UPDATEs still arrive, so it stops somewhat past the buffer).
            long held = stable(() -> b.routes(Family.IPV4_UNICAST).size());
            assertTrue(held >= 16_384 && held < ROUTES, "b held at " + held + " of " + ROUTES + " routes");
            assertEquals(SessionState.ESTABLISHED, b.peer("a").orElseThrow().state(), "held, not dropped");

            catchUp(pair, stalled);
            assertEquals(List.of(), stalled.violations);
            assertEquals(0, stalled.resyncs, "backpressure loses nothing");
            assertEquals(ROUTES + 1, stalled.state(e -> e.prefix(), AdjRibInEvent::withdrawn).size());
            assertEquals(ROUTES + 1, b.routes(Family.IPV4_UNICAST).size());
        }
    }

    @Test
    void aHoldLastsAtMostMaxHoldThenTheSubscriberIsResyncedAndThePeersRead() throws Exception {
        try (SpeakerPair pair = new SpeakerPair()) {
            Petrel a = pair.a;
            Petrel b = pair.b;
            Recorder<AdjRibInEvent> stalled = new Recorder<>(1);
            b.events().adjRibIn(new StreamOptions(1_024, StreamOptions.Overflow.BACKPRESSURE,
                    java.time.Duration.ofMillis(500))).subscribe(stalled);
            peerAndSendTheTable(pair);
            // The subscriber never reads, yet b gets the whole table: the hold ended after 500 ms.
            await("b to read everything", () -> b.routes(Family.IPV4_UNICAST).size() == ROUTES);
            assertEquals(1, b.peer("a").orElseThrow().establishedTransitions(), "no session lost to the hold");
            catchUp(pair, stalled);
            assertTrue(stalled.resyncs >= 1, "told to resync");
            assertEquals(List.of(), stalled.violations);
            assertEquals(ROUTES + 1, stalled.state(e -> e.prefix(), AdjRibInEvent::withdrawn).size());
        }
    }

    /** Peers a and b, waits for the session, and has a originate {@link #ROUTES} routes towards b. */
    private static void peerAndSendTheTable(SpeakerPair pair) throws InterruptedException {
        pair.a.apply(DesiredState.builder().peer(pair.peerB().build()).build());
        pair.b.apply(DesiredState.builder().peer(pair.peerA().build()).build());
        await("Established", () -> pair.b.peer("a").map(p -> p.state() == SessionState.ESTABLISHED).orElse(false));
        for (int i = 0; i < ROUTES; i++) {
            pair.a.originate(PetrelTest.route(StreamContractTest.prefix(i)));
        }
    }

    /** Lets the subscriber read again and waits until it has a last route, sent after everything else. */
    private static void catchUp(SpeakerPair pair, Recorder<AdjRibInEvent> stalled) throws InterruptedException {
        stalled.request(Long.MAX_VALUE);
        Prefix sentinel = Prefix.parse("192.0.2.1/32");
        pair.a.originate(PetrelTest.route("192.0.2.1/32"));
        await("the subscriber to catch up", () -> stalled.sees(e -> e.prefix().equals(sentinel)));
    }

    /** Waits until {@code value} has not changed for a second (at most 20 s) and returns it. */
    static long stable(java.util.function.LongSupplier value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = value.getAsLong();
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            long now = value.getAsLong();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(1)) {
                return now;
            }
        }
        throw new AssertionError("never settled; last " + last);
    }
}
