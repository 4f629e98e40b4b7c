package dev.petrel.rib.policy;

import dev.petrel.wire.attr.PathAttributes;

/**
 * What a policy decided for one route. Filled by {@link Policy#evaluate(PolicyInput, PolicyResult)}: the RIB
 * thread keeps one and refills it for every route, so that evaluating allocates nothing unless an action changes
 * the attributes. {@link Policy#evaluate(PolicyInput)} gives a fresh one, for code off the hot path and tests.
 *
 * <p>Not thread-safe: one owner, as the cursor that feeds the policy.
 */
public final class PolicyResult {
    /** {@link #rule()} when no rule matched and the policy's default decided. */
    public static final int DEFAULT_VERDICT = -1;

    private boolean accepted;
    private PathAttributes attributes;
    private NextHopAction nextHop = NextHopAction.NONE;
    private int kernelPriority = -1;
    private int rule = DEFAULT_VERDICT;

    public boolean accepted() {
        return accepted;
    }

    /**
     * The attributes after the policy: the input's own instance when no action changed anything; null when the
     * route was rejected.
     */
    public PathAttributes attributes() {
        return attributes;
    }

    /** The next-hop action the deciding rule asked for; NONE when rejected or when it asked for none. */
    public NextHopAction nextHop() {
        return nextHop;
    }

    /** The kernel priority the deciding rule set, or -1. */
    public int kernelPriority() {
        return kernelPriority;
    }

    /** The index of the rule that decided, or {@link #DEFAULT_VERDICT}: for {@code show routes} explanations. */
    public int rule() {
        return rule;
    }

    PolicyResult accept(int rule, PathAttributes attributes, NextHopAction nextHop, int kernelPriority) {
        this.accepted = true;
        this.attributes = attributes;
        this.nextHop = nextHop;
        this.kernelPriority = kernelPriority;
        this.rule = rule;
        return this;
    }

    PolicyResult reject(int rule) {
        this.accepted = false;
        this.attributes = null;
        this.nextHop = NextHopAction.NONE;
        this.kernelPriority = -1;
        this.rule = rule;
        return this;
    }

    @Override
    public String toString() {
        String by = rule == DEFAULT_VERDICT ? "default" : "rule " + rule;
        if (!accepted) {
            return "rejected by " + by;
        }
        return "accepted by " + by + (nextHop != NextHopAction.NONE ? ", next hop " + nextHop : "")
                + (kernelPriority >= 0 ? ", kernel priority " + kernelPriority : "") + ": " + attributes;
    }
}
