package dev.petrel.rr;

import dev.petrel.config.ListenRange;
import dev.petrel.rib.policy.Prefixes;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;

/**
 * Which listen range an address falls in: the most specific one that holds it, as FRR's
 * {@code peer_group_lookup_dynamic_neighbor} picks the longest match. Immutable and thread-safe.
 *
 * <p>A linear scan, longest prefix first: an operator writes a handful of ranges, and the scan runs once per
 * accepted connection from an address that is not a configured peer.
 */
public final class ListenRanges {
    private final List<ListenRange> longestFirst;

    public ListenRanges(List<ListenRange> ranges) {
        this.longestFirst = ranges.stream()
                .sorted(Comparator.comparingInt((ListenRange r) -> r.prefix().length()).reversed())
                .toList();
    }

    /** The most specific range holding {@code address} (IPv4-mapped addresses normalised first), or null. */
    public ListenRange match(InetAddress address) {
        for (ListenRange r : longestFirst) {
            if (Prefixes.contains(r.prefix(), address)) {
                return r;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return longestFirst.isEmpty();
    }
}
