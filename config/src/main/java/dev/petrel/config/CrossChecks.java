package dev.petrel.config;

import com.typesafe.config.ConfigList;
import dev.petrel.rib.policy.Prefixes;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks across blocks, made once each block is valid on its own: the addresses we bind are ours (warnings),
 * a configured peer inside a listen range (a warning: allowed, the peer wins), and the health endpoints not on
 * a BGP listen port (an error: one of the two binds would fail). Duplicate peers, identical ranges and undefined
 * policies are found where those are read.
 */
final class CrossChecks {
    /** How many of the host's addresses a warning lists before "and N more". */
    private static final int SHOWN = 8;

    private CrossChecks() {}

    /**
     * @param peerSections each valid peer's section, by name, for the place of a message
     */
    static void check(Section petrel, Section admin, List<ListenAddress> listen, HttpOptions http,
            List<PeerConfig> peers, Map<String, Section> peerSections, List<ListenRange> ranges,
            HostAddresses host) {
        if (listen != null && http != null && http.address() != null && admin != null) {
            httpNotOnListenPort(admin, http.address(), listen);
        }
        if (peers != null && ranges != null) {
            for (PeerConfig p : peers) {
                peerInRange(peerSections.get(p.name()), p, ranges);
            }
        }
        Set<InetAddress> ours = host.addresses();
        if (ours == null) {
            return;
        }
        if (peers != null) {
            for (PeerConfig p : peers) {
                p.localAddress().ifPresent(a -> {
                    if (!isOurs(a, ours)) {
                        peerSections.get(p.name()).warn("local-address", notOurs(a, ours)
                                + ": connecting from it fails (EADDRNOTAVAIL) until it is added, and is retried");
                    }
                });
            }
        }
        if (listen != null) {
            ConfigList items = petrel.list("listen");
            for (int i = 0; i < listen.size(); i++) {
                InetAddress a = listen.get(i).address();
                if (!a.isAnyLocalAddress() && !isOurs(a, ours)) {
                    petrel.problems.warn(items.get(i).origin(), petrel.key("listen") + "[" + i + "]",
                            notOurs(a, ours) + ": listening on " + listen.get(i) + " fails at start");
                }
            }
        }
    }

    /** Equal, or one of them the wildcard of the same family (IPv6 listeners are IPV6_V6ONLY). */
    private static void httpNotOnListenPort(Section admin, ListenAddress http, List<ListenAddress> listen) {
        for (ListenAddress l : listen) {
            boolean sameFamily = (l.address() instanceof Inet4Address) == (http.address() instanceof Inet4Address);
            if (l.port() == http.port() && sameFamily && (l.address().equals(http.address())
                    || l.address().isAnyLocalAddress() || http.address().isAnyLocalAddress())) {
                admin.error("http", http + " collides with the BGP listen address " + l + " (petrel.listen):"
                        + " one of the two could not bind; give the health endpoints another port (default 9179)");
                return;
            }
        }
    }

    private static void peerInRange(Section peer, PeerConfig p, List<ListenRange> ranges) {
        for (ListenRange r : ranges) {
            if (Prefixes.contains(r.prefix(), p.address())) {
                peer.warn("address", IpLiterals.format(p.address()) + " is inside listen range " + r.name() + " ("
                        + r.prefix() + "): allowed, and a connection from it is this peer, never a dynamic one of"
                        + " the range");
                return; // the most specific range does not matter: the peer wins over all of them
            }
        }
    }

    private static boolean isOurs(InetAddress a, Set<InetAddress> ours) {
        return ours.contains(HostAddresses.withoutScope(a));
    }

    /** "10.255.9.9 is not an address of this host (it has 127.0.0.1, 10.255.0.1)": the same family only. */
    private static String notOurs(InetAddress a, Set<InetAddress> ours) {
        List<String> same = ours.stream().filter(o -> (o instanceof Inet4Address) == (a instanceof Inet4Address))
                .map(IpLiterals::format).sorted().toList();
        String shown = same.isEmpty() ? "none of this family"
                : same.stream().limit(SHOWN).collect(Collectors.joining(", "))
                        + (same.size() > SHOWN ? " and " + (same.size() - SHOWN) + " more" : "");
        return IpLiterals.format(a) + " is not an address of this host (it has " + shown + ")";
    }
}
