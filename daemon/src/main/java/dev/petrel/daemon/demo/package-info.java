/**
 * {@code petrel demo}: Petrel's main job, shown on a fresh machine.
 *
 * <p>As root ({@link dev.petrel.daemon.demo.NamespaceDemo}) it builds a Kubernetes-style cluster in network
 * namespaces named {@code pdemo-*} ({@code ClusterNetwork}: a bridged LAN in 10.255.200.0/24, pods wired as
 * Calico wires them): two nodes each running the node-agent example as a child JVM, with the kernel FIB writing
 * real routes; a route reflector ({@code petrel run}, nodes accepted through a listen range); and BIRD, else FRR
 * ({@code Tor}: {@code BirdTor}, {@code FrrTor}; {@code --tor} chooses), as the top-of-rack switch when installed.
 * It waits on observable state only (the agents' status files, {@code ip route show proto 186}, {@code birdc} or
 * {@code vtysh}), each wait with a deadline and a message naming what did not happen; then prints the peers, the
 * kernel routes, the switch's table and a ping from a pod on one node to a pod on the other.
 * Everything it started or created is removed at the end, on failure and on Ctrl-C ({@code Children} by PID,
 * {@code Namespaces} by name).
 *
 * <p>Otherwise, or with {@code --loopback} ({@link dev.petrel.daemon.demo.LoopbackDemo}), the same cluster runs
 * in-process on 127.0.0.x through the public API, with the kernel FIB in dry-run mode.
 */
package dev.petrel.daemon.demo;
