package dev.petrel.interop.harness;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls observable state until a condition holds, with a deadline; never a fixed sleep for correctness.
 *
 * <p>On a timeout it throws an {@link AssertionError} that names what was awaited and carries the last observed
 * value (rendered with the given describer, e.g. the raw {@code birdc}/{@code vtysh} text). A probe that throws
 * counts as "not yet" and its exception becomes the last observation.
 */
public final class Await {

    /** Interval between polls. */
    public static final Duration POLL = Duration.ofMillis(150);

    private Await() {
    }

    /**
     * Thrown by a probe when waiting longer is pointless (the daemon being watched has exited): {@link Await}
     * fails at once with it instead of polling to the deadline.
     */
    public static class GiveUp extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public GiveUp(String message) {
            super(message);
        }
    }

    /** Waits until {@code condition} holds for a value of {@code probe}; returns that value. */
    public static <T> T until(String description, Duration timeout, Supplier<T> probe, Predicate<? super T> condition) {
        return until(description, timeout, probe, condition, String::valueOf);
    }

    /**
     * Waits until {@code condition} holds for a value of {@code probe}; returns that value. On timeout the
     * AssertionError's message has {@code description}, the timeout and {@code describe} of the last value.
     */
    public static <T> T until(String description, Duration timeout, Supplier<T> probe, Predicate<? super T> condition,
            Function<? super T, String> describe) {
        Objects.requireNonNull(condition);
        long deadline = System.nanoTime() + timeout.toNanos();
        Observation<T> last;
        while (true) {
            last = observe(probe);
            if (last.error == null && condition.test(last.value)) {
                return last.value;
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            pause();
        }
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + description
                + "\nlast observed:\n" + last.render(describe));
    }

    /**
     * Polls {@code probe} for the whole {@code window} and fails as soon as {@code forbidden} holds; returns the
     * last value observed. For "must never happen" checks (a session must not come up with a wrong MD5 key).
     */
    public static <T> T never(String description, Duration window, Supplier<T> probe, Predicate<? super T> forbidden,
            Function<? super T, String> describe) {
        long deadline = System.nanoTime() + window.toNanos();
        Observation<T> last;
        while (true) {
            last = observe(probe);
            if (last.error == null && forbidden.test(last.value)) {
                throw new AssertionError("must never happen, but did: " + description + "\nobserved:\n"
                        + last.render(describe));
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            pause();
        }
        if (last.error != null) {
            throw new AssertionError("probe failed at the end of the window for: " + description + "\n"
                    + last.render(describe));
        }
        return last.value;
    }

    /** {@link #never(String, Duration, Supplier, Predicate, Function)} with {@code String.valueOf}. */
    public static <T> T never(String description, Duration window, Supplier<T> probe, Predicate<? super T> forbidden) {
        return never(description, window, probe, forbidden, String::valueOf);
    }

    private static <T> Observation<T> observe(Supplier<T> probe) {
        try {
            return new Observation<>(probe.get(), null);
        } catch (GiveUp e) {
            throw new AssertionError("gave up waiting: " + e.getMessage(), e);
        } catch (RuntimeException | AssertionError e) {
            return new Observation<>(null, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    private record Observation<T>(T value, Throwable error) {
        String render(Function<? super T, String> describe) {
            if (error != null) {
                return "probe threw " + error;
            }
            try {
                return describe.apply(value);
            } catch (RuntimeException e) {
                return String.valueOf(value) + " (describer threw " + e + ")";
            }
        }
    }
}
