package dev.petrel.wire.capture;

/** The container formats {@link CaptureReader} understands (after any gzip or bzip2 wrapping is removed). */
public enum CaptureFormat {
    /** libpcap: either byte order, microsecond or nanosecond timestamps. */
    PCAP,
    /** pcapng (the "next generation" block format). */
    PCAPNG,
    /** MRT routing information export (RFC 6396, RFC 8050). */
    MRT,
    /** Anything else: read as a plain concatenation of BGP messages. */
    RAW
}
