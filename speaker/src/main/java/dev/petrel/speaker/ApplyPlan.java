package dev.petrel.speaker;

import dev.petrel.config.StaticRoute;
import dev.petrel.wire.nlri.Prefix;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Petrel#apply} does, or would do ({@link Petrel#plan}), to reach a {@link DesiredState}: the peers'
 * and policies' part as a {@link ReloadPlan} (per peer: added, removed, reset or updated in place, and which keys
 * changed), and the routes to originate and withdraw. Applying a state twice gives the empty plan the second time.
 *
 * @param config what changes in the sessions: nothing happens to a peer it does not list
 * @param originate routes new or changed (a changed one replaces the path we advertise, without a withdrawal)
 * @param withdraw prefixes no longer wanted
 */
public record ApplyPlan(ReloadPlan config, List<StaticRoute> originate, List<Prefix> withdraw) {
    /** Copies the lists: a plan is immutable. */
    public ApplyPlan {
        originate = List.copyOf(originate);
        withdraw = List.copyOf(withdraw);
    }

    /** Whether it changes nothing at all. */
    public boolean isEmpty() {
        return config.isEmpty() && originate.isEmpty() && withdraw.isEmpty();
    }

    /** What happens to one peer, or null when it is not touched. */
    public ReloadPlan.PeerChange peer(String name) {
        return config.peers().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** Whether some peer's session is closed by it (removed or reset). */
    public boolean resetsSessions() {
        return config.peers().stream().anyMatch(c -> c.action() == ReloadPlan.Action.REMOVED
                || c.action() == ReloadPlan.Action.RESET);
    }

    /** One line per change, for a log; "no changes" when empty. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (!config.isEmpty()) {
            out.addAll(config.lines());
        }
        for (StaticRoute r : originate) {
            out.add("route " + r.prefix() + ": originate");
        }
        for (Prefix p : withdraw) {
            out.add("route " + p + ": withdraw");
        }
        if (out.isEmpty()) {
            out.add("no changes");
        }
        return out;
    }
}
