package dev.petrel.fib.kernel;

/**
 * One write to the kernel's FIB. Ops of a batch are applied in order, so a nexthop object created by an earlier
 * op can be referenced by a later route, and a route removed by an earlier op no longer holds a later-removed
 * object.
 */
public sealed interface KernelOp {
    /** The route written, or null for the nexthop-object ops. */
    KernelRoute route();

    /** {@code RTM_NEWROUTE} with {@code NLM_F_CREATE | NLM_F_REPLACE}: add, or replace the route with the same key. */
    record Install(KernelRoute route) implements KernelOp {}

    /** {@code RTM_DELROUTE} of exactly this route (table, prefix, priority, protocol). */
    record Remove(KernelRoute route) implements KernelOp {}

    /** {@code RTM_NEWNEXTHOP} with {@code NLM_F_CREATE | NLM_F_REPLACE}: create, or replace the object with its id. */
    record InstallNexthop(KernelNexthopObject object) implements KernelOp {
        @Override
        public KernelRoute route() {
            return null;
        }
    }

    /**
     * {@code RTM_DELNEXTHOP} of object {@code id}; an object already gone counts as removed. The kernel deletes
     * the routes still using it, so the caller removes them first.
     */
    record RemoveNexthop(int id) implements KernelOp {
        @Override
        public KernelRoute route() {
            return null;
        }
    }
}
