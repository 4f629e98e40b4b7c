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
 * <p><b>Graceful restart, our side</b> ({@code graceful-restart.enabled}; RFC 4724 restarting speaker): the
 * capability lists our families, F bit set when forwarding outlives Petrel (kernel routes persist, or no kernel
 * FIB). {@link dev.petrel.speaker.Speaker#close} ends each session whose peer is a helper without a Hard Reset. A
 * start with {@code restartingGracefully} sets the R bit and defers all output ({@code SelectionDeferral}) until
 * every configured, enabled peer is Established and (a helper, not restarting) has sent End-of-RIB, or
 * {@code selection-deferral} passes (waited in full with listen ranges). The stop defers the RIB's output before
 * closing sessions, so relayed routes are not withdrawn from the helpers still up.
 * Decision: like FRR's {@code preserve-fw-state}, the F bit is set in every OPEN, not only a restart's: a session
 * that merely flapped left our forwarding as it was, and a helper holding our stale routes should keep them
 * until our End-of-RIB rather than flush them when the session comes back. Like BIRD ({@code bird -R}) and GoBGP,
 * a restart is said by the operator (or the agent), not guessed: a start after a crash is not deferred unless
 * asked.
 *
 * <p><b>The embedding API</b> (docs/embedding.md) is {@link dev.petrel.speaker.Petrel}: built from a base
 * configuration, started, and driven by a {@link dev.petrel.speaker.DesiredState} ({@link
 * dev.petrel.speaker.PeerSpec}s, named policies as HOCON, routes to originate). {@code apply} composes the state
 * with the base configuration, checks it with the configuration checker (so specs get the daemon's defaults and
 * its error messages, and an invalid state changes nothing), plans it with the reload planner and applies exactly
 * the plan; routes are originated and withdrawn by difference. The single operations (add, update, remove a peer,
 * set policies) are built on apply, so they answer with the same {@code PeerChange}. The daemon is this API with a
 * command line, an admin socket and HTTP endpoints around it ({@code Petrel.builder().config(...)}, its reload
 * through {@code reloadBase}).
 *
 * <p><b>Events</b> ({@code dev.petrel.speaker.events}): each stream is owned by the thread that owns its state:
 * the RIB thread (best paths, Adj-RIB-In, End-of-RIB, fed by one {@code RibObserver} attached with the first
 * subscription), the FIB thread (FIB results, a {@code FibObserver}), or a lock (peers, fed by a
 * {@link dev.petrel.speaker.PeerWatcher}, the session listener that also hears of peers added and removed). A
 * subscription attaches with a query on that thread, so its snapshot and its registration are one step; changes
 * are numbered by the stream's hub and appended to each subscription's bounded buffer, delivered on a virtual
 * thread per subscription. Overflow drops into a resync (marker, then a new snapshot) or, with backpressure,
 * holds the peers' reading through {@code Rib.holdReading}.
 *
 * <p><b>Sharing a JVM.</b> Several speakers may share one event loop group ({@code Petrel.sharedEventLoops});
 * the transport then closes only its own channels ({@code BgpTransport(config, shared)}).
 *
 * <p><b>Decision: loopback next hops.</b> A route whose NEXT_HOP is a loopback address is treated as withdrawn
 * (RFC 7606 treat-as-withdraw, decided in the wire codec); speakers peering over loopback (tests, the demo without root) must
 * advertise another next hop ({@code next-hop = keep} with routes originated via a node address).
 */
package dev.petrel.speaker;
