package dev.petrel.speaker.readiness;

import dev.petrel.rib.RibView;
import dev.petrel.speaker.PeerStatus;
import dev.petrel.speaker.Speaker;
import dev.petrel.wire.Family;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The readiness of a running {@link Speaker}: its peers' sessions, with what its RIB knows of their End-of-RIBs,
 * through one {@link ReadinessGate} whose start-up phase begins when this is made. Make one per speaker, at its
 * start, and ask every consumer (a {@code /readyz} endpoint, a status command, an agent's own check) through it:
 * the gate's start-up phase ends once and must be shared, or a second gate would call a converged node
 * {@code starting} again.
 *
 * <p>Thread-safe. {@link #assess()} reads the sessions on the caller's thread (volatile snapshots, no event loop
 * is blocked) and asks the RIB on its own thread; nothing blocks.
 */
public final class SpeakerReadiness {
    private final Speaker speaker;
    private final ReadinessGate gate;
    private final LongSupplier nanoClock;

    /**
     * @param speaker the running speaker
     * @param grace how long start-up may wait for every peer to converge ({@code admin.ready-grace}); start-up
     *     starts now
     * @param nanoClock nanoseconds, monotonic ({@code System::nanoTime}; a fake one in tests)
     */
    public SpeakerReadiness(Speaker speaker, Duration grace, LongSupplier nanoClock) {
        this.speaker = speaker;
        this.nanoClock = nanoClock;
        this.gate = new ReadinessGate(nanoClock.getAsLong(), grace);
    }

    /**
     * Reads the sessions, then asks the RIB which Established peers still owe an End-of-RIB, and evaluates
     * {@link Readiness} through the gate. Completes on the RIB's thread; fails when the RIB does not answer
     * (closed). A session read before the RIB's answer may have changed by then: the report is as fresh as one
     * query, which a probe that asks again is content with.
     */
    public CompletableFuture<Readiness.Report> assess() {
        List<PeerStatus> peers = speaker.peers();
        List<String> names = peers.stream().map(PeerStatus::name).toList();
        return speaker.rib().query(view -> awaiting(view, names)).thenApply(awaiting -> {
            List<Readiness.PeerInput> inputs = new ArrayList<>(peers.size());
            for (PeerStatus p : peers) {
                var session = speaker.session(p.name());
                inputs.add(new Readiness.PeerInput(p.name(), session != null && session.adminUp(), p.state(),
                        awaiting.get(p.name())));
            }
            return gate.assess(inputs, nanoClock.getAsLong());
        });
    }

    /** Runs on the RIB thread: per peer with a session in the RIB, the families still without End-of-RIB. */
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
