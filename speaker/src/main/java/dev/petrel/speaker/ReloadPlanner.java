package dev.petrel.speaker;

import dev.petrel.config.ListenAddress;
import dev.petrel.config.ListenRange;
import dev.petrel.config.PeerConfig;
import dev.petrel.config.PetrelConfig;
import dev.petrel.config.StaticRoute;
import dev.petrel.wire.nlri.Prefix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares the running configuration with a new one and says what a reload must do ({@link ReloadPlan}). Pure:
 * no speaker, no network, so every rule here is unit-tested on records.
 *
 * <p>The rules, by what a change reaches:
 * <ul>
 *   <li>What the OPEN or the TCP connection carries (remote AS, address, port, source address, MD5 password,
 *       passive, multihop, GTSM, families, role, ADD-PATH, route-reflector client): the session must start over,
 *       so the peer is reset with Cease/6 (Other Configuration Change, RFC 4486).
 *   <li>What only the RIB applies (import and export policies, the policies' own definitions, allow-own-as, next
 *       hop, route limits): re-applied to the running session, import from the routes kept before policy and
 *       export as the difference, as {@code peer policy} does. No message but the new UPDATEs.
 *   <li>Timers (hold time, keepalive, min hold time, connect-retry, delay-open, idle-hold, send-hold): the FSM
 *       cannot renegotiate a hold time in a running session (RFC 4271 has no message for it), so the session keeps
 *       what it negotiated and the new values take effect from its next connection; no message is sent.
 *   <li>Router ID, local AS and cluster ID are in every session and in the RIB's decision process; RIB options,
 *       the kernel block, the admin socket and the HTTP endpoints are built once at start. A change to any of them is reported as needing a restart, and the speaker refuses the whole reload:
 *       resetting every session from a reload would be a restart with fewer guarantees.
 *   <li>Listen ranges (and the peer templates, through the prototypes they resolve into) are planned by name with
 *       the same keys: a range added is accepted from then on, a range removed ends its live dynamic peers with
 *       Cease/3, a range changed applies its change to each of its live dynamic peers as to a configured peer
 *       (soft in/out, timers for the next session, or Cease/6 so that it reconnects under the new prototype),
 *       and new peers come from the new prototype. A narrowed prefix ends with Cease/3 the peers now outside it;
 *       a lower max-peers keeps the live peers and refuses new ones until the range is under it.
 * </ul>
 */
public final class ReloadPlanner {
    /** Keys whose change re-applies import: the routes kept before policy are run through it again. */
    static final Set<String> SOFT_IN = Set.of("import", "allow-own-as", "max-prefixes", "max-prefixes-action");
    /** Keys whose change re-runs export: the peer gets the difference. */
    static final Set<String> SOFT_OUT = Set.of("export", "next-hop");
    /** Keys the session reads when it next connects. */
    static final Set<String> TIMERS = Set.of("hold-time", "keepalive", "min-hold-time", "connect-retry",
            "delay-open", "idle-hold", "idle-hold-max", "send-hold-time");

    private ReloadPlanner() {}

    /** A key of the peer's configuration, how to read it, and whether a change resets the session. */
    private record Key(String name, Function<PeerConfig, Object> value, boolean reset) {}

    private static final List<Key> KEYS = List.of(
            new Key("address", PeerConfig::address, true),
            new Key("remote-as", PeerConfig::remoteAs, true),
            new Key("internal", PeerConfig::internal, true),
            new Key("port", PeerConfig::port, true),
            new Key("local-address", PeerConfig::localAddress, true),
            new Key("password", PeerConfig::password, true),
            new Key("passive", PeerConfig::passive, true),
            new Key("multihop", PeerConfig::multihop, true),
            new Key("ttl-security", PeerConfig::ttlSecurity, true),
            new Key("families", PeerConfig::families, true),
            new Key("role", PeerConfig::role, true),
            new Key("strict-role", PeerConfig::strictRole, true),
            new Key("add-path-receive", p -> p.ribOptions().addPathReceive(), true),
            new Key("add-path-send", p -> p.ribOptions().addPathSend(), true),
            new Key("route-reflector-client", p -> p.ribOptions().routeReflectorClient(), true),
            new Key("import", PeerConfig::imports, false),
            new Key("export", PeerConfig::exports, false),
            new Key("allow-own-as", p -> p.ribOptions().allowOwnAs(), false),
            new Key("next-hop", p -> p.ribOptions().nextHop(), false),
            new Key("max-prefixes", p -> p.ribOptions().maxPrefixes(), false),
            new Key("max-prefixes-action", p -> p.ribOptions().maxPrefixesAction(), false),
            new Key("hold-time", PeerConfig::holdTime, false),
            new Key("keepalive", PeerConfig::keepalive, false),
            new Key("min-hold-time", PeerConfig::minHoldTime, false),
            new Key("connect-retry", PeerConfig::connectRetry, false),
            new Key("delay-open", PeerConfig::delayOpen, false),
            new Key("idle-hold", PeerConfig::idleHold, false),
            new Key("idle-hold-max", PeerConfig::idleHoldMax, false),
            new Key("send-hold-time", PeerConfig::sendHoldTime, false),
            new Key("shutdown", PeerConfig::shutdown, false),
            new Key("description", PeerConfig::description, false));

