package dev.petrel.speaker;

import dev.petrel.fsm.session.PeerSession;
import dev.petrel.fsm.session.SessionListener;

/**
 * A {@link SessionListener} that is also told when the speaker adds and removes peers, so that it can keep a list
 * of them (the peer event stream does). Called on any thread; implementations must not block.
 */
public interface PeerWatcher extends SessionListener {
    /** A peer's session was made: a configured peer at start or by a reload/apply, a dynamic peer on connect. */
    default void peerAdded(PeerSession session, boolean dynamic) {}

    /** A peer's session was removed: by a reload/apply, or a dynamic peer whose session ended. */
    default void peerRemoved(PeerSession session) {}
}
