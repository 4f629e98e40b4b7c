package dev.petrel.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One configured peer, its defaults from {@code petrel.peer-defaults} applied. Times are whole seconds.
 *
 * @param name unique, {@code [A-Za-z0-9_.-]{1,64}}
 * @param address the peer's address, unique among peers
 * @param remoteAs the peer's AS
 * @param internal iBGP: the remote AS is our own
 * @param port the peer's TCP port
 * @param localAddress our source address, of the peer's family; empty = the kernel chooses
 * @param imports per family, the import policy the configuration sets; a family absent is unset (see
 *     {@link #importPolicy(AddressFamily)})
 * @param exports per family, the export policy the configuration sets; as {@code imports}
 * @param password the TCP MD5 key (RFC 2385); its toString hides it
 * @param passive only accept the peer's connection, never connect
 * @param multihop how many hops away the peer may be, 1..255 (1 = directly connected)
 * @param ttlSecurity GTSM (RFC 5082): accept only TTL >= 256 - multihop
 * @param holdTime offered in OPEN: zero or 3s..65535s
 * @param keepalive empty = a third of the negotiated Hold Time (see {@link #effectiveKeepalive()})
 * @param minHoldTime the lowest non-zero Hold Time accepted from the peer; zero = no floor
 * @param connectRetry ConnectRetryTime (RFC 4271 §10)
 * @param delayOpen DelayOpenTime (RFC 4271 §8.1.1); zero = DelayOpen off
 * @param idleHold initial IdleHoldTime (DampPeerOscillations)
 * @param idleHoldMax the ceiling IdleHoldTime doubles up to
 * @param sendHoldTime RFC 9687; empty = see {@link #effectiveSendHoldTime()}
 * @param families the families offered, at least one
 * @param shutdown administratively down
 * @param description free text
 * @param role our RFC 9234 role towards the peer; empty = no role capability sent, the peer's not checked
 * @param strictRole refuse a peer that announces no role (RFC 9234 §4.2 strict mode)
 * @param ribOptions how the RIB treats the peer's routes: own-AS occurrences, next hop, limits, ADD-PATH
 */
public record PeerConfig(String name, InetAddress address, long remoteAs, boolean internal, int port,
        Optional<InetAddress> localAddress, Map<AddressFamily, PolicyRef> imports,
        Map<AddressFamily, PolicyRef> exports, Optional<Password> password, boolean passive, int multihop,
        boolean ttlSecurity, Duration holdTime, Optional<Duration> keepalive, Duration minHoldTime,
        Duration connectRetry, Duration delayOpen, Duration idleHold, Duration idleHoldMax,
        Optional<Duration> sendHoldTime, Set<AddressFamily> families, boolean shutdown, String description,
        Optional<Role> role, boolean strictRole, PeerRibOptions ribOptions) {
    /** RFC 9687: the send hold time is at least this long, whatever the hold time. */
    private static final Duration SEND_HOLD_FLOOR = Duration.ofMinutes(8);

    public PeerConfig {
        EnumSet<AddressFamily> copy = EnumSet.noneOf(AddressFamily.class);
        copy.addAll(families);
        families = Collections.unmodifiableSet(copy);
        imports = copy(imports);
        exports = copy(exports);
    }

    /**
     * A dynamic peer (one accepted from a listen range) made from this prototype: another name and address,
     * always passive and never shut down, everything else as this one.
     */
    public PeerConfig dynamic(String name, InetAddress address) {
        return new PeerConfig(name, address, remoteAs, internal, port, localAddress, imports, exports, password,
                true, multihop, ttlSecurity, holdTime, keepalive, minHoldTime, connectRetry, delayOpen, idleHold,
                idleHoldMax, sendHoldTime, families, false, description, role, strictRole, ribOptions);
    }

    private static Map<AddressFamily, PolicyRef> copy(Map<AddressFamily, PolicyRef> policies) {
        EnumMap<AddressFamily, PolicyRef> c = new EnumMap<>(AddressFamily.class);
        c.putAll(policies);
        return Collections.unmodifiableMap(c);
    }

    /**
     * The policy for routes received from the peer in {@code family}: the configured one, else none for an eBGP
     * peer (RFC 8212: nothing is accepted that no policy allowed) and all for an iBGP peer (as BIRD and FRR do
     * inside an AS). {@link #importExplicit(AddressFamily)} tells which, for the line the daemon logs.
     */
    public PolicyRef importPolicy(AddressFamily family) {
        return imports.getOrDefault(family, unsetPolicy());
    }

    /** The policy for routes sent to the peer in {@code family}; unset as {@link #importPolicy(AddressFamily)}. */
    public PolicyRef exportPolicy(AddressFamily family) {
        return exports.getOrDefault(family, unsetPolicy());
    }

    /** Whether the configuration sets the import policy of {@code family}, rather than leaving the default. */
    public boolean importExplicit(AddressFamily family) {
        return imports.containsKey(family);
    }

    /** Whether the configuration sets the export policy of {@code family}. */
    public boolean exportExplicit(AddressFamily family) {
        return exports.containsKey(family);
    }

    /** Whether the import policy is set for every family the peer is configured for. */
    public boolean importExplicit() {
        return imports.keySet().containsAll(families);
    }

    /** Whether the export policy is set for every family the peer is configured for. */
    public boolean exportExplicit() {
        return exports.keySet().containsAll(families);
    }

    /** What an unset import or export means: RFC 8212 for eBGP, everything inside the AS. */
    private PolicyRef unsetPolicy() {
        return internal ? PolicyRef.ALL : PolicyRef.NONE;
    }

    /**
     * The KEEPALIVE interval for a configured Hold Time: the one configured, else a third of it (RFC 4271 §10).
     * Zero when the Hold Time is zero, because then no KEEPALIVE is sent (RFC 4271 §4.4). The FSM calls this
     * again with the negotiated Hold Time.
     */
    public Duration effectiveKeepalive(Duration negotiatedHoldTime) {
        if (negotiatedHoldTime.isZero()) {
            return Duration.ZERO;
        }
        Duration third = Duration.ofSeconds(negotiatedHoldTime.toSeconds() / 3);
        return keepalive.filter(k -> k.compareTo(negotiatedHoldTime) < 0).orElse(third);
    }

    /** {@link #effectiveKeepalive(Duration)} for our own Hold Time. */
    public Duration effectiveKeepalive() {
        return effectiveKeepalive(holdTime);
    }

    /** The configured send hold time, else max(8 minutes, 2 x hold time) as RFC 9687 recommends. */
    public Duration effectiveSendHoldTime() {
        if (sendHoldTime.isPresent()) {
            return sendHoldTime.get();
        }
        Duration twice = holdTime.multipliedBy(2);
        return twice.compareTo(SEND_HOLD_FLOOR) > 0 ? twice : SEND_HOLD_FLOOR;
    }
}
