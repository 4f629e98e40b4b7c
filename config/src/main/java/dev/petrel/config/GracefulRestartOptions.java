package dev.petrel.config;

import java.time.Duration;

/**
 * The {@code graceful-restart} block: Petrel as a restarting speaker (RFC 4724), and as a receiving speaker (a
 * helper) for peers that restart. Whatever it says, every session advertises the capability (with the RFC 8538 N
 * bit); off, it lists no families (the helper-only form), and Petrel still keeps a restarting peer's routes.
 *
 * @param enabled list our families in the capability, so that peers keep our routes, marked stale, while Petrel
 *     restarts (its stop ends sessions without a Hard Reset), and take them back when it returns
 * @param restartTime how long peers wait for us to come back, 1..4095 s (the capability's 12 bits)
 * @param selectionDeferral after a graceful restart, the longest we hold back our routes and End-of-RIB while
 *     waiting for End-of-RIB from every peer (RFC 4724 §4.1's Selection_Deferral_Timer)
 * @param staleRoutesTime as helper: once a restarting peer is back, how long its stale routes wait for its
 *     End-of-RIB before they go anyway (RFC 4724 §4.2 leaves the value local; FRR's stalepath-time is 360 s)
 */
public record GracefulRestartOptions(boolean enabled, Duration restartTime, Duration selectionDeferral,
        Duration staleRoutesTime) {
    /** Off: helper only, as BIRD ({@code graceful restart aware}) and FRR do by default. */
    public static final GracefulRestartOptions HELPER_ONLY = new GracefulRestartOptions(false,
            Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(360));
}
