package dev.petrel.daemon.demo;

/**
 * The files the demo's processes read: each node agent's state file (the keys of the node-agent example's
 * {@code NodeSpecReader}), the reflector's Petrel configuration and BIRD's or FRR's configuration for the switch.
 */
final class DemoFiles {
    private DemoFiles() {}

    /**
     * A node agent's state file (HOCON).
     *
     * @param address the address the node's speaker listens on and peers from
     * @param reflector the route reflector's address
     * @param port the BGP port of every speaker in the cluster
     * @param nextHop the node's address to advertise instead of {@code address}, or null (loopback mode: a
     *     loopback NEXT_HOP is refused by BGP speakers)
     * @param dryRun whether the kernel FIB only pretends
     */
    static String nodeState(Cluster.Node n, String address, String reflector, int port, String nextHop,
            boolean dryRun) {
        return "node { name = " + n.name() + ", address = \"" + address + "\", as = " + Cluster.AS + ", port = " + port
                + (nextHop == null ? "" : ", next-hop = \"" + nextHop + "\"") + " }\n"
                + "ipam-blocks = [\"" + n.block() + "\"]\n"
                + "services { cluster-ips = [\"" + Cluster.SERVICES + "\"] }\n"
                + "communities { blocks = [\"" + Cluster.BLOCK_COMMUNITY + "\"], services = [\""
                + Cluster.SERVICE_COMMUNITY + "\"] }\n"
                + "bgp { mode = route-reflectors, connect-retry = 1s, peers = [ { name = rr, address = \""
                + reflector + "\" } ] }\n"
                + "kernel { install = true, dry-run = " + dryRun + " }\n";
    }

    /**
     * The reflector's configuration: every node of {@code range} is a route-reflector client, accepted through a
     * listen range (so it needs no per-node configuration), iBGP, everything in and out.
     *
     * @param listen the {@code addr:port} it listens on
     * @param adminSocket its admin socket, or null for none of its own (embedded: the API is the admin)
     * @param tor whether to add a static eBGP peer for the switch
     */
    static String reflector(String listen, String range, String adminSocket, boolean tor) {
        return "petrel {\n"
                + "  router-id = \"" + Cluster.REFLECTOR + "\"\n"
                + "  local-as = " + Cluster.AS + "\n"
                + "  listen = [\"" + listen + "\"]\n"
                + (adminSocket == null ? "" : "  admin.socket = \"" + adminSocket + "\"\n")
                + "  admin.http = off\n"
                + "  kernel.enabled = false\n"
                + "  peer-templates.nodes { remote-as = internal, route-reflector-client = true, import = all,"
                + " export = all, description = \"cluster node\" }\n"
                + "  listen-ranges = [ { prefix = \"" + range + "\", template = nodes } ]\n"
                + (tor ? "  peers = [ { name = tor, address = \"" + Cluster.TOR + "\", remote-as = " + Cluster.TOR_AS
                        + ", import = all, export = all, connect-retry = 1s, idle-hold = 1s,"
                        + " description = \"top-of-rack switch\" } ]\n" : "")
                + "}\n";
    }

    /** BIRD on the switch: one eBGP session to the reflector, taking everything, giving nothing. */
    static String bird() {
        return "router id " + Cluster.TOR + ";\n"
                + "log stderr all;\n"
                + "protocol device { }\n"
                + "protocol bgp reflector {\n"
                + "  description \"route reflector pdemo-rr\";\n"
                + "  local " + Cluster.TOR + " as " + Cluster.TOR_AS + ";\n"
                + "  neighbor " + Cluster.REFLECTOR + " as " + Cluster.AS + ";\n"
                + "  connect delay time 1;\n"
                + "  connect retry time 1;\n"
                + "  error wait time 1, 5;\n"
                + "  ipv4 { import all; export none; };\n"
                + "}\n";
    }

    /** FRR's bgpd.conf for the switch: the same session as {@link #bird()}, importing all, exporting nothing. */
    static String frr() {
        return "hostname pdemo-tor\n"
                + "route-map NONE deny 10\n"
                + "exit\n"
                + "router bgp " + Cluster.TOR_AS + "\n"
                + " bgp router-id " + Cluster.TOR + "\n"
                + " no bgp ebgp-requires-policy\n"
                + " no bgp default ipv4-unicast\n"
                + " neighbor " + Cluster.REFLECTOR + " remote-as " + Cluster.AS + "\n"
                + " neighbor " + Cluster.REFLECTOR + " description route reflector pdemo-rr\n"
                + " neighbor " + Cluster.REFLECTOR + " timers connect 1\n"
                + " address-family ipv4 unicast\n"
                + "  neighbor " + Cluster.REFLECTOR + " activate\n"
                + "  neighbor " + Cluster.REFLECTOR + " route-map NONE out\n"
                + " exit-address-family\n"
                + "exit\n";
    }
}
