/**
 * The session driver: runs the pure state machine of {@code dev.petrel.fsm} against real connections and timers.
 *
 * <h2>Threading</h2>
 * A {@link dev.petrel.fsm.session.PeerSession} is owned by one Netty event loop (chosen round-robin from the
 * transport's group): its state machines, timers, counters and decisions only change there. A channel may live
 * on another loop of the same group (accepted channels are spread by Netty); its
 * {@code ConnectionHandler} decodes on the channel's loop, so decoding is spread over the cores, and posts each
 * decoded message to the peer's loop, in order. Readers on other threads ({@code show peers}) see volatile,
 * single-writer fields and never block the loops. The octet counters are the exception: {@code OctetCounter},
 * first in each channel's pipeline, adds the length of every buffer read or written to a {@code LongAdder} on
 * the channel's loop, so the RIB's pre-encoded UPDATEs are counted with the rest.
 *
 * <h2>Connections</h2>
 * One state machine per connection, as RFC 4271 §8 describes: the peer's own (the primary) and, while a
 * collision is being resolved, one for the peer's second connection. The driver resolves collisions with
 * {@link dev.petrel.fsm.Collision} as soon as an OPEN makes the peer's identifier known on one connection while
 * the other is in OpenSent or OpenConfirm; the loser gets Cease/7. A connection from the peer while the session is
 * Established is refused with Cease/7, unless the peer negotiated Graceful Restart (RFC 4724 §4.2: the peer
 * restarted, the old session is dead). Events from a connection the driver has already dropped are ignored by
 * channel identity, and timer expiries by generation, so nothing stale reaches the state machine.
 *
 * <p>Graceful Restart, our side ({@link dev.petrel.fsm.session.GracefulRestart} in the settings): the capability
 * lists our families with the F bit, the R bit in a restart's OPENs. {@link
 * dev.petrel.fsm.session.PeerSession#closeForRestart} ends a session whose peer keeps our routes without making it
 * drop them: under the N bit the Cease goes as it is, not wrapped in the Hard Reset that every other
 * administrative Cease gets (RFC 8538 §4); without it no NOTIFICATION at all, only the TCP close (RFC 4724 §4:
 * BIRD 2.0.12 does not negotiate the N bit, FRR 8.4 does).
 *
 * <p>Graceful Restart, the peer's side (we are the receiving speaker, RFC 4724 §4.2): when an Established session
 * ends, {@code ReceivingSpeaker} decides from the negotiation, the event that ended it and the NOTIFICATION that
 * went out (after any Hard Reset wrapping) which of the peer's families are kept stale and for how long, and
 * {@link dev.petrel.fsm.session.SessionListener#down} hands that {@link dev.petrel.fsm.session.RouteRetention} to
 * the owner. A TCP end keeps them; a NOTIFICATION keeps them only under the N bit and never a Hard Reset (RFC 8538
 * §4); a peer whose capability lists no family keeps nothing.
 *
 * <h2>Timers</h2>
 * {@code TimerSet} keeps one deadline per timer on the monotonic clock and at most one scheduled wake-up, so
 * restarting the hold timer on every KEEPALIVE and UPDATE writes a field instead of cancelling a task.
 * ConnectRetry and Keepalive get RFC 4271 §10 jitter (shortened by up to 25 %). Keepalives run as scheduled tasks
 * of the peer's loop; they are delayed only by work already running on that loop, never by other peers' loops,
 * and a GC pause delays them by the pause, which the hold time (3 keepalives) absorbs.
 *
 * <h2>Backpressure</h2>
 * Inbound: a channel stops reading when 256 decoded messages wait for the peer's loop, and resumes below 128;
 * a consumer ({@link dev.petrel.fsm.session.SessionListener#message}) can also pause reading until it calls
 * {@link dev.petrel.fsm.session.PeerSession#resumeReading()}. TCP then pushes back on the peer. Outbound: the
 * transport's write water marks make the channel unwritable; while it is, the RFC 9687 send hold timer runs
 * (max(8 min, 2 x hold time) by default) and closes a peer that stopped reading with 8/0.
 *
 * <h2>Errors</h2>
 * RFC 7606 outcomes come from {@code bgp-wire}: a reset sends the NOTIFICATION it names; other problems are
 * logged with the RFC 7606 §6 line (the message in hex, at most 256 octets) for the first ten malformed UPDATEs
 * of a peer and every thousandth after that, and counted. Once both ends set the RFC 8538 N bit, Cease/1, /2,
 * /3 and /4 go out as a Hard Reset. The last NOTIFICATION sent or received (or the last transport error) is kept
 * with its RFC 9003 shutdown communication for {@code show peers}; NOTIFICATIONs that only close the losing
 * connection of a collision are not recorded as errors.
 */
package dev.petrel.fsm.session;
