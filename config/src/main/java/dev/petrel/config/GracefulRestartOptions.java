package dev.petrel.config;

import java.time.Duration;

/**
 * The {@code graceful-restart} block: Petrel as a restarting speaker (RFC 4724). Whatever it says, every session
 * advertises the capability (with the RFC 8538 N bit); off, it lists no families (the helper-only form).
 *
 * @param enabled list our families in the capability, so that peers keep our routes, marked stale, while Petrel
 *     restarts (its stop ends sessions without a Hard Reset), and take them back when it returns
 * @param restartTime how long peers wait for us to come back, 1..4095 s (the capability's 12 bits)
 * @param selectionDeferral after a graceful restart, the longest we hold back our routes and End-of-RIB while
 *     waiting for End-of-RIB from every peer (RFC 4724 §4.1's Selection_Deferral_Timer)
 */
public record GracefulRestartOptions(boolean enabled, Duration restartTime, Duration selectionDeferral) {
    /** Off: helper only, as BIRD ({@code graceful restart aware}) and FRR do by default. */
    public static final GracefulRestartOptions HELPER_ONLY =
            new GracefulRestartOptions(false, Duration.ofSeconds(120), Duration.ofSeconds(60));
}
