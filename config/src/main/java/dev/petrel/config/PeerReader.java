package dev.petrel.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks one peer: each key against its limits, then the keys against each other. */
final class PeerReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** RFC 4271 §4.2: the Hold Time is 0 or at least 3 seconds, in a 2-octet field. */
    private static final long MIN_HOLD = 3;
    private static final long MAX_HOLD = 65535;

    private PeerReader() {}

    /** The peer, or null when anything in it is wrong (all of it reported). */
    static PeerConfig read(Section s) {
        int before = s.problems.count();
        String name = name(s);
        InetAddress address = address(s);
        Long remoteAs = AsNumbers.read(s, "remote-as");
        Long port = s.number("port", 1, 65535, "a TCP port is 1..65535");
        InetAddress localAddress = localAddress(s, address);
        PolicyRef importPolicy = policy(s, "import");
        PolicyRef exportPolicy = policy(s, "export");
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
            s.error("idle-hold-max", "must be at least idle-hold (" + idleHold.toSeconds() + "s)");
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
        if (s.problems.count() != before) {
            return null;
        }
        return new PeerConfig(name, address, remoteAs, port.intValue(), Optional.ofNullable(localAddress),
                importPolicy, exportPolicy, Optional.ofNullable(password), passive, multihop.intValue(),
                ttlSecurity, holdTime, Optional.ofNullable(keepalive), minHoldTime, connectRetry, delayOpen,
                idleHold, idleHoldMax, Optional.ofNullable(sendHoldTime), families, shutdown,
                description == null ? "" : description, Optional.ofNullable(role), strictRole);
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

    private static PolicyRef policy(Section s, String key) {
        if (!s.require(key, "all, none or the name of a policy")) {
            return null;
        }
        String text = s.string(key);
        if (text == null) {
            return null;
        }
        PolicyRef p = PolicyRef.of(text);
        if (p instanceof PolicyRef.Named) {
            s.error(key, "policy " + text + " is not defined (policies come in a later release; use all or none)");
            return null;
        }
        return p;
    }

    /** The key never appears in a message: a message could end up in a log. */
    private static Password password(Section s) {
        String text = s.string("password");
        if (text == null) {
            return null;
        }
        int octets = text.getBytes(StandardCharsets.UTF_8).length;
        if (octets == 0) {
            s.error("password", "is empty; leave the key out (or null) for no TCP MD5 signature");
            return null;
        }
        if (octets > Password.MAX_OCTETS) {
            s.error("password", "is " + octets + " octets; at most " + Password.MAX_OCTETS
                    + " (TCP_MD5SIG_MAXKEYLEN)");
            return null;
        }
        return new Password(text);
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
            s.error(key, "must be at least 1s");
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
