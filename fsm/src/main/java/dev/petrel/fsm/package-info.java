/**
 * The BGP session: the RFC 4271 §8 finite state machine and the transport that drives it.
 *
 * <p>Not built yet (issue "Sessions"). This module will own:
 * <ul>
 *   <li>a pure transition function {@code step(state, event) -> (next state, actions, reason)} with the RFC's
 *       event names, passive mode, DelayOpen, collision detection (§6.8), IdleHold with exponential back-off
 *       (DampPeerOscillations) and the send hold timer (RFC 9687);</li>
 *   <li>OPEN negotiation into the immutable {@code dev.petrel.wire.SessionContext} that every decode and
 *       encode in {@code bgp-wire} takes;</li>
 *   <li>the Netty channel handler that turns socket I/O and monotonic timers into FSM events and runs the
 *       resulting actions, with TCP MD5, GTSM, multihop TTL and source-address binding.</li>
 * </ul>
 *
 * <p>Threading: a session belongs to one Netty event loop; nothing here blocks it.
 */
package dev.petrel.fsm;
