package dev.petrel.rib.policy;

import dev.petrel.wire.attr.PathAttributes;
import java.util.List;
import java.util.Objects;

/**
 * One rule of a policy: when every match holds (a rule without matches holds for every route), the verdict is
 * final and, for ACCEPT, the actions are applied in order.
 *
 * @param matches all must hold
 * @param actions applied in order when the rule accepts; a rejecting rule has none (a rejected route is not
 *     changed, and Calico allows operations only with Accept)
 * @param verdict accept or reject
 */
public record Rule(List<Match> matches, List<Action> actions, Verdict verdict) {
    public Rule {
        matches = List.copyOf(matches);
        actions = List.copyOf(actions);
        Objects.requireNonNull(verdict, "verdict");
        if (verdict == Verdict.REJECT && !actions.isEmpty()) {
            throw new IllegalArgumentException("a rejecting rule changes nothing: it has no actions");
        }
    }

    public static Rule accept(List<Match> matches, List<Action> actions) {
        return new Rule(matches, actions, Verdict.ACCEPT);
    }

    public static Rule reject(List<Match> matches) {
        return new Rule(matches, List.of(), Verdict.REJECT);
    }

    /** Whether every match holds for the route. */
    public boolean matches(PolicyInput route) {
        for (int i = 0; i < matches.size(); i++) {
            if (!matches.get(i).test(route)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The route's attributes after the actions: the same instance when together they change nothing (also when
     * one undoes another, as an add and a remove of one community).
     */
    public PathAttributes apply(PathAttributes attributes, PolicyInput route) {
        PathAttributes a = attributes;
        for (int i = 0; i < actions.size(); i++) {
            a = actions.get(i).apply(a, route);
        }
        return a != attributes && a.equals(attributes) ? attributes : a;
    }

    /** The last next-hop action of the rule, or NONE. */
    public NextHopAction nextHop() {
        NextHopAction n = NextHopAction.NONE;
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i) instanceof Action.SetNextHop s) {
                n = s.nextHop();
            }
        }
        return n;
    }

    /** The last kernel priority the rule sets, or -1. */
    public int kernelPriority() {
        int p = -1;
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i) instanceof Action.SetKernelPriority s) {
                p = s.priority();
            }
        }
        return p;
    }
}
