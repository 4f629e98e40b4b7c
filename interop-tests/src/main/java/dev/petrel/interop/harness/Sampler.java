package dev.petrel.interop.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * Samples some state at a fixed pace on a thread of its own until stopped, collecting what each sample found
 * wrong: for checks that something holds all through a restart (a route in a table at every sample), where one
 * look before and one after would miss a gap.
 */
public final class Sampler {
    private final AtomicBoolean sampling = new AtomicBoolean(true);
    private final CompletableFuture<List<String>> result;

    private Sampler(Duration every, IntFunction<List<String>> probe) {
        result = CompletableFuture.supplyAsync(() -> {
            List<String> problems = new ArrayList<>();
            int n = 0;
            while (sampling.get()) {
                n++;
                problems.addAll(probe.apply(n));
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    break;
                }
            }
            problems.add(0, n + " samples");
            return problems;
        });
    }

    /**
     * Starts sampling: {@code probe} is given the sample's number (from 1) and returns what it found wrong, nothing
     * when all is well.
     */
    public static Sampler start(Duration every, IntFunction<List<String>> probe) {
        return new Sampler(every, probe);
    }

    /**
     * Stops after the sample in progress and returns {@code "N samples"} followed by every problem found: one
     * element means none.
     */
    public List<String> stop() throws InterruptedException, ExecutionException {
        sampling.set(false);
        return result.get();
    }

    /** The number of samples taken, from what {@link #stop} returned. */
    public static int count(List<String> stopped) {
        return Integer.parseInt(stopped.get(0).split(" ")[0]);
    }
}
