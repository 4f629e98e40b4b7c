/**
 * The BGP session: the RFC 4271 §8 finite state machine, OPEN checks and negotiation, and collision detection,
 * as pure functions; the driver that runs them on a Netty event loop is in {@code dev.petrel.fsm.session}, and
 * the sockets (TCP MD5, GTSM, TTL, source address) in {@code dev.petrel.fsm.transport}.
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li>{@link dev.petrel.fsm.SessionFsm#step}: {@code (config, state, event) -> (next state, actions, reason)},
 *       one instance per connection as RFC 4271 §8 describes, with the RFC's event names and numbers
 *       ({@link dev.petrel.fsm.FsmEvent}), passive mode, DelayOpen, IdleHold with exponential back-off
 *       (DampPeerOscillations) and the RFC 9687 send hold timer. Its deliberate departures from the letter of
 *       §8.2.2 are listed on the class.</li>
 *   <li>{@link dev.petrel.fsm.OpenCheck}: a peer's OPEN against our {@link dev.petrel.fsm.SessionPolicy}: the
 *       NOTIFICATION for each refusal (2/1 version, 2/2 peer AS incl. AS 0 (RFC 7607) and AS_TRANS without the
 *       4-octet capability, 2/3 identifier 0 or, within an AS, equal to ours (RFC 6286), 2/6 hold time 1, 2 or
 *       below the configured minimum, 2/4 unknown optional parameter, 2/11 role mismatch (RFC 9234), 2/7 no
 *       family in common), or the {@link dev.petrel.fsm.Negotiated} session.</li>
 *   <li>{@link dev.petrel.fsm.Collision}: RFC 4271 §6.8 and RFC 6286 §2.3.</li>
 * </ul>
 *
 * <h2>Decisions where implementations differ</h2>
 * <ul>
 *   <li>No family in common: refused with 2/7 (Unsupported Capability) carrying our first Multiprotocol
 *       capability, rather than an Established session that carries nothing (FRR's behaviour).</li>
 *   <li>Keepalive: the configured interval, never more than a third of the negotiated hold time (FRR and BIRD
 *       agree).</li>
 *   <li>An UPDATE in OpenConfirm is an FSM error 5/2 (RFC 6608), not BIRD's implicit KEEPALIVE.</li>
 * </ul>
 *
 * <h2>Supported standards</h2>
 * RFC 4271 (§6.2, §6.8, §8), RFC 4486, RFC 5492, RFC 6286, RFC 6608, RFC 6793, RFC 7607, RFC 8538, RFC 9003,
 * RFC 9234 (role checks), RFC 9687.
 *
 * <p>Threading: everything in this package is immutable or pure and can be used from any thread.
 */
package dev.petrel.fsm;
