package dev.petrel.fsm;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.Family;
import dev.petrel.wire.Negotiation;
import dev.petrel.wire.Notification;
import dev.petrel.wire.Open;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.attr.AttributeCodes;
import dev.petrel.wire.nlri.Ipv4;
import dev.petrel.wire.cap.BgpRole;
import dev.petrel.wire.cap.Capability;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks a peer's OPEN against our {@link SessionPolicy} (RFC 4271 §6.2 and the RFCs that extend it) and, when it
 * is acceptable, negotiates the session. Pure: the same OPENs and policy always give the same outcome.
 *
 * <p>Order of checks: version, peer AS, BGP Identifier, hold time, optional parameters, role, families. The RFC
 * does not fix an order; this one reports the most basic mismatch first, as BIRD and FRR do.
 */
public final class OpenCheck {
    /** The outcome: accepted with a negotiation, or refused with the NOTIFICATION to send. */
    public sealed interface Outcome {}

    public record Accepted(Negotiated negotiated) implements Outcome {}

    /** @param reason a sentence for the log and {@code show peers} */
    public record Refused(Notification notification, String reason) implements Outcome {}

    private OpenCheck() {}

    public static Outcome check(SessionPolicy policy, Open local, Open peer) {
        if (peer.version() != 4) {
            // RFC 4271 §6.2: data = the largest supported version below the bid, or the smallest above: 4 either way.
            return refused(2, 1, Bytes.of(new byte[] {0, 4}), "peer speaks BGP version " + peer.version());
        }
        Capability.FourOctetAs four = peer.capability(Capability.FourOctetAs.class);
        long peerAs = peer.asNumber();
        if (peer.myAs() == 0 || (four != null && four.as() == 0)) {
            return refused(2, 2, "peer AS 0 (RFC 7607)");
        }
        if (peerAs != policy.peerAs()) {
            String why = four == null && peer.myAs() == AttributeCodes.AS_TRANS && policy.peerAs() > 0xffff
                    ? "peer sent AS_TRANS without the 4-octet AS capability; configured AS " + policy.peerAs()
                    : "peer AS " + peerAs + " is not the configured " + policy.peerAs();
            return refused(2, 2, why);
        }
        if (peer.bgpIdentifier() == 0) {
            return refused(2, 3, "BGP Identifier 0.0.0.0");
        }
        if (policy.internal() && peer.bgpIdentifier() == policy.routerId()) {
            // RFC 6286 §2.2: within an AS the identifiers must differ; between ASes they may be equal.
            return refused(2, 3, "iBGP peer uses our own BGP Identifier " + dotted(policy.routerId()));
        }
        int hold = peer.holdTime();
        if (hold == 1 || hold == 2) {
            return refused(2, 6, "hold time " + hold + " s (must be 0 or at least 3, RFC 4271 §4.2)");
        }
        if (hold != 0 && hold < policy.minHoldTimeSeconds()) {
            return refused(2, 6, "hold time " + hold + " s is below the configured minimum "
                    + policy.minHoldTimeSeconds() + " s");
        }
        if (!peer.otherParameters().isEmpty()) {
            return refused(2, 4, "optional parameter type " + peer.otherParameters().get(0).type());
        }
        Refused role = checkRole(policy, peer);
        if (role != null) {
            return role;
        }
        Set<Family> common = new HashSet<>(policy.families());
        common.retainAll(Negotiation.advertisedFamilies(peer));
        if (common.isEmpty()) {
            Family first = policy.families().stream().sorted().findFirst().orElse(Family.IPV4_UNICAST);
            return refused(2, 7, multiprotocolCapability(first),
                    "no address family in common: we offer " + policy.families() + ", the peer "
                            + Negotiation.advertisedFamilies(peer));
        }
        SessionContext context = Negotiation.receiving(local, peer, policy.enforceFirstAs());
        int negotiatedHold = Math.min(local.holdTime(), hold);
        int keepalive = 0;
        if (negotiatedHold > 0) {
            keepalive = negotiatedHold / 3;
            if (policy.keepaliveSeconds() > 0) {
                keepalive = Math.min(policy.keepaliveSeconds(), keepalive);
            }
            keepalive = Math.max(1, keepalive);
        }
        return new Accepted(new Negotiated(context, negotiatedHold, keepalive, local, peer));
    }

    /** RFC 9234 §4.2: a role pairing outside the table, or two different roles, is a Role Mismatch (2/11). */
    private static Refused checkRole(SessionPolicy policy, Open peer) {
        BgpRole seen = null;
        for (Capability c : peer.capabilities()) {
            if (c instanceof Capability.Role r) {
                if (seen != null && seen != r.role()) {
                    return new Refused(new Notification(2, 11), "peer announced two roles, " + seen + " and " + r.role());
                }
                seen = r.role();
            }
        }
        if (policy.role() == null) {
            return null;
        }
        if (seen == null) {
            return policy.strictRole() ? new Refused(new Notification(2, 11),
                    "peer announced no role and strict role checking is on") : null;
        }
        if (seen != policy.role().expectedPeerRole()) {
            return new Refused(new Notification(2, 11),
                    "peer role " + seen + " does not pair with our role " + policy.role());
        }
        return null;
    }

    /** RFC 5492 §3: the data of 2/7 is the missing capability as it would appear in an OPEN. */
    private static Bytes multiprotocolCapability(Family f) {
        return Bytes.of(new byte[] {1, 4, (byte) (f.afi() >> 8), (byte) f.afi(), 0, (byte) f.safi()});
    }

    private static Refused refused(int code, int subcode, String reason) {
        return refused(code, subcode, Bytes.EMPTY, reason);
    }

    private static Refused refused(int code, int subcode, Bytes data, String reason) {
        return new Refused(new Notification(code, subcode, data), reason);
    }

    public static String dotted(int id) {
        return Ipv4.format(id);
    }
}
