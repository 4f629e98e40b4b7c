package dev.petrel.interop.harness;

import java.util.Set;

/**
 * One look at a BGP neighbor from BIRD's or FRR's side, parsed from its control channel, with the raw text
 * kept for assertion messages ({@link #toString()} includes it).
 *
 * @param state the normalised session state
 * @param rawState the state as the daemon printed it
 * @param lastError the daemon's last error text (BIRD "Last error:", FRR lastResetDueTo and
 *     lastNotificationReason), or null
 * @param lastErrorCode the NOTIFICATION code/subcode as "CCSS" hex when the daemon tells it (FRR), or null
 * @param shutdownMessage an administrative-shutdown communication received or sent (BIRD "Message:", FRR
 *     lastShutdownDescription), or null
 * @param holdTimeSeconds the negotiated hold time while established, or null
 * @param keepaliveSeconds the negotiated keepalive interval while established, or null
 * @param neighborCapabilities capabilities the neighbor advertised to this daemon
 * @param localCapabilities capabilities this daemon advertised
 * @param neighborAfis address families in the neighbor's Multiprotocol capability ("ipv4", "ipv6"...)
 * @param raw the unparsed answer (birdc text or vtysh JSON)
 */
public record PeerSnapshot(BgpState state, String rawState, String lastError, String lastErrorCode,
        String shutdownMessage, Integer holdTimeSeconds, Integer keepaliveSeconds,
        Set<Capability> neighborCapabilities, Set<Capability> localCapabilities, Set<String> neighborAfis,
        String raw) {

    public PeerSnapshot {
        neighborCapabilities = Set.copyOf(neighborCapabilities);
        localCapabilities = Set.copyOf(localCapabilities);
        neighborAfis = Set.copyOf(neighborAfis);
    }

    /** A snapshot for an answer that could not be parsed at all. */
    public static PeerSnapshot unparsable(String raw) {
        return new PeerSnapshot(BgpState.UNKNOWN, null, null, null, null, null, null, Set.of(), Set.of(), Set.of(),
                raw);
    }

    public boolean established() {
        return state == BgpState.ESTABLISHED;
    }

    @Override
    public String toString() {
        return "state=" + state + " (" + rawState + "), lastError=" + lastError + ", code=" + lastErrorCode
                + ", shutdownMessage=" + shutdownMessage + ", hold=" + holdTimeSeconds + ", keepalive="
                + keepaliveSeconds + ", neighborCaps=" + neighborCapabilities + ", neighborAfis=" + neighborAfis
                + "\n--- raw ---\n" + raw;
    }
}
