package dev.petrel.rib;

import dev.petrel.wire.Family;
import java.time.Duration;
import java.util.Set;

/**
 * How a peer's routes outlive its session while it restarts (RFC 4724 §4.2, Petrel as receiving speaker): the
 * routes of {@code families} stay, marked stale and still used, until the peer is back and has sent its End-of-RIB
 * in each family; what it did not send again then goes.
 *
 * @param families the families whose routes are kept; the others go when the session ends
 * @param restartTime the peer's advertised restart time: every stale route goes if it is not back by then
 * @param endOfRibWait once it is back, how long to wait for its End-of-RIB before the stale routes go anyway
 *     ({@code graceful-restart.stale-routes-time})
 */
public record StaleRetention(Set<Family> families, Duration restartTime, Duration endOfRibWait) {
    public static final StaleRetention NONE = new StaleRetention(Set.of(), Duration.ZERO, Duration.ZERO);

    public StaleRetention {
        families = Set.copyOf(families);
        java.util.Objects.requireNonNull(restartTime, "restartTime");
        java.util.Objects.requireNonNull(endOfRibWait, "endOfRibWait");
    }
}
