package dev.petrel.daemon.demo;

import java.util.List;

/**
 * The demo cluster's plan, shared by both modes: AS 64512, two nodes each with a Calico-style /26 IPAM block and
 * one pod, a route reflector, and (root mode, when BIRD is installed) a top-of-rack switch in AS 65001; every
 * address in 10.255.200.0/24. The service CIDR 10.96.0.0/12 is originated by both nodes (Calico advertises
 * cluster IPs from every node, for ECMP at the switch).
 */
final class Cluster {
    static final long AS = 64512;
    static final long TOR_AS = 65001;
    static final String LAN = "10.255.200.0/24";
    static final String REFLECTOR = "10.255.200.10";
    static final String TOR = "10.255.200.254";
    static final String SERVICES = "10.96.0.0/12";
    static final String BLOCK_COMMUNITY = "64512:100";
    static final String SERVICE_COMMUNITY = "64512:200";

    /**
     * One node.
     *
     * @param name its short name ({@code n1}); its namespace is {@code pdemo-n1}
     * @param index 1 or 2: its pod is in {@code pdemo-pod1}, behind {@code cali1}
     * @param address its node IP on the LAN
     * @param block its IPAM block
     * @param pod its pod's address
     */
    record Node(String name, int index, String address, String block, String pod) {
        String namespace() {
            return Namespaces.PREFIX + name;
        }

        String podName() {
            return "pod" + index;
        }

        String podNamespace() {
            return Namespaces.PREFIX + podName();
        }

        String cali() {
            return "cali" + index;
        }
    }

    static final Node N1 = new Node("n1", 1, "10.255.200.1", "10.244.1.0/26", "10.244.1.5");
    static final Node N2 = new Node("n2", 2, "10.255.200.2", "10.244.2.0/26", "10.244.2.5");
    static final List<Node> NODES = List.of(N1, N2);

    private Cluster() {}

    /** The other node. */
    static Node other(Node n) {
        return n == N1 ? N2 : N1;
    }
}
