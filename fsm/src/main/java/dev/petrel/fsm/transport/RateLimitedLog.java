package dev.petrel.fsm.transport;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** At most one line per interval; the lines in between are counted and reported with the next one. */
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
        if (log.isDebugEnabled()) {
            log(false, message, arg);
        }
    }

    void info(String message, Object arg) {
        if (log.isInfoEnabled()) {
            log(true, message, arg);
        }
    }

    private void log(boolean info, String message, Object arg) {
        long now = System.nanoTime();
        long due = next.get();
        if (now - due >= 0 && next.compareAndSet(due, now + intervalNanos)) {
            long skipped = suppressed.getAndSet(0);
            String m = skipped == 0 ? message : message + " ({} more since the last report)";
            Object[] args = skipped == 0 ? new Object[] {arg} : new Object[] {arg, skipped};
            if (info) {
                log.info(m, args);
            } else {
                log.debug(m, args);
            }
        } else {
            suppressed.incrementAndGet();
        }
    }
}
