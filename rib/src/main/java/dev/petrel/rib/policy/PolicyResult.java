package dev.petrel.rib.policy;

import dev.petrel.wire.attr.PathAttributes;

/** PLACEHOLDER until the policy branch lands. */
public record PolicyResult(boolean accepted, PathAttributes attributes, NextHopAction nextHop, int kernelPriority) {
    public enum NextHopAction {
        NONE,
        SELF,
        KEEP
    }

    public static final PolicyResult REJECT = new PolicyResult(false, null, NextHopAction.NONE, -1);
}
