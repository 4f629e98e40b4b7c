package dev.petrel.wire.capture;

/**
 * Everything a capture can yield: a BGP message, a RIB entry, a peer state change, or a problem in the
 * container.
 *
 * <p>Records are immutable values; the byte arrays they carry are copied on the way in and on the way out.
 */
public sealed interface CaptureRecord permits BgpMessageRecord, RibEntryRecord, StateChangeRecord, CaptureProblem {
    /** Where in the capture the record comes from, e.g. {@code "pcap frame 12"} or {@code "mrt record 40"}. */
    String source();
}
