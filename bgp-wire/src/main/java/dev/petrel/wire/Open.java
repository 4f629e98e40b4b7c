package dev.petrel.wire;

import dev.petrel.wire.cap.Capability;
import java.util.List;

/**
 * OPEN (RFC 4271 §4.2), with capabilities (RFC 5492) gathered from every Capabilities optional parameter, in
 * order. Parameters of other types are kept in {@code otherParameters} for the session to refuse with 2/4.
 *
 * @param myAs the 2-octet My Autonomous System field (AS_TRANS when the real AS needs 4 octets)
 * @param holdTime seconds; 0 or at least 3
 * @param bgpIdentifier the BGP Identifier as an int (an IPv4 address by convention)
 */
public record Open(int version, int myAs, int holdTime, int bgpIdentifier, List<Capability> capabilities,
        List<OptionalParameter> otherParameters) implements BgpMessage {

    public Open {
        capabilities = List.copyOf(capabilities);
        otherParameters = otherParameters == null ? List.of() : List.copyOf(otherParameters);
        if (version < 0 || version > 255 || myAs < 0 || myAs > 0xffff || holdTime < 0 || holdTime > 0xffff) {
            throw new IllegalArgumentException("version, My AS or hold time out of range");
        }
    }

    public Open(int myAs, int holdTime, int bgpIdentifier, List<Capability> capabilities) {
        this(4, myAs, holdTime, bgpIdentifier, capabilities, List.of());
    }

    /** An optional parameter other than Capabilities (type 2). */
    public record OptionalParameter(int type, Bytes value) {}

    @Override
    public MessageType type() {
        return MessageType.OPEN;
    }

    /** The speaker's AS: from the 4-octet AS capability when present (RFC 6793 §4.1), else My AS. */
    public long asNumber() {
        for (Capability c : capabilities) {
            if (c instanceof Capability.FourOctetAs f) {
                return f.as();
            }
        }
        return myAs;
    }

    /** The first capability of the given type, or null. */
    public <T extends Capability> T capability(Class<T> type) {
        for (Capability c : capabilities) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
