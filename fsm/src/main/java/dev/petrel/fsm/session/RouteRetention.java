package dev.petrel.fsm.session;

import dev.petrel.wire.Family;
import java.time.Duration;
import java.util.Set;

/**
 * What the end of an Established session lets us keep of the peer's routes, as the receiving speaker of RFC 4724
 * §4.2: the routes of {@code families}, marked stale, for up to {@code restartTime} while the peer restarts. With
 * no families the routes go at once, as RFC 4271 says.
 *
 * @param families the families whose routes are kept stale: those the peer listed in its Graceful Restart
 *     capability that the session carried
 * @param restartTime the restart time the peer advertised: the stale routes go if it is not back by then
 * @param why for the log: why the routes are kept, or why not
 */
public record RouteRetention(Set<Family> families, Duration restartTime, String why) {
    public RouteRetention {
        families = Set.copyOf(families);
    }

    /** Nothing is kept. */
    public static RouteRetention none(String why) {
        return new RouteRetention(Set.of(), Duration.ZERO, why);
    }

    public boolean keepsAny() {
        return !families.isEmpty();
    }
}
