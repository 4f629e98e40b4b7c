package dev.petrel.fib;

import java.util.Map;

/**
 * The FIB's figures for {@code show fib} and metrics.
 *
 * @param installed prefixes in the kernel as desired
 * @param pending prefixes waiting to be written
 * @param failed prefixes whose last write failed (retried)
 * @param refused prefixes the guard refused
 * @param stale routes found at start, not re-announced yet
 * @param writes successful installs and removals since start
 * @param errors failed writes since start, by errno name
 * @param repairs our routes someone else deleted or replaced, which we wrote back
 * @param overruns lost-notification reports (ENOBUFS) from the monitor socket
 * @param reconciles full re-reads of the kernel
 * @param converged whether the start-up wait for End-of-RIB is over
 */
public record FibCounts(long installed, long pending, long failed, long refused, long stale, long writes,
        Map<String, Long> errors, long repairs, long overruns, long reconciles, boolean converged) {
    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
