package dev.petrel.daemon.admin;

import dev.petrel.rib.Rib;
import dev.petrel.rib.RibView;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Asks the RIB one question from an admin thread. The question runs on the RIB thread, the only one that may read
 * the tables, and must return an immutable snapshot; this thread only waits for it, for a bounded time.
 */
final class RibAsk {
    /**
     * How long a handler waits for the RIB: below the connection's deadline (5 s, {@link AdminServer.Limits}), so
     * that the client is told the RIB is busy rather than that the daemon did not answer.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private RibAsk() {}

    /**
     * @throws AdminException when the RIB does not answer within {@code timeout}: it is working through a queue of
     *     UPDATEs, which the message says
     */
    static <T> T ask(Rib rib, Function<RibView, T> question, Duration timeout) throws AdminException {
        CompletableFuture<T> answer = rib.query(question);
        try {
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // The question stays queued and its answer is dropped; the RIB thread cannot be interrupted mid-table.
            answer.cancel(false);
            throw new AdminException("the RIB did not answer within " + seconds(timeout) + " ("
                    + rib.queueDepth() + " commands queued ahead of the question); try again");
        } catch (ExecutionException e) {
            // A bug in the question, or the RIB closed under us: the admin server logs it and says it failed.
            throw new IllegalStateException("the RIB could not answer: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted while waiting for the RIB");
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
