package dev.petrel.wire.capture;

import dev.petrel.wire.Framing;
import dev.petrel.wire.MessageType;
import java.util.Arrays;
import java.util.Objects;

/**
 * One complete BGP message, header included (19 or more octets, marker included), exactly as on the wire.
 *
 * <p>The header has passed {@link Framing#check} with {@link Framing#MAX_EXTENDED_LENGTH}; the body has not
 * been looked at.
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
public record BgpMessageRecord(byte[] message, Endpoint from, Endpoint to, long timestampMicros, Boolean fourOctetAs,
        boolean addPath, long peerAs, long localAs, String source) implements CaptureRecord {

    public BgpMessageRecord {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
        if (message.length < Framing.HEADER_LENGTH) {
            throw new IllegalArgumentException("a BGP message has at least 19 octets, got " + message.length);
        }
        message = message.clone();
    }

    /** A copy of the message. */
    @Override
    public byte[] message() {
        return message.clone();
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
                && localAs == r.localAs && source.equals(r.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(message), from, to, timestampMicros, fourOctetAs, addPath, peerAs, localAs,
                source);
    }

    @Override
    public String toString() {
        MessageType t = type();
        return "BgpMessageRecord[" + (t == null ? "type " + typeCode() : t) + ", " + message.length + " octets, "
                + from + " -> " + to + ", t=" + timestampMicros + "us, as4=" + fourOctetAs + ", addPath=" + addPath
                + ", peerAs=" + peerAs + ", localAs=" + localAs + ", " + source + "]";
    }
}
