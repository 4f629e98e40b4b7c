package dev.petrel.fsm;

import dev.petrel.wire.Open;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.cap.Capability;

/**
 * What the two OPENs of an accepted session agreed: the contexts in which we decode what the peer sends and
 * encode what we send, and the timers. Immutable; made once per session by {@link OpenCheck}.
 *
 * @param context the context in which we decode what the peer sends and encode what we send to it
 * @param holdTimeSeconds the smaller of the two hold times (RFC 4271 §4.2); 0 means no hold and no keepalives
 * @param keepaliveSeconds the keepalive interval in use: the configured one, never more than a third of the
 *     negotiated hold time; 0 when the hold time is 0
 * @param local the OPEN we sent
 * @param peer the OPEN the peer sent
 */
public record Negotiated(SessionContext context, int holdTimeSeconds, int keepaliveSeconds,
        Open local, Open peer) {

    /** The peer's BGP Identifier as an int. */
    public int peerRouterId() {
        return peer.bgpIdentifier();
    }

    /** The peer's AS, from its 4-octet AS capability when present. */
    public long peerAs() {
        return peer.asNumber();
    }

    /** Both sides advertised {@code type}. */
    public boolean both(Class<? extends Capability> type) {
        return local.capability(type) != null && peer.capability(type) != null;
    }

    /**
     * RFC 8538 §2: both sides set the N bit of their Graceful Restart capability, so NOTIFICATIONs other than Hard
     * Reset keep the routes (the peer is GR helper) and a real reset must be sent as Cease/9.
     */
    public boolean gracefulNotification() {
        Capability.GracefulRestart a = local.capability(Capability.GracefulRestart.class);
        Capability.GracefulRestart b = peer.capability(Capability.GracefulRestart.class);
        return a != null && b != null && a.notification() && b.notification();
    }

    /**
     * RFC 4724 §3: the peer lists families in its Graceful Restart capability, so it preserves state across a
     * restart of its own; a helper-only peer (no families: BIRD's and FRR's default) preserves nothing.
     */
    public boolean peerRestartsGracefully() {
        Capability.GracefulRestart gr = peer.capability(Capability.GracefulRestart.class);
        return gr != null && !gr.families().isEmpty();
    }

    /**
     * RFC 4724 §4.2: the peer is a helper (it sent the capability) and we listed families in ours, so if the session
     * ends without a Hard Reset the peer keeps our routes in those families, marked stale, for our restart time.
     */
    public boolean peerKeepsOurRoutes() {
        Capability.GracefulRestart a = local.capability(Capability.GracefulRestart.class);
        return a != null && !a.families().isEmpty() && peer.capability(Capability.GracefulRestart.class) != null;
    }
}
