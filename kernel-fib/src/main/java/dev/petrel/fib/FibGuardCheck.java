package dev.petrel.fib;

import dev.petrel.fib.kernel.KernelRoute;

/** Decides whether a route may be installed: null when it may, else the reason it may not (for logs and show). */
@FunctionalInterface
public interface FibGuardCheck {
    FibGuardCheck NONE = r -> null;

    String refuse(KernelRoute route);
}
