package dev.petrel.daemon.demo;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for observable state (a status file, the kernel's routes, BIRD's protocols) with a deadline: short polls,
 * never a sleep standing in for the state itself. On timeout the failure names what did not happen and the last
 * thing seen.
 */
final class Poll {
    private static final long INTERVAL_MS = 50;

    private Poll() {}

    /**
     * Polls {@code missing} until it returns null (done); until then it returns what is still missing, which the
     * timeout message quotes. {@code alive} runs before each poll and throws when waiting is pointless (a child
     * process died).
     */
    static void until(String what, Duration timeout, Runnable alive, Supplier<String> missing) {
        long end = System.nanoTime() + timeout.toNanos();
        String last;
        while (true) {
            alive.run();
            last = missing.get();
            if (last == null) {
                return;
            }
            if (System.nanoTime() - end >= 0) {
                throw new DemoFailure("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; last seen: " + last);
            }
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailure("interrupted while waiting for " + what);
            }
        }
    }
}
