package dev.petrel.config;

import dev.petrel.rib.policy.NextHopAction;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How the RIB treats one peer's routes, besides its policies.
 *
 * @param allowOwnAs how many times our AS may appear in a received AS_PATH, 0..{@value #MAX_ALLOW_OWN_AS}
 *     (0: the RFC 4271 §9.1.2 loop check)
 * @param nextHop the next hop of routes sent to the peer: NONE for the RFC 4271 §5.1.3 rules (configured as
 *     {@code default}), SELF or KEEP; a policy's next-hop action overrides it
 * @param maxPrefixes per family, the most prefixes accepted after import policy; a family absent has no limit
 * @param maxPrefixesAction what happens past the limit
 * @param addPathReceive offer to receive several paths per prefix (RFC 7911)
 * @param addPathSend how many paths per prefix to send: {@link #ADD_PATH_OFF}, 2..{@value #MAX_ADD_PATH_SEND}
 *     (the best N), or {@link #ADD_PATH_ALL}
 * @param routeReflectorClient the peer is our route-reflector client (RFC 4456); only ever true for an iBGP peer
 */
public record PeerRibOptions(int allowOwnAs, NextHopAction nextHop, Map<AddressFamily, Long> maxPrefixes,
        MaxPrefixesAction maxPrefixesAction, boolean addPathReceive, int addPathSend, boolean routeReflectorClient) {
    public static final int MAX_ALLOW_OWN_AS = 10;
    public static final int MAX_ADD_PATH_SEND = 64;
    /** ADD-PATH send not offered: one path per prefix, as plain BGP. */
    public static final int ADD_PATH_OFF = 0;
    /** Every path: as a count, no number of paths exceeds it. */
    public static final int ADD_PATH_ALL = Integer.MAX_VALUE;

    public PeerRibOptions(int allowOwnAs, NextHopAction nextHop, Map<AddressFamily, Long> maxPrefixes,
            MaxPrefixesAction maxPrefixesAction, boolean addPathReceive, int addPathSend) {
        this(allowOwnAs, nextHop, maxPrefixes, maxPrefixesAction, addPathReceive, addPathSend, false);
    }

    public PeerRibOptions {
        EnumMap<AddressFamily, Long> copy = new EnumMap<>(AddressFamily.class);
        copy.putAll(maxPrefixes);
        maxPrefixes = Collections.unmodifiableMap(copy);
    }

    /** The limit for one family, if it has one. */
    public OptionalLong maxPrefixes(AddressFamily family) {
        Long n = maxPrefixes.get(family);
        return n == null ? OptionalLong.empty() : OptionalLong.of(n);
    }

    public boolean addPathSendEnabled() {
        return addPathSend != ADD_PATH_OFF;
    }
}
