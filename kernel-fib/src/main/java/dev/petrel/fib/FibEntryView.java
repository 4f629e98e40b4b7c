package dev.petrel.fib;

import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.wire.nlri.Prefix;

/**
 * One prefix in {@code show fib}: an immutable copy.
 *
 * @param prefix the destination
 * @param state where it stands
 * @param desired what Petrel wants in the kernel, or null
 * @param installed what the kernel holds of Petrel's, or null
 * @param peer the peer of the best path, or null
 * @param problem the kernel's error or the guard's reason, or null
 * @param attempts failed writes in a row
 */
public record FibEntryView(Prefix prefix, RouteState state, KernelRoute desired, KernelRoute installed, String peer,
        String problem, int attempts) {}
