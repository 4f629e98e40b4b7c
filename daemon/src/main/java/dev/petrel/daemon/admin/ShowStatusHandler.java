package dev.petrel.daemon.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.config.PetrelConfig;
import dev.petrel.daemon.health.Liveness;
import dev.petrel.daemon.health.SpeakerHealth;
import dev.petrel.daemon.health.Status;
import dev.petrel.fib.Fib;
import dev.petrel.speaker.readiness.Readiness;
import dev.petrel.wire.nlri.Ipv4;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code show-status}: version, identity, uptime and the phase with its reasons ({@link Status}). */
public final class ShowStatusHandler implements AdminHandler {
    public static final String COMMAND = "show-status";
    /** The RIB and the FIB answer through their threads; a busy one must not hang the operator's command. */
    private static final long WAIT_SECONDS = 5;

    private final PetrelConfig config;
    private final String version;
    private final Instant started;
    private final SpeakerHealth health;
    private final boolean watched;
    private final Fib fib;
    private final Clock clock;
    private final java.util.function.BooleanSupplier holdingOutput;

    /**
     * @param watched whether the health's watchdog is beating (its liveness report means something)
     * @param fib the kernel FIB, or null
     * @param holdingOutput whether a graceful restart's selection deferral holds our routes back now
     */
    public ShowStatusHandler(PetrelConfig config, String version, Instant started, SpeakerHealth health,
            boolean watched, Fib fib, Clock clock, java.util.function.BooleanSupplier holdingOutput) {
        this.holdingOutput = holdingOutput;
        this.config = config;
        this.version = version;
        this.started = started;
        this.health = health;
        this.watched = watched;
        this.fib = fib;
        this.clock = clock;
    }

    @Override
    public void handle(JsonNode request, JsonGenerator response) throws IOException {
        Readiness.Report readiness = await(health.readiness().assess(), "the RIB");
        Set<String> waiting = fib == null ? null
                : await(fib.query(f -> f.counts().converged() ? null : f.waitingFor()), "the kernel FIB");
        Liveness.Report liveness = watched ? health.watchdog().report() : null;
        String clusterId = Ipv4.format((int) config.clusterId());
        Status.of(version, config.routerId().getHostAddress(), config.localAs(), clusterId, started,
                clock.instant(), readiness, waiting, liveness, holdingOutput.getAsBoolean()).write(response);
    }

    private static <T> T await(CompletableFuture<T> f, String who) throws AdminException {
        try {
            return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AdminException(who + " did not answer within " + WAIT_SECONDS + "s");
        } catch (ExecutionException e) {
            throw new AdminException(who + " could not answer: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted");
        }
    }
}
