package dev.petrel.rib;

import dev.petrel.wire.NextHop;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;

/**
 * One Adj-RIB-Out entry: what was sent to a peer for a prefix.
 *
 * @param nextHop the MP_REACH next hop for families other than IPv4 unicast; null for IPv4 (NEXT_HOP attribute)
 * @param pathId the ADD-PATH path identifier it was sent with (RFC 7911, unsigned), or -1 without ADD-PATH
 */
public record AdvertisedRoute(Prefix prefix, PathAttributes attributes, NextHop nextHop, long pathId) {
    public AdvertisedRoute(Prefix prefix, PathAttributes attributes, NextHop nextHop) {
        this(prefix, attributes, nextHop, -1);
    }
}
