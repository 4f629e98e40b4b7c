/**
 * The HTTP health endpoints of {@code petrel run}: {@code /livez} and {@code /readyz} on {@code admin.http}
 * (plain HTTP on loopback; HTTPS, optionally with client certificates, from PEM files anywhere: {@link
 * dev.petrel.daemon.health.HealthTls}).
 *
 * <pre>
 *   petrel-http thread (HealthServer, its own Netty group)
 *     every 1 s: Watchdog.beat() ──heartbeat task──▶ each BGP event loop, the RIB thread (Rib.query)
 *     GET /livez  ─▶ Watchdog.report() ─▶ Liveness.evaluate(last beats, now, 10 s)
 *     GET /readyz ─▶ SpeakerHealth: sessions (PeerStatus, PeerSession.adminUp)
 *                      + Rib.query(RibView.awaitingEndOfRib) ─▶ ReadinessGate ─▶ Readiness.evaluate
 * </pre>
 *
 * <p>The rules are pure functions of their inputs ({@link dev.petrel.daemon.health.Readiness},
 * {@link dev.petrel.daemon.health.Liveness}); the clock is passed in, so tests need neither a network nor waiting.
 * Liveness is progress: a loop that stops running tasks for 10 s fails it and is named. Readiness during start-up
 * (until {@code admin.ready-grace} or everything converged, whichever is first) needs every peer that is not shut
 * down Established with End-of-RIB for each negotiated family; after it, one Established peer. docs/design.md has
 * the reasons.
 */
package dev.petrel.daemon.health;
