package dev.petrel.fib.kernel;

/** One write to the kernel's FIB. */
public sealed interface KernelOp {
    KernelRoute route();

    /** {@code RTM_NEWROUTE} with {@code NLM_F_CREATE | NLM_F_REPLACE}: add, or replace the route with the same key. */
    record Install(KernelRoute route) implements KernelOp {}

    /** {@code RTM_DELROUTE} of exactly this route (table, prefix, priority, protocol). */
    record Remove(KernelRoute route) implements KernelOp {}
}
