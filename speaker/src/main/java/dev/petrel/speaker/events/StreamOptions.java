package dev.petrel.speaker.events;

/**
 * How a subscription buffers.
 *
 * @param bufferSize how many items may wait for the subscriber's demand (a snapshot counts as one), at least 16
 * @param overflow what happens when they do not fit
 * @param maxHold with {@link Overflow#BACKPRESSURE}, the longest Petrel stops reading from its peers for this
 *     subscriber before dropping it into a resync instead: keep it well under the smallest hold time of the
 *     peers (a peer that is not read cannot have its KEEPALIVEs seen); 100 ms..60 s, default 2 s
 */
public record StreamOptions(int bufferSize, Overflow overflow, java.time.Duration maxHold) {
    /** The default {@link #maxHold}: under the 3 s hold time that is the smallest RFC 4271 allows. */
    public static final java.time.Duration MAX_HOLD = java.time.Duration.ofSeconds(2);
    /** 65,536 items, drop-and-resync: a subscriber that cannot keep up never holds routing back. */
    public static final StreamOptions DEFAULT = new StreamOptions(65_536, Overflow.DROP_AND_RESYNC);

    /** With the default {@link #maxHold}. */
    public StreamOptions(int bufferSize, Overflow overflow) {
        this(bufferSize, overflow, MAX_HOLD);
    }

    /** @throws IllegalArgumentException for a buffer below 16, no overflow policy or a hold limit out of range */
    public StreamOptions {
        if (maxHold == null || maxHold.toMillis() < 100 || maxHold.toSeconds() > 60) {
            throw new IllegalArgumentException("maxHold must be 100 ms..60 s, got " + maxHold);
        }
        if (bufferSize < 16) {
            throw new IllegalArgumentException("bufferSize must be at least 16, got " + bufferSize);
        }
        if (overflow == null) {
            throw new IllegalArgumentException("overflow policy is required");
        }
    }

    /** What a subscription does when its buffer is full. Neither ever blocks the thread that produces events. */
    public enum Overflow {
        /**
         * Drop the buffered changes and every change until the subscriber has caught up, then deliver a
         * {@link StreamItem.Resync} marker and a fresh snapshot. Routing is never slowed.
         */
        DROP_AND_RESYNC,
        /**
         * Slow the source down (the RIB streams: best paths, Adj-RIB-In, End-of-RIB): while the buffer is full
         * Petrel stops reading from its BGP peers (TCP then slows them, as when the RIB itself is behind), and
         * resumes when the subscriber has drained half of it. Changes already being decided still arrive, so the
         * buffer may exceed its size; at four times its size, or when the hold has lasted {@link #maxHold}, the
         * subscription falls back to a resync. Local origination through the API is not held back. The peer and
         * FIB streams have nothing to hold: for them it only allows the buffer four times its size.
         */
        BACKPRESSURE
    }
}
