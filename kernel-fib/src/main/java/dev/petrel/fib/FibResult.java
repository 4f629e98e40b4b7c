package dev.petrel.fib;

import dev.petrel.fib.kernel.KernelError;
import dev.petrel.wire.nlri.Prefix;
import java.time.Duration;

/**
 * What the kernel now holds of Petrel's for one prefix, told to a {@link FibObserver}: an immutable value.
 *
 * <p>{@link Kind#INSTALLED}: a route of ours for {@code prefix} is in the kernel, {@code entry.installed()}
 * being what it holds. That is a write the kernel acknowledged, a route written back after someone deleted it,
 * a route of ours found in the kernel (adopted at start or by a later re-read: {@code entry.state()} is then
 * {@link RouteState#STALE} until the RIB re-learns it), or, with {@code entry.installed()} already right, a failing
 * prefix whose desired route went back to what the kernel holds.
 *
 * <p>{@link Kind#REMOVED}: the kernel no longer holds a route of ours for it: our removal was acknowledged (a
 * withdrawal, a stale route nobody re-announced, a guard refusal), or someone else deleted it or replaced it with
 * a route of their own protocol. {@code entry} is null when the FIB has forgotten the prefix (nothing desired,
 * nothing in the kernel); otherwise it says what comes next (PENDING: written back; REFUSED: left alone).
 *
 * <p>{@link Kind#FAILED}: the kernel refused a write; {@code entry.installed()} is what it still holds.
 *
 * @param prefix the destination
 * @param kind what happened
 * @param entry the prefix's FIB state after it, as {@link Fib#entry} would show it; null when the FIB no longer
 *     holds the prefix (only after REMOVED)
 * @param error the kernel's answer (errno name and its extended-ack message) when FAILED, else null
 * @param retryIn when FAILED, how long until the FIB writes it again (doubling from
 *     {@link FibSettings#retryInterval} up to a minute); null otherwise, and when the FIB is stopping
 */
public record FibResult(Prefix prefix, Kind kind, FibEntryView entry, KernelError error, Duration retryIn) {
    /** What the kernel did. */
    public enum Kind {
        /** A route of ours for the prefix is in the kernel. */
        INSTALLED,
        /** No route of ours for the prefix is in the kernel any more. */
        REMOVED,
        /** The kernel refused the write; it will be retried. */
        FAILED
    }
}
