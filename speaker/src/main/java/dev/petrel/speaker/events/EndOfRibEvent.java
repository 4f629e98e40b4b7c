package dev.petrel.speaker.events;

import dev.petrel.wire.Family;

/**
 * A peer has sent its whole table of one family (End-of-RIB, RFC 4724 §2) in its current session: every route it
 * sent before is in the RIB, so events about them came before this one. A snapshot lists the families whose
 * End-of-RIB each Established peer has sent. A change with a null {@code family} says the peer's session ended
 * (after the withdrawal of everything it had sent): none of its End-of-RIBs holds any more.
 *
 * @param peer the peer's name
 * @param family the family completed, or null when the session ended
 */
public record EndOfRibEvent(String peer, Family family) {
    /** Whether this says the session ended rather than a table completed. */
    public boolean sessionEnded() {
        return family == null;
    }
}
