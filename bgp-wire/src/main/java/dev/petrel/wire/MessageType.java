package dev.petrel.wire;

/** The BGP message types (RFC 4271 §4.1, RFC 2918 for ROUTE-REFRESH), with their minimum lengths (§6.1). */
public enum MessageType {
    OPEN(1, 29),
    UPDATE(2, 23),
    NOTIFICATION(3, 21),
    KEEPALIVE(4, 19),
    ROUTE_REFRESH(5, 23);

    private static final MessageType[] BY_CODE = {null, OPEN, UPDATE, NOTIFICATION, KEEPALIVE, ROUTE_REFRESH};

    private final int code;
    private final int minimumLength;

    MessageType(int code, int minimumLength) {
        this.code = code;
        this.minimumLength = minimumLength;
    }

    public int code() {
        return code;
    }

    /** The smallest legal message of this type, header included. */
    public int minimumLength() {
        return minimumLength;
    }

    /** The type with this code, or null when the code is not a message type we know. */
    public static MessageType fromCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
