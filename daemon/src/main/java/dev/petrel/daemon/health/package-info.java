/**
 * The HTTP endpoints of {@code petrel run} on {@code admin.http}: {@code /livez}, {@code /readyz} and
 * {@code /metrics} to read (GET), {@code /reload} and {@code /peers/NAME/shutdown|start} to write (POST,
 * {@link dev.petrel.daemon.health.WriteEndpoints}, the admin socket's handlers). Plain HTTP on loopback; HTTPS,
 * optionally with client certificates, from PEM files anywhere ({@link dev.petrel.daemon.health.HealthTls}),
 * rebuilt when the files change ({@link dev.petrel.daemon.health.ReloadingTls}). Every request is authorised by
 * {@link dev.petrel.daemon.health.Authorizer}, a pure function of {@code admin.authorization}'s read and write
 * lists and of the client ({@link dev.petrel.daemon.health.ClientNames}: loopback or not, the verified
 * certificate's CN and DNS names); a refusal is a 403 with the reason.
 *
 * <pre>
 *   petrel-http thread (HealthServer, its own Netty group)
 *     every 1 s: Watchdog.beat() ──heartbeat task──▶ each BGP event loop, the RIB thread (Rib.query)
 *     GET /livez  ─▶ Watchdog.report() ─▶ Liveness.evaluate(last beats, now, 10 s)
 *     GET /readyz ─▶ SpeakerHealth ─▶ SpeakerReadiness.assess() (module speaker) ─▶ ReadinessReport (JSON)
 *     POST /reload, /peers/NAME/... ─▶ Authorizer ─▶ petrel-http-write thread ─▶ ReloadHandler, PeerControlHandler
 *   petrel-secret-files thread: tls.crt, tls.key, ca.crt changed ─▶ ReloadingTls ─▶ next connection's SslContext
 * </pre>
 *
 * <p>Liveness is a pure function of its inputs ({@link dev.petrel.daemon.health.Liveness}); the clock is passed
 * in, so tests need neither a network nor waiting. Liveness is progress: a loop that stops running tasks for 10 s
 * fails it and is named.
 *
 * <p>Readiness lives in the embedding API ({@link dev.petrel.speaker.readiness}), so that an agent embedding the
 * speaker gets the same answer as {@code /readyz}; the daemon only renders it
 * ({@link dev.petrel.daemon.health.ReadinessReport} for {@code /readyz}, {@link dev.petrel.daemon.health.Status}
 * for {@code show status}), through one {@link dev.petrel.speaker.readiness.SpeakerReadiness} held by
 * {@link dev.petrel.daemon.health.SpeakerHealth}, so both share one start-up gate. During start-up (until
 * {@code admin.ready-grace} or everything converged, whichever is first) it needs every peer that is not shut down
 * Established with End-of-RIB for each negotiated family; after it, one Established peer. docs/design.md has the
 * reasons.
 */
package dev.petrel.daemon.health;
