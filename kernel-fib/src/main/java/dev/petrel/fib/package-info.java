/**
 * The Linux FIB through rtnetlink over jnr-ffi.
 *
 * <p>Not built yet (issue "Kernel FIB"). This module will own a pure codec for {@code nlmsghdr}, {@code rtmsg},
 * {@code rtattr} and friends; the netlink sockets (one FIB thread owns them); a reconciler from the desired
 * state (Loc-RIB after a kernel export policy) to the installed routes, writing in acknowledged batches; route
 * ownership by protocol number (Petrel never touches a route that does not carry its own); and learning of
 * kernel and connected routes for export.
 *
 * <p>Built so far: the port and its value types ({@link dev.petrel.fib.kernel}), and learning plus the install
 * guard as pure logic on them ({@link dev.petrel.fib.learn}); nothing yet feeds them from a socket.
 */
package dev.petrel.fib;
