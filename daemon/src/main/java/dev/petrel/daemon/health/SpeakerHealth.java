package dev.petrel.daemon.health;

import dev.petrel.speaker.Speaker;
import dev.petrel.speaker.readiness.SpeakerReadiness;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The health checks of a running {@link Speaker}: a {@link Watchdog} over its event loops and its RIB thread for
 * {@code /livez}, and its {@link SpeakerReadiness} for {@code /readyz} (rendered by {@link ReadinessReport}).
 */
public final class SpeakerHealth {
    /** Liveness: the watchdog. Kubernetes probes (examples/k8s) name these paths; a test holds them together. */
    public static final String LIVEZ = "/livez";
    /** Readiness: the peers. */
    public static final String READYZ = "/readyz";

    private final Watchdog watchdog;
    private final SpeakerReadiness readiness;

    /**
     * @param readyGrace {@code admin.ready-grace}: start-up, for readiness, starts now
     * @param clock nanoseconds, monotonic ({@code System::nanoTime}; a fake one in tests)
     */
    public SpeakerHealth(Speaker speaker, Duration readyGrace, LongSupplier clock) {
        this(speaker, new SpeakerReadiness(speaker, readyGrace, clock), clock);
    }

    /** With the speaker's own readiness gate ({@code Petrel.readinessGate()}), so there is only one. */
    public SpeakerHealth(Speaker speaker, SpeakerReadiness readiness, LongSupplier clock) {
        this.readiness = readiness;
        Map<String, Executor> loops = new LinkedHashMap<>();
        int i = 0;
        for (Executor loop : speaker.eventLoops()) {
            loops.put("bgp-loop-" + i++, loop);
        }
        // A heartbeat on the RIB thread is a query that waits its turn behind the queued commands, like any other.
        loops.put("rib", task -> speaker.rib().query(view -> {
            task.run();
            return null;
        }));
        this.watchdog = new Watchdog(loops, Watchdog.STALE_AFTER, clock);
    }

    /** The watchdog over the event loops and the RIB thread, for {@code /livez}, metrics and {@code show status}. */
    public Watchdog watchdog() {
        return watchdog;
    }

    /** The checks by path, for {@link HealthServer#start}. */
    public Map<String, Supplier<CompletableFuture<? extends HealthReport>>> checks() {
        Map<String, Supplier<CompletableFuture<? extends HealthReport>>> m = new LinkedHashMap<>();
        m.put(LIVEZ, () -> CompletableFuture.completedFuture(watchdog.report()));
        m.put(READYZ, () -> readiness.assess().thenApply(ReadinessReport::new));
        return m;
    }

    /** The speaker's readiness: the one gate that {@code /readyz} and {@code show status} share. */
    public SpeakerReadiness readiness() {
        return readiness;
    }
}
