package dev.petrel.fsm.transport;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** At most one DEBUG line per interval; the lines in between are counted and reported with the next one. */
final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong next;
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.next = new AtomicLong(System.nanoTime());
    }

    void debug(String message, Object arg) {
        if (!log.isDebugEnabled()) {
            return;
        }
        long now = System.nanoTime();
        long due = next.get();
        if (now - due >= 0 && next.compareAndSet(due, now + intervalNanos)) {
            long skipped = suppressed.getAndSet(0);
            if (skipped == 0) {
                log.debug(message, arg);
            } else {
                log.debug(message + " ({} more since the last report)", arg, skipped);
            }
        } else {
            suppressed.incrementAndGet();
        }
    }
}
