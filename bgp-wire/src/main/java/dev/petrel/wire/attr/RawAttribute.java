package dev.petrel.wire.attr;

import dev.petrel.wire.Bytes;

/**
 * An attribute Petrel keeps without interpreting it: an unknown optional transitive attribute (RFC 4271 §5: kept,
 * and passed on with the Partial bit; a received unknown non-transitive one is ignored), or a known one with no
 * typed view here (AIGP, PMSI, Prefix-SID, ...).
 *
 * @param flags the Optional, Transitive and Partial bits as held (the Extended Length bit is a wire detail)
 */
public record RawAttribute(int flags, int type, Bytes value) {
    public boolean isOptional() {
        return (flags & AttributeCodes.OPTIONAL) != 0;
    }

    public boolean isTransitive() {
        return (flags & AttributeCodes.TRANSITIVE) != 0;
    }

    public boolean isPartial() {
        return (flags & AttributeCodes.PARTIAL) != 0;
    }
}
