package dev.petrel.speaker.events;

import java.util.List;

/**
 * What a subscription to one of Petrel's event streams receives: first a {@link Snapshot} of the whole state, then
 * one {@link Change} per change in the order Petrel made them, their sequence numbers consecutive from the
 * snapshot's. If the subscriber falls so far behind that its buffer overflows (or, with
 * {@link StreamOptions.Overflow#BACKPRESSURE}, holds its peers too long), it receives a {@link Resync} marker and
 * then a fresh {@link Snapshot}: the state to replace its own with, after which changes continue from the new
 * snapshot's sequence number. (A subscriber so slow that it had not even taken its first snapshot gets the marker
 * first.) This is list-then-watch, as a Kubernetes informer does it: apply the snapshot, apply each
 * change in order, and a gap in sequence numbers can never happen silently.
 *
 * @param <T> the stream's event type (the same type describes a snapshot's entries and a change)
 */
public sealed interface StreamItem<T> permits StreamItem.Snapshot, StreamItem.Change, StreamItem.Resync {
    /**
     * The sequence number: a snapshot's is that of the last change it includes; a change's is one more than the
     * item before it (the snapshot's or the previous change's); a resync marker's is that of the first change
     * dropped.
     */
    long sequence();

    /**
     * The whole state at {@link #sequence()}: every change numbered up to it is in it, none after.
     *
     * @param sequence the last change the snapshot includes (0 when nothing has changed yet)
     * @param entries the state, one entry per key (peer, prefix, path...), immutable
     */
    record Snapshot<T>(long sequence, List<T> entries) implements StreamItem<T> {
        /** Copies the entries. */
        public Snapshot {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One change, after the snapshot and every change before it.
     *
     * @param sequence one more than the item delivered before it
     * @param event what changed
     */
    record Change<T>(long sequence, T event) implements StreamItem<T> {}

    /**
     * The subscriber fell behind and changes were dropped: discard what you hold; a new {@link Snapshot} follows.
     *
     * @param sequence the first change dropped
     * @param dropped how many changes were discarded from the full buffer (those after it were not counted)
     * @param reason why, for a log line
     */
    record Resync<T>(long sequence, long dropped, String reason) implements StreamItem<T> {}
}
