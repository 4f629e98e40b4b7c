package dev.petrel.speaker;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fsm.SessionState;
import dev.petrel.speaker.events.AdjRibInEvent;
import dev.petrel.speaker.events.StreamOptions;
import dev.petrel.wire.Family;
import dev.petrel.wire.nlri.Prefix;
import io.netty.channel.EventLoopGroup;
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
        int pa = freePort("127.0.0.1");
        int pb = freePort("127.0.0.2");
        EventLoopGroup loops = Petrel.sharedEventLoops(2);
        try (Petrel a = PetrelTest.node("10.255.1.1", 64512, "127.0.0.1", pa, loops).start();
                Petrel b = PetrelTest.node("10.255.1.2", 65001, "127.0.0.2", pb, loops).start()) {
            Recorder<AdjRibInEvent> stalled = new Recorder<>(1);
            // A hold limit well past what the test takes (the peers' hold time is 90 s).
            b.events().adjRibIn(new StreamOptions(16_384, StreamOptions.Overflow.BACKPRESSURE,
                    java.time.Duration.ofSeconds(30))).subscribe(stalled);
            a.apply(DesiredState.builder().peer(PetrelTest.peer("b", "127.0.0.2", pb, 65001, "127.0.0.1").build())
                    .build());
            b.apply(DesiredState.builder().peer(PetrelTest.peer("a", "127.0.0.1", pa, 64512, "127.0.0.2").build())
                    .build());
            await("Established", () -> b.peer("a").map(p -> p.state() == SessionState.ESTABLISHED).orElse(false));
            for (int i = 0; i < ROUTES; i++) {
                a.originate(PetrelTest.route(StreamContractTest.prefix(i)));
            }
            // b takes routes until the subscriber's buffer is full, then stops reading: its table stops growing
            // short of the whole (the in-flight UPDATEs still arrive, so it stops somewhat past the buffer).
            long held = stable(() -> b.routes(Family.IPV4_UNICAST).size());
            assertTrue(held >= 16_384 && held < ROUTES, "b held at " + held + " of " + ROUTES + " routes");
            assertEquals(SessionState.ESTABLISHED, b.peer("a").orElseThrow().state(), "held, not dropped");

            stalled.request(Long.MAX_VALUE);
            a.originate(PetrelTest.route("192.0.2.1/32"));
            Prefix sentinel = Prefix.parse("192.0.2.1/32");
            await("the subscriber to catch up", () -> stalled.sees(e -> e.prefix().equals(sentinel)));
            assertEquals(List.of(), stalled.violations);
            assertEquals(0, stalled.resyncs, "backpressure loses nothing");
            assertEquals(ROUTES + 1, stalled.state(e -> e.prefix(), AdjRibInEvent::withdrawn).size());
            assertEquals(ROUTES + 1, b.routes(Family.IPV4_UNICAST).size());
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aHoldLastsAtMostMaxHoldThenTheSubscriberIsResyncedAndThePeersRead() throws Exception {
        int pa = freePort("127.0.0.1");
        int pb = freePort("127.0.0.2");
        EventLoopGroup loops = Petrel.sharedEventLoops(2);
        try (Petrel a = PetrelTest.node("10.255.1.1", 64512, "127.0.0.1", pa, loops).start();
                Petrel b = PetrelTest.node("10.255.1.2", 65001, "127.0.0.2", pb, loops).start()) {
            Recorder<AdjRibInEvent> stalled = new Recorder<>(1);
            b.events().adjRibIn(new StreamOptions(1_024, StreamOptions.Overflow.BACKPRESSURE,
                    java.time.Duration.ofMillis(500))).subscribe(stalled);
            a.apply(DesiredState.builder().peer(PetrelTest.peer("b", "127.0.0.2", pb, 65001, "127.0.0.1").build())
                    .build());
            b.apply(DesiredState.builder().peer(PetrelTest.peer("a", "127.0.0.1", pa, 64512, "127.0.0.2").build())
                    .build());
            await("Established", () -> b.peer("a").map(p -> p.state() == SessionState.ESTABLISHED).orElse(false));
            for (int i = 0; i < ROUTES; i++) {
                a.originate(PetrelTest.route(StreamContractTest.prefix(i)));
            }
            // The subscriber never reads, yet b gets the whole table: the hold ended after 500 ms.
            await("b to read everything", () -> b.routes(Family.IPV4_UNICAST).size() == ROUTES);
            assertEquals(1, b.peer("a").orElseThrow().establishedTransitions(), "no session lost to the hold");
            stalled.request(Long.MAX_VALUE);
            a.originate(PetrelTest.route("192.0.2.1/32"));
            await("the subscriber to catch up", () -> stalled.sees(e -> e.prefix().equals(Prefix.parse("192.0.2.1/32"))));
            assertTrue(stalled.resyncs >= 1, "told to resync");
            assertEquals(List.of(), stalled.violations);
            assertEquals(ROUTES + 1, stalled.state(e -> e.prefix(), AdjRibInEvent::withdrawn).size());
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
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
