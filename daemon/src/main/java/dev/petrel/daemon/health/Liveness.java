package dev.petrel.daemon.health;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code /livez} answers, as a pure function of when each watched thread last ran a heartbeat task (see
 * {@link Watchdog}): live while every one of them ran one within {@code staleAfter}. A thread that stops running
 * tasks (a deadlock, an endless loop, a blocking call on an event loop) fails it, and names itself in the body.
 */
public final class Liveness {
    private Liveness() {}

    /** When the thread called {@code name} last ran a heartbeat, in the watchdog clock's nanoseconds. */
    public record Beat(String name, long lastNanos) {}

    /** A watched thread and how long it has been silent. */
    public record Silence(String name, long silentMillis) {}

    /**
     * @param live every thread ran a heartbeat within {@code staleAfterSeconds}
     * @param staleAfterSeconds the threshold
     * @param loops every watched thread, in the watchdog's order
     * @param stuck the names of the threads silent for longer than the threshold
     */
    public record Report(boolean live, long staleAfterSeconds, List<Silence> loops, List<String> stuck)
            implements HealthReport {
        @Override
        public boolean ok() {
            return live;
        }

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeBooleanField("live", live);
            g.writeNumberField("stale_after_seconds", staleAfterSeconds);
            g.writeArrayFieldStart("stuck");
            for (String s : stuck) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("loops");
            for (Silence s : loops) {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeNumberField("silent_ms", s.silentMillis());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    public static Report evaluate(List<Beat> beats, long nowNanos, Duration staleAfter) {
        List<Silence> loops = new ArrayList<>(beats.size());
        List<String> stuck = new ArrayList<>();
        long limit = staleAfter.toNanos();
        for (Beat b : beats) {
            long silent = Math.max(0, nowNanos - b.lastNanos());
            loops.add(new Silence(b.name(), silent / 1_000_000));
            if (silent > limit) {
                stuck.add(b.name());
            }
        }
        return new Report(stuck.isEmpty(), staleAfter.toSeconds(), loops, stuck);
    }
}
