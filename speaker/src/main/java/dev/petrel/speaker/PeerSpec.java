package dev.petrel.speaker;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A peer as an application wants it: the keys of a {@code petrel.peers} entry of the configuration
 * (docs/configuration.md, "Peer keys"), typed. A spec is checked by the same code that checks a configuration
 * file, with its defaults, when it is planned or applied; anything the builder has no method for can be set with
 * {@link Builder#option}. Immutable; equal specs mean an unchanged peer, so applying a state again touches
 * nothing.
 */
public final class PeerSpec {
    private final String name;
    private final Map<String, Object> keys;

    private PeerSpec(String name, Map<String, Object> keys) {
        this.name = name;
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    /**
     * @param name the peer's name: {@code [A-Za-z0-9_.-]{1,64}}, unique
     * @param address the peer's address, an IPv4 or IPv6 literal
     * @param remoteAs its AS; equal to ours makes it an iBGP peer
     */
    public static Builder builder(String name, String address, long remoteAs) {
        return new Builder(name, address, remoteAs);
    }

    /** As {@link #builder(String, String, long)} with the address as an {@link InetAddress}. */
    public static Builder builder(String name, InetAddress address, long remoteAs) {
        return new Builder(name, address.getHostAddress(), remoteAs);
    }

    /** The peer's name. */
    public String name() {
        return name;
    }

    /** The peer's address, as given. */
    public String address() {
        return (String) keys.get("address");
    }

    /** The peer's AS. */
    public long remoteAs() {
        return (Long) keys.get("remote-as");
    }

    /** Every key, by its configuration name, with the value as the configuration takes it. */
    public Map<String, Object> keys() {
        return keys;
    }

    /** A builder holding this spec's keys, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(name, address(), remoteAs());
        b.keys.putAll(keys);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerSpec p && p.keys.equals(keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }

    /** The keys, with a password shown as {@code ***}: a spec may end up in a log line. */
    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>(keys);
        shown.computeIfPresent("password", (k, v) -> "***");
        return "PeerSpec" + shown;
    }

    /** Builds a {@link PeerSpec}: typed setters for the common keys, {@link #option} for the others. */
    public static final class Builder {
        private final String name;
        private final Map<String, Object> keys = new LinkedHashMap<>();

        private Builder(String name, String address, long remoteAs) {
            this.name = Objects.requireNonNull(name, "name");
            keys.put("name", name);
            keys.put("address", Objects.requireNonNull(address, "address"));
            keys.put("remote-as", remoteAs);
        }

        /** The peer's TCP port (179). */
        public Builder port(int port) {
            return option("port", port);
        }

        /** Our source address for the session. */
        public Builder localAddress(String address) {
            return option("local-address", address);
        }

        /** The TCP MD5 key (RFC 2385), 1..80 octets. Never logged. */
        public Builder password(String password) {
            return option("password", password);
        }

        /** Only accept the peer's connection, never connect. */
        public Builder passive(boolean passive) {
            return option("passive", passive);
        }

        /** How many hops away the peer may be (1). */
        public Builder multihop(int hops) {
            return option("multihop", hops);
        }

        /** GTSM (RFC 5082). */
        public Builder ttlSecurity(boolean on) {
            return option("ttl-security", on);
        }

        /** The hold time offered in OPEN (90 s): 0 or 3..65535 s. */
        public Builder holdTime(Duration d) {
            return option("hold-time", d);
        }

        /** The keepalive interval (a third of the negotiated hold time). */
        public Builder keepalive(Duration d) {
            return option("keepalive", d);
        }

        /** ConnectRetryTime (120 s): how soon a failed connection is retried. */
        public Builder connectRetry(Duration d) {
            return option("connect-retry", d);
        }

        /** {@code ipv4-unicast}, {@code ipv6-unicast}. */
        public Builder families(String... families) {
            return option("families", List.of(families));
        }

        /** The import policy: {@code all}, {@code none} or a policy's name. */
        public Builder importPolicy(String policy) {
            return option("import", policy);
        }

        /** The export policy: {@code all}, {@code none} or a policy's name. */
        public Builder exportPolicy(String policy) {
            return option("export", policy);
        }

        /** {@code default}, {@code self} or {@code keep}. */
        public Builder nextHop(String mode) {
            return option("next-hop", mode);
        }

        /** RFC 4456: the peer is our route-reflector client (iBGP only). */
        public Builder routeReflectorClient(boolean client) {
            return option("route-reflector-client", client);
        }

        /** ADD-PATH (RFC 7911): offer to receive several paths per prefix. */
        public Builder addPathReceive(boolean on) {
            return option("add-path-receive", on);
        }

        /** {@code off}, {@code all} or a number of paths as text. */
        public Builder addPathSend(String mode) {
            return option("add-path-send", mode);
        }

        /** Free text, shown by {@code show peers}. */
        public Builder description(String text) {
            return option("description", text);
        }

        /** Administratively down: configured, never connected. */
        public Builder shutdown(boolean down) {
            return option("shutdown", down);
        }

        /**
         * Any other peer key of the configuration, by its name ({@code "max-prefixes"}, {@code "role"}...): a
         * String, Boolean, Number, Duration (whole seconds), or a List or Map of those. Checked when planned.
         */
        public Builder option(String key, Object value) {
            Objects.requireNonNull(key, "key");
            if (key.equals("name")) {
                throw new IllegalArgumentException("the name is given to builder()");
            }
            if (value == null) {
                keys.remove(key);
            } else {
                keys.put(key, value);
            }
            return this;
        }

        /** The spec; it is checked when planned or applied. */
        public PeerSpec build() {
            return new PeerSpec(name, keys);
        }
    }
}
