package dev.petrel.wire.capture;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Framing;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.MessageType;
import dev.petrel.wire.SessionContext;
import java.util.Arrays;
import java.util.Objects;

/**
 * One complete BGP message, header included (19 or more octets, marker included), exactly as on the wire.
 *
 * <p>The header has passed {@link Framing#check} with {@link Framing#MAX_EXTENDED_LENGTH}; the body has not
 * been looked at.
 *
 * <p>A final class rather than a record so that readers can hand over a fresh array without a second copy and a
 * raw stream's "raw offset N" source text is only built when asked for: both cost more than decoding when a
 * million-prefix stream is read.
 *
 * @param message the whole message
 * @param from the sender, or null when the container does not say (RAW)
 * @param to the receiver, or null when the container does not say (RAW)
 * @param timestampMicros capture time in microseconds since the Unix epoch (0 for RAW)
 * @param fourOctetAs whether AS numbers in the message are four octets wide, or null when the container does not
 *     say (pcap, pcapng, RAW: only the OPEN exchange tells)
 * @param addPath whether the MRT record was an RFC 8050 ADDPATH subtype (NLRI carry path identifiers)
 * @param peerAs the peer AS from the container, or -1 when unknown
 * @param localAs the local AS from the container, or -1 when unknown
 * @param source where in the capture, e.g. {@code "pcap frame 12"} (the frame that completed the message) or
 *     {@code "mrt record 40"}
 */
public final class BgpMessageRecord implements CaptureRecord {
    private final byte[] message;
    private final Endpoint from;
    private final Endpoint to;
    private final long timestampMicros;
    private final Boolean fourOctetAs;
    private final boolean addPath;
    private final long peerAs;
    private final long localAs;
    private String source;
    private final String sourcePrefix;
    private final long sourcePosition;

    public BgpMessageRecord(byte[] message, Endpoint from, Endpoint to, long timestampMicros, Boolean fourOctetAs,
            boolean addPath, long peerAs, long localAs, String source) {
        this(Objects.requireNonNull(message, "message").clone(), from, to, timestampMicros, fourOctetAs, addPath,
                peerAs, localAs, Objects.requireNonNull(source, "source"), null, 0);
    }

    private BgpMessageRecord(byte[] owned, Endpoint from, Endpoint to, long timestampMicros, Boolean fourOctetAs,
            boolean addPath, long peerAs, long localAs, String source, String sourcePrefix, long sourcePosition) {
        if (owned.length < Framing.HEADER_LENGTH) {
            throw new IllegalArgumentException("a BGP message has at least 19 octets, got " + owned.length);
        }
        this.message = owned;
        this.from = from;
        this.to = to;
        this.timestampMicros = timestampMicros;
        this.fourOctetAs = fourOctetAs;
        this.addPath = addPath;
        this.peerAs = peerAs;
        this.localAs = localAs;
        this.source = source;
        this.sourcePrefix = sourcePrefix;
        this.sourcePosition = sourcePosition;
    }

    /** A record of a raw stream that takes ownership of {@code owned}; its source reads "raw offset N". */
    static BgpMessageRecord rawOwned(byte[] owned, long offset) {
        return new BgpMessageRecord(owned, null, null, 0, null, false, -1, -1, null, "raw offset ", offset);
    }

    /** A copy of the message. */
    public byte[] message() {
        return message.clone();
    }

    /** Decodes the message in {@code ctx} without copying it. */
    public DecodeResult decode(SessionContext ctx) {
        return MessageDecoder.decode(message, 0, message.length, ctx);
    }

    public Endpoint from() {
        return from;
    }

    public Endpoint to() {
        return to;
    }

    public long timestampMicros() {
        return timestampMicros;
    }

    public Boolean fourOctetAs() {
        return fourOctetAs;
    }

    public boolean addPath() {
        return addPath;
    }

    public long peerAs() {
        return peerAs;
    }

    public long localAs() {
        return localAs;
    }

    @Override
    public String source() {
        String s = source;
        if (s == null) {
            s = sourcePrefix + sourcePosition;
            source = s;
        }
        return s;
    }

    /** The type code from the header (octet 18). */
    public int typeCode() {
        return message[18] & 0xff;
    }

    /** The message type, or null for a code {@link MessageType} does not know. */
    public MessageType type() {
        return MessageType.fromCode(typeCode());
    }

    /** The length of the message in octets. */
    public int length() {
        return message.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BgpMessageRecord r && Arrays.equals(message, r.message) && Objects.equals(from, r.from)
                && Objects.equals(to, r.to) && timestampMicros == r.timestampMicros
                && Objects.equals(fourOctetAs, r.fourOctetAs) && addPath == r.addPath && peerAs == r.peerAs
                && localAs == r.localAs && source().equals(r.source());
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(message), from, to, timestampMicros, fourOctetAs, addPath, peerAs, localAs,
                source());
    }

    @Override
    public String toString() {
        MessageType t = type();
        return "BgpMessageRecord[" + (t == null ? "type " + typeCode() : t) + ", " + message.length + " octets, "
                + from + " -> " + to + ", t=" + timestampMicros + "us, as4=" + fourOctetAs + ", addPath=" + addPath
                + ", peerAs=" + peerAs + ", localAs=" + localAs + ", " + source() + "]";
    }
}
