package dev.petrel.wire.attr;

/** ORIGIN (RFC 4271 §5.1.1). */
public enum Origin {
    IGP,
    EGP,
    INCOMPLETE;

    public static Origin fromCode(int code) {
        return code >= 0 && code < 3 ? values()[code] : null;
    }

    public int code() {
        return ordinal();
    }
}
