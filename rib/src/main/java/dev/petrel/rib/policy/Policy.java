package dev.petrel.rib.policy;

/** PLACEHOLDER until the policy branch lands. */
public final class Policy {
    public static final Policy ALL = new Policy("all", true);
    public static final Policy NONE = new Policy("none", false);
    private final String name;
    private final boolean accept;

    private Policy(String name, boolean accept) {
        this.name = name;
        this.accept = accept;
    }

    public String name() {
        return name;
    }

    public PolicyResult evaluate(PolicyInput in) {
        return accept ? new PolicyResult(true, in.attributes(), PolicyResult.NextHopAction.NONE, -1) : PolicyResult.REJECT;
    }
}
