package dev.petrel.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.petrel.rib.policy.NextHopAction;
import dev.petrel.rib.policy.Policy;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads and checks one peer: each key against its limits, then the keys against each other. */
final class PeerReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** RFC 4271 §4.2: the Hold Time is 0 or at least 3 seconds, in a 2-octet field. */
    private static final long MIN_HOLD = 3;
    private static final long MAX_HOLD = 65535;

    private PeerReader() {}

    /**
     * The peer, or null when anything in it is wrong (all of it reported), or when it refers to a policy that
     * has errors of its own (reported there).
     *
     * @param localAs our AS, or null when it is wrong (then iBGP cannot be told from eBGP, and it does not matter)
     */
    static PeerConfig read(Section s, Long localAs, PolicyReader.Policies policies) {
        int before = s.problems.count();
        String name = name(s);
        InetAddress address = address(s);
        Long remoteAs = AsNumbers.read(s, "remote-as");
        PeerConfig p = read(s, name, address, remoteAs, localAs, policies);
        return s.problems.count() == before ? p : null;
    }

    /**
     * A peer whose identity the caller has read (a listen range's prototype: its range's name, the range's
     * network address, the AS it resolved from a number or {@code internal}); every other key read from
     * {@code s}. Null when any key is wrong, or when the identity is null (already reported by the caller).
     */
    static PeerConfig read(Section s, String name, InetAddress address, Long remoteAs, Long localAs,
            PolicyReader.Policies policies) {
        int before = s.problems.count();
        Long port = s.number("port", 1, 65535, "a TCP port is 1..65535");
        InetAddress localAddress = localAddress(s, address);
        String shown = name != null ? name : s.path;
        Map<AddressFamily, PolicyRef> imports = policies(s, "import", shown, policies);
        Map<AddressFamily, PolicyRef> exports = policies(s, "export", shown, policies);
        Password password = password(s);
        Boolean passive = s.bool("passive");
        Long multihop = s.number("multihop", 1, 255, "1..255 hops (an IP TTL)");
        Boolean ttlSecurity = s.bool("ttl-security");
        Duration holdTime = holdTime(s);
        Duration keepalive = keepalive(s, holdTime);
        Duration minHoldTime = minHoldTime(s, holdTime);
        Duration connectRetry = atLeastOneSecond(s, "connect-retry");
        Duration delayOpen = s.duration("delay-open");
        Duration idleHold = s.duration("idle-hold");
        Duration idleHoldMax = s.duration("idle-hold-max");
        if (idleHold != null && idleHoldMax != null && idleHoldMax.compareTo(idleHold) < 0) {
            s.error("idle-hold-max", idleHoldMax.toSeconds() + "s is below idle-hold (" + idleHold.toSeconds()
                    + "s): it must be at least that");
        }
        Duration sendHoldTime = atLeastOneSecond(s, "send-hold-time");
        Set<AddressFamily> families = families(s);
        Boolean shutdown = s.bool("shutdown");
        String description = s.string("description");
        Role role = role(s);
        Boolean strictRole = s.bool("strict-role");
        if (strictRole != null && strictRole && role == null && s.problems.count() == before) {
            s.error("strict-role", "needs a role (strict mode refuses peers without one; we must announce ours)");
        }
        PeerRibOptions ribOptions = ribOptions(s);
        if (ribOptions != null && ribOptions.routeReflectorClient() && remoteAs != null && localAs != null
                && !remoteAs.equals(localAs)) {
            s.error("route-reflector-client", "only an iBGP peer can be a route-reflector client (RFC 4456), and"
                    + " remote-as " + remoteAs + " is not our local-as " + localAs + " (eBGP)");
        }
        if (s.problems.count() != before || imports == null || exports == null || name == null
                || address == null || remoteAs == null) {
            return null;
        }
        return new PeerConfig(name, address, remoteAs, remoteAs.equals(localAs), port.intValue(),
                Optional.ofNullable(localAddress), imports, exports, Optional.ofNullable(password), passive,
                multihop.intValue(), ttlSecurity, holdTime, Optional.ofNullable(keepalive), minHoldTime,
                connectRetry, delayOpen, idleHold, idleHoldMax, Optional.ofNullable(sendHoldTime), families,
                shutdown, description == null ? "" : description, Optional.ofNullable(role), strictRole, ribOptions);
    }

    private static Role role(Section s) {
        String v = s.string("role");
        if (v == null || v.equals("none")) {
            return null;
        }
        Role r = Role.fromConfigName(v);
        if (r == null) {
            s.error("role", "\"" + v + "\" is not a role: none, provider, customer, peer, rs or rs-client (RFC 9234)");
        }
        return r;
    }

    private static String name(Section s) {
        if (!s.require("name", "[A-Za-z0-9_.-]{1,64}")) {
            return null;
        }
        String name = s.string("name");
        if (name != null && !NAME.matcher(name).matches()) {
            s.error("name", "\"" + name + "\" must match [A-Za-z0-9_.-]{1,64}");
            return null;
        }
        return name;
    }

    private static InetAddress address(Section s) {
        if (!s.require("address", "the peer's IPv4 or IPv6 address")) {
            return null;
        }
        return ip(s, "address");
    }

    private static InetAddress localAddress(Section s, InetAddress peer) {
        InetAddress local = s.isSet("local-address") ? ip(s, "local-address") : null;
        if (local != null && peer != null && (local instanceof Inet4Address) != (peer instanceof Inet4Address)) {
            s.error("local-address", IpLiterals.format(local) + " is not of the same family as the address "
                    + IpLiterals.format(peer));
            return null;
        }
        return local;
    }

    private static InetAddress ip(Section s, String key) {
        String text = s.string(key);
        if (text == null) {
            return null;
        }
        InetAddress a = IpLiterals.ip(text);
        if (a == null) {
            s.error(key, "\"" + text + "\" is not an IPv4 or IPv6 address literal (host names are not looked up)");
        }
        return a;
    }

    /**
     * {@code import} or {@code export}: unset (an empty map), one policy for every family, or an object naming one
     * per family. Null when something is wrong, or when a named policy is defined but has errors of its own.
     */
    private static Map<AddressFamily, PolicyRef> policies(Section s, String key, String peer,
            PolicyReader.Policies policies) {
        Map<AddressFamily, PolicyRef> out = new EnumMap<>(AddressFamily.class);
        ConfigValue v = s.raw(key);
        if (v == null) {
            return out;
        }
        boolean ok = true;
        if (v instanceof ConfigObject o) {
            for (String k : new TreeSet<>(o.keySet())) {
                ConfigValue fv = o.get(k);
                String at = s.key(key) + "." + k;
                AddressFamily f = AddressFamily.fromConfigName(k);
                if (f == null) {
                    String near = UnknownKeys.nearest(k, FAMILY_NAMES);
                    s.problems.add(fv.origin(), at, "is not a family: ipv4-unicast, ipv6-unicast"
                            + (near != null ? "; did you mean " + near + "?" : ""));
                    ok = false;
                } else if (fv.valueType() == ConfigValueType.STRING) {
                    PolicyRef ref = ref(s, fv.origin(), at, key, (String) fv.unwrapped(), peer, policies);
                    ok &= ref != null;
                    if (ref != null) {
                        out.put(f, ref);
                    }
                } else if (fv.valueType() != ConfigValueType.NULL) {
                    s.problems.add(fv.origin(), at, "must be all, none or the name of a policy, not "
                            + Section.render(fv));
                    ok = false;
                }
            }
            return ok ? out : null;
        }
        if (v.valueType() != ConfigValueType.STRING) {
            s.error(key, "must be all, none, the name of a policy, or one per family { ipv4-unicast = ...,"
                    + " ipv6-unicast = ... }, not " + Section.render(v));
            return null;
        }
        PolicyRef ref = ref(s, s.origin(key), s.key(key), key, (String) v.unwrapped(), peer, policies);
        if (ref == null) {
            return null;
        }
        for (AddressFamily f : AddressFamily.values()) {
            out.put(f, ref);
        }
        return out;
    }

    private static final Set<String> FAMILY_NAMES = Set.of(AddressFamily.IPV4_UNICAST.configName(),
            AddressFamily.IPV6_UNICAST.configName());

    /** all, none, or a defined policy; null when not defined (reported) or defined with errors (reported there). */
    private static PolicyRef ref(Section s, ConfigOrigin origin, String at, String direction, String name,
            String peer, PolicyReader.Policies policies) {
        switch (name) {
            case "all":
                return PolicyRef.ALL;
            case "none":
                return PolicyRef.NONE;
            default:
                break;
        }
        Policy p = policies.valid().get(name);
        if (p != null) {
            return new PolicyRef.Named(p);
        }
        if (!policies.defined().contains(name)) {
            s.problems.add(origin, at, "peer " + peer + ": " + direction + " policy '" + name + "' is not defined; "
                    + (policies.defined().isEmpty() ? "no policies are defined (petrel.policies), only all and none"
                            : "defined: " + String.join(", ", policies.defined())));
        }
        return null;
    }

    private static PeerRibOptions ribOptions(Section s) {
        int before = s.problems.count();
        Long allowOwnAs = s.number("allow-own-as", 0, PeerRibOptions.MAX_ALLOW_OWN_AS,
                "0.." + PeerRibOptions.MAX_ALLOW_OWN_AS + " occurrences of our AS in a received AS_PATH");
        String nextHop = s.oneOf("next-hop", "default", "self", "keep");
        Map<AddressFamily, Long> maxPrefixes = maxPrefixes(s);
        String action = s.oneOf("max-prefixes-action", "reset", "reject", "warn");
        Boolean addPathReceive = s.bool("add-path-receive");
        Integer addPathSend = addPathSend(s);
        Boolean client = s.bool("route-reflector-client");
        if (s.problems.count() != before) {
            return null;
        }
        NextHopAction nh = switch (nextHop) {
            case "self" -> NextHopAction.SELF;
            case "keep" -> NextHopAction.KEEP;
            default -> NextHopAction.NONE;
        };
        return new PeerRibOptions(allowOwnAs.intValue(), nh, maxPrefixes, MaxPrefixesAction.fromConfigName(action),
                addPathReceive, addPathSend, client);
    }

    private static final String MAX_PREFIXES_LIMIT = "the most prefixes accepted is 1.." + AsNumbers.MAX
            + " (import = none accepts none)";

    /** null (no limit), a number for every family, or an object per family; null (reported) when wrong. */
    private static Map<AddressFamily, Long> maxPrefixes(Section s) {
        Map<AddressFamily, Long> out = new EnumMap<>(AddressFamily.class);
        ConfigValue v = s.raw("max-prefixes");
        if (v == null) {
            return out;
        }
        if (!(v instanceof ConfigObject o)) {
            Long n = s.number("max-prefixes", 1, AsNumbers.MAX, MAX_PREFIXES_LIMIT);
            if (n == null) {
                return null;
            }
            for (AddressFamily f : AddressFamily.values()) {
                out.put(f, n);
            }
            return out;
        }
        int before = s.problems.count();
        for (String k : new TreeSet<>(o.keySet())) {
            ConfigValue fv = o.get(k);
            AddressFamily f = AddressFamily.fromConfigName(k);
            String at = s.key("max-prefixes") + "." + k;
            if (f == null) {
                String near = UnknownKeys.nearest(k, FAMILY_NAMES);
                s.problems.add(fv.origin(), at, "is not a family: ipv4-unicast, ipv6-unicast"
                        + (near != null ? "; did you mean " + near + "?" : ""));
                continue;
            }
            if (fv.valueType() == ConfigValueType.NULL) {
                continue;
            }
            Section one = new Section(s.key("max-prefixes"), o, o, o.origin(), s.problems);
            Long n = one.number(k, 1, AsNumbers.MAX, MAX_PREFIXES_LIMIT);
            if (n != null) {
                out.put(f, n);
            }
        }
        return s.problems.count() == before ? out : null;
    }

    /** off, all, or 2..64; null (reported) otherwise. */
    private static Integer addPathSend(Section s) {
        ConfigValue v = s.raw("add-path-send");
        if (v == null) {
            return PeerRibOptions.ADD_PATH_OFF;
        }
        if (v.valueType() == ConfigValueType.STRING && v.unwrapped().equals("off")) {
            return PeerRibOptions.ADD_PATH_OFF;
        }
        if (v.valueType() == ConfigValueType.STRING && v.unwrapped().equals("all")) {
            return PeerRibOptions.ADD_PATH_ALL;
        }
        if (v.valueType() != ConfigValueType.NUMBER) {
            s.error("add-path-send", "must be off, all, or the number of best paths 2.."
                    + PeerRibOptions.MAX_ADD_PATH_SEND + ", not " + Section.render(v));
            return null;
        }
        Long n = s.number("add-path-send", 2, PeerRibOptions.MAX_ADD_PATH_SEND, "the best 2.."
                + PeerRibOptions.MAX_ADD_PATH_SEND + " paths (1 is plain BGP: write off), or off, or all");
        return n == null ? null : n.intValue();
    }

    /**
     * {@code password} or {@code password-file}; when both are set, the one this block writes wins over the
     * other kind inherited from peer-defaults or a template, and both written here is an error. The key never
     * appears in a message: a message could end up in a log.
     */
    private static Password password(Section s) {
        boolean inline = s.isSet("password");
        boolean file = s.isSet("password-file");
        if (inline && file) {
            boolean ownInline = s.written("password");
            boolean ownFile = s.written("password-file");
            if (ownInline == ownFile) {
                s.error("password-file", "is set together with password; give the key one way: password or"
                        + " password-file");
                return null;
            }
            inline = ownInline;
        }
        if (!inline && file) {
            return SecretFile.password(s, "password-file");
        }
        String text = s.string("password");
        if (text == null) {
            return null;
        }
        return checked(s, "password", text, null);
    }

    /** The key when its length fits, or null (reported at {@code key}, without the key itself). */
    static Password checked(Section s, String key, String text, java.nio.file.Path file) {
        int octets = text.getBytes(StandardCharsets.UTF_8).length;
        String from = file == null ? "" : file + " ";
        if (octets == 0) {
            s.error(key, from + "is empty; leave " + key + " out (or null) for no TCP MD5 signature");
            return null;
        }
        if (octets > Password.MAX_OCTETS) {
            s.error(key, from + "holds a key of " + octets + " octets; at most " + Password.MAX_OCTETS
                    + " (TCP_MD5SIG_MAXKEYLEN)");
            return null;
        }
        return new Password(text, file);
    }

    private static Duration holdTime(Section s) {
        Duration d = s.duration("hold-time");
        if (d != null && !d.isZero() && (d.toSeconds() < MIN_HOLD || d.toSeconds() > MAX_HOLD)) {
            s.error("hold-time", d.toSeconds() + "s is not allowed: 0s or " + MIN_HOLD + "s.." + MAX_HOLD
                    + "s (RFC 4271 §4.2)");
            return null;
        }
        return d;
    }

    private static Duration keepalive(Section s, Duration holdTime) {
        Duration d = atLeastOneSecond(s, "keepalive");
        if (d != null && holdTime != null && !holdTime.isZero() && d.compareTo(holdTime) >= 0) {
            s.error("keepalive", d.toSeconds() + "s must be less than hold-time (" + holdTime.toSeconds() + "s)");
            return null;
        }
        return d;
    }

    private static Duration minHoldTime(Section s, Duration holdTime) {
        Duration d = s.duration("min-hold-time");
        if (d == null) {
            return null;
        }
        if (!d.isZero() && (d.toSeconds() < MIN_HOLD || d.toSeconds() > MAX_HOLD)) {
            s.error("min-hold-time", d.toSeconds() + "s is not allowed: 0s (off) or " + MIN_HOLD + "s.."
                    + MAX_HOLD + "s");
            return null;
        }
        // The negotiated Hold Time is never above ours, so a higher floor would refuse every session.
        if (holdTime != null && !holdTime.isZero() && d.compareTo(holdTime) > 0) {
            s.error("min-hold-time", d.toSeconds() + "s is above hold-time (" + holdTime.toSeconds()
                    + "s): every session would be refused");
            return null;
        }
        return d;
    }

    private static Duration atLeastOneSecond(Section s, String key) {
        Duration d = s.duration(key);
        if (d != null && d.isZero()) {
            s.error(key, "0s is not allowed: at least 1s");
            return null;
        }
        return d;
    }

    private static Set<AddressFamily> families(Section s) {
        ConfigList list = s.list("families");
        if (list == null) {
            return null;
        }
        if (list.isEmpty()) {
            s.error("families", "needs at least one family: ipv4-unicast, ipv6-unicast");
            return null;
        }
        int before = s.problems.count();
        EnumSet<AddressFamily> families = EnumSet.noneOf(AddressFamily.class);
        for (int i = 0; i < list.size(); i++) {
            ConfigValue v = list.get(i);
            String key = s.key("families") + "[" + i + "]";
            AddressFamily f = AddressFamily.fromConfigName(String.valueOf(v.unwrapped()));
            if (f == null) {
                s.problems.add(v.origin(), key, Section.render(v) + " is not a family: ipv4-unicast, ipv6-unicast");
            } else if (!families.add(f)) {
                s.problems.add(v.origin(), key, f.configName() + " is listed twice");
            }
        }
        return s.problems.count() == before ? families : null;
    }
}
