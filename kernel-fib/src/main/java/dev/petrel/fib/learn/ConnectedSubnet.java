package dev.petrel.fib.learn;

import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;

/**
 * The subnet an interface address makes directly reachable: {@code 10.255.1.2/24} on {@code eth0} makes
 * {@code 10.255.1.0/24} connected, and the kernel adds a {@code proto kernel scope link} route for it.
 *
 * @param prefix the subnet, host bits cleared
 * @param ifindex the interface the address is on
 * @param address the address itself
 */
public record ConnectedSubnet(Prefix prefix, int ifindex, InetAddress address) {
    static ConnectedSubnet of(dev.petrel.fib.kernel.KernelAddress a) {
        return new ConnectedSubnet(Prefixes.of(a.address(), a.prefixLength()), a.ifindex(), a.address());
    }
}
