package dev.petrel.daemon.health;

import dev.petrel.speaker.metrics.PetrelMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@code /metrics}: the speaker's {@link PetrelMetrics} in the Prometheus text format, plus the watchdog's lag per
 * watched thread ({@code petrel_loop_lag_seconds}: how long a task waits in a BGP event loop or the RIB's queue,
 * the figure that grows long before {@code /livez} fails). A scrape waits for the RIB and the FIB threads, so it
 * runs on {@code executor}, never on the HTTP loop.
 */
public final class MetricsEndpoint {
    public static final String PATH = "/metrics";

    private final PetrelMetrics metrics;
    private final Executor executor;

    public MetricsEndpoint(PetrelMetrics metrics, Watchdog watchdog, Executor executor) {
        this.metrics = metrics;
        this.executor = executor;
        metrics.register(lag(watchdog));
    }

    /** For {@link HealthServer#start}'s map of endpoints. */
    public Supplier<CompletableFuture<? extends HealthReport>> endpoint() {
        return () -> CompletableFuture.supplyAsync(this::scrape, executor);
    }

    private Page scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            metrics.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Page(out.toByteArray());
    }

    private static MultiCollector lag(Watchdog watchdog) {
        return () -> {
            GaugeSnapshot.Builder b = GaugeSnapshot.builder().name("petrel_loop_lag_seconds")
                    .help("how long the watchdog's last heartbeat waited in each BGP event loop and the RIB's queue"
                            + " (or the outstanding one so far, when longer)");
            watchdog.lagSeconds().forEach((loop, lag) -> b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("loop", loop)).value(lag).build()));
            return MetricSnapshots.of(b.build());
        };
    }

    /** One scrape, already rendered. Always 200: a figure that could not be read says so in its own metric. */
    private record Page(byte[] body) implements TextReport {
        @Override
        public boolean ok() {
            return true;
        }

        @Override
        public String contentType() {
            return PetrelMetrics.CONTENT_TYPE;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(body);
        }
    }
}
