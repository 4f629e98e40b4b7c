package dev.petrel.speaker.events;

/**
 * How a subscription buffers.
 *
 * @param bufferSize how many items may wait for the subscriber's demand (a snapshot counts as one), at least 16
 * @param overflow what happens when they do not fit
 */
public record StreamOptions(int bufferSize, Overflow overflow) {
    /** 65,536 items, drop-and-resync: a subscriber that cannot keep up never slows routing. */
    public static final StreamOptions DEFAULT = new StreamOptions(65_536, Overflow.DROP_AND_RESYNC);

    /** @throws IllegalArgumentException for a buffer below 16 or no overflow policy */
    public StreamOptions {
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
         * Slow the source down: while the buffer is full Petrel stops reading from its BGP peers (TCP then slows
         * them, as when the RIB itself is behind), and resumes when the subscriber has drained half of it.
         * Changes already being decided still arrive, so the buffer may exceed its size; at four times its size
         * the subscription falls back to a resync rather than grow without bound. Local origination through the
         * API is not held back.
         */
        BACKPRESSURE
    }
}
