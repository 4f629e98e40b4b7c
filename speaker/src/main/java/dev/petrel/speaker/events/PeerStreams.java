package dev.petrel.speaker.events;

import dev.petrel.fsm.session.PeerSession;
import dev.petrel.fsm.SessionState;
import dev.petrel.speaker.PeerWatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peer stream. Sessions report from their own event loops, so this stream's owner is a lock rather than a
 * thread: each change updates the current state and is numbered under it, and a subscription's snapshot is a copy
 * taken under it. Events are keyed by session, not name: a reset peer gets a new session under the same name,
 * and the old one's late state changes must not be taken for the new one's.
 */
final class PeerStreams implements PeerWatcher {
    private record Current(PeerSession session, PeerEvent state) {}

    private final EventHub<PeerEvent> hub = new EventHub<>();
    /** Guarded by this, in the order peers were added. */
    private final Map<String, Current> current = new LinkedHashMap<>();

    @Override
    public synchronized void peerAdded(PeerSession session, boolean dynamic) {
        PeerEvent e = new PeerEvent(session.name(), PeerEvent.Kind.ADDED, session.state(), null,
                dynamic ? "dynamic peer" : null, Instant.now());
        current.put(session.name(), new Current(session, state(e)));
        hub.publish(e);
    }

    @Override
    public synchronized void stateChanged(PeerSession session, SessionState from, SessionState to, String reason) {
        Current c = current.get(session.name());
        if (c == null || c.session() != session) {
            return; // a removed session's last words
        }
        PeerEvent e = new PeerEvent(session.name(), PeerEvent.Kind.STATE, to, from, reason, Instant.now());
        current.put(session.name(), new Current(session, e));
        hub.publish(e);
    }

    @Override
    public synchronized void peerRemoved(PeerSession session) {
        Current c = current.get(session.name());
        if (c == null || c.session() != session) {
            return;
        }
        current.remove(session.name());
        hub.publish(new PeerEvent(session.name(), PeerEvent.Kind.REMOVED, c.state().state(), c.state().state(),
                null, Instant.now()));
    }

    private static PeerEvent state(PeerEvent e) {
        return new PeerEvent(e.peer(), PeerEvent.Kind.STATE, e.state(), null, e.reason(), e.at());
    }

    EventSource<PeerEvent> source() {
        return new EventSource<>() {
            @Override
            public void attach(BufferedSubscription<PeerEvent> sub) {
                synchronized (PeerStreams.this) {
                    List<PeerEvent> snapshot = new ArrayList<>(current.size());
                    for (Current c : current.values()) {
                        snapshot.add(state(c.state()));
                    }
                    hub.attach(sub, snapshot);
                }
            }

            @Override
            public void detach(BufferedSubscription<PeerEvent> sub) {
                synchronized (PeerStreams.this) {
                    hub.detach(sub);
                }
            }
        };
    }

    synchronized void complete() {
        hub.complete();
    }
}
