package dev.petrel.config;

import dev.petrel.wire.nlri.Prefix;
import java.util.Objects;

/**
 * A listen range: connections from any address in {@code prefix} that is not a configured peer are accepted as
 * dynamic peers made from {@code peer} (FRR's {@code bgp listen range ... peer-group}, BIRD's
 * {@code neighbor range}).
 *
 * @param name unique among ranges, {@code [A-Za-z0-9_.-]{1,64}}; a dynamic peer is named {@code NAME/ADDRESS}
 * @param prefix the CIDR, host bits zero, unique among ranges (nested ranges are allowed: the most specific wins)
 * @param template the peer template it uses, or null
 * @param maxPeers the most dynamic peers the range holds at once, 1..{@link #MAX_PEERS}
 * @param peer the prototype of its peers: named after the range, addressed with the prefix's network address,
 *     passive; its remote AS from a number or {@code internal}; its password (if any) the range's MD5 key
 */
public record ListenRange(String name, Prefix prefix, String template, int maxPeers, PeerConfig peer) {
    /** FRR's {@code bgp listen limit} default. */
    public static final int DEFAULT_MAX_PEERS = 100;
    /** FRR's {@code bgp listen limit} ceiling. */
    public static final int MAX_PEERS = 65535;

    public ListenRange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(peer, "peer");
        if (maxPeers < 1 || maxPeers > MAX_PEERS) {
            throw new IllegalArgumentException("maxPeers must be 1.." + MAX_PEERS + ", got " + maxPeers);
        }
    }
}
