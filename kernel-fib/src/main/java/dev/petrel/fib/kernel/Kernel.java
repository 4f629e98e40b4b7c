package dev.petrel.fib.kernel;

import java.util.List;
import java.util.function.Consumer;

/**
 * The kernel as Petrel's FIB sees it: the port between the sync logic and rtnetlink. {@code RtNetlinkKernel}
 * talks to Linux; {@link DryRunKernel} only pretends to (kernel.dry-run); tests use an in-memory fake that can be
 * told to fail.
 *
 * <p>Threads: {@link #write} and the dumps are called by one thread (the FIB thread), {@link #poll} by another
 * (the monitor thread); each owns its own socket.
 */
public interface Kernel extends AutoCloseable {
    /**
     * Sends {@code ops} as one batch and waits until the kernel's verdict on each is known. Returns one entry per
     * op, in order: null when it succeeded, else the kernel's error (or, when the verdict was lost, an error
     * saying so: an op is never reported as succeeded without the kernel having said so). Removing a route or a nexthop
     * object that is already gone ({@code ESRCH}/{@code ENOENT}) counts as success.
     */
    List<KernelError> write(List<KernelOp> ops) throws KernelException;

    /** Every route of both families in every table ({@code RTM_GETROUTE} dump). */
    List<KernelRoute> routes() throws KernelException;

    /**
     * Every nexthop object ({@code RTM_GETNEXTHOP} dump, Linux 5.3 and later). The default, for kernels and fakes
     * without them, is none.
     */
    default List<KernelNexthopObject> nexthops() throws KernelException {
        return List.of();
    }

    /**
     * Whether the kernel has nexthop objects: a {@code RTM_GETNEXTHOP} dump succeeds. When not, ECMP routes spell
     * their next hops out ({@code RTA_MULTIPATH}) and no nexthop op is ever written.
     */
    default boolean supportsNexthopObjects() {
        return false;
    }

    /** Every interface ({@code RTM_GETLINK} dump). */
    List<KernelLink> links() throws KernelException;

    /** Every address of both families ({@code RTM_GETADDR} dump). */
    List<KernelAddress> addresses() throws KernelException;

    /**
     * Waits up to {@code timeoutMillis} for notifications from the route, link and address groups and hands each
     * to {@code sink} (a lost batch as {@link KernelEvent.Overrun}). Returns how many were handed over.
     */
    int poll(long timeoutMillis, Consumer<KernelEvent> sink) throws KernelException;

    @Override
    void close();
}
