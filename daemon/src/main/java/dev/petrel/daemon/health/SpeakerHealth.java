package dev.petrel.daemon.health;

import dev.petrel.rib.RibView;
import dev.petrel.speaker.PeerStatus;
import dev.petrel.speaker.Speaker;
import dev.petrel.wire.Family;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The health checks of a running {@link Speaker}: a {@link Watchdog} over its event loops and its RIB thread for
 * {@code /livez}, and its peers' sessions with what the RIB knows of their End-of-RIBs for {@code /readyz}.
 */
public final class SpeakerHealth {
    /** Liveness: the watchdog. Kubernetes probes (examples/k8s) name these paths; a test holds them together. */
    public static final String LIVEZ = "/livez";
    /** Readiness: the peers. */
    public static final String READYZ = "/readyz";

    private final Speaker speaker;
    private final Watchdog watchdog;
    private final ReadinessGate gate;
    private final LongSupplier clock;

    public SpeakerHealth(Speaker speaker, Duration readyGrace, LongSupplier clock) {
        this.speaker = speaker;
        this.clock = clock;
        this.gate = new ReadinessGate(clock.getAsLong(), readyGrace);
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

    public Watchdog watchdog() {
        return watchdog;
    }

    /** The checks by path, for {@link HealthServer#start}. */
    public Map<String, Supplier<CompletableFuture<? extends HealthReport>>> checks() {
        Map<String, Supplier<CompletableFuture<? extends HealthReport>>> m = new LinkedHashMap<>();
        m.put(LIVEZ, () -> CompletableFuture.completedFuture(watchdog.report()));
        m.put(READYZ, this::readiness);
        return m;
    }

    /** Reads the sessions, then asks the RIB which Established peers still owe an End-of-RIB. */
    public CompletableFuture<Readiness.Report> readiness() {
        List<PeerStatus> peers = speaker.peers();
        List<String> names = peers.stream().map(PeerStatus::name).toList();
        return speaker.rib().query(view -> awaiting(view, names)).thenApply(awaiting -> {
            List<Readiness.PeerInput> inputs = new ArrayList<>(peers.size());
            for (PeerStatus p : peers) {
                var session = speaker.session(p.name());
                inputs.add(new Readiness.PeerInput(p.name(), session != null && session.adminUp(), p.state(),
                        awaiting.get(p.name())));
            }
            return gate.assess(inputs, clock.getAsLong());
        });
    }

    private static Map<String, List<String>> awaiting(RibView view, List<String> names) {
        Map<String, List<String>> out = new HashMap<>();
        for (String n : names) {
            List<Family> fams = view.awaitingEndOfRib(n);
            if (fams != null) {
                out.put(n, fams.stream().map(Family::toString).toList());
            }
        }
        return out;
    }
}
