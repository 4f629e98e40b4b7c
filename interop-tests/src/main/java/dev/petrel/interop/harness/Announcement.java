package dev.petrel.interop.harness;

import java.util.List;
import java.util.Objects;

/**
 * A prefix a BIRD or FRR router originates, with the attributes it gives the route on export: what
 * {@link BirdConfig#announce} and {@link FrrConfig#announce} render (a BIRD static route plus its settings in the
 * export filter; an FRR {@code network} statement with a route-map). Fluent withers; null leaves an attribute out.
 *
 * @param prefix IPv4 or IPv6 prefix
 * @param prepend how many extra times the router's own AS is prepended (0: the AS_PATH is just its AS on eBGP,
 *     empty on iBGP)
 * @param prependAs the AS to prepend {@code prepend} times; 0 = the router's own
 * @param origin "igp", "egp" or "incomplete" (the BGP ORIGIN); igp when null
 * @param med MULTI_EXIT_DISC, or null for none
 * @param localPref LOCAL_PREF (sent on iBGP only), or null for the daemon's default (100)
 * @param communities RFC 1997 communities "ASN:VALUE"
 */
public record Announcement(String prefix, int prepend, long prependAs, String origin, Long med, Long localPref,
        List<String> communities) {

    public Announcement {
        Objects.requireNonNull(prefix);
        communities = List.copyOf(communities);
        if (origin != null && !List.of("igp", "egp", "incomplete").contains(origin)) {
            throw new IllegalArgumentException("origin igp, egp or incomplete: " + origin);
        }
        for (String c : communities) {
            if (!c.matches("\\d{1,5}:\\d{1,5}")) {
                throw new IllegalArgumentException("community ASN:VALUE: " + c);
            }
        }
    }

    /** {@code prefix} with no attributes set. */
    public static Announcement of(String prefix) {
        return new Announcement(prefix, 0, 0, null, null, null, List.of());
    }

    public boolean ipv6() {
        return prefix.contains(":");
    }

    /** Prepends the router's own AS {@code n} more times. */
    public Announcement prepend(int n) {
        return new Announcement(prefix, n, 0, origin, med, localPref, communities);
    }

    /** Prepends {@code as} {@code n} times (e.g. a foreign AS on an iBGP route, where our own would be a loop). */
    public Announcement prepend(int n, long as) {
        return new Announcement(prefix, n, as, origin, med, localPref, communities);
    }

    public Announcement origin(String o) {
        return new Announcement(prefix, prepend, prependAs, o, med, localPref, communities);
    }

    public Announcement med(long m) {
        return new Announcement(prefix, prepend, prependAs, origin, m, localPref, communities);
    }

    public Announcement localPref(long lp) {
        return new Announcement(prefix, prepend, prependAs, origin, med, lp, communities);
    }

    /** Adds communities. */
    public Announcement community(String... c) {
        List<String> all = new java.util.ArrayList<>(communities);
        all.addAll(List.of(c));
        return new Announcement(prefix, prepend, prependAs, origin, med, localPref, all);
    }

    /** The ORIGIN to send ({@code igp} when unset). */
    public String effectiveOrigin() {
        return origin == null ? "igp" : origin;
    }
}
