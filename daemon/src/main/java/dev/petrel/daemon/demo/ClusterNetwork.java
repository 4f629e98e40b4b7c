package dev.petrel.daemon.demo;

import static dev.petrel.daemon.demo.Namespaces.ip;

/**
 * Builds the root-mode cluster in network namespaces: a LAN (a bridge in {@code pdemo-lan}, a veth pair to each
 * member's {@code eth0}) joining the nodes, the reflector and the switch; and on each node a pod wired as Calico
 * wires one.
 *
 * <p>Calico's pod wiring: the pod's {@code eth0} has a /32 and a default route via 169.254.1.1, an address nobody
 * has; the node's end ({@code caliN}) has no address but proxy ARP, so the node answers for 169.254.1.1 and
 * receives everything the pod sends; the node routes the pod's /32 to {@code caliN}. Proxy ARP answers only for
 * an address the node has a route to through another interface, so each node has a default route (via the
 * switch, the rack's gateway). Calico's IPAM also puts a blackhole route for the node's own block into the node:
 * addresses of the block not given to a pod go nowhere, rather than back out the default route. Petrel originates
 * the block into BGP; the other node's kernel gets a route for it via this node.
 */
final class ClusterNetwork {
    static final String BRIDGE = "br0";

    private ClusterNetwork() {}

    /** Creates every namespace, link, address and route; {@code namespaces} deletes them. */
    static void build(Namespaces namespaces, boolean withTor) {
        String lan = namespaces.create("lan");
        ip(lan, "link", "add", BRIDGE, "type", "bridge", "stp_state", "0", "forward_delay", "0");
        ip(lan, "link", "set", BRIDGE, "up");
        for (Cluster.Node n : Cluster.NODES) {
            member(namespaces, lan, n.name(), n.address());
        }
        member(namespaces, lan, "rr", Cluster.REFLECTOR);
        if (withTor) {
            member(namespaces, lan, "tor", Cluster.TOR);
        }
        for (Cluster.Node n : Cluster.NODES) {
            pod(namespaces, n);
        }
    }

    /** A namespace on the LAN: its {@code eth0} is one end of a veth pair whose other end is a bridge port. */
    private static void member(Namespaces namespaces, String lan, String name, String address) {
        String ns = namespaces.create(name);
        ip(lan, "link", "add", name, "type", "veth", "peer", "name", "eth0", "netns", ns);
        ip(lan, "link", "set", name, "master", BRIDGE, "up");
        ip(ns, "addr", "add", address + "/24", "dev", "eth0");
        ip(ns, "link", "set", "eth0", "up");
    }

    private static void pod(Namespaces namespaces, Cluster.Node n) {
        String node = n.namespace();
        String pod = namespaces.create(n.podName());
        ip(node, "link", "add", n.cali(), "type", "veth", "peer", "name", "eth0", "netns", pod);
        ip(pod, "addr", "add", n.pod() + "/32", "dev", "eth0");
        ip(pod, "link", "set", "eth0", "up");
        ip(pod, "route", "add", "default", "via", "169.254.1.1", "dev", "eth0", "onlink");
        ip(node, "link", "set", n.cali(), "up");
        // proxy_delay 0 as Calico sets it: by default proxy ARP answers after a random delay of up to 0.8 s.
        Namespaces.sysctl(node, "net.ipv4.ip_forward", "1", "net.ipv4.conf." + n.cali() + ".proxy_arp", "1",
                "net.ipv4.neigh." + n.cali() + ".proxy_delay", "0");
        ip(node, "route", "add", n.pod() + "/32", "dev", n.cali());
        ip(node, "route", "add", "blackhole", n.block());
        ip(node, "route", "add", "default", "via", Cluster.TOR, "dev", "eth0");
    }
}
