package dev.petrel.interop.harness;

import dev.petrel.daemon.exec.Exec;
import dev.petrel.daemon.exec.CommandResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Ethernet segment joining several hosts: a bridge in a switch namespace of its own ({@code "sw"}), and one
 * veth pair per host, its host end addressed from a /24 of 10.255.128.0/17 and a /64 of fd00:255:2::/48. Every host
 * reaches every other directly, so any two can peer on the link and every next hop is on-link. Host {@code i} (in
 * the order given) has {@code .(i + 1)} and {@code ::(i + 1)}, which also makes the order of their IPv4 addresses
 * (router IDs, by the harness's convention) the order given.
 *
 * <p>The bridge runs without STP, so its ports forward as soon as they are up. Deleting the namespaces (the owning
 * {@link TestNetwork} does) deletes the bridge and the veth pairs.
 *
 * @param network the test network that owns it
 * @param sw the switch namespace holding the bridge
 * @param v4Prefix e.g. {@code "10.255.131."}: the first three octets of the IPv4 /24
 * @param v6Prefix e.g. {@code "fd00:255:2:83::"}: the IPv6 /64 without its host part
 * @param hosts each host's interface name on the segment, in the order given
 */
public record Lan(TestNetwork network, Netns sw, String v4Prefix, String v6Prefix, Map<Netns, String> hosts) {

    public Lan {
        hosts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
    }

    /** Creates the switch namespace, the bridge and a port for each of {@code members}, and waits until usable. */
    static Lan create(TestNetwork network, int n, List<Netns> members) {
        if (members.isEmpty() || members.size() > 250) {
            throw new IllegalArgumentException("1 to 250 hosts on a LAN: " + members.size());
        }
        Netns sw = network.netns("sw" + (n % 10));
        sw.ip("link", "add", "br0", "type", "bridge", "stp_state", "0", "forward_delay", "0").orThrow();
        sw.ip("link", "set", "br0", "up").orThrow();
        String v4 = "10.255." + (128 + n % 128) + ".";
        String v6 = "fd00:255:2:" + Integer.toHexString(n % 65536) + "::";
        Map<Netns, String> ifs = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            Netns host = members.get(i);
            String base = "l" + network.suffix() + (n % 10) + "h" + i;
            String hostIf = base + "a";
            String swIf = base + "b";
            Exec.run("ip", "link", "add", hostIf, "type", "veth", "peer", "name", swIf).orThrow();
            try {
                Exec.run("ip", "link", "set", hostIf, "netns", host.name()).orThrow();
                Exec.run("ip", "link", "set", swIf, "netns", sw.name()).orThrow();
            } catch (RuntimeException e) {
                Exec.run("ip", "link", "del", hostIf);
                Exec.run("ip", "link", "del", swIf);
                throw e;
            }
            sw.ip("link", "set", swIf, "master", "br0").orThrow();
            sw.ip("link", "set", swIf, "up").orThrow();
            host.ip("addr", "add", v4 + (i + 1) + "/24", "dev", hostIf).orThrow();
            host.ip("-6", "addr", "add", v6 + Integer.toHexString(i + 1) + "/64", "dev", hostIf, "nodad").orThrow();
            host.ip("link", "set", hostIf, "up").orThrow();
            ifs.put(host, hostIf);
        }
        Lan lan = new Lan(network, sw, v4, v6, ifs);
        lan.awaitReady(java.time.Duration.ofSeconds(20));
        return lan;
    }

    /** The address of {@code host} on the segment. */
    public String address(Netns host, boolean ipv6) {
        int i = index(host);
        return ipv6 ? v6Prefix + Integer.toHexString(i + 1) : v4Prefix + (i + 1);
    }

    /** The segment's subnet: {@code 10.255.N.0/24} or {@code fd00:255:2:N::/64}. */
    public String subnet(boolean ipv6) {
        return ipv6 ? v6Prefix + "/64" : v4Prefix + "0/24";
    }

    /** The interface of {@code host} on the segment. */
    public String interfaceOf(Netns host) {
        String name = hosts.get(host);
        if (name == null) {
            throw new IllegalArgumentException(host + " is not on " + this);
        }
        return name;
    }

    private int index(Netns host) {
        int i = 0;
        for (Netns h : hosts.keySet()) {
            if (h == host) {
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException(host + " is not on " + this);
    }

    /** Waits until every host's interface is up and every bridge port forwards. */
    public void awaitReady(java.time.Duration timeout) {
        Await.until("LAN " + subnet(false) + " up", timeout, this::readiness, String::isEmpty, s -> s);
    }

    private String readiness() {
        StringBuilder notReady = new StringBuilder();
        for (Map.Entry<Netns, String> e : hosts.entrySet()) {
            CommandResult link = e.getKey().ip("link", "show", "dev", e.getValue());
            if (!link.ok() || !link.stdout().contains("LOWER_UP")) {
                notReady.append(link.describe()).append('\n');
            }
            String port = e.getValue().substring(0, e.getValue().length() - 1) + "b";
            CommandResult p = sw.ip("-d", "link", "show", "dev", port);
            if (!p.ok() || !p.stdout().contains("state forwarding")) {
                notReady.append(p.describe()).append('\n');
            }
        }
        return notReady.toString();
    }

    @Override
    public String toString() {
        return "LAN " + subnet(false) + " / " + subnet(true) + " (" + hosts.keySet() + ")";
    }
}
