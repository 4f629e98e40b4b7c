package dev.petrel.fib;

import dev.petrel.fib.kernel.KernelError;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.wire.nlri.Prefix;

/**
 * One prefix's FIB state, owned by the FIB thread: what the RIB wants and what the kernel holds of ours. When the
 * two are the same route they are the same object, so an installed full table costs one route value per prefix.
 */
final class FibRoute {
    final Prefix prefix;
    /** What should be in the kernel; null when nothing should. */
    KernelRoute desired;
    /** What we believe the kernel holds of ours for this prefix (from our writes and dumps); null when nothing. */
    KernelRoute installed;
    /** The peer of the best path, for {@code show fib}. */
    String peer;
    /** Found at start and not desired since. */
    boolean stale;
    /** Why the guard refused {@link #desired}, or null. */
    String refused;
    /** The kernel's answer to the last failed write, or null. */
    KernelError error;
    int attempts;
    long retryAt;
    /** Queued for a write in the current round. */
    boolean queued;
    /**
     * {@link System#nanoTime} of the oldest change the kernel does not reflect yet (the RIB's wish, a repair, a
     * retry), or 0 when it is in sync: what {@link Fib#syncLag} reports the age of.
     */
    long behindSince;

    FibRoute(Prefix prefix) {
        this.prefix = prefix;
    }

    RouteState state() {
        if (refused != null) {
            return RouteState.REFUSED;
        }
        if (error != null) {
            return RouteState.FAILED;
        }
        if (desired == null) {
            return stale ? RouteState.STALE : RouteState.REMOVING;
        }
        return installed != null && installed.sameForwarding(desired) ? RouteState.INSTALLED : RouteState.PENDING;
    }

    /** The kernel does not hold what it should: waiting, failing or being removed (not refused, not stale). */
    boolean behind() {
        RouteState s = state();
        return s == RouteState.PENDING || s == RouteState.FAILED || s == RouteState.REMOVING;
    }

    /** Nothing desired and nothing of ours in the kernel: the entry can go. */
    boolean empty() {
        return desired == null && installed == null && !stale && refused == null;
    }
}
