package dev.petrel.daemon.admin;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a channel when its time is up. Unix domain socket channels have no SO_TIMEOUT (their {@code socket()}
 * adaptor is unsupported), and closing a channel is the one portable way to wake a thread blocked on it.
 */
final class Deadline implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final ScheduledFuture<?> task;
    private volatile boolean expired;

    private Deadline(Duration after, Closeable target) {
        task = TIMER.schedule(() -> {
            expired = true;
            try {
                target.close();
            } catch (IOException ignored) {
                // Closing is all we can do; the blocked thread sees the channel closed either way.
            }
        }, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    static Deadline after(Duration after, Closeable target) {
        return new Deadline(after, target);
    }

    /** Whether the time ran out, which makes the I/O error the blocked thread saw a timeout. */
    boolean expired() {
        return expired;
    }

    @Override
    public void close() {
        task.cancel(false);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("petrel-admin-timer").factory());
        // Nearly every deadline is cancelled; without this the queue holds them until they would have fired.
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
