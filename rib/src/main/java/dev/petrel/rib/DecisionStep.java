package dev.petrel.rib;

/**
 * The steps of the decision process in the order {@link BestPath#compare} applies them: RFC 4271 §9.1.1 and
 * §9.1.2.2, with RFC 4456 §9 for route reflection and two additions (local origination, stale) placed where FRR
 * places them. The first step at which two candidates differ decides; {@link #EQUAL} when none does.
 *
 * <p>{@link BestPath#compare} reports the step as {@code ±code()}, so a caller learns both the order and the
 * reason without an allocation; {@link BestPath#step(int)} turns that number back into the step.
 */
public enum DecisionStep {
    /** RFC 4271 §9.1.1: the degree of preference, LOCAL_PREF (100 when absent, {@link Candidate#localPref}). */
    LOCAL_PREF("higher LOCAL_PREF"),
    /**
     * A route this speaker originates (configuration, API, kernel) beats a learned one. Not in RFC 4271; FRR
     * ("local route check") and Cisco prefer local routes at this point, and BIRD gets the same effect through
     * protocol preference. Without it an iBGP copy of our own route, reflected back, could displace the original.
     */
    LOCAL_ORIGIN("locally originated"),
    /**
     * RFC 4271 §9.1.2.2 (a): shorter AS_PATH. An AS_SET counts 1 and confederation segments 0 (RFC 5065 §5.3);
     * a missing AS_PATH counts 0.
     */
    AS_PATH_LENGTH("shorter AS_PATH"),
    /** RFC 4271 §9.1.2.2 (b): lower ORIGIN, IGP &lt; EGP &lt; INCOMPLETE; a missing ORIGIN counts as INCOMPLETE. */
    ORIGIN("lower ORIGIN"),
    /**
     * RFC 4271 §9.1.2.2 (c): lower MULTI_EXIT_DISC, compared only between routes from the same neighbour AS
     * unless always-compare-med; a missing MED is 0 (or the worst value with med-missing-as-worst).
     */
    MED("lower MED"),
    /** RFC 4271 §9.1.2.2 (d): a route learned over eBGP beats one learned over iBGP. */
    PEER_TYPE("eBGP over iBGP"),
    /** RFC 4271 §9.1.2.2 (e): lower interior cost to the NEXT_HOP. */
    IGP_COST("lower IGP cost"),
    /**
     * RFC 4271 §9.1.2.2 (f): lower BGP Identifier of the advertising speaker; the ORIGINATOR_ID stands in for it
     * when the route carries one (RFC 4456 §9).
     */
    ROUTER_ID("lower router id"),
    /** RFC 4456 §9: shorter CLUSTER_LIST. */
    CLUSTER_LIST_LENGTH("shorter CLUSTER_LIST"),
    /**
     * A route refreshed since its peer restarted beats one kept stale (RFC 4724, RFC 7313). RFC 4724 does not
     * depreference stale routes, so, as FRR does, this comes only after every RFC tie-breaker but the peer
     * address, which a stale route's session may no longer vouch for. BIRD depreferences only LLGR_STALE routes
     * (RFC 9494), before LOCAL_PREF; that would be a step of its own.
     */
    STALE("not stale"),
    /** RFC 4271 §9.1.2.2 (g): lower peer address, unsigned octet by octet; IPv4 before IPv6. */
    PEER_ADDRESS("lower peer address"),
    /**
     * Lower ADD-PATH path identifier (RFC 7911): two paths from one peer tie on every step above, and the choice
     * must not depend on arrival order. Not in RFC 4271, where a peer sends one path per prefix.
     */
    PATH_ID("lower path id"),
    /** No step decides: the candidates are the same for the decision process. */
    EQUAL("equal");

    private static final DecisionStep[] BY_CODE = values();

    private final String label;

    DecisionStep(String label) {
        this.label = label;
    }

    /** What the preferred candidate had, for {@code show routes --explain}: "higher LOCAL_PREF". */
    public String label() {
        return label;
    }

    /** The magnitude {@link BestPath#compare} returns when this step decides; 0 for {@link #EQUAL}. */
    public int code() {
        return this == EQUAL ? 0 : ordinal() + 1;
    }

    /** The step a {@link BestPath#compare} result names. */
    static DecisionStep of(int result) {
        return result == 0 ? EQUAL : BY_CODE[Math.abs(result) - 1];
    }
}
