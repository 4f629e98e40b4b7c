package dev.petrel.interop.harness;

import dev.petrel.daemon.exec.Exec;
import dev.petrel.daemon.exec.CommandResult;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * A veth pair joining two namespaces, with an IPv4 and an IPv6 address on each end; created up and ready (link
 * up, IPv6 addresses not tentative). Deleting either namespace deletes the pair.
 *
 * @param a one namespace
 * @param aIf the interface name in {@code a}
 * @param b the other namespace
 * @param bIf the interface name in {@code b}
 * @param aV4 IPv4 address of the {@code a} end (no prefix length)
 * @param bV4 IPv4 address of the {@code b} end
 * @param v4PrefixLength e.g. 30 or 24
 * @param aV6 IPv6 address of the {@code a} end
 * @param bV6 IPv6 address of the {@code b} end
 * @param v6PrefixLength 64
 */
public record VethLink(Netns a, String aIf, Netns b, String bIf, String aV4, String bV4, int v4PrefixLength,
        String aV6, String bV6, int v6PrefixLength) {

    /** Longest Linux interface name. */
    public static final int IFNAMSIZ_MAX = 15;

    /**
     * Creates the pair {@code aIf}/{@code bIf} in the host namespace, moves the ends into {@code a} and {@code b},
     * addresses them (IPv6 with {@code nodad}) and waits until they are usable.
     */
    public static VethLink create(Netns a, String aIf, Netns b, String bIf, String aV4, String bV4,
            int v4PrefixLength, String aV6, String bV6, int v6PrefixLength) {
        if (aIf.length() > IFNAMSIZ_MAX || bIf.length() > IFNAMSIZ_MAX) {
            throw new IllegalArgumentException("interface name longer than 15 characters: " + aIf + ", " + bIf);
        }
        Exec.run("ip", "link", "add", aIf, "type", "veth", "peer", "name", bIf).orThrow();
        try {
            Exec.run("ip", "link", "set", aIf, "netns", a.name()).orThrow();
            Exec.run("ip", "link", "set", bIf, "netns", b.name()).orThrow();
        } catch (RuntimeException e) {
            // Still in the host namespace: remove it here, deleting the namespaces would not.
            Exec.run("ip", "link", "del", aIf);
            Exec.run("ip", "link", "del", bIf);
            throw e;
        }
        VethLink link = new VethLink(a, aIf, b, bIf, aV4, bV4, v4PrefixLength, aV6, bV6, v6PrefixLength);
        link.configure(a, aIf, aV4, aV6);
        link.configure(b, bIf, bV4, bV6);
        link.awaitReady(Duration.ofSeconds(10));
        return link;
    }

    private void configure(Netns ns, String ifName, String v4, String v6) {
        ns.ip("addr", "add", v4 + "/" + v4PrefixLength, "dev", ifName).orThrow();
        ns.ip("-6", "addr", "add", v6 + "/" + v6PrefixLength, "dev", ifName, "nodad").orThrow();
        ns.ip("link", "set", ifName, "up").orThrow();
    }

    /** Waits until both ends are up and neither has a tentative IPv6 address. */
    public void awaitReady(Duration timeout) {
        Await.until("veth " + aIf + "/" + bIf + " up with usable addresses", timeout, this::readiness,
                s -> s.isEmpty(), s -> s);
    }

    /** Empty when ready, else what is not ready yet. */
    private String readiness() {
        StringBuilder notReady = new StringBuilder();
        check(a, aIf, notReady);
        check(b, bIf, notReady);
        return notReady.toString();
    }

    private static void check(Netns ns, String ifName, StringBuilder notReady) {
        CommandResult link = ns.ip("link", "show", "dev", ifName);
        if (!link.ok() || !link.stdout().contains("LOWER_UP")) {
            notReady.append(link.describe()).append('\n');
        }
        CommandResult tentative = ns.ip("-6", "addr", "show", "dev", ifName, "tentative");
        if (!tentative.ok() || !tentative.stdout().isBlank()) {
            notReady.append(tentative.describe()).append('\n');
        }
    }

    /** The address of the end in {@code ns}, IPv4 or IPv6. */
    public String address(Netns ns, boolean ipv6) {
        if (ns == a) {
            return ipv6 ? aV6 : aV4;
        }
        if (ns == b) {
            return ipv6 ? bV6 : bV4;
        }
        throw new IllegalArgumentException(ns + " is not an end of " + this);
    }

    /**
     * The link's IPv4 or IPv6 subnet in CIDR form, e.g. {@code 10.255.3.4/30} or {@code fd00:255:1:c3:0:0:0:0/64}
     * (Java's uncompressed IPv6 form, which {@code ip} accepts).
     */
    public String subnet(boolean ipv6) {
        String addr = ipv6 ? aV6 : aV4;
        int length = ipv6 ? v6PrefixLength : v4PrefixLength;
        try {
            byte[] bytes = InetAddress.getByName(addr).getAddress();
            for (int bit = length; bit < bytes.length * 8; bit++) {
                bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + length;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address literal: " + addr, e);
        }
    }

    /** The address of the end opposite {@code ns}. */
    public String peerAddress(Netns ns, boolean ipv6) {
        return address(ns == a ? b : a, ipv6);
    }
}
