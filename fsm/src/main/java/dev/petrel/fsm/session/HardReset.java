package dev.petrel.fsm.session;

import dev.petrel.fsm.Negotiated;
import dev.petrel.wire.Notification;

/**
 * RFC 8538 §5: once both ends set the N bit, every NOTIFICATION is handled as a graceful restart unless it is a
 * Hard Reset (Cease/9). These Cease subcodes are meant to end the session for good, so they are sent wrapped in a
 * Hard Reset: Maximum Number of Prefixes Reached (1), Administrative Shutdown (2), Peer De-configured (3) and,
 * as FRR does by default ("bgp hard-administrative-reset"), Administrative Reset (4).
 */
final class HardReset {
    private HardReset() {}

    static Notification wrapIfNeeded(Notification n, Negotiated negotiated) {
        if (negotiated == null || !negotiated.gracefulNotification() || n.code() != Notification.CEASE) {
            return n;
        }
        return switch (n.subcode()) {
            case Notification.CEASE_MAX_PREFIXES, Notification.CEASE_ADMIN_SHUTDOWN,
                    Notification.CEASE_PEER_DECONFIGURED, Notification.CEASE_ADMIN_RESET -> Notification.hardReset(n);
            default -> n;
        };
    }
}
