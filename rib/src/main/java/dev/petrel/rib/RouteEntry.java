package dev.petrel.rib;

import dev.petrel.wire.nlri.Prefix;
import java.util.List;

/**
 * A snapshot of one prefix: every candidate path, best first. Immutable; safe to hand to any thread.
 *
 * @param prefix the prefix
 * @param paths its paths: the best one first, then the others as the table holds them
 */
public record RouteEntry(Prefix prefix, List<PathEntry> paths) {
    public RouteEntry {
        paths = List.copyOf(paths);
    }

    /** The best path, or null when no path is eligible. */
    public PathEntry best() {
        return paths.isEmpty() || !paths.get(0).best() ? null : paths.get(0);
    }
}
