package dev.petrel.daemon.demo;

import dev.petrel.daemon.exec.Exec;
import dev.petrel.daemon.exec.CommandResult;
import dev.petrel.fib.kernel.KernelException;
import dev.petrel.fib.netlink.NetNs;
import java.io.IOException;
import java.net.InetAddress;

/**
 * One ICMP echo from inside a namespace: {@code ip netns exec NS ping -c 1 -W 2 ADDRESS}, or, where {@code ping}
 * is not installed (a minimal Debian has no iputils-ping), the same echo sent by this JVM from a thread that has
 * entered the namespace ({@link NetNs}; as root, {@link InetAddress#isReachable} sends an ICMP echo request).
 */
final class Pinger {
    private Pinger() {}

    /**
     * What was run and what it printed.
     *
     * @param command the command as a user would type it
     * @param ok whether the echo was answered
     * @param output what it printed
     */
    record Ping(String command, boolean ok, String output) {}

    static Ping ping(String ns, String address) {
        if (Exec.onPath("ping")) {
            CommandResult r = Namespaces.exec(ns, "ping", "-c", "1", "-W", "2", address);
            return new Ping(String.join(" ", r.command()), r.ok(), r.output());
        }
        String command = "(ping is not installed) ICMP echo to " + address + " from a JVM thread in " + ns;
        try {
            boolean ok = NetNs.in(ns, () -> {
                try {
                    return InetAddress.getByName(address).isReachable(2000);
                } catch (IOException e) {
                    throw new KernelException("echo failed: " + e.getMessage(), e);
                }
            });
            return new Ping(command, ok, ok ? "reply from " + address + "\n" : "no reply from " + address
                    + " within 2 s\n");
        } catch (KernelException e) {
            return new Ping(command, false, e.getMessage() + "\n");
        }
    }
}
