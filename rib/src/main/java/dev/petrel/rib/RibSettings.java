package dev.petrel.rib;

/**
 * Settings of the whole RIB.
 *
 * @param localAs our AS
 * @param routerId our BGP Identifier, unsigned
 * @param decision decision-process options
 * @param defaultLocalPref LOCAL_PREF given to routes sent to iBGP peers that have none (RFC 4271 §5.1.5)
 * @param queueHigh commands queued above which sessions are asked to stop reading
 * @param queueLow commands queued below which paused sessions resume
 * @param clusterId our CLUSTER_ID (RFC 4456 §7), unsigned: prepended to CLUSTER_LIST when reflecting, and a route
 *     from an iBGP peer whose CLUSTER_LIST holds it is a loop; 0 = our router ID
 */
public record RibSettings(long localAs, long routerId, DecisionOptions decision, long defaultLocalPref, int queueHigh,
        int queueLow, long clusterId) {
    public RibSettings(long localAs, long routerId, DecisionOptions decision, long defaultLocalPref, int queueHigh,
            int queueLow) {
        this(localAs, routerId, decision, defaultLocalPref, queueHigh, queueLow, 0);
    }

    public RibSettings {
        if (clusterId == 0) {
            clusterId = routerId;
        }
        if (decision == null) {
            decision = DecisionOptions.DEFAULT;
        }
        if (queueHigh <= 0) {
            queueHigh = 8192;
        }
        if (queueLow <= 0 || queueLow >= queueHigh) {
            queueLow = queueHigh / 4;
        }
    }

    public static RibSettings of(long localAs, long routerId) {
        return new RibSettings(localAs, routerId, DecisionOptions.DEFAULT, Candidate.DEFAULT_LOCAL_PREF, 0, 0);
    }
}
