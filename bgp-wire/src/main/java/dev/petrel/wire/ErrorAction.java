package dev.petrel.wire;

/**
 * What a receiver does about a malformed UPDATE (RFC 7606 §2), weakest first, so that {@code compareTo} orders
 * them by strength and the strongest of several problems decides (§3(h)).
 */
public enum ErrorAction {
    /** Nothing is wrong, or something was ignored harmlessly (an unsupported family) and only logged. */
    NONE("none"),
    /** Drop the malformed attribute and process the rest (never for attributes that affect selection). */
    ATTRIBUTE_DISCARD("attribute-discard"),
    /** Treat every route in the UPDATE as withdrawn; the session stays up. */
    TREAT_AS_WITHDRAW("treat-as-withdraw"),
    /** Ignore every later route of the family on this session (RFC 4760 §7); Petrel resets instead. */
    AFI_SAFI_DISABLE("afi-safi-disable"),
    /** Send the NOTIFICATION the problem names and close the session. */
    SESSION_RESET("session-reset");

    private final String label;

    ErrorAction(String label) {
        this.label = label;
    }

    /** The name used in logs and JSON: "treat-as-withdraw". */
    public String label() {
        return label;
    }

    public ErrorAction max(ErrorAction other) {
        return other.compareTo(this) > 0 ? other : this;
    }
}
