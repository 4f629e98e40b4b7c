package dev.petrel.fsm;

import dev.petrel.wire.Family;
import dev.petrel.wire.cap.BgpRole;
import java.util.Set;

/**
 * What our side requires of a peer's OPEN, from configuration.
 *
 * @param localAs our AS
 * @param routerId our BGP Identifier
 * @param peerAs the AS configured for the peer
 * @param holdTimeSeconds the hold time we offer (0, or 3..65535)
 * @param keepaliveSeconds the configured keepalive interval, or -1 for a third of the negotiated hold time
 * @param minHoldTimeSeconds the smallest non-zero hold time we accept from the peer (FRR's
 *     {@code bgp minimum-holdtime}); at least 3 (RFC 4271 §4.2)
 * @param families the families we offer; a peer sharing none of them is refused with 2/7
 * @param role our RFC 9234 role, or null for none
 * @param strictRole refuse a peer that does not announce a role (RFC 9234 §4.2 strict mode)
 * @param enforceFirstAs check that the leftmost AS of eBGP routes is the peer's (RFC 4271 §6.3 SHOULD)
 */
public record SessionPolicy(long localAs, int routerId, long peerAs, int holdTimeSeconds, int keepaliveSeconds,
        int minHoldTimeSeconds, Set<Family> families, BgpRole role, boolean strictRole, boolean enforceFirstAs) {
    public SessionPolicy {
        families = Set.copyOf(families);
        if (holdTimeSeconds != 0 && (holdTimeSeconds < 3 || holdTimeSeconds > 65535)) {
            throw new IllegalArgumentException("hold time must be 0 or 3..65535 s, got " + holdTimeSeconds);
        }
        if (minHoldTimeSeconds < 3) {
            minHoldTimeSeconds = 3;
        }
    }

    public boolean internal() {
        return localAs == peerAs;
    }
}
