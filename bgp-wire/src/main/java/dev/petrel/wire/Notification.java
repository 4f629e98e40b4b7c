package dev.petrel.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * NOTIFICATION (RFC 4271 §4.5): error code, subcode and data. Helpers read the data of the two kinds that have
 * structure: the RFC 9003 shutdown communication of Cease/2 and Cease/4, and the RFC 8538 Hard Reset (Cease/9)
 * which wraps the code, subcode and data of the reason.
 */
public record Notification(int code, int subcode, Bytes data) implements BgpMessage {
    public static final int MESSAGE_HEADER_ERROR = 1;
    public static final int OPEN_MESSAGE_ERROR = 2;
    public static final int UPDATE_MESSAGE_ERROR = 3;
    public static final int HOLD_TIMER_EXPIRED = 4;
    public static final int FSM_ERROR = 5;
    public static final int CEASE = 6;
    public static final int ROUTE_REFRESH_MESSAGE_ERROR = 7;
    public static final int SEND_HOLD_TIMER_EXPIRED = 8;

    public static final int CEASE_MAX_PREFIXES = 1;
    public static final int CEASE_ADMIN_SHUTDOWN = 2;
    public static final int CEASE_PEER_DECONFIGURED = 3;
    public static final int CEASE_ADMIN_RESET = 4;
    public static final int CEASE_CONNECTION_REJECTED = 5;
    public static final int CEASE_OTHER_CONFIG_CHANGE = 6;
    public static final int CEASE_COLLISION_RESOLUTION = 7;
    public static final int CEASE_OUT_OF_RESOURCES = 8;
    public static final int CEASE_HARD_RESET = 9;
    public static final int CEASE_BFD_DOWN = 10;

    /** RFC 9003 §2: receivers accept up to 255 octets; senders keep to 128 unless the peer supports more. */
    public static final int SHUTDOWN_COMMUNICATION_SEND_LIMIT = 128;

    public Notification {
        if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
            throw new IllegalArgumentException("code and subcode must be 0..255");
        }
        if (data == null) {
            data = Bytes.EMPTY;
        }
    }

    public Notification(int code, int subcode) {
        this(code, subcode, Bytes.EMPTY);
    }

    @Override
    public MessageType type() {
        return MessageType.NOTIFICATION;
    }

    /** Cease/7: the sender closed this connection to resolve a collision (RFC 4271 §6.8), not the session. */
    public boolean isCollisionResolution() {
        return code == CEASE && subcode == CEASE_COLLISION_RESOLUTION;
    }

    /** Cease/2 or Cease/4 with an RFC 9003 shutdown communication; the text is cut to 128 UTF-8 octets. */
    public static Notification shutdown(int subcode, String text) {
        if (subcode != CEASE_ADMIN_SHUTDOWN && subcode != CEASE_ADMIN_RESET) {
            throw new IllegalArgumentException("a shutdown communication goes with Cease/2 or Cease/4");
        }
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(t.length, SHUTDOWN_COMMUNICATION_SEND_LIMIT);
        while (n > 0 && n < t.length && (t[n] & 0xc0) == 0x80) {
            n--; // do not cut a UTF-8 sequence in half
        }
        byte[] d = new byte[1 + n];
        d[0] = (byte) n;
        System.arraycopy(t, 0, d, 1, n);
        return new Notification(CEASE, subcode, Bytes.wrap(d));
    }

    /** Cease/9 Hard Reset (RFC 8538 §3) wrapping {@code reason}. */
    public static Notification hardReset(Notification reason) {
        byte[] inner = reason.data().array();
        byte[] d = new byte[2 + inner.length];
        d[0] = (byte) reason.code();
        d[1] = (byte) reason.subcode();
        System.arraycopy(inner, 0, d, 2, inner.length);
        return new Notification(CEASE, CEASE_HARD_RESET, Bytes.wrap(d));
    }

    /** The RFC 9003 shutdown communication of a Cease/2 or Cease/4, read defensively. */
    public record ShutdownCommunication(String text, boolean valid, String problem, Bytes trailing) {}

    /**
     * The shutdown communication, or null when this is not Cease/2 or /4 or has no data. Invalid UTF-8 or a
     * length running past the data is reported, never interpreted (RFC 9003 §2); control characters are
     * replaced so the text can be logged safely.
     */
    public ShutdownCommunication shutdownCommunication() {
        if (code != CEASE || (subcode != CEASE_ADMIN_SHUTDOWN && subcode != CEASE_ADMIN_RESET) || data.length() == 0) {
            return null;
        }
        byte[] d = data.array();
        int n = d[0] & 0xff;
        if (1 + n > d.length) {
            return new ShutdownCommunication("", false, "length " + n + " runs past the " + (d.length - 1)
                    + " octets of data", Bytes.EMPTY);
        }
        Bytes trailing = Bytes.of(d, 1 + n, d.length - 1 - n);
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(d, 1, n)).toString();
            return new ShutdownCommunication(sanitize(s), true, null, trailing);
        } catch (CharacterCodingException e) {
            return new ShutdownCommunication("", false, "not valid UTF-8", trailing);
        }
    }

    /** The wrapped reason of a Cease/9 Hard Reset, or null when this is not one or its data is too short. */
    public Notification hardResetReason() {
        if (code != CEASE || subcode != CEASE_HARD_RESET || data.length() < 2) {
            return null;
        }
        return new Notification(data.get(0), data.get(1), Bytes.of(data.array(), 2, data.length() - 2));
    }

    private static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? '\uFFFD' : cp));
        return sb.toString();
    }

    /** "Cease / Administrative Shutdown", with the codes of RFC 4271, 4486, 6608, 7313, 8538, 9234, 9384, 9687. */
    public String describe() {
        return NotificationNames.code(code) + " / " + NotificationNames.subcode(code, subcode);
    }

    @Override
    public String toString() {
        return "NOTIFICATION " + code + "/" + subcode + " (" + describe() + ")"
                + (data.length() > 0 ? " data " + data.hex() : "");
    }
}
