package dev.petrel.rib.policy;

/** What a rule, or a policy's default, decides for a route. */
public enum Verdict {
    ACCEPT,
    REJECT
}
