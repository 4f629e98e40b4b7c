package dev.petrel.rib.policy;

import dev.petrel.wire.attr.PathAttributes;
import java.util.List;
import java.util.Objects;

/**
 * A named, reusable import or export policy: rules in order, the first whose matches all hold decides, and the
 * default verdict decides when none does. Immutable and thread-safe; one policy may serve many peers, both
 * directions and both families.
 *
 * @param name how peers refer to it
 * @param rules in order
 * @param defaultVerdict when no rule matches (reject, unless said otherwise)
 */
public record Policy(String name, List<Rule> rules, Verdict defaultVerdict) {
    /** Every route, unchanged: {@code import = all}. */
    public static final Policy ALL = new Policy("all", List.of(), Verdict.ACCEPT);
    /** No route: {@code import = none}. */
    public static final Policy NONE = new Policy("none", List.of(), Verdict.REJECT);

    public Policy {
        Objects.requireNonNull(name, "name");
        rules = List.copyOf(rules);
        Objects.requireNonNull(defaultVerdict, "defaultVerdict");
    }

    /** A policy whose routes no rule matches are rejected. */
    public Policy(String name, List<Rule> rules) {
        this(name, rules, Verdict.REJECT);
    }

    /** Evaluates into a new result; the RIB uses {@link #evaluate(PolicyInput, PolicyResult)}. */
    public PolicyResult evaluate(PolicyInput route) {
        return evaluate(route, new PolicyResult());
    }

    /**
     * Evaluates the route into {@code result} and returns it. Allocates nothing unless the deciding rule changes
     * the attributes (or a rule on the way matches on a next hop, see {@link Match.NextHopMatch}).
     */
    public PolicyResult evaluate(PolicyInput route, PolicyResult result) {
        PathAttributes attributes = route.attributes();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r.matches(route)) {
                if (r.verdict() == Verdict.REJECT) {
                    return result.reject(i);
                }
                return result.accept(i, r.apply(attributes, route), r.nextHop(), r.kernelPriority());
            }
        }
        return defaultVerdict == Verdict.ACCEPT
                ? result.accept(PolicyResult.DEFAULT_VERDICT, attributes, NextHopAction.NONE, -1)
                : result.reject(PolicyResult.DEFAULT_VERDICT);
    }

    /** Whether this is one of the built-ins, {@link #ALL} or {@link #NONE}, whose names no policy may take. */
    public static boolean isBuiltIn(String name) {
        return ALL.name.equals(name) || NONE.name.equals(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
