package dev.petrel.speaker.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the data points of one scrape by metric name, then builds Prometheus snapshots from them: one metric
 * family per name, in the order first seen, each with its help text. Not thread-safe: one per scrape.
 */
final class Snapshots {
    private record Point(Labels labels, double value) {}

    private record Family(boolean counter, String help, List<Point> points) {}

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** A value that goes up and down. {@code labels} are name, value pairs. */
    void gauge(String name, String help, double value, String... labels) {
        add(false, name, help, value, labels);
    }

    /** A count since the process started; {@code name} without the {@code _total} the text format adds. */
    void counter(String name, String help, double value, String... labels) {
        add(true, name, help, value, labels);
    }

    private void add(boolean counter, String name, String help, double value, String... labels) {
        Family f = families.computeIfAbsent(name, n -> new Family(counter, help, new ArrayList<>()));
        if (f.counter() != counter) {
            throw new IllegalStateException(name + " is both a counter and a gauge");
        }
        f.points().add(new Point(Labels.of(labels), value));
    }

    MetricSnapshots build() {
        List<MetricSnapshot> out = new ArrayList<>(families.size());
        families.forEach((name, f) -> out.add(f.counter() ? counter(name, f) : gauge(name, f)));
        return new MetricSnapshots(out);
    }

    private static MetricSnapshot counter(String name, Family f) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(f.help());
        for (Point p : f.points()) {
            b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(p.labels()).value(p.value()).build());
        }
        return b.build();
    }

    private static MetricSnapshot gauge(String name, Family f) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(f.help());
        for (Point p : f.points()) {
            b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(p.labels()).value(p.value()).build());
        }
        return b.build();
    }
}
