package dev.petrel.speaker.metrics;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.codahale.metrics.jvm.GarbageCollectorMetricSet;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import com.codahale.metrics.jvm.ThreadStatesGaugeSet;
import dev.petrel.speaker.Speaker;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A speaker's metrics in the Prometheus text format ({@code /metrics}): per peer, RIB, FIB from
 * {@link SpeakerCollector}, plus the JVM (heap and pools, GC counts and time, threads) and whatever else is
 * registered in {@link #dropwizard()}, exported through Prometheus' dropwizard bridge with their dots as
 * underscores ({@code jvm.memory.heap.used} becomes {@code jvm_memory_heap_used}).
 *
 * <p>Thread-safe: each {@link #write} is one scrape.
 */
public final class PetrelMetrics {
    /** The media type of {@link #write}'s output. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private static final java.util.regex.Pattern JVM_EXPORTED = java.util.regex.Pattern.compile(
            "jvm\\.memory\\.(heap|non-heap)\\.(used|committed|max)|jvm\\.gc\\..*"
                    + "|jvm\\.threads\\.(count|deadlock\\.count)");

    /** The dropwizard name of the RIB's decision-run timer; the bridge exports it as petrel_rib_decision_seconds. */
    static final String DECISION_TIMER = "petrel.rib.decision.seconds";

    private final MetricRegistry dropwizard = new MetricRegistry();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    private PetrelMetrics(Speaker speaker) {
        dropwizard.registerAll("jvm.memory", new MemoryUsageGaugeSet());
        dropwizard.registerAll("jvm.gc", new GarbageCollectorMetricSet());
        dropwizard.registerAll("jvm.threads", new ThreadStatesGaugeSet());
        // The JVM sets offer dozens of per-pool and per-thread-state figures; export what an operator of a BGP
        // daemon looks at (heap, non-heap, GC count and time per collector, threads, deadlocks).
        registry.register(new DropwizardExports(dropwizard, (name, metric) -> !name.startsWith("jvm.")
                || JVM_EXPORTED.matcher(name).matches()));
        registry.register(new SpeakerCollector(speaker::peers, speaker.rib(), speaker::fib, Instant::now));
        // The bridge exports a Timer as a summary in seconds: quantiles over about the last five minutes and a
        // _count (no _sum: dropwizard keeps none), e.g. petrel_rib_decision_seconds{quantile="0.99"}. The timer is
        // only fed once this is set up: decision runs before it are not counted.
        Timer decision = dropwizard.timer(DECISION_TIMER);
        speaker.rib().onDecisionRun(nanos -> decision.update(nanos, TimeUnit.NANOSECONDS));
    }

    public static PetrelMetrics of(Speaker speaker) {
        return new PetrelMetrics(speaker);
    }

    /** Where other parts of the process (the HTTP server, a watchdog) add their own instruments. */
    public MetricRegistry dropwizard() {
        return dropwizard;
    }

    /** Adds a collector of figures kept elsewhere (the daemon's watchdog), read at every scrape. */
    public void register(io.prometheus.metrics.model.registry.MultiCollector collector) {
        registry.register(collector);
    }

    /** Scrapes every metric and writes them in the Prometheus text format (version 0.0.4). */
    public void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
