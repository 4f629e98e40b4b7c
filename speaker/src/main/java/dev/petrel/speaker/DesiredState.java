package dev.petrel.speaker;

import dev.petrel.config.StaticRoute;
import dev.petrel.wire.nlri.Prefix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a node agent wants from Petrel beyond its base configuration: the peers, the named policies they use,
 * and the routes to originate. An agent can build one on every Kubernetes event and hand it to
 * {@link Petrel#apply}: Petrel compares it with what runs and does only what changed. The base configuration's own
 * peers, policies and static routes stay; a peer or policy name used in both is an error.
 *
 * @param peers by name, in the order given
 * @param policies HOCON bodies of named policies ({@code rules = [...]}), as in a configuration file's
 *     {@code petrel.policies} block (docs/configuration.md, "Policies")
 * @param routes the routes to originate, by prefix
 */
public record DesiredState(List<PeerSpec> peers, Map<String, String> policies, List<StaticRoute> routes) {
    public static final DesiredState EMPTY = new DesiredState(List.of(), Map.of(), List.of());

    /**
     * Copies everything.
     *
     * @throws IllegalArgumentException for two peers of one name or two routes for one prefix
     */
    public DesiredState {
        peers = List.copyOf(peers);
        policies = Collections.unmodifiableMap(new TreeMap<>(policies));
        routes = List.copyOf(routes);
        Map<String, PeerSpec> names = new LinkedHashMap<>();
        for (PeerSpec p : peers) {
            if (names.put(p.name(), p) != null) {
                throw new IllegalArgumentException("two peers named " + p.name());
            }
        }
        Map<Prefix, StaticRoute> prefixes = new LinkedHashMap<>();
        for (StaticRoute r : routes) {
            if (prefixes.put(r.prefix(), r) != null) {
                throw new IllegalArgumentException("two routes for " + r.prefix());
            }
        }
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this state. */
    public Builder toBuilder() {
        Builder b = new Builder();
        peers.forEach(b::peer);
        b.policies.putAll(policies);
        routes.forEach(b::route);
        return b;
    }

    /** The peer named {@code name}, or null. */
    public PeerSpec peer(String name) {
        return peers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** Builds a {@link DesiredState}; not thread-safe. */
    public static final class Builder {
        private final Map<String, PeerSpec> peers = new LinkedHashMap<>();
        private final Map<String, String> policies = new TreeMap<>();
        private final Map<Prefix, StaticRoute> routes = new LinkedHashMap<>();

        private Builder() {}

        /** Adds a peer, or replaces the one of the same name. */
        public Builder peer(PeerSpec peer) {
            peers.put(peer.name(), peer);
            return this;
        }

        /** Takes the peer named {@code name} out, if there is one. */
        public Builder removePeer(String name) {
            peers.remove(name);
            return this;
        }

        /** Adds or replaces a named policy: its HOCON body, e.g. {@code rules = [{ match { ... }, action = accept }]}. */
        public Builder policy(String name, String hocon) {
            policies.put(name, hocon);
            return this;
        }

        /** Adds or replaces a named policy built in Java ({@link PolicySpec}). */
        public Builder policy(PolicySpec policy) {
            return policy(policy.name(), policy.hocon());
        }

        /** Adds a route to originate, or replaces the one for the same prefix. */
        public Builder route(StaticRoute route) {
            routes.put(route.prefix(), route);
            return this;
        }

        /** Takes the route for {@code prefix} out, if there is one. */
        public Builder removeRoute(Prefix prefix) {
            routes.remove(prefix);
            return this;
        }

        /** The state, checked for duplicate peers and routes. */
        public DesiredState build() {
            return new DesiredState(new ArrayList<>(peers.values()), policies, new ArrayList<>(routes.values()));
        }
    }
}
