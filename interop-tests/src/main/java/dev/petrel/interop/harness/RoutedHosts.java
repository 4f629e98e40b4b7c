package dev.petrel.interop.harness;

/**
 * Two hosts one router apart: {@code a} and {@code b}, each its own namespace, each linked to a router namespace
 * {@code r} that forwards IPv4 and IPv6. Host {@code a} reaches {@code b}'s link through {@code r} by static
 * routes, and the other way round, so traffic between {@code a} and {@code b} crosses one router (2 hops: a
 * packet sent with TTL 1 dies at {@code r}, one sent with TTL 255 arrives with 254).
 *
 * <pre>
 *   a [aLink.a] ---- [aLink.b] r [bLink.a] ---- [bLink.b] b
 * </pre>
 *
 * @param network the test network that owns (and deletes) them
 * @param a host a (Petrel, by convention)
 * @param r the router
 * @param b host b
 * @param aLink the link a–r ({@code a} is its {@code a} end)
 * @param bLink the link r–b ({@code b} is its {@code b} end)
 */
public record RoutedHosts(TestNetwork network, Netns a, Netns r, Netns b, VethLink aLink, VethLink bLink) {

    /**
     * Creates namespaces {@code pa<suffix>}, {@code pr<suffix>} and {@code pb<suffix>}, links a–r and r–b,
     * switches on forwarding in r ({@code net.ipv4.ip_forward}, {@code net.ipv6.conf.all.forwarding}) and adds
     * routes on a to b's link and on b to a's link, IPv4 and IPv6, via r.
     */
    public static RoutedHosts create(TestNetwork network) {
        Netns a = network.netns("a");
        Netns r = network.netns("r");
        Netns b = network.netns("b");
        VethLink ar = network.link(a, r);
        VethLink rb = network.link(r, b);
        r.sysctl("net.ipv4.ip_forward", "1");
        r.sysctl("net.ipv6.conf.all.forwarding", "1");
        for (boolean v6 : new boolean[] {false, true}) {
            String family = v6 ? "-6" : "-4";
            a.ip(family, "route", "add", rb.subnet(v6), "via", ar.address(r, v6), "dev", ar.aIf()).orThrow();
            b.ip(family, "route", "add", ar.subnet(v6), "via", rb.address(r, v6), "dev", rb.bIf()).orThrow();
        }
        return new RoutedHosts(network, a, r, b, ar, rb);
    }

    /** Address of {@code a} (on its link to r). */
    public String aAddress(boolean ipv6) {
        return aLink.address(a, ipv6);
    }

    /** Address of {@code b} (on its link to r). */
    public String bAddress(boolean ipv6) {
        return bLink.address(b, ipv6);
    }

    /** Address of {@code r} on its link to {@code a}: a's next hop to b, the source of r's ICMP errors to a. */
    public String routerAddressTowardsA(boolean ipv6) {
        return aLink.address(r, ipv6);
    }

    /** Address of {@code r} on its link to {@code b}. */
    public String routerAddressTowardsB(boolean ipv6) {
        return bLink.address(r, ipv6);
    }
}
