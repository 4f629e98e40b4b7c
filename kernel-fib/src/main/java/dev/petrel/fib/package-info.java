/**
 * The Linux FIB through rtnetlink over jnr-ffi.
 *
 * <p>Not all built yet (issue "Kernel FIB"). This module will own a pure codec for {@code nlmsghdr}, {@code rtmsg},
 * {@code rtattr} and friends; the netlink sockets (one FIB thread owns them); a reconciler from the desired
 * state (Loc-RIB after a kernel export policy) to the installed routes, writing in acknowledged batches; route
 * ownership by protocol number (Petrel never touches a route that does not carry its own); and learning of
 * kernel and connected routes for export.
 *
 * <p>Built so far: the rtnetlink layer. {@code dev.petrel.fib.netlink} is a pure codec for the netlink messages
 * (golden-tested against bytes captured from a real kernel) plus the jnr-ffi sockets, and
 * {@link dev.petrel.fib.kernel.RtNetlinkKernel} implements the {@link dev.petrel.fib.kernel.Kernel} port on them:
 * writes go out in 64 KiB datagrams of individually acknowledged requests (a batch of 20,000 routes takes a
 * fraction of a second), dumps retry when the kernel flags them interrupted, and the monitor turns lost
 * notifications into an Overrun that calls for a re-read. The reconciler, route ownership and the learning of
 * kernel routes are still to come.
 */
package dev.petrel.fib;
