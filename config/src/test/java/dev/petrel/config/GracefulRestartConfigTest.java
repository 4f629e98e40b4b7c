package dev.petrel.config;

import static dev.petrel.config.Configs.text;
import static dev.petrel.config.Configs.topError;
import static dev.petrel.config.Configs.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The graceful-restart block: helper only by default, every key, and the errors an operator gets. */
class GracefulRestartConfigTest {
    @Test
    void defaultIsHelperOnly() {
        assertEquals(GracefulRestartOptions.HELPER_ONLY, valid(text("", "")).gracefulRestart());
        assertEquals(new GracefulRestartOptions(false, Duration.ofSeconds(120), Duration.ofSeconds(60),
                Duration.ofSeconds(360)),
                valid(text("", "")).gracefulRestart());
    }

    @Test
    void everyKeyIsRead() {
        assertEquals(new GracefulRestartOptions(true, Duration.ofSeconds(300), Duration.ofSeconds(20),
                Duration.ofSeconds(90)),
                valid(text("graceful-restart { enabled = true, restart-time = 5m, selection-deferral = 20s,"
                        + " stale-routes-time = 90s }", "")).gracefulRestart());
        assertEquals(Duration.ofSeconds(4095), valid(text("graceful-restart.restart-time = 4095s", ""))
                .gracefulRestart().restartTime());
    }

    @Test
    void errorsNameTheKeyAndTheLimit() {
        topError("graceful-restart.restart-time = 4096s", "petrel.graceful-restart.restart-time",
                "4096s is outside 1s..4095s: the capability carries it in 12 bits (RFC 4724 §3)");
        topError("graceful-restart.restart-time = 0s", "petrel.graceful-restart.restart-time",
                "0s is outside 1s..4095s");
        topError("graceful-restart.restart-time = 120", "petrel.graceful-restart.restart-time", "needs a unit");
        topError("graceful-restart.selection-deferral = 0s", "petrel.graceful-restart.selection-deferral",
                "0s: write a time from 1s to under 1h");
        topError("graceful-restart.stale-routes-time = 2h", "petrel.graceful-restart.stale-routes-time",
                "7200s: write a time from 1s to under 1h");
        topError("graceful-restart.enabled = yes please", "petrel.graceful-restart.enabled", "must be true or false");
        topError("graceful-restart.restart = true", "petrel.graceful-restart.restart", "unknown key");
    }
}
