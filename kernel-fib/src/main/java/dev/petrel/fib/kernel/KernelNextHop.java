package dev.petrel.fib.kernel;

import java.net.InetAddress;

/**
 * One next hop of a kernel route.
 *
 * @param gateway the next-hop address ({@code RTA_GATEWAY}, or {@code RTA_VIA} for an IPv6 next hop of an IPv4
 *     route, RFC 8950); null for a route straight out of an interface
 * @param ifindex the output interface ({@code RTA_OIF}); 0 lets the kernel resolve it from the gateway
 * @param onlink {@code RTNH_F_ONLINK}: the gateway is on the link even if no subnet says so
 * @param weight the ECMP weight, 1..256 ({@code rtnh_hops} + 1)
 */
public record KernelNextHop(InetAddress gateway, int ifindex, boolean onlink, int weight) {
    public KernelNextHop {
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("weight " + weight + " is out of range 1..256");
        }
    }

    public static KernelNextHop via(InetAddress gateway) {
        return new KernelNextHop(gateway, 0, false, 1);
    }

    @Override
    public String toString() {
        return (gateway != null ? "via " + gateway.getHostAddress() : "")
                + (ifindex != 0 ? " dev#" + ifindex : "") + (onlink ? " onlink" : "")
                + (weight != 1 ? " weight " + weight : "");
    }
}
