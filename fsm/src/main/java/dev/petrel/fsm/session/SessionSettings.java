package dev.petrel.fsm.session;

import dev.petrel.fsm.FsmConfig;
import dev.petrel.fsm.SessionPolicy;
import java.time.Duration;

/**
 * Everything one peer's session needs from configuration.
 *
 * @param name the configured peer name, for logs
 * @param fsm the state machine's optional attributes and timer lengths
 * @param policy what we offer in our OPEN and require of the peer's
 * @param sendHoldTime RFC 9687 SendHoldTime, or null for max(8 minutes, 2 x the negotiated hold time)
 * @param gracefulRestartHelper advertise Graceful Restart (RFC 4724) with no families, i.e. helper only, and the
 *     RFC 8538 N bit, so that NOTIFICATIONs other than Hard Reset are handled gracefully by both ends
 * @param softwareVersion the text of the software-version capability, or null to send none
 * @param addPathReceive offer to receive several paths per prefix (RFC 7911) in every family we announce
 * @param addPathSend offer to send several paths per prefix (RFC 7911) in every family we announce; with
 *     {@code addPathReceive} one ADD-PATH capability offers both
 * @param gracefulRestart our restarting-speaker side of Graceful Restart, or null for helper only; with it the
 *     capability lists our families (and needs {@code gracefulRestartHelper})
 */
public record SessionSettings(String name, FsmConfig fsm, SessionPolicy policy, Duration sendHoldTime,
        boolean gracefulRestartHelper, String softwareVersion, boolean addPathReceive, boolean addPathSend,
        GracefulRestart gracefulRestart) {

    public SessionSettings {
        if (gracefulRestart != null && !gracefulRestartHelper) {
            throw new IllegalArgumentException("a restarting speaker advertises Graceful Restart: helper too");
        }
    }

    public SessionSettings(String name, FsmConfig fsm, SessionPolicy policy, Duration sendHoldTime,
            boolean gracefulRestartHelper, String softwareVersion, boolean addPathReceive, boolean addPathSend) {
        this(name, fsm, policy, sendHoldTime, gracefulRestartHelper, softwareVersion, addPathReceive, addPathSend,
                null);
    }

    public SessionSettings(String name, FsmConfig fsm, SessionPolicy policy, Duration sendHoldTime,
            boolean gracefulRestartHelper, String softwareVersion) {
        this(name, fsm, policy, sendHoldTime, gracefulRestartHelper, softwareVersion, false, false);
    }

    public SessionSettings(String name, FsmConfig fsm, SessionPolicy policy, Duration sendHoldTime,
            boolean gracefulRestartHelper, String softwareVersion, boolean addPathReceive) {
        this(name, fsm, policy, sendHoldTime, gracefulRestartHelper, softwareVersion, addPathReceive, false);
    }

    /** RFC 9687 §4: "the suggested default... is 8 minutes"; and at least twice the hold time. */
    public Duration sendHoldFor(int negotiatedHoldSeconds) {
        if (sendHoldTime != null) {
            return sendHoldTime;
        }
        Duration twice = Duration.ofSeconds(2L * negotiatedHoldSeconds);
        Duration eight = Duration.ofMinutes(8);
        return twice.compareTo(eight) > 0 ? twice : eight;
    }
}