    /** The keys compared, for the test that checks every component of {@link PeerConfig} is one. */
    static List<String> keyNames() {
        return KEYS.stream().map(Key::name).toList();
    }

    /** The plan that turns {@code running} into {@code next}; the empty plan when they are the same. */
    public static ReloadPlan plan(PetrelConfig running, PetrelConfig next) {
        return plan(running, next, List.of());
    }

    /**
     * The plan that turns {@code running} into {@code next}, with what it does to each of {@code dynamicPeers}
     * (the live dynamic peers, by the range that accepted them).
     */
    public static ReloadPlan plan(PetrelConfig running, PetrelConfig next, List<DynamicPeer> dynamicPeers) {
        List<String> restart = new ArrayList<>();
        global(restart, "router-id", running.routerId().getHostAddress(), next.routerId().getHostAddress());
        global(restart, "local-as", running.localAs(), next.localAs());
        global(restart, "cluster-id", Long.toUnsignedString(running.clusterId()),
                Long.toUnsignedString(next.clusterId()));
        global(restart, "admin.socket", running.adminSocket(), next.adminSocket());
        global(restart, "admin.socket-group", running.adminSocketGroup(), next.adminSocketGroup());
        // Blocks: their records print long; the key is enough to find the change.
        block(restart, "rib", running.rib(), next.rib());
        block(restart, "kernel", running.kernel(), next.kernel());
        block(restart, "admin.http", running.http(), next.http());
        // Our OPEN's Graceful Restart capability; a running session cannot change it.
        block(restart, "graceful-restart", running.gracefulRestart(), next.gracefulRestart());

        List<ListenAddress> listenAdded = new ArrayList<>(next.listen());
        listenAdded.removeAll(running.listen());
        List<ListenAddress> listenRemoved = new ArrayList<>(running.listen());
        listenRemoved.removeAll(next.listen());

        Map<Prefix, StaticRoute> before = byKey(running.staticRoutes(), StaticRoute::prefix);
        Map<Prefix, StaticRoute> after = byKey(next.staticRoutes(), StaticRoute::prefix);
        List<StaticRoute> originated = new ArrayList<>();
        after.forEach((p, r) -> {
            if (!r.equals(before.get(p))) {
                originated.add(r);
            }
        });
        List<Prefix> withdrawn = new ArrayList<>();
        for (Prefix p : before.keySet()) {
            if (!after.containsKey(p)) {
                withdrawn.add(p);
            }
        }

        Map<String, PeerConfig> old = byKey(running.peers(), PeerConfig::name);
        Map<String, PeerConfig> now = byKey(next.peers(), PeerConfig::name);
        List<ReloadPlan.PeerChange> peers = new ArrayList<>();
        for (PeerConfig n : next.peers()) {
            PeerConfig o = old.get(n.name());
            if (o == null) {
                peers.add(new ReloadPlan.PeerChange(n.name(), ReloadPlan.Action.ADDED, List.of()));
            } else if (!o.equals(n)) {
                peer(o, n).ifPresent(peers::add);
            }
        }
        for (PeerConfig o : running.peers()) {
            if (!now.containsKey(o.name())) {
                peers.add(new ReloadPlan.PeerChange(o.name(), ReloadPlan.Action.REMOVED, List.of()));
            }
        }
        List<ReloadPlan.PeerChange> ranges = ranges(running.listenRanges(), next.listenRanges());
        List<ReloadPlan.PeerChange> dynamicChanges = new ArrayList<>();
        Map<String, ListenRange> nextRanges = byKey(next.listenRanges(), ListenRange::name);
        Map<String, ReloadPlan.PeerChange> rangeChanges = byKey(ranges, ReloadPlan.PeerChange::name);
        for (DynamicPeer d : dynamicPeers) {
            ReloadPlan.PeerChange rc = rangeChanges.get(d.range());
            if (rc != null) {
                dynamicPeer(rc, nextRanges.get(d.range()), d.config()).ifPresent(dynamicChanges::add);
            }
        }
        return new ReloadPlan(restart, listenAdded, listenRemoved, originated, withdrawn, peers, ranges,
                dynamicChanges);
    }

    /** A live dynamic peer as the planner sees it: the range that accepted it and its configuration. */
    public record DynamicPeer(String range, PeerConfig config) {}

