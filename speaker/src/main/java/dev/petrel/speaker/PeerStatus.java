package dev.petrel.speaker;

import dev.petrel.fsm.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of one peer (configured, or dynamic from a listen range), as {@code petrel show peers} prints it.
 *
 * @param name the configured name
 * @param address the peer's transport address, as configured
 * @param remoteAs the configured remote AS
 * @param state the session state of the connection that is furthest along
 * @param establishedSince when the session last reached Established (null when it is not Established)
 * @param lastStateChange when the state last changed
 * @param lastError the last NOTIFICATION sent or received, or the last transport error (null when none yet)
 * @param negotiated what the two OPENs agreed (null until OpenConfirm)
 * @param counters messages and prefixes both ways since the daemon started
 * @param establishedTransitions how many times the session reached Established (a flap count)
 * @param listenRange for a dynamic peer, the listen range it was accepted by; null for a configured peer
 */
public record PeerStatus(
        String name,
        String address,
        long remoteAs,
        SessionState state,
        Instant establishedSince,
        Instant lastStateChange,
        LastError lastError,
        Negotiated negotiated,
        Counters counters,
        long establishedTransitions,
        String listenRange) {

    /** A configured peer's snapshot. */
    public PeerStatus(String name, String address, long remoteAs, SessionState state, Instant establishedSince,
            Instant lastStateChange, LastError lastError, Negotiated negotiated, Counters counters,
            long establishedTransitions) {
        this(name, address, remoteAs, state, establishedSince, lastStateChange, lastError, negotiated, counters,
                establishedTransitions, null);
    }

    /** Whether the peer was accepted from a listen range (and goes away when its session ends). */
    public boolean dynamic() {
        return listenRange != null;
    }

    /** The same snapshot, marked as a dynamic peer of {@code range}. */
    PeerStatus inRange(String range) {
        return new PeerStatus(name, address, remoteAs, state, establishedSince, lastStateChange, lastError,
                negotiated, counters, establishedTransitions, range);
    }

    /** How long the session has been Established at {@code now}, or null. */
    public Duration uptime(Instant now) {
        return establishedSince == null ? null : Duration.between(establishedSince, now);
    }

    /**
     * The last error on the session.
     *
     * @param direction "sent" or "received" for a NOTIFICATION, "local" for a transport or internal error
     * @param code NOTIFICATION error code (0 for a local error)
     * @param subcode NOTIFICATION subcode
     * @param text the RFC name of code and subcode, plus the RFC 9003 shutdown communication or the local
     *     error message, sanitised for printing
     * @param at when it happened
     */
    public record LastError(String direction, int code, int subcode, String text, Instant at) {}

    /**
     * What the session negotiated.
     *
     * @param peerRouterId the peer's BGP Identifier, dotted quad
     * @param peerAs the peer's AS from its OPEN
     * @param holdTimeSeconds the negotiated hold time (0 = no keepalives)
     * @param keepaliveSeconds the keepalive interval in use
     * @param families negotiated AFI/SAFIs, like {@code ipv4-unicast}
     * @param addPathReceive families where we receive path identifiers
     * @param addPathSend families where we send path identifiers
     * @param capabilities the names of the other negotiated capabilities, e.g. {@code four-octet-as},
     *     {@code route-refresh}, {@code enhanced-route-refresh}, {@code extended-message},
     *     {@code graceful-restart}, {@code extended-next-hop}, {@code role}
     * @param peerCapabilities every capability the peer advertised, by name (unknown ones as {@code code-N})
     */
    public record Negotiated(
            String peerRouterId,
            long peerAs,
            int holdTimeSeconds,
            int keepaliveSeconds,
            List<String> families,
            List<String> addPathReceive,
            List<String> addPathSend,
            List<String> capabilities,
            List<String> peerCapabilities) {
        /** Copies the lists. */
        public Negotiated {
            families = List.copyOf(families);
            addPathReceive = List.copyOf(addPathReceive);
            addPathSend = List.copyOf(addPathSend);
            capabilities = List.copyOf(capabilities);
            peerCapabilities = List.copyOf(peerCapabilities);
        }
    }

    /**
     * Counters since the daemon started; never reset by a session flap. {@code malformedUpdates} counts UPDATEs
     * with any RFC 7606 problem (attribute discard or stronger), the per-peer error counter RFC 7606 §6 asks for.
     */
    public record Counters(
            long messagesReceived,
            long messagesSent,
            long updatesReceived,
            long updatesSent,
            long prefixesReceived,
            long prefixesSent,
            long notificationsReceived,
            long notificationsSent,
            long malformedUpdates,
            long opensReceived,
            long opensSent,
            long keepalivesReceived,
            long keepalivesSent,
            long routeRefreshesReceived,
            long routeRefreshesSent,
            long octetsReceived,
            long octetsSent) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** The counters `show` and the admin JSON carry, without the per-type and octet figures of metrics. */
        public Counters(long messagesReceived, long messagesSent, long updatesReceived, long updatesSent,
                long prefixesReceived, long prefixesSent, long notificationsReceived, long notificationsSent,
                long malformedUpdates) {
            this(messagesReceived, messagesSent, updatesReceived, updatesSent, prefixesReceived, prefixesSent,
                    notificationsReceived, notificationsSent, malformedUpdates, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }
}
