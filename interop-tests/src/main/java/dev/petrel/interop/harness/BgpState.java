package dev.petrel.interop.harness;

import java.util.Locale;

/** A BGP session state as BIRD and FRR report it, normalised (RFC 4271 states plus a few implementation ones). */
public enum BgpState {
    IDLE,
    CONNECT,
    ACTIVE,
    OPEN_SENT,
    OPEN_CONFIRM,
    ESTABLISHED,
    /** BIRD: the protocol is down (disabled, or not started). */
    DOWN,
    /** Anything else (FRR's Clearing/Deleted, an unparsable answer); the snapshot keeps the raw text. */
    UNKNOWN;

    /** Parses "Established", "OpenSent", "Open sent", "Idle (Admin)", "Active", "Down"..., case-insensitively. */
    public static BgpState parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        int paren = t.indexOf('(');
        if (paren > 0) {
            t = t.substring(0, paren);
        }
        t = t.replaceAll("[^a-z]", "");
        return switch (t) {
            case "idle" -> IDLE;
            case "connect" -> CONNECT;
            case "active" -> ACTIVE;
            case "opensent" -> OPEN_SENT;
            case "openconfirm" -> OPEN_CONFIRM;
            case "established" -> ESTABLISHED;
            case "down" -> DOWN;
            default -> UNKNOWN;
        };
    }
}
