package dev.petrel.fsm.session;

import dev.petrel.wire.Notification;

/**
 * A NOTIFICATION as one line for logs and {@code show peers}: code and subcode with their names, the RFC 9003
 * shutdown communication (sanitised by bgp-wire), and for a Hard Reset the reason it wraps.
 */
public final class NotificationText {
    private NotificationText() {}

    /** "6/2 Cease / Administrative Shutdown: "text"", for logs. */
    public static String describe(Notification n) {
        return n.code() + "/" + n.subcode() + " " + names(n);
    }

    /** The same without the leading numbers, for where code and subcode are shown beside it. */
    public static String names(Notification n) {
        StringBuilder sb = new StringBuilder(64);
        sb.append(n.describe());
        Notification inner = n.hardResetReason();
        if (inner != null) {
            sb.append(" (hard reset of ").append(describe(inner)).append(')');
            return sb.toString();
        }
        Notification.ShutdownCommunication sc = n.shutdownCommunication();
        if (sc != null) {
            if (sc.valid()) {
                sb.append(": \"").append(sc.text()).append('"');
            } else {
                sb.append(" (shutdown communication unreadable: ").append(sc.problem()).append(')');
            }
        }
        return sb.toString();
    }
}