    /**
     * The listen ranges' changes, matched by name, with the keys of their prototypes (so a peer template's change
     * shows as the keys it changes in each range that uses it), plus {@code prefix} and {@code max-peers}. A range
     * is RESET when a key that resets a configured peer changed (its live peers get Cease/6), UPDATED otherwise.
     * The prototype's address is the prefix's network address: reported as {@code prefix}, never as address.
     */
    static List<ReloadPlan.PeerChange> ranges(List<ListenRange> running, List<ListenRange> next) {
        Map<String, ListenRange> old = byKey(running, ListenRange::name);
        Map<String, ListenRange> now = byKey(next, ListenRange::name);
        List<ReloadPlan.PeerChange> out = new ArrayList<>();
        for (ListenRange n : next) {
            ListenRange o = old.get(n.name());
            if (o == null) {
                out.add(new ReloadPlan.PeerChange(n.name(), ReloadPlan.Action.ADDED, List.of()));
            } else if (!o.equals(n)) {
                List<String> changed = new ArrayList<>();
                boolean reset = false;
                if (!o.prefix().equals(n.prefix())) {
                    changed.add("prefix");
                }
                if (o.maxPeers() != n.maxPeers()) {
                    changed.add("max-peers");
                }
                if (!Objects.equals(o.template(), n.template())) {
                    changed.add("template");
                }
                // a range's prototype has no address of its own: its peers' addresses come from the range
                reset |= changedKeys(o.peer(), n.peer(), "address", changed);
                out.add(new ReloadPlan.PeerChange(n.name(),
                        reset ? ReloadPlan.Action.RESET : ReloadPlan.Action.UPDATED, changed));
            }
        }
        for (ListenRange o : running) {
            if (!now.containsKey(o.name())) {
                out.add(new ReloadPlan.PeerChange(o.name(), ReloadPlan.Action.REMOVED, List.of()));
            }
        }
        return out;
    }

    /**
     * What a range's change does to one of its live dynamic peers: its range removed, or narrowed so that the
     * peer's address is outside it, REMOVED (Cease/3); a reset-class change RESET (Cease/6: it reconnects under
     * the new prototype); otherwise UPDATED with the keys that touch the session (policies soft in/out, timers
     * for its next session); empty when only {@code max-peers} or {@code template}'s name changed. A lower
     * max-peers never removes a live peer: the range refuses new ones until it is under the limit again.
     *
     * @param next the range's new definition, null if it was removed
     */
    static java.util.Optional<ReloadPlan.PeerChange> dynamicPeer(ReloadPlan.PeerChange range, ListenRange next,
            PeerConfig peer) {
        String name = peer.name();
        if (range.action() == ReloadPlan.Action.REMOVED || next == null) {
            return java.util.Optional.of(new ReloadPlan.PeerChange(name, ReloadPlan.Action.REMOVED, List.of()));
        }
        if (!dev.petrel.rib.policy.Prefixes.contains(next.prefix(), peer.address())) {
            return java.util.Optional.of(new ReloadPlan.PeerChange(name, ReloadPlan.Action.REMOVED,
                    List.of("prefix")));
        }
        List<String> changed = range.changed().stream()
                .filter(k -> !k.equals("prefix") && !k.equals("max-peers") && !k.equals("template")).toList();
        if (changed.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ReloadPlan.PeerChange(name, range.action(), changed));
    }

    /**
     * Adds to {@code changed} the name of every key (but {@code skip}) whose value differs between {@code o} and
     * {@code n}; whether one of them takes a session reset.
     */
    private static boolean changedKeys(PeerConfig o, PeerConfig n, String skip, List<String> changed) {
        boolean reset = false;
        for (Key k : KEYS) {
            if (!k.name().equals(skip) && !Objects.equals(k.value().apply(o), k.value().apply(n))) {
                changed.add(k.name());
                reset |= k.reset();
            }
        }
        return reset;
    }

    /** One peer's change by key; empty if the records differ in nothing a key reads (cannot happen today). */
    private static java.util.Optional<ReloadPlan.PeerChange> peer(PeerConfig o, PeerConfig n) {
        List<String> changed = new ArrayList<>();
        boolean reset = changedKeys(o, n, null, changed);
        if (changed.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ReloadPlan.PeerChange(n.name(),
                reset ? ReloadPlan.Action.RESET : ReloadPlan.Action.UPDATED, changed));
    }

    private static void global(List<String> out, String key, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            out.add(key + ": " + before + " -> " + after);
        }
    }

    private static void block(List<String> out, String key, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            out.add(key + " changed");
        }
    }

    private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
        Map<K, V> m = new LinkedHashMap<>();
        for (V v : values) {
            m.put(key.apply(v), v);
        }
        return m;
    }
}
