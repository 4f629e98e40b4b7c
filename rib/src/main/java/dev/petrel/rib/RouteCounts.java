package dev.petrel.rib;

import dev.petrel.wire.Family;
import java.util.List;

/**
 * `show routes --count`: per family and per peer, what the RIB holds.
 *
 * @param families per family: prefixes known, paths held, prefixes with a best path
 * @param peers per peer and family: received (paths held), accepted (eligible after import policy), best (paths
 *     that are the best for their prefix), advertised (prefixes the peer's update group has sent)
 */
public record RouteCounts(List<FamilyCount> families, List<PeerCount> peers) {
    public record FamilyCount(Family family, int prefixes, long paths, int best) {}

    public record PeerCount(String peer, Family family, long received, long accepted, long best, long advertised) {}

    public RouteCounts {
        families = List.copyOf(families);
        peers = List.copyOf(peers);
    }
}
