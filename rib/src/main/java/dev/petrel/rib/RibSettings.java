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
 * @param slowMember how long a member of an update group may hold the others back (its channel unwritable while
 *     they could take more) before it is split out into a group of its own; null = {@link #SLOW_MEMBER}
 */
public record RibSettings(long localAs, long routerId, DecisionOptions decision, long defaultLocalPref, int queueHigh,
        int queueLow, long clusterId, java.time.Duration slowMember) {
    /** The default {@link #slowMember}: long enough for a peer busy with a full table to catch up. */
    public static final java.time.Duration SLOW_MEMBER = java.time.Duration.ofSeconds(30);

    public RibSettings(long localAs, long routerId, DecisionOptions decision, long defaultLocalPref, int queueHigh,
            int queueLow) {
        this(localAs, routerId, decision, defaultLocalPref, queueHigh, queueLow, 0);
    }

    public RibSettings(long localAs, long routerId, DecisionOptions decision, long defaultLocalPref, int queueHigh,
            int queueLow, long clusterId) {
        this(localAs, routerId, decision, defaultLocalPref, queueHigh, queueLow, clusterId, null);
    }

    public RibSettings {
        if (slowMember == null) {
            slowMember = SLOW_MEMBER;
        }
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

    public RibSettings withSlowMember(java.time.Duration d) {
        return new RibSettings(localAs, routerId, decision, defaultLocalPref, queueHigh, queueLow, clusterId, d);
    }

    public static RibSettings of(long localAs, long routerId) {
        return new RibSettings(localAs, routerId, DecisionOptions.DEFAULT, Candidate.DEFAULT_LOCAL_PREF, 0, 0);
    }
}
