/**
 * Learning routes from the kernel, and guarding what Petrel installs into it.
 *
 * <p>On a Kubernetes node running Calico, the node agent (Felix) writes the routes this node is the destination
 * for straight into the kernel: a blackhole per /26 IPAM block ({@code ip route add blackhole 10.244.1.0/26}),
 * a /32 per pod on its {@code cali*} veth ({@code 10.244.1.5 dev cali1234 scope link}). Calico's BIRD picks
 * them up with {@code protocol kernel { learn; scan time 2; }} and an import filter, and originates them over
 * BGP; the node's own subnets come from {@code protocol direct}. This package does the same for Petrel:
 *
 * <ul>
 *   <li>{@link dev.petrel.fib.learn.KernelState} is the node as the kernel describes it (links, addresses,
 *       routes), fed by a dump and then by notifications;
 *   <li>{@link dev.petrel.fib.learn.LearnPolicy} says which kernel routes and interface subnets are this node's
 *       to originate, with {@link dev.petrel.fib.learn.InterfaceGlob}s written the way BIRD and Calico write
 *       them, and gives its reason for {@code show};
 *   <li>{@link dev.petrel.fib.learn.Learner} keeps the learned set, one route per prefix, and reports each real
 *       change once to a {@link dev.petrel.fib.learn.LearnSink};
 *   <li>{@link dev.petrel.fib.learn.FibGuard} runs the other way: it refuses to install a BGP route that would
 *       hijack this node's own addresses, subnets or protected prefixes, a martian, or a default route.
 * </ul>
 *
 * <p>Deliberate differences:
 * <ul>
 *   <li>Event-driven, not scanned. BIRD re-reads the kernel table every {@code scan time} (2 s in Calico), so a
 *       new pod is advertised up to 2 s late and every scan costs a full dump. Here each
 *       {@code RTM_NEWROUTE}/{@code RTM_DELROUTE}/link/address notification changes only the prefixes it
 *       touches; a full dump is taken only at start and after the monitor socket overruns, and then reports only
 *       the difference, so a resync that finds nothing new withdraws and re-announces nothing.
 *   <li>Routes written with Petrel's own protocol number are never learned, whatever the policy says: they came
 *       from peers, and re-originating them would make this node claim other nodes' pods.
 *   <li>The kernel's habits are absorbed in {@link dev.petrel.fib.learn.KernelState}: an administratively
 *       downed link's routes are flushed without an {@code RTM_DELROUTE} for IPv4, so they are dropped on the
 *       link event; a link without carrier keeps its routes, which are unlearned until carrier returns.
 *   <li>Stricter installation. Calico's BIRD installs every route its peers send (its kernel export filter
 *       only rewrites next hops). {@link dev.petrel.fib.learn.FibGuard} refuses, by default, anything that
 *       covers or equals this node's addresses, falls inside its subnets or its protected prefixes, is a martian
 *       or a default route, or points back at the node; options only loosen it.
 * </ul>
 *
 * <p>Everything here is pure logic on the {@link dev.petrel.fib.kernel} value types: no sockets, no threads of
 * its own.
 */
package dev.petrel.fib.learn;
