package dev.petrel.wire.capture;

import java.util.Objects;

/**
 * A BGP finite state machine transition recorded by an MRT collector (BGP4MP STATE_CHANGE, STATE_CHANGE_AS4,
 * and the legacy BGP STATE_CHANGE). States are the RFC 6396 §4.4.1 codes: 1 Idle, 2 Connect, 3 Active,
 * 4 OpenSent, 5 OpenConfirm, 6 Established.
 *
 * @param peer the peer whose session changed state (port -1)
 * @param peerAs the peer AS, or -1 when unknown
 * @param oldState the state left
 * @param newState the state entered
 * @param timestampMicros when, in microseconds since the Unix epoch
 * @param source where in the capture, e.g. {@code "mrt record 40"}
 */
public record StateChangeRecord(Endpoint peer, long peerAs, int oldState, int newState, long timestampMicros,
        String source) implements CaptureRecord {
    public StateChangeRecord {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(source, "source");
    }
}
