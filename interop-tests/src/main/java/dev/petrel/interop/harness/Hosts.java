package dev.petrel.interop.harness;

/**
 * The common topology: two hosts {@code a} and {@code b}, each its own namespace, joined by one veth link.
 *
 * @param network the test network that owns (and deletes) them
 * @param a host a (address {@code .1} / {@code ::1} on the link)
 * @param b host b (address {@code .2} / {@code ::2})
 * @param link the link between them
 */
public record Hosts(TestNetwork network, Netns a, Netns b, VethLink link) {

    /** Creates namespaces {@code pa<suffix>} and {@code pb<suffix>} and a link between them. */
    public static Hosts pair(TestNetwork network) {
        Netns a = network.netns("a");
        Netns b = network.netns("b");
        return new Hosts(network, a, b, network.link(a, b));
    }

    /** Hosts a and b with a router between them: see {@link RoutedHosts#create}. */
    public static RoutedHosts routed(TestNetwork network) {
        return RoutedHosts.create(network);
    }

    /** Address of {@code a} on the link. */
    public String aAddress(boolean ipv6) {
        return link.address(a, ipv6);
    }

    /** Address of {@code b} on the link. */
    public String bAddress(boolean ipv6) {
        return link.address(b, ipv6);
    }
}
