package dev.petrel.fib;

/** Where one prefix stands between the RIB and the kernel, as {@code show fib} says it. */
public enum RouteState {
    /** In the kernel as desired. */
    INSTALLED,
    /** Desired, not written yet (or written and not acknowledged). */
    PENDING,
    /** The kernel refused the last write; retried later. */
    FAILED,
    /** The guard refused it: never written. */
    REFUSED,
    /** Found in the kernel at start, not re-announced yet: kept until convergence, then removed. */
    STALE,
    /** Ours in the kernel, no longer desired; being removed. */
    REMOVING
}
