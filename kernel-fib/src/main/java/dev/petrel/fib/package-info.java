/**
 * The Linux FIB: Petrel's best paths written into the kernel over rtnetlink, the node agent's routes learned back
 * from it, event-driven, owned by protocol number, and surviving restarts.
 *
 * <p><b>Layers.</b>
 * <ul>
 *   <li>{@code dev.petrel.fib.netlink}: a pure codec for {@code nlmsghdr}, {@code rtmsg}, {@code rtattr},
 *       {@code ifinfomsg}, {@code ifaddrmsg}, {@code nhmsg} and {@code nlmsgerr} with extended acks, golden-tested both ways
 *       against bytes captured from a real kernel; and the sockets, through jnr-ffi (libc {@code socket},
 *       {@code setsockopt}, {@code sendto}, {@code recvmmsg}, {@code setns}).</li>
 *   <li>{@link dev.petrel.fib.kernel}: the {@link dev.petrel.fib.kernel.Kernel} port (write a batch, dump, poll
 *       notifications) and its values; {@link dev.petrel.fib.kernel.RtNetlinkKernel} implements it with one
 *       request socket (writes and dumps, the FIB thread's) and one monitor socket (the monitor thread's).
 *       {@link dev.petrel.fib.kernel.DryRunKernel} keeps every write in memory and says yes to it
 *       ({@code kernel.dry-run}: no {@code CAP_NET_ADMIN}, several speakers in one process, {@code show fib} and
 *       the diff still work). Tests use an in-memory fake that can be told to fail.</li>
 *   <li>{@link dev.petrel.fib.Fib}: the sync. The RIB thread hands it the newest wish per prefix (a concurrent
 *       map, latest wins, so a flapping prefix is written once per batch and the RIB never waits); the FIB thread
 *       writes acknowledged batches, retries failures with back-off (1 s doubling to a minute), counts every
 *       error by errno and logs it with the kernel's own message (rate-limited), and never lets one route's
 *       failure stop the others.</li>
 *   <li>{@code dev.petrel.fib.learn}: which kernel routes become local routes (the learn policy, by protocol,
 *       table, type and output-interface globs such as {@code cali*} / {@code -kube-ipvs*}, plus connected
 *       subnets), the node's view of its links and addresses, and the guard that refuses to install a route that
 *       would hijack the node's own addresses, subnets, protected prefixes, martians or the default route.</li>
 * </ul>
 *
 * <p><b>Ownership.</b> Every route Petrel writes carries {@link dev.petrel.fib.FibSettings#protocol} (186,
 * {@code bgp}), and Petrel never changes or deletes a route without it: removals name the protocol, and where
 * another protocol's route holds the same table, prefix and metric, Petrel refuses to write rather than replace
 * it (BIRD and FRR replace). A route of ours that someone else deletes is written back; one someone else replaces
 * with their own becomes theirs.
 *
 * <p><b>ECMP through nexthop objects.</b> When the kernel has nexthop objects (Linux 5.3 and later; probed once
 * at start with an {@code RTM_GETNEXTHOP} dump), a route with two or more next hops is written as
 * {@code RTA_NH_ID} of a group object instead of {@code RTA_MULTIPATH}, so a change of a shared ECMP set is one
 * object per set and a million routes through the same two peers share one group. Petrel creates one object per
 * distinct next hop (gateway and output interface, the interface being the one whose connected subnet holds the
 * gateway) and one group per distinct ordered list of (hop, weight), all with its protocol number and ids it
 * allocates from 0x10000000 up, skipping every id the kernel already holds. Objects are created in the same batch
 * as, and before, the first route that uses them; routes hold references (desired and installed alike), and an
 * object goes, after the route removal that released it, once nothing references it and the FIB has converged.
 * A failed create fails the routes that need it, which are counted and retried like any other failure. On start
 * the objects of our protocol are adopted with the routes that reference them (compared by the hops they resolve
 * to); those still unused after convergence are removed. Objects of other protocols are never written or
 * deleted, and their ids never allocated. Single-next-hop routes keep a plain {@code RTA_GATEWAY} (as FRR does by
 * default for singletons: no object to manage for the common case), and an ECMP route with a gateway outside
 * every connected subnet (recursive, or on-link) spells its hops out as before, leaving the resolution to the
 * kernel. Without nexthop objects, every ECMP route uses {@code RTA_MULTIPATH}.
 *
 * <p><b>Results.</b> An embedder that wants to know what the kernel really did attaches a
 * {@link dev.petrel.fib.FibObserver} with {@link dev.petrel.fib.Fib#observe}: on the FIB thread it gets a snapshot
 * of every entry, then a {@link dev.petrel.fib.FibResult} per prefix whose kernel state changed: installed (an
 * acknowledged write, a repair, a route of ours found in a re-read or adopted), removed (an acknowledged removal,
 * or someone else deleted or replaced it), or failed with the kernel's errno and message and the retry delay; a
 * retry that fails the same way is not told again. Snapshot and results come from the one thread that owns the
 * table, so a mirror built from them misses nothing; with no observer nothing is built.
 *
 * <p><b>No scan.</b> BIRD's kernel protocol re-reads the whole table every {@code scan time} (Calico sets 2 s),
 * which costs a core with large tables. Petrel listens to the route, link and address notification groups
 * instead, re-reads only when the kernel says it dropped notifications ({@code ENOBUFS}: a 32 MiB receive buffer
 * makes that rare) and on a slow verify (10 minutes by default). An idle FIB does nothing.
 *
 * <p><b>Restart.</b> On start the FIB reads the kernel and adopts the routes of its protocol as stale: they keep
 * forwarding while the sessions come back. The RIB tells the FIB when a peer has sent End-of-RIB for every family
 * (after the routes that preceded it, on the RIB's own queue, so nothing re-learned is still in flight); when every
 * configured peer has, or the convergence deferral (120 s) ends, the stale routes nobody re-announced are removed.
 * On stop, routes stay in the kernel by default ({@code persist}, as Calico runs BIRD), so a restart or a
 * {@code kill -9} costs no forwarding.
 *
 * <p><b>Deliberate departures.</b> Petrel installs only routes whose best path is from a BGP peer (a local or
 * kernel-learned best is forwarding state already); a link-local next hop (a peer without a global address) goes
 * out of the interface that holds our end of its session, and a route with no usable next hop is shown refused
 * with the reason rather than dropped silently; connected subnets are learned from every interface
 * but {@code cali*} and {@code kube-ipvs*}, as Calico's {@code direct} protocol does.
 */
package dev.petrel.fib;
