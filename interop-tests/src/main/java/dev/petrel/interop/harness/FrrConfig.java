package dev.petrel.interop.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Generated FRR configuration for one {@code router bgp}: {@code zebra.conf} and {@code bgpd.conf} (each daemon
 * reads its own file). Defaults: {@code no bgp ebgp-requires-policy}, {@code no bgp network import-check} (so a
 * {@code network} statement is announced without a matching RIB route), {@code no bgp default ipv4-unicast}
 * (address families are activated per neighbor), neighbor timers keepalive 3 / hold 9, connect retry 1.
 */
public final class FrrConfig {

    private final long asn;
    private final String routerId;
    private String hostname;
    private final List<Neighbor> neighbors = new ArrayList<>();
    private final List<String> networksV4 = new ArrayList<>();
    private final List<String> networksV6 = new ArrayList<>();
    private final List<String> extraBgp = new ArrayList<>();
    private final List<String> debug = new ArrayList<>(List.of("debug bgp neighbor-events"));
    private final List<Announcement> announcements = new ArrayList<>();
    private final List<String> global = new ArrayList<>();
    private final List<String> afLines = new ArrayList<>();

    /** Route-map denying everything: a neighbor's import or export "none". */
    public static final String DENY_ALL = "PETREL-NONE";
    /**
     * Route-map passing only routes this router originates: those whose announcement route-map set route tag
     * {@value #LOCAL_TAG} (a tag is local to the router, never sent). {@code match peer local} cannot do it in an
     * outbound route-map: there it looks at the peer the route goes to.
     */
    public static final String LOCAL_ONLY = "PETREL-LOCAL";
    /** The route tag of announcements. */
    public static final int LOCAL_TAG = 100;

    private FrrConfig(long asn, String routerId) {
        this.asn = asn;
        this.routerId = Objects.requireNonNull(routerId);
    }

    /** {@code router bgp ASN} with {@code bgp router-id ROUTER_ID}. */
    public static FrrConfig router(long asn, String routerId) {
        return new FrrConfig(asn, routerId);
    }

    public long asn() {
        return asn;
    }

    /** The hostname line (also what FRR sends in its hostname capability); defaults to one derived by Frr. */
    public FrrConfig hostname(String name) {
        this.hostname = name;
        return this;
    }

    public String hostname() {
        return hostname;
    }

    public FrrConfig neighbor(Neighbor n) {
        neighbors.add(n);
        return this;
    }

    /** {@code network PREFIX} in the IPv4 or IPv6 unicast address family, by the prefix's form. */
    public FrrConfig network(String prefix) {
        (prefix.contains(":") ? networksV6 : networksV4).add(prefix);
        return this;
    }

    /**
     * Originates {@code a}: {@code network PREFIX route-map NAME} with a route-map (see {@link #routeMapName}) setting
     * its attributes. Replaces an earlier announcement of the same prefix.
     */
    public FrrConfig announce(Announcement a) {
        withdraw(a.prefix());
        announcements.add(a);
        return this;
    }

    /** Forgets the announcement of {@code prefix} (for a later restart; a running bgpd needs {@link Frr#withdraw}). */
    public FrrConfig withdraw(String prefix) {
        announcements.removeIf(x -> x.prefix().equals(prefix));
        return this;
    }

    /** The route-map that sets the attributes of the announcement of {@code prefix}. */
    public static String routeMapName(String prefix) {
        return "ANN-" + prefix.replaceAll("[^A-Za-z0-9]", "-");
    }

    /**
     * The {@code route-map NAME permit 10 ... exit} lines for {@code a}: ORIGIN, MED ({@code metric}), LOCAL_PREF,
     * AS_PATH prepends (the router's own AS {@code asn} unless {@code a} names another) and communities.
     */
    public static List<String> routeMap(Announcement a, long asn) {
        List<String> l = new ArrayList<>();
        l.add("route-map " + routeMapName(a.prefix()) + " permit 10");
        l.add(" set origin " + a.effectiveOrigin());
        l.add(" set tag " + LOCAL_TAG);
        if (a.med() != null) {
            l.add(" set metric " + a.med());
        }
        if (a.localPref() != null) {
            l.add(" set local-preference " + a.localPref());
        }
        if (a.prepend() > 0) {
            long as = a.prependAs() == 0 ? asn : a.prependAs();
            l.add(" set as-path prepend" + (" " + as).repeat(a.prepend()));
        }
        if (!a.communities().isEmpty()) {
            l.add(" set community " + String.join(" ", a.communities()) + " additive");
        }
        l.add("exit");
        return l;
    }

