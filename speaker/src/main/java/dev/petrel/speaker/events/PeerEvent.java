package dev.petrel.speaker.events;

import dev.petrel.fsm.SessionState;
import java.time.Instant;

/**
 * A peer's session state, or a change of it. In a snapshot every known peer has one entry ({@link Kind#STATE}, its
 * current state); a change says a peer was added, changed state or was removed.
 *
 * @param peer the peer's name (a dynamic peer's is {@code RANGE/ADDRESS})
 * @param kind what happened
 * @param state the state now (for {@link Kind#REMOVED}, the last state it had)
 * @param previous the state before, or null in a snapshot and for {@link Kind#ADDED}
 * @param reason why it changed, as the session says it (a NOTIFICATION, a timer, a connection error), or null
 * @param at when
 */
public record PeerEvent(String peer, Kind kind, SessionState state, SessionState previous, String reason,
        Instant at) {
    /** What happened to the peer. */
    public enum Kind {
        /** A configured peer was added (at start or by apply), or a dynamic peer connected. */
        ADDED,
        /** The session changed state (or, in a snapshot, is in this state). */
        STATE,
        /** The peer was removed (by apply, or a dynamic peer whose session ended). */
        REMOVED
    }
}
