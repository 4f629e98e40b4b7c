package dev.petrel.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and checks the {@code petrel} block: its own keys, each peer, then what must hold across peers. */
final class PetrelReader {
    /** Keys a peer has that peer-defaults does not: they identify the peer, so a default makes no sense. */
    private static final Set<String> PEER_ONLY = Set.of("name", "address", "remote-as");
    /** sun_path in Linux's sockaddr_un is 108 octets, one of them the terminating NUL. */
    private static final int MAX_SOCKET_PATH = 107;
    private static final java.util.regex.Pattern GROUP =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}|[0-9]{1,10}");

    private PetrelReader() {}

    /**
     * @param root the user's configuration, substitutions resolved
     * @param reference the schema with its defaults (reference.conf)
     * @return the configuration, or null when anything is wrong (all of it reported)
     */
    static PetrelConfig read(ConfigObject root, ConfigObject reference, Path file, Problems problems,
            HostAddresses host) {
        ConfigObject ref = (ConfigObject) reference.get("petrel");
        ConfigObject schema = (ConfigObject) reference.get("petrel-schema");
        ConfigValue mine = root.get("petrel");
        if (!(mine instanceof ConfigObject own)) {
            problems.add(mine == null ? null : mine.origin(), "petrel",
                    "the configuration needs a petrel { ... } block");
            return null;
        }
        int before = problems.count();
        Section s = new Section("petrel", own, ref, own.origin(), problems);
        UnknownKeys.check(s, ref.keySet());
        Inet4Address routerId = routerId(s);
        Long clusterId = clusterId(s);
        Long localAs = AsNumbers.read(s, "local-as");
        List<ListenAddress> listen = ListenReader.read(s);
        ConfigObject adminDefaults = (ConfigObject) ref.get("admin");
        Section admin = s.child("admin", adminDefaults);
        if (admin != null) {
            UnknownKeys.check(admin, adminDefaults.keySet());
        }
        Path adminSocket = admin == null ? null : adminSocket(admin);
        String socketGroup = admin == null ? null : socketGroup(admin);
        HttpOptions http = admin == null ? null : HttpReader.read(admin, adminDefaults);
        RibOptions rib = rib(s, (ConfigObject) ref.get("rib"));
        PolicyReader.Policies policies = PolicyReader.read(s, (ConfigObject) ref.get("policies"), schema);
        List<StaticRoute> staticRoutes = StaticRouteReader.read(s, (ConfigObject) schema.get("static-route"));
        KernelOptions kernel = KernelReader.read(s, (ConfigObject) ref.get("kernel"), policies);
        GracefulRestartOptions gracefulRestart =
                GracefulRestartReader.read(s, (ConfigObject) ref.get("graceful-restart"));
        Map<String, Section> peerSections = new HashMap<>();
        List<PeerConfig> peers = peers(s, (ConfigObject) ref.get("peer-defaults"), localAs, policies, peerSections);
        List<ListenRange> ranges = listenRanges(s, (ConfigObject) ref.get("peer-defaults"),
                (ConfigObject) schema.get("listen-range"), localAs, policies);
        if (listen != null && listen.isEmpty() && peers != null) {
            checkPassiveNeedsListen(s, peers);
        }
        if (listen != null && listen.isEmpty() && ranges != null && !ranges.isEmpty()) {
            s.error("listen", "is empty, but listen-ranges has " + ranges.size() + " range(s): their peers could"
                    + " never connect");
        }
        CrossChecks.check(s, admin, listen, http, peers, peerSections, ranges, host);
        if (problems.count() != before) {
            return null;
        }
        return new PetrelConfig(routerId, localAs, listen, adminSocket, rib, policies.valid(), staticRoutes, peers,
                kernel, file, clusterId, http, ranges, socketGroup, gracefulRestart);
    }

    /** peer-templates and listen-ranges, over the user's peer-defaults (whose own errors are reported by peers). */
    private static List<ListenRange> listenRanges(Section petrel, ConfigObject referenceDefaults,
            ConfigObject rangeSchema, Long localAs, PolicyReader.Policies policies) {
        ConfigValue written = petrel.values.get("peer-defaults");
        ConfigObject peerDefaults = written instanceof ConfigObject o ? o : referenceDefaults;
        Set<String> peerKeys = new HashSet<>(referenceDefaults.keySet());
        peerKeys.addAll(PEER_ONLY);
        return ListenRangeReader.read(petrel, peerDefaults, peerKeys, rangeSchema, localAs, policies);
    }

    private static RibOptions rib(Section petrel, ConfigObject defaults) {
        Section rib = petrel.child("rib", defaults);
        if (rib == null) {
            return null;
        }
        UnknownKeys.check(rib, defaults.keySet());
        int before = rib.problems.count();
        Boolean alwaysCompareMed = rib.bool("always-compare-med");
        Boolean deterministicMed = rib.bool("deterministic-med");
        Long multipath = rib.number("multipath", 1, RibOptions.MAX_MULTIPATH,
                "1.." + RibOptions.MAX_MULTIPATH + " equal-cost paths per prefix (1 = the single best)");
        Boolean relax = rib.bool("multipath-relax");
        Long defaultLocalPref = rib.number("default-local-pref", 0, AsNumbers.MAX,
                "LOCAL_PREF is 0.." + AsNumbers.MAX);
        if (rib.problems.count() != before) {
            return null;
        }
        if (relax && multipath == 1) {
            rib.error("multipath-relax", "needs multipath > 1: with one path per prefix there is nothing to relax");
            return null;
        }
        return new RibOptions(alwaysCompareMed, deterministicMed, multipath.intValue(), relax, defaultLocalPref);
    }

    private static Inet4Address routerId(Section s) {
        if (!s.require("router-id", "an IPv4 dotted quad (the BGP Identifier, RFC 6286)")) {
            return null;
        }
        String text = s.string("router-id");
        Inet4Address id = text == null ? null : IpLiterals.ipv4(text);
        if (text != null && id == null) {
            s.error("router-id", "\"" + text + "\" is not an IPv4 dotted quad like 10.255.1.1");
        } else if (id != null && id.isAnyLocalAddress()) {
            s.error("router-id", "0.0.0.0 is not allowed: the BGP Identifier is non-zero (RFC 6286 §2.1)");
            return null;
        }
        return id;
    }

    /** An IPv4 dotted quad or a number 1..4294967295; 0 (the router ID) when unset; null (reported) when wrong. */
    private static Long clusterId(Section s) {
        ConfigValue v = s.raw("cluster-id");
        if (v == null || v.valueType() == ConfigValueType.NULL) {
            return 0L;
        }
        String what = "an IPv4 dotted quad like 10.255.0.1 or a number 1..4294967295 (RFC 4456 CLUSTER_ID)";
        if (v.valueType() == ConfigValueType.NUMBER) {
            return s.number("cluster-id", 1, AsNumbers.MAX, what);
        }
        String text = v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : null;
        Inet4Address id = text == null ? null : IpLiterals.ipv4(text);
        if (id == null) {
            s.error("cluster-id", Section.render(v) + " is not " + what);
            return null;
        }
        if (id.isAnyLocalAddress()) {
            s.error("cluster-id", "0.0.0.0 is not allowed: " + what);
            return null;
        }
        byte[] b = id.getAddress();
        return (b[0] & 0xffL) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    private static Path adminSocket(Section admin) {
        String path = admin.require("socket", "a path") ? admin.string("socket") : null;
        if (path == null) {
            return null;
        }
        if (path.isBlank()) {
            admin.error("socket", "must not be empty");
            return null;
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            admin.error("socket", "is " + path.getBytes(StandardCharsets.UTF_8).length + " octets long; at most "
                    + MAX_SOCKET_PATH + ", the limit of a Unix socket path (sun_path)");
            return null;
        }
        return Path.of(path);
    }

    /** The peers; {@code sections} gets each valid one's section by name, for the checks across blocks. */
    /**
     * A group name as useradd takes it, or a number; whether it exists is checked when the socket is made, on the
     * host that runs the daemon.
     */
    private static String socketGroup(Section admin) {
        String group = admin.string("socket-group");
        if (group != null && !GROUP.matcher(group).matches()) {
            admin.error("socket-group", "\"" + group + "\" is not a group name ([A-Za-z_][A-Za-z0-9_.-]{0,31}) or"
                    + " number; null leaves the socket to the daemon's user (mode 0600)");
            return null;
        }
        return group;
    }

    private static List<PeerConfig> peers(Section petrel, ConfigObject referenceDefaults, Long localAs,
            PolicyReader.Policies policies, Map<String, Section> sections) {
        Section defaults = petrel.child("peer-defaults", referenceDefaults);
        if (defaults != null) {
            UnknownKeys.check(defaults, referenceDefaults.keySet());
        }
        ConfigObject peerDefaults = defaults != null ? defaults.values : referenceDefaults;
        Set<String> peerKeys = new HashSet<>(referenceDefaults.keySet());
        peerKeys.addAll(PEER_ONLY);
        ConfigList list = petrel.list("peers");
        if (list == null) {
            return null;
        }
        int before = petrel.problems.count();
        List<PeerConfig> peers = new ArrayList<>();
        Map<String, Section> names = new HashMap<>();
        Map<InetAddress, Section> addresses = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = petrel.key("peers") + "[" + i + "]";
            if (!(list.get(i) instanceof ConfigObject own)) {
                petrel.problems.add(list.get(i).origin(), path, "a peer is an object { name = ..., address = ... }");
                continue;
            }
            Section peer = new Section(path, own, peerDefaults, own.origin(), petrel.problems);
            UnknownKeys.check(peer, peerKeys);
            PeerConfig p = PeerReader.read(peer, localAs, policies);
            if (p != null) {
                peers.add(p);
                sections.putIfAbsent(p.name(), peer);
            }
            checkUnique(peer, "name", rawString(peer, "name"), names);
            String address = rawString(peer, "address");
            checkUnique(peer, "address", address == null ? null : IpLiterals.ip(address), addresses);
        }
        return petrel.problems.count() == before ? peers : null;
    }

    /** Compared after parsing, so "2001:db8::1" and "2001:0db8:0:0::1" are the same address. */
    private static <T> void checkUnique(Section peer, String key, T value, Map<T, Section> seen) {
        if (value == null) {
            return;
        }
        Section first = seen.putIfAbsent(value, peer);
        if (first != null) {
            String shown = value instanceof InetAddress a ? IpLiterals.format(a) : value.toString();
            peer.error(key, shown + " is already the " + key + " of " + first.path);
        }
    }

    private static String rawString(Section s, String key) {
        ConfigValue v = s.values.get(key);
        return v != null && v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : null;
    }

    private static void checkPassiveNeedsListen(Section petrel, List<PeerConfig> peers) {
        for (PeerConfig p : peers) {
            if (p.passive() && !p.shutdown()) {
                petrel.error("listen", "is empty, but peer " + p.name()
                        + " is passive: no connection to it could ever be made");
            }
        }
    }
}
