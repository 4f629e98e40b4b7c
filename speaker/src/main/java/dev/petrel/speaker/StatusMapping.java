package dev.petrel.speaker;

import dev.petrel.config.PeerConfig;
import dev.petrel.fsm.Negotiated;
import dev.petrel.fsm.OpenCheck;
import dev.petrel.fsm.session.PeerSession;
import dev.petrel.fsm.session.SessionStats;
import dev.petrel.wire.Family;
import dev.petrel.wire.Notification;
import dev.petrel.wire.cap.Capability;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A live session into the immutable {@link PeerStatus} that {@code show peers} prints. */
final class StatusMapping {
    private StatusMapping() {}

    static PeerStatus status(PeerConfig config, PeerSession s) {
        PeerSession.LastError e = s.lastError();
        PeerStatus.LastError last = null;
        if (e != null) {
            Notification n = e.notification();
            last = new PeerStatus.LastError(e.direction(), n == null ? 0 : n.code(), n == null ? 0 : n.subcode(),
                    e.text(), e.at());
        }
        SessionStats st = s.stats();
        PeerStatus.Counters counters = new PeerStatus.Counters(st.messagesReceived(), st.messagesSent(),
                st.updatesReceived(), st.updatesSent(), st.prefixesReceived(), st.prefixesSent(),
                st.notificationsReceived(), st.notificationsSent(), st.malformedUpdates(), st.opensReceived(),
                st.opensSent(), st.keepalivesReceived(), st.keepalivesSent(), st.routeRefreshesReceived(),
                st.routeRefreshesSent(), st.octetsReceived(), st.octetsSent());
        return new PeerStatus(config.name(), config.address().getHostAddress(), config.remoteAs(), s.state(),
                s.establishedSince(), s.lastStateChange(), last, negotiated(s.negotiated()), counters,
                st.establishedTransitions());
    }

    static PeerStatus.Negotiated negotiated(Negotiated n) {
        if (n == null) {
            return null;
        }
        List<String> caps = new ArrayList<>();
        if (n.context().fourOctetAs()) {
            caps.add("four-octet-as");
        }
        if (n.both(Capability.RouteRefresh.class)) {
            caps.add("route-refresh");
        }
        if (n.both(Capability.EnhancedRouteRefresh.class)) {
            caps.add("enhanced-route-refresh");
        }
        if (n.context().extendedMessage()) {
            caps.add("extended-message");
        }
        if (n.both(Capability.GracefulRestart.class)) {
            caps.add("graceful-restart");
        }
        if (n.gracefulNotification()) {
            caps.add("graceful-restart-notification");
        }
        if (!n.context().extendedNextHop().isEmpty()) {
            caps.add("extended-next-hop");
        }
        if (n.both(Capability.Role.class)) {
            caps.add("role");
        }
        List<String> peerCaps = new ArrayList<>();
        for (Capability c : n.peer().capabilities()) {
            String name = capabilityName(c);
            if (!peerCaps.contains(name)) {
                peerCaps.add(name);
            }
        }
        return new PeerStatus.Negotiated(OpenCheck.dotted(n.peerRouterId()), n.peerAs(), n.holdTimeSeconds(),
                n.keepaliveSeconds(), names(n.context().families()), names(n.context().addPathReceive()),
                names(n.context().addPathSend()), caps, peerCaps);
    }

    private static List<String> names(Set<Family> fs) {
        TreeSet<Family> sorted = new TreeSet<>(fs);
        List<String> out = new ArrayList<>();
        for (Family f : sorted) {
            out.add(f.name());
        }
        return out;
    }

    static String capabilityName(Capability c) {
        return switch (c) {
            case Capability.Multiprotocol m -> "multiprotocol(" + m.family().name() + ")";
            case Capability.RouteRefresh r -> "route-refresh";
            case Capability.EnhancedRouteRefresh r -> "enhanced-route-refresh";
            case Capability.ExtendedMessage m -> "extended-message";
            case Capability.FourOctetAs f -> "four-octet-as";
            case Capability.GracefulRestart g -> "graceful-restart";
            case Capability.LongLivedGracefulRestart l -> "long-lived-graceful-restart";
            case Capability.AddPath a -> "add-path";
            case Capability.ExtendedNextHop x -> "extended-next-hop";
            case Capability.Role r -> "role(" + r.role().name().toLowerCase().replace('_', '-') + ")";
            case Capability.Fqdn f -> "fqdn";
            case Capability.SoftwareVersion v -> "software-version";
            case Capability.Unknown u -> "code-" + u.code();
        };
    }
}
