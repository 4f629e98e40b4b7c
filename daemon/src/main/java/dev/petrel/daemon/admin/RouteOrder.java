package dev.petrel.daemon.admin;

import dev.petrel.rib.PathEntry;
import dev.petrel.rib.RouteEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The RIB hands out routes in the order of its tables; an operator reads them by prefix. The RIB is asked for one
 * route more than the limit, so that a cut answer can say it was cut.
 */
final class RouteOrder {
    private RouteOrder() {}

    /** Routes by prefix (IPv4 first), at most {@code limit}. */
    static <T> List<T> sorted(List<T> routes, Comparator<? super T> order, int limit) {
        List<T> out = new ArrayList<>(routes);
        out.sort(order);
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    static final Comparator<RouteEntry> BY_PREFIX = Comparator.comparing(RouteEntry::prefix);

    /**
     * Adj-RIB-In paths by prefix and path id, at most {@code limit}, with the paths of one prefix (ADD-PATH, RFC
     * 7911) in one entry.
     */
    static List<RouteEntry> merged(List<RouteEntry> paths, int limit) {
        List<RouteEntry> sorted = sorted(paths, BY_PREFIX.thenComparingLong(r -> r.paths().get(0).pathId()), limit);
        List<RouteEntry> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); ) {
            RouteEntry first = sorted.get(i);
            List<PathEntry> ps = new ArrayList<>();
            for (; i < sorted.size() && sorted.get(i).prefix().equals(first.prefix()); i++) {
                ps.addAll(sorted.get(i).paths());
            }
            out.add(new RouteEntry(first.prefix(), ps));
        }
        return out;
    }
}
