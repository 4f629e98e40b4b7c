package dev.petrel.daemon.admin;

import dev.petrel.fib.Fib;
import dev.petrel.rib.Rib;
import dev.petrel.rib.RibView;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Asks the RIB or the FIB one question from an admin thread. The question runs on the owner's thread (the RIB
 * thread, the only one that may read the tables; the FIB thread, likewise for the FIB) and must return an immutable
 * snapshot; this thread only waits for it, for a bounded time.
 */
final class Ask {
    /**
     * How long a handler waits for the RIB or the FIB: below the connection's deadline (5 s,
     * {@link AdminServer.Limits}), so that the client is told the owner is busy rather than that the daemon did not
     * answer.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private Ask() {}

    /**
     * @throws AdminException when the RIB does not answer within {@code timeout}: it is working through a queue of
     *     UPDATEs, which the message says
     */
    static <T> T rib(Rib rib, Function<RibView, T> question, Duration timeout) throws AdminException {
        return await(rib.query(question), timeout, "the RIB",
                () -> " (" + rib.queueDepth() + " commands queued ahead of the question)");
    }

    /**
     * @throws AdminException when the FIB does not answer within {@code timeout}: it is busy writing the kernel or
     *     re-reading it
     */
    static <T> T fib(Fib fib, Function<Fib, T> question, Duration timeout) throws AdminException {
        return await(fib.query(question), timeout, "the FIB", () -> "");
    }

    /**
     * @param who "the RIB": how the messages name the owner
     * @param why what the timeout message adds after the time, e.g. how much was queued ahead
     */
    private static <T> T await(CompletableFuture<T> answer, Duration timeout, String who,
            Supplier<String> why) throws AdminException {
        try {
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // The question stays queued and its answer is dropped; the owner's thread cannot be interrupted mid-table.
            answer.cancel(false);
            throw new AdminException(who + " did not answer within " + seconds(timeout) + why.get() + "; try again");
        } catch (ExecutionException e) {
            // A bug in the question, or the owner closed under us: the admin server logs it and says it failed.
            throw new IllegalStateException(who + " could not answer: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted while waiting for " + who);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
