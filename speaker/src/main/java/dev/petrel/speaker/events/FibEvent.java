package dev.petrel.speaker.events;

import dev.petrel.fib.FibEntryView;
import dev.petrel.wire.nlri.Prefix;

/**
 * What the kernel holds for one prefix of Petrel's, or what it just did with a write.
 *
 * @param prefix the destination
 * @param kind the outcome (in a snapshot: where the route stands)
 * @param entry the FIB's view of the prefix after it (desired and installed route, attempts), or null when
 *     removed
 * @param error the kernel's error ({@code ENETUNREACH: ...}) or the guard's reason, for FAILED and REFUSED
 */
public record FibEvent(Prefix prefix, Kind kind, FibEntryView entry, String error) {
    /** What the kernel did, or where the route stands. */
    public enum Kind {
        /** In the kernel as desired. */
        INSTALLED,
        /** No longer Petrel's in the kernel. */
        REMOVED,
        /** The kernel refused the write; Petrel retries with back-off. */
        FAILED,
        /** The install guard refused it (a protected prefix): never written. */
        REFUSED,
        /** In a snapshot: desired, not acknowledged yet. */
        PENDING,
        /** In a snapshot: found in the kernel at start, kept until the peers have re-sent their tables. */
        STALE
    }

    static FibEvent of(FibEntryView v) {
        Kind k = switch (v.state()) {
            case INSTALLED -> Kind.INSTALLED;
            case PENDING, REMOVING -> Kind.PENDING;
            case FAILED -> Kind.FAILED;
            case REFUSED -> Kind.REFUSED;
            case STALE -> Kind.STALE;
        };
        return new FibEvent(v.prefix(), k, v, v.problem());
    }
}