    public List<Announcement> announcements() {
        return List.copyOf(announcements);
    }

    /** A raw global line for bgpd.conf, after the route-maps and before {@code router bgp}. */
    public FrrConfig global(String line) {
        global.add(line);
        return this;
    }

    /** A raw line inside every unicast address family block, e.g. {@code maximum-paths 4}. */
    public FrrConfig afLine(String line) {
        afLines.add(line);
        return this;
    }

    /** A raw line inside {@code router bgp} (before the address families). */
    public FrrConfig extraBgp(String line) {
        extraBgp.add(line);
        return this;
    }

    /** A raw global line for bgpd.conf, e.g. {@code debug bgp updates}. */
    public FrrConfig debug(String line) {
        debug.add(line);
        return this;
    }

    /** zebra.conf. */
    public String renderZebra(String host) {
        return "! generated by dev.petrel.interop.harness.FrrConfig\nhostname " + host + "\n";
    }

    /** bgpd.conf. */
    public String renderBgpd(String host) {
        StringBuilder sb = new StringBuilder();
        sb.append("! generated by dev.petrel.interop.harness.FrrConfig\n");
        sb.append("hostname ").append(host).append('\n');
        debug.forEach(d -> sb.append(d).append('\n'));
        sb.append("route-map ").append(DENY_ALL).append(" deny 10\nexit\n");
        sb.append("route-map ").append(LOCAL_ONLY).append(" permit 10\n match tag ").append(LOCAL_TAG)
                .append("\nexit\n");
        for (Announcement a : announcements) {
            routeMap(a, asn).forEach(l -> sb.append(l).append('\n'));
        }
        global.forEach(l -> sb.append(l).append('\n'));
        sb.append("router bgp ").append(asn).append('\n');
        sb.append(" bgp router-id ").append(routerId).append('\n');
        sb.append(" no bgp ebgp-requires-policy\n");
        sb.append(" no bgp network import-check\n");
        sb.append(" no bgp default ipv4-unicast\n");
        extraBgp.forEach(l -> sb.append(' ').append(l).append('\n'));
        for (Neighbor n : neighbors) {
            n.renderSession(sb);
        }
        renderAf(sb, "ipv4", networksV4, false);
        renderAf(sb, "ipv6", networksV6, true);
        sb.append("exit\n");
        return sb.toString();
    }

    private void renderAf(StringBuilder sb, String afi, List<String> networks, boolean v6) {
        List<Neighbor> active = neighbors.stream().filter(n -> v6 ? n.ipv6 : n.ipv4).toList();
        List<Announcement> announced = announcements.stream().filter(a -> a.ipv6() == v6).toList();
        if (networks.isEmpty() && active.isEmpty() && announced.isEmpty()) {
            return;
        }
        sb.append(" address-family ").append(afi).append(" unicast\n");
        afLines.forEach(l -> sb.append("  ").append(l).append('\n'));
        networks.forEach(p -> sb.append("  network ").append(p).append('\n'));
        announced.forEach(a -> sb.append("  network ").append(a.prefix()).append(" route-map ")
                .append(routeMapName(a.prefix())).append('\n'));
        for (Neighbor n : active) {
            sb.append("  neighbor ").append(n.address).append(" activate\n");
            if (!n.importAll) {
                sb.append("  neighbor ").append(n.address).append(" route-map ").append(DENY_ALL).append(" in\n");
            }
            String out = switch (n.export) {
                case ALL -> null;
                case NONE -> DENY_ALL;
                case ANNOUNCED -> LOCAL_ONLY;
            };
            if (out != null) {
                sb.append("  neighbor ").append(n.address).append(" route-map ").append(out).append(" out\n");
            }
            n.afExtra.forEach(e -> sb.append("  neighbor ").append(n.address).append(' ').append(e).append('\n'));
        }
        sb.append(" exit-address-family\n");
    }

