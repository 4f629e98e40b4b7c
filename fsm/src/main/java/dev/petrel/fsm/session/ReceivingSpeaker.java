package dev.petrel.fsm.session;

import dev.petrel.fsm.FsmEvent;
import dev.petrel.fsm.Negotiated;
import dev.petrel.wire.Family;
import dev.petrel.wire.Notification;
import dev.petrel.wire.cap.Capability;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The receiving speaker's decision of RFC 4724 §4.2 (with RFC 8538 §4): when an Established session ends, are the
 * peer's routes kept, stale, while it restarts? Pure: the negotiation, the event that ended the session and the
 * NOTIFICATION we sent, if any, decide.
 *
 * <ul>
 *   <li>Both sides must have sent the Graceful Restart capability (we send it only with
 *       {@code graceful-restart.enabled}), and the peer must list families in it: a helper-only peer (no families)
 *       preserves nothing across its restart, so there is nothing to wait for.
 *   <li>The end of the TCP connection (including a peer that opens a new session while ours is Established, RFC
 *       4724 §4.2) keeps them.
 *   <li>A NOTIFICATION, sent or received, drops them (RFC 4724), unless both set the N bit (RFC 8538 §4): then
 *       every NOTIFICATION but a Hard Reset keeps them, a Hold Timer expiry included. Ours are wrapped in a Hard
 *       Reset where RFC 8538 §5 says so (an operator's shutdown, a removed peer, a prefix limit), which drops them.
 *   <li>A restart time of 0 keeps nothing: the peer said it will not be back in time for anything.
 * </ul>
 */
final class ReceivingSpeaker {
    private ReceivingSpeaker() {}

    /**
     * @param n the ended session's negotiation
     * @param cause the event that ended it
     * @param sent the NOTIFICATION we sent as it ended, as it went on the wire (a Hard Reset where wrapped), or null
     */
    static RouteRetention retention(Negotiated n, FsmEvent cause, Notification sent) {
        if (n == null) {
            return RouteRetention.none("no negotiated session");
        }
        Capability.GracefulRestart ours = n.local().capability(Capability.GracefulRestart.class);
        Capability.GracefulRestart theirs = n.peer().capability(Capability.GracefulRestart.class);
        if (ours == null || theirs == null) {
            return RouteRetention.none("Graceful Restart not negotiated");
        }
        if (!n.peerRestartsGracefully()) {
            return RouteRetention.none("the peer preserves no family across a restart (helper only)");
        }
        if (theirs.restartTime() == 0) {
            return RouteRetention.none("the peer's restart time is 0");
        }
        Verdict v = verdict(n.gracefulNotification(), cause, sent);
        if (!v.keep()) {
            return RouteRetention.none(v.why());
        }
        Set<Family> families = new HashSet<>();
        for (Capability.GrFamily f : theirs.families()) {
            if (n.context().families().contains(f.family())) {
                families.add(f.family());
            }
        }
        if (families.isEmpty()) {
            return RouteRetention.none("the peer's Graceful Restart families were not negotiated");
        }
        return new RouteRetention(families, Duration.ofSeconds(theirs.restartTime()), v.why());
    }

    private record Verdict(boolean keep, String why) {}

    /** Whether the way the session ended keeps the routes, and why. */
    private static Verdict verdict(boolean nBit, FsmEvent cause, Notification sent) {
        Notification received = switch (cause) {
            case FsmEvent.NotifMsg m -> m.notification();
            case FsmEvent.NotifMsgVerErr m -> m.notification();
            default -> null;
        };
        Notification n = received != null ? received : sent;
        String side = received != null ? "received" : "sent";
        if (n != null) {
            if (isHardReset(n)) {
                return new Verdict(false, "Hard Reset " + side);
            }
            return nBit ? new Verdict(true, "NOTIFICATION " + side + " without Hard Reset (RFC 8538 §4)")
                    : new Verdict(false, "NOTIFICATION " + side + " and no N bit (RFC 4724)");
        }
        return cause instanceof FsmEvent.TcpConnectionFails
                ? new Verdict(true, "the TCP connection ended (RFC 4724 §4.2)")
                : new Verdict(false, "stopped");
    }

    private static boolean isHardReset(Notification n) {
        return n.code() == Notification.CEASE && n.subcode() == Notification.CEASE_HARD_RESET;
    }
}
