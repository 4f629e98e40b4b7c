package dev.petrel.daemon.health;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link Watchdog} and {@link Liveness} with a fake clock and executors that run their tasks when told to. */
class WatchdogTest {
    private static final long S = 1_000_000_000L;

    /** An executor whose tasks wait until {@link #runAll()}: a loop that is busy until the test says otherwise. */
    static final class ManualExecutor implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        void runAll() {
            for (Runnable r; (r = tasks.poll()) != null; ) {
                r.run();
            }
        }
    }

    private final AtomicLong now = new AtomicLong(500 * S);
    private final ManualExecutor loop0 = new ManualExecutor();
    private final ManualExecutor rib = new ManualExecutor();

    private Watchdog watchdog() {
        Map<String, Executor> m = new LinkedHashMap<>();
        m.put("bgp-loop-0", loop0);
        m.put("rib", rib);
        return new Watchdog(m, Duration.ofSeconds(10), now::get);
    }

    @Test
    void loopsThatRunTheirHeartbeatsAreLive() {
        Watchdog w = watchdog();
        for (int i = 0; i < 30; i++) {
            now.addAndGet(S);
            w.beat();
            loop0.runAll();
            rib.runAll();
            assertTrue(w.report().live(), "second " + i);
        }
        assertEquals(List.of(), w.report().stuck());
    }

    @Test
    void aLoopThatStopsRunningTasksIsStuckAfterTheThresholdAndNamed() {
        Watchdog w = watchdog();
        for (int i = 0; i < 10; i++) {
            now.addAndGet(S);
            w.beat();
            loop0.runAll(); // the RIB never runs its heartbeat
            assertTrue(w.report().live(), "10 s of silence is still within the threshold, at " + (i + 1));
        }
        now.addAndGet(1);
        Liveness.Report r = w.report();
        assertFalse(r.live());
        assertEquals(List.of("rib"), r.stuck());
        assertEquals(10_000, r.loops().get(1).silentMillis());
        assertEquals(1, rib.tasks.size(), "one heartbeat outstanding, not one per second");
        rib.runAll();
        assertTrue(w.report().live(), "the loop ran again: live again");
    }

    @Test
    void aShutDownExecutorGoesStale() {
        Map<String, Executor> m = Map.of("gone", r -> {
            throw new RejectedExecutionException("shut down");
        });
        Watchdog w = new Watchdog(m, Duration.ofSeconds(10), now::get);
        w.beat();
        now.addAndGet(11 * S);
        w.beat();
        assertEquals(List.of("gone"), w.report().stuck());
    }

    @Test
    void livenessIsAPureFunctionOfTheLastBeats() {
        Liveness.Report r = Liveness.evaluate(List.of(new Liveness.Beat("a", 0), new Liveness.Beat("b", 5 * S)),
                12 * S, Duration.ofSeconds(10));
        assertFalse(r.live());
        assertEquals(List.of("a"), r.stuck());
        assertEquals(10, r.staleAfterSeconds());
        assertEquals(12_000, r.loops().get(0).silentMillis());
        assertEquals(7_000, r.loops().get(1).silentMillis());
    }

    @Test
    void lagIsHowLongTheLastHeartbeatWaitedAndGrowsWhileOneIsOutstanding() {
        Watchdog w = watchdog();
        w.beat();
        now.addAndGet(S / 4);
        loop0.runAll();
        rib.runAll();
        assertEquals(0.25, w.lagSeconds().get("bgp-loop-0"), 1e-9);
        w.beat();
        now.addAndGet(S / 100);
        loop0.runAll();
        now.addAndGet(3 * S); // the RIB has not run its heartbeat for 3 s
        assertEquals(0.01, w.lagSeconds().get("bgp-loop-0"), 1e-9);
        assertEquals(3.01, w.lagSeconds().get("rib"), 1e-9);
        rib.runAll();
        assertEquals(3.01, w.lagSeconds().get("rib"), 1e-9, "the last heartbeat's wait, once it ran");
        assertEquals(List.of("bgp-loop-0", "rib"), List.copyOf(w.lagSeconds().keySet()));
    }
}
