/**
 * Readiness: whether a node running a {@link dev.petrel.speaker.Speaker} should be sent traffic, for the daemon's
 * {@code /readyz} and {@code show status} and for an agent that embeds the speaker and has a probe of its own.
 *
 * <p>The meaning is Calico's BGP readiness (its {@code calico-node -bird-ready} check: every BGP peer
 * Established), computed from the speaker's own state instead of scraped from a CLI, and made stricter at
 * start-up. A session that is merely Established does not mean the node has routes yet: the peer may still be
 * sending its table. End-of-RIB (RFC 4724 §2, an empty UPDATE per family) is the peer's own statement that its
 * initial table is complete, so a peer is <em>converged</em> when its session is Established and the RIB has
 * recorded End-of-RIB for every family the session negotiated. Before that, a freshly (re)started node would
 * attract traffic for destinations it cannot reach yet; that is the black hole this avoids.
 *
 * <pre>
 *   SpeakerReadiness.assess()
 *     Speaker.peers() (PeerStatus snapshots) + PeerSession.adminUp()     caller's thread, nothing blocks
 *     Rib.query(RibView.awaitingEndOfRib per peer)                        the RIB's thread, after queued UPDATEs
 *       ─▶ Readiness.PeerInput per peer ─▶ ReadinessGate (start-up or not, grace left) ─▶ Readiness.evaluate
 *       ─▶ Readiness.Report: ready, phase, the peers not converged and why
 * </pre>
 *
 * <p>The rules ({@link dev.petrel.speaker.readiness.Readiness}): peers shut down on purpose are ignored; during
 * start-up every other peer must be converged (phase {@code starting} until then); start-up ends when that first
 * happens or when the grace period ({@code admin.ready-grace}, 120 s) has passed, and never comes back
 * ({@link dev.petrel.speaker.readiness.ReadinessGate}), so a node that converged stays ready when one of two
 * peers later drops; after start-up one Established peer is enough ({@code degraded} when some are missing,
 * {@code down} when none is Established). A peer that never sends End-of-RIB holds readiness for the grace period
 * only. Graceful-restart recovery as a receiving speaker is not built; End-of-RIB stands in for it.
 *
 * <p>{@link dev.petrel.speaker.readiness.Readiness} and the gate are pure functions of their inputs and of a
 * clock passed in, tested without a network or waiting; {@link dev.petrel.speaker.readiness.SpeakerReadiness}
 * feeds them from a running speaker. How a report is rendered (the daemon's JSON) is the caller's business: the
 * report is plain records.
 */
package dev.petrel.speaker.readiness;
