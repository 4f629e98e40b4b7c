/**
 * The embedding API: Petrel as a Java library for a node agent.
 *
 * <p>Today: {@link dev.petrel.speaker.Speaker#start} takes a validated {@code dev.petrel.config.PetrelConfig},
 * builds the transport ({@code dev.petrel.fsm.transport.BgpTransport}), one
 * {@code dev.petrel.fsm.session.PeerSession} per configured peer on a loop of the transport's group, binds the
 * listeners with an accept policy that gives a configured peer's connection to its session, one from a listen
 * range to a dynamic peer ({@link dev.petrel.speaker.DynamicPeers}: made on connect, removed with its routes when
 * its session ends) and refuses anything else before reading a byte, and starts the peers that are not
 * {@code shutdown}. {@link dev.petrel.speaker.Speaker#peers()} returns immutable
 * {@link dev.petrel.speaker.PeerStatus} snapshots, the dynamic peers last, without blocking any event loop.
 *
 * <p>Reload: {@link dev.petrel.speaker.ReloadPlanner} compares the running configuration with a new one and
 * returns a {@link dev.petrel.speaker.ReloadPlan} (per peer: added, removed with Cease/3, reset with Cease/6, or
 * updated in place: soft in, soft out, timers for the next connection; listeners and static routes by difference;
 * global changes that need a restart); {@link dev.petrel.speaker.Speaker#reload} applies it and touches nothing
 * else, so an identical configuration sends no message. {@link dev.petrel.speaker.Speaker#plan} only computes it.
 *
 * <p>Decisions: for iBGP without GTSM the TTL sent is 255 (iBGP peers are often several hops away; BIRD and FRR do
 * the same); eBGP sends {@code multihop} (1 by default). Every session advertises Graceful Restart as a helper
 * (no families) with the RFC 8538 N bit, route refresh, extended messages and the 4-octet AS capability.
 *
 * <p>Still to come (issue "Embedding"): add, change and remove peers with a plan; originate and withdraw routes;
 * route snapshots; event streams ({@code java.util.concurrent.Flow.Publisher}) that start with a consistent
 * snapshot followed by gap-free, sequence-numbered deltas.
 */
package dev.petrel.speaker;
