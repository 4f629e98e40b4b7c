/**
 * Petrel's event streams, as {@link java.util.concurrent.Flow.Publisher}s of
 * {@link dev.petrel.speaker.events.StreamItem}s: a snapshot, then sequence-numbered changes with no gap (list then
 * watch, as a Kubernetes informer). {@link dev.petrel.speaker.events.Events} has the five streams: peers, best
 * paths, Adj-RIB-In (pre and post policy), End-of-RIB and FIB results.
 *
 * <p>Inside: an {@code EventHub} per stream, used only by the owner of the stream's state (RIB thread, FIB thread,
 * or the peer lock), numbers changes and offers each to every {@code BufferedSubscription}; a subscription's
 * bounded buffer is the only thing shared across threads, and its delivery runs on a virtual thread of its own,
 * so the producer never waits for a subscriber. {@link dev.petrel.speaker.events.StreamOptions.Overflow} says what a
 * full buffer does: drop and resync, or hold the BGP peers' reading (backpressure, bounded at four times the
 * buffer). docs/embedding.md is the guide.
 */
package dev.petrel.speaker.events;
