package dev.petrel.fib;

import dev.petrel.fib.kernel.KernelRoute;
import java.util.List;

/**
 * {@code show fib --diff}: the desired state against a fresh read of the kernel.
 *
 * @param missing desired routes the kernel does not hold
 * @param extra routes of ours the kernel holds that are not desired
 * @param different prefixes where the kernel holds another route of ours than desired: [desired, kernel] pairs
 */
public record FibDiff(List<KernelRoute> missing, List<KernelRoute> extra, List<List<KernelRoute>> different) {
    public boolean empty() {
        return missing.isEmpty() && extra.isEmpty() && different.isEmpty();
    }
}
