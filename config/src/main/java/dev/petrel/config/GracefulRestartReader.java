package dev.petrel.config;

import com.typesafe.config.ConfigObject;
import java.time.Duration;

/** Reads and checks the {@code graceful-restart} block. */
final class GracefulRestartReader {
    private GracefulRestartReader() {}

    /** The options, or null when a key is wrong (reported). */
    static GracefulRestartOptions read(Section petrel, ConfigObject defaults) {
        Section g = petrel.child("graceful-restart", defaults);
        if (g == null) {
            return null;
        }
        UnknownKeys.check(g, defaults.keySet());
        int before = g.problems.count();
        Boolean enabled = g.bool("enabled");
        Duration restartTime = g.duration("restart-time");
        if (restartTime != null && (restartTime.toSeconds() < 1 || restartTime.toSeconds() > 4095)) {
            g.error("restart-time", restartTime.toSeconds() + "s is outside 1s..4095s: the capability carries it in"
                    + " 12 bits (RFC 4724 §3)");
        }
        Duration deferral = g.duration("selection-deferral");
        if (deferral != null && (deferral.isZero() || deferral.toHours() >= 1)) {
            g.error("selection-deferral", deferral.toSeconds() + "s: write a time from 1s to under 1h (RFC 4724 §4.1"
                    + " suggests minutes: long enough for every peer's End-of-RIB)");
        }
        Duration stale = g.duration("stale-routes-time");
        if (stale != null && (stale.toSeconds() < 1 || stale.toHours() >= 1)) {
            g.error("stale-routes-time", stale.toSeconds() + "s: write a time from 1s to under 1h (how long a"
                    + " restarting peer's stale routes wait for its End-of-RIB once it is back)");
        }
        if (g.problems.count() != before) {
            return null;
        }
        return new GracefulRestartOptions(enabled, restartTime, deferral, stale);
    }
}
