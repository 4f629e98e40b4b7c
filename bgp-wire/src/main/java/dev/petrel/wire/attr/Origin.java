package dev.petrel.wire.attr;

/** ORIGIN (RFC 4271 §5.1.1). */
public enum Origin {
    IGP,
    EGP,
    INCOMPLETE;

    // values() copies its array on every call; the decision process reads ORIGIN for every comparison.
    private static final Origin[] BY_CODE = values();

    public static Origin fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    public int code() {
        return ordinal();
    }
}
