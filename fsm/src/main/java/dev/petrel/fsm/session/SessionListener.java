package dev.petrel.fsm.session;

import dev.petrel.fsm.Negotiated;
import dev.petrel.fsm.SessionState;
import dev.petrel.wire.DecodeResult;

/**
 * What a session tells its owner. Called on the peer's event loop: implementations must not block.
 */
public interface SessionListener {
    /** The peer's state changed (the state of its furthest connection). */
    default void stateChanged(PeerSession peer, SessionState from, SessionState to, String reason) {}

    /** The session reached Established. */
    default void established(PeerSession peer, Negotiated negotiated) {}

    /**
     * An Established session ended: the routes learned on it are to be withdrawn, except those {@code keep} names,
     * which stay, stale, while the peer restarts (RFC 4724 §4.2).
     */
    default void down(PeerSession peer, String reason, RouteRetention keep) {}

    /**
     * An UPDATE or ROUTE-REFRESH on an Established session. Return false when the consumer is behind: the session
     * stops reading from the socket until {@link PeerSession#resumeReading()} is called.
     */
    default boolean message(PeerSession peer, DecodeResult result) {
        return true;
    }

    /** The Established connection's outbound buffer crossed its high (false) or low (true) water mark. */
    default void writabilityChanged(PeerSession peer, boolean writable) {}
}