    /** One {@code neighbor ADDRESS ...} block; fluent setters. */
    public static final class Neighbor {
        private final String address;
        private final long remoteAs;
        private String password;
        private Integer ttlSecurityHops;
        private Integer ebgpMultihop;
        private boolean passive;
        private boolean shutdown;
        private int keepalive = 3;
        private int holdTime = 9;
        private int connectRetry = 1;
        private boolean ipv4;
        private boolean ipv6;
        private boolean importAll = true;
        private Export export = Export.ALL;
        private final List<String> extra = new ArrayList<>();
        private final List<String> afExtra = new ArrayList<>();

        /** What is exported to the neighbor. */
        public enum Export {
            /** Everything (FRR's default without ebgp-requires-policy). */
            ALL,
            /** Nothing ({@link #DENY_ALL} out). */
            NONE,
            /** Only what this router originates ({@link #LOCAL_ONLY} out). */
            ANNOUNCED
        }

        private Neighbor(String address, long remoteAs) {
            this.address = address;
            this.remoteAs = remoteAs;
            boolean v6 = address.contains(":");
            this.ipv4 = !v6;
            this.ipv6 = v6;
        }

        /** {@code neighbor ADDRESS remote-as AS}; activates the address family of the address by default. */
        public static Neighbor of(String address, long remoteAs) {
            return new Neighbor(address, remoteAs);
        }

        public String address() {
            return address;
        }

        /** {@code neighbor X password KEY} (TCP MD5); null for none. */
        public Neighbor password(String key) {
            this.password = key;
            return this;
        }

        /** {@code neighbor X ttl-security hops N}; null for none. */
        public Neighbor ttlSecurityHops(Integer hops) {
            this.ttlSecurityHops = hops;
            return this;
        }

        /** {@code neighbor X ebgp-multihop N}; null for none. */
        public Neighbor ebgpMultihop(Integer hops) {
            this.ebgpMultihop = hops;
            return this;
        }

        public Neighbor passive(boolean on) {
            this.passive = on;
            return this;
        }

        /** Start administratively shut down ({@code neighbor X shutdown}). */
        public Neighbor shutdown(boolean on) {
            this.shutdown = on;
            return this;
        }

        /** {@code neighbor X timers KEEPALIVE HOLD}. */
        public Neighbor timers(int keepalive, int holdTime) {
            this.keepalive = keepalive;
            this.holdTime = holdTime;
            return this;
        }

        /** {@code neighbor X timers connect SECONDS}. */
        public Neighbor connectRetry(int seconds) {
            this.connectRetry = seconds;
            return this;
        }

        /** Which unicast address families to activate for this neighbor. */
        public Neighbor families(boolean ipv4, boolean ipv6) {
            this.ipv4 = ipv4;
            this.ipv6 = ipv6;
            return this;
        }

        /** Import everything (true, the default) or nothing ({@link #DENY_ALL} in). */
        public Neighbor importAll(boolean on) {
            this.importAll = on;
            return this;
        }

        /** What is exported; {@link Export#ALL} by default. */
        public Neighbor export(Export e) {
            this.export = java.util.Objects.requireNonNull(e);
            return this;
        }

        /** A raw {@code neighbor ADDRESS <text>} line inside each address family the neighbor is active in. */
        public Neighbor afExtra(String text) {
            afExtra.add(text);
            return this;
        }

        /** A raw {@code neighbor ADDRESS <text>} line. */
        public Neighbor extra(String text) {
            extra.add(text);
            return this;
        }

        void renderSession(StringBuilder sb) {
            String p = " neighbor " + address + " ";
            sb.append(p).append("remote-as ").append(remoteAs).append('\n');
            sb.append(p).append("timers ").append(keepalive).append(' ').append(holdTime).append('\n');
            sb.append(p).append("timers connect ").append(connectRetry).append('\n');
            if (password != null) {
                sb.append(p).append("password ").append(password).append('\n');
            }
            if (ttlSecurityHops != null) {
                sb.append(p).append("ttl-security hops ").append(ttlSecurityHops).append('\n');
            }
            if (ebgpMultihop != null) {
                sb.append(p).append("ebgp-multihop ").append(ebgpMultihop).append('\n');
            }
            if (passive) {
                sb.append(p).append("passive\n");
            }
            if (shutdown) {
                sb.append(p).append("shutdown\n");
            }
            extra.forEach(e -> sb.append(p).append(e).append('\n'));
        }
    }
}
