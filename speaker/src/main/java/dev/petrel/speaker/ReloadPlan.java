package dev.petrel.speaker;

import dev.petrel.config.ListenAddress;
import dev.petrel.config.StaticRoute;
import dev.petrel.wire.nlri.Prefix;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reload changes, from {@link ReloadPlanner}: the global items a running speaker cannot change (a reload
 * that has any is refused), the listeners to bind and close, the static routes to originate and withdraw, one
 * entry per configured peer that changed, per listen range that changed, and per live dynamic peer it touches. An identical configuration gives the empty plan, which touches nothing.
 *
 * @param restartNeeded the global settings that changed and need a restart, each as "key: old -> new"
 * @param listenAdded listeners to bind
 * @param listenRemoved listeners to close (the sessions they accepted stay up)
 * @param staticOriginated static routes new or changed: originated (a changed one replaces the old path)
 * @param staticWithdrawn prefixes of static routes no longer configured
 * @param peers the peers that changed, in the new file's order, then the removed ones
 * @param ranges the listen ranges that changed (by name; a template's change shows in the ranges using it)
 * @param dynamicPeers what the ranges' changes do to their live dynamic peers ({@code RANGE/ADDRESS}), as seen
 *     when the plan was made: the speaker applies the range changes to the peers live when it applies them
 */
public record ReloadPlan(List<String> restartNeeded, List<ListenAddress> listenAdded,
        List<ListenAddress> listenRemoved, List<StaticRoute> staticOriginated, List<Prefix> staticWithdrawn,
        List<PeerChange> peers, List<PeerChange> ranges, List<PeerChange> dynamicPeers) {
    /** Copies the lists: a plan is immutable. */
    public ReloadPlan {
        restartNeeded = List.copyOf(restartNeeded);
        listenAdded = List.copyOf(listenAdded);
        listenRemoved = List.copyOf(listenRemoved);
        staticOriginated = List.copyOf(staticOriginated);
        staticWithdrawn = List.copyOf(staticWithdrawn);
        peers = List.copyOf(peers);
        ranges = List.copyOf(ranges);
        dynamicPeers = List.copyOf(dynamicPeers);
    }

    /** A plan without listen-range changes. */
    public ReloadPlan(List<String> restartNeeded, List<ListenAddress> listenAdded,
            List<ListenAddress> listenRemoved, List<StaticRoute> staticOriginated, List<Prefix> staticWithdrawn,
            List<PeerChange> peers) {
        this(restartNeeded, listenAdded, listenRemoved, staticOriginated, staticWithdrawn, peers, List.of(),
                List.of());
    }

    /** What happens to one peer. */
    public enum Action {
        /** A new peer: registered and started (unless configured {@code shutdown}). */
        ADDED,
        /** A peer no longer configured: Cease/3 (Peer De-configured, RFC 4486), its routes withdrawn, forgotten. */
        REMOVED,
        /**
         * A change the OPEN or the transport carries: Cease/6 (Other Configuration Change, RFC 4486), then the peer
         * is rebuilt from the new configuration and started again.
         */
        RESET,
        /**
         * Changes applied to the running session without a message: policies and RIB options re-applied (soft in
         * from the routes kept before policy, soft out as the difference), timers for the next session,
         * description, or {@code shutdown} switched (which sends Cease/2 or starts the session).
         */
        UPDATED
    }

    /**
     * One peer's change.
     *
     * @param name the peer's name (peers are matched by name)
     * @param action what is done
     * @param changed the configuration keys that differ (empty for ADDED and REMOVED)
     */
    public record PeerChange(String name, Action action, List<String> changed) {
        /** Copies the keys. */
        public PeerChange {
            changed = List.copyOf(changed);
        }

        /** Whether import policy or the RIB options of received routes changed: soft in. */
        public boolean softIn() {
            return changed.stream().anyMatch(ReloadPlanner.SOFT_IN::contains);
        }

        /** Whether export policy or next hop changed: soft out. */
        public boolean softOut() {
            return changed.stream().anyMatch(ReloadPlanner.SOFT_OUT::contains);
        }

        /** Whether a timer changed: the session's settings are replaced, effective from its next connection. */
        public boolean timers() {
            return changed.stream().anyMatch(ReloadPlanner.TIMERS::contains);
        }

        /** Whether {@code shutdown} changed. */
        public boolean shutdownChanged() {
            return changed.contains("shutdown");
        }
    }

    /** Whether the plan changes nothing. */
    public boolean isEmpty() {
        return restartNeeded.isEmpty() && listenAdded.isEmpty() && listenRemoved.isEmpty()
                && staticOriginated.isEmpty() && staticWithdrawn.isEmpty() && peers.isEmpty() && ranges.isEmpty();
    }

    /** Whether the speaker can apply it: nothing in it needs a restart. */
    public boolean applicable() {
        return restartNeeded.isEmpty();
    }

    /** One line per changed item, as the daemon prints and logs them; "no changes" for the empty plan. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (String r : restartNeeded) {
            out.add("restart needed: " + r);
        }
        for (ListenAddress l : listenAdded) {
            out.add("listen " + ListenText.of(l) + ": bind");
        }
        for (ListenAddress l : listenRemoved) {
            out.add("listen " + ListenText.of(l) + ": close (accepted sessions stay up)");
        }
        for (StaticRoute r : staticOriginated) {
            out.add("static route " + r.prefix() + ": originate");
        }
        for (Prefix p : staticWithdrawn) {
            out.add("static route " + p + ": withdraw");
        }
        for (PeerChange c : peers) {
            out.add("peer " + c.name() + ": " + describe(c));
        }
        for (PeerChange c : ranges) {
            out.add("listen range " + c.name() + ": " + describeRange(c));
        }
        for (PeerChange c : dynamicPeers) {
            out.add("dynamic peer " + c.name() + ": " + describe(c));
        }
        if (out.isEmpty()) {
            out.add("no changes");
        }
        return out;
    }

    private static String describeRange(PeerChange c) {
        return switch (c.action()) {
            case ADDED -> "added (accepted from now on)";
            case REMOVED -> "removed (its dynamic peers Cease/3 Peer De-configured)";
            case RESET -> "changed, its dynamic peers reset (Cease/6), new ones from the new prototype: "
                    + String.join(", ", c.changed());
            case UPDATED -> "changed without a reset, new peers from the new prototype: "
                    + String.join(", ", c.changed());
        };
    }

    private static String describe(PeerChange c) {
        return switch (c.action()) {
            case ADDED -> "added";
            case REMOVED -> "removed (Cease/3 Peer De-configured)";
            case RESET -> "reset (Cease/6 Other Configuration Change): " + String.join(", ", c.changed());
            case UPDATED -> {
                List<String> how = new ArrayList<>();
                if (c.softIn()) {
                    how.add("soft in");
                }
                if (c.softOut()) {
                    how.add("soft out");
                }
                if (c.timers()) {
                    how.add("timers from the next session");
                }
                if (c.shutdownChanged()) {
                    how.add("administrative state");
                }
                yield "updated without a reset" + (how.isEmpty() ? "" : " (" + String.join(", ", how) + ")") + ": "
                        + String.join(", ", c.changed());
            }
        };
    }

    /** The plan as one JSON object (no library: the daemon's JSON is written by hand too). */
    public String json() {
        StringBuilder b = new StringBuilder("{\"changes\":").append(!isEmpty()).append(",\"applicable\":")
                .append(applicable()).append(",\"restart_needed\":");
        strings(b, restartNeeded);
        b.append(",\"listen_added\":");
        strings(b, listenAdded.stream().map(ListenText::of).toList());
        b.append(",\"listen_removed\":");
        strings(b, listenRemoved.stream().map(ListenText::of).toList());
        b.append(",\"static_originated\":");
        strings(b, staticOriginated.stream().map(r -> r.prefix().toString()).toList());
        b.append(",\"static_withdrawn\":");
        strings(b, staticWithdrawn.stream().map(Prefix::toString).toList());
        b.append(",\"peers\":");
        changes(b, peers);
        b.append(",\"listen_ranges\":");
        changes(b, ranges);
        b.append(",\"dynamic_peers\":");
        changes(b, dynamicPeers);
        return b.append('}').toString();
    }

    private static void changes(StringBuilder b, List<PeerChange> list) {
        b.append('[');
        for (int i = 0; i < list.size(); i++) {
            PeerChange c = list.get(i);
            b.append(i == 0 ? "" : ",").append("{\"name\":").append(quote(c.name())).append(",\"action\":\"")
                    .append(c.action().name().toLowerCase(java.util.Locale.ROOT)).append("\",\"changed\":");
            strings(b, c.changed());
            b.append(",\"soft_in\":").append(c.softIn()).append(",\"soft_out\":").append(c.softOut())
                    .append(",\"timers\":").append(c.timers()).append('}');
        }
        b.append(']');
    }

    private static void strings(StringBuilder b, List<String> values) {
        b.append('[');
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ",").append(quote(values.get(i)));
        }
        b.append(']');
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A listen address as an operator writes it: {@code 10.0.0.1:179}, {@code [::1]:179}. */
    private static final class ListenText {
        static String of(ListenAddress l) {
            String a = l.address().getHostAddress();
            return (a.contains(":") ? "[" + a + "]" : a) + ":" + l.port();
        }
    }
}
