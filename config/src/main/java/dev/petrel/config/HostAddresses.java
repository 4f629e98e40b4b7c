package dev.petrel.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The IP addresses of this host, for the checks that a peer's {@code local-address} and a {@code listen}
 * address are ours. Injectable, so that tests give a fixed list and the check does not depend on the machine.
 *
 * <p>What is missing is a warning, not an error: in a container or a network namespace the address may be added
 * after the check (a pod IP, a keepalived VIP, an interface created by the CNI), and Petrel keeps retrying the
 * connection until it can bind it.
 */
@FunctionalInterface
public interface HostAddresses {
    /** The addresses, without IPv6 scope IDs; null when they cannot be listed (then nothing is checked). */
    Set<InetAddress> addresses();

    /** The addresses of every interface of the host, up or down (an address on a down interface binds). */
    HostAddresses SYSTEM = () -> {
        try {
            Set<InetAddress> out = new LinkedHashSet<>();
            for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(i.getInetAddresses())) {
                    out.add(withoutScope(a));
                }
            }
            return out;
        } catch (SocketException e) {
            return null;
        }
    };

    /** No check at all. */
    HostAddresses UNCHECKED = () -> null;

    /** A fixed list. */
    static HostAddresses of(InetAddress... addresses) {
        Set<InetAddress> out = new LinkedHashSet<>();
        for (InetAddress a : addresses) {
            out.add(withoutScope(a));
        }
        Set<InetAddress> fixed = Collections.unmodifiableSet(out);
        return () -> fixed;
    }

    /** fe80::1%eth0 and fe80::1 compare equal: the configuration writes no scope. */
    static InetAddress withoutScope(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 octets are always an address", e);
        }
    }
}
