package dev.petrel.wire;

/**
 * One thing wrong with a received message, with what to do about it.
 *
 * @param action the RFC 7606 approach this problem calls for
 * @param code the NOTIFICATION error code RFC 4271 associates with it (sent only when {@code action} is
 *     {@link ErrorAction#SESSION_RESET}; kept otherwise so logs can name it)
 * @param subcode the NOTIFICATION error subcode
 * @param data the NOTIFICATION data to send with a reset (bounded by what was received, never more)
 * @param attributeType the path attribute type involved, or -1
 * @param description a sentence for the log that says what was wrong and where
 */
public record Problem(ErrorAction action, int code, int subcode, Bytes data, int attributeType, String description) {
    public Problem {
        if (action == null || data == null || description == null) {
            throw new NullPointerException("action, data and description are required");
        }
    }

    public static Problem reset(int code, int subcode, Bytes data, String description) {
        return new Problem(ErrorAction.SESSION_RESET, code, subcode, data, -1, description);
    }

    @Override
    public String toString() {
        String where = attributeType >= 0 ? " (attribute " + attributeType + ")" : "";
        return action.label() + " [" + code + "/" + subcode + "]" + where + ": " + description;
    }
}
