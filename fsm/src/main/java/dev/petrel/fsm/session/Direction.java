package dev.petrel.fsm.session;

/** Who opened a connection; collision detection (RFC 4271 §6.8) keeps one by this. */
public enum Direction {
    OUTGOING,
    INCOMING
}
