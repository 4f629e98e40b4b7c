package dev.petrel.speaker.events;

import dev.petrel.wire.Family;

/**
 * A peer has sent its whole table of one family (End-of-RIB, RFC 4724 §2) in its current session: every route it
 * sent before is in the RIB, so events about them came before this one. A snapshot lists the families whose
 * End-of-RIB each Established peer has sent.
 */
public record EndOfRibEvent(String peer, Family family) {}
