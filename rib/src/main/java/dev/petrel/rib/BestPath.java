package dev.petrel.rib;

import static dev.petrel.rib.DecisionStep.*;

import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.AttributeCodes;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The BGP decision process (RFC 4271 §9.1): one comparator that reports the step that decided, best-path
 * selection over the candidates of one prefix, the ECMP set, and {@code --explain}.
 *
 * <p>RFC 4271 §9.1.1 and §9.1.2.2, with RFC 4456 §9, prefer, in order:
 * <ol>
 *   <li>the higher degree of preference (LOCAL_PREF);
 *   <li>(a) the shorter AS_PATH;
 *   <li>(b) the lower ORIGIN;
 *   <li>(c) the lower MED, between routes from the same neighbour AS;
 *   <li>(d) a route learned over eBGP over one learned over iBGP;
 *   <li>(e) the lower interior cost to the NEXT_HOP;
 *   <li>(f) the lower BGP Identifier of the advertising speaker, the ORIGINATOR_ID standing in for it;
 *   <li>RFC 4456: the shorter CLUSTER_LIST;
 *   <li>(g) the lower peer address.
 * </ol>
 *
 * <p>Where Petrel adds to that or chooses (each step is a {@link DecisionStep}):
 * <ul>
 *   <li>A locally originated route beats a learned one right after LOCAL_PREF ({@link DecisionStep#LOCAL_ORIGIN}),
 *       as FRR does. There is no Cisco/FRR weight and no AIGP (RFC 7311) step.
 *   <li>A stale route (RFC 4724) loses to a fresh one just before the peer address ({@link DecisionStep#STALE}), as
 *       FRR does; RFC 4724 itself keeps using stale routes as they were.
 *   <li>ADD-PATH paths from one peer are ordered by path id ({@link DecisionStep#PATH_ID}); candidates that tie
 *       even there (two local sources with the same attributes) go to the one walked first.
 *   <li>No "prefer the oldest eBGP route" step (FRR and Cisco have one unless {@code compare-routerid}): the result
 *       depends only on the candidates, never on when they arrived.
 *   <li>Missing values: LOCAL_PREF 100, AS_PATH length 0, ORIGIN INCOMPLETE (as BIRD), MED 0 as RFC 4271 says
 *       (the worst value with {@link DecisionOptions#medMissingAsWorst}).
 *   <li>The neighbour AS for MED is the first AS of a leading AS_SEQUENCE. A path that is empty or holds only
 *       confederation segments comes from our own AS, and such routes compare MED with each other (as FRR). A path
 *       that starts with an AS_SET has no neighbour AS and compares MED with nothing, unless always-compare-med.
 *   <li>Peer addresses of different families: IPv4 before IPv6 (RFC 4271 does not say).
 * </ul>
 *
 * <p><b>MED makes the order non-transitive.</b> Comparing MED only within a neighbour AS means A can beat B, B beat
 * C and C beat A; a single pass over the candidates then returns a winner that depends on their order, in RFC 4271
 * and every implementation. With {@link DecisionOptions#deterministicMed} (the default) the best of each neighbour
 * AS is picked first and only those winners are compared, as Cisco's and FRR's {@code bgp deterministic-med}; within
 * one AS and between the winners the order is transitive, so the result is the same in every order. That costs a
 * walk per neighbour AS, as in FRR. With always-compare-med the order is transitive already and one pass suffices.
 *
 * <p><b>Multipath</b> ({@link #multipath}), FRR's rules: a path shares ECMP with the best when it ties with it on
 * every step up to and including IGP cost (so the same LOCAL_PREF, AS_PATH length, ORIGIN, MED when comparable,
 * and peer type) and, unless {@link DecisionOptions#multipathRelax}, an eBGP path comes from the same neighbour AS
 * (FRR compares the peers' AS, which is the same AS while the first AS is enforced) and an iBGP path has an
 * identical AS_PATH. Locally originated routes never share ECMP, and ineligible paths are never candidates.
 * CLUSTER_LIST length does not exclude a path (FRR without {@code equal-cluster-length}). One limit serves eBGP and
 * iBGP (FRR has one each); the set is cut to the paths that win the tie-breakers from router id on.
 *
 * <p><b>Allocation.</b> {@link #compare}, {@link #best(Path, DecisionOptions)} and
 * {@link #select(Path, DecisionOptions, Path[])} allocate nothing, except when two different peers tie on every
 * step before the peer address ({@code InetAddress.getAddress} copies). The List variants build a small index;
 * {@link #explain} allocates freely. All are pure and keep no state.
 */
public final class BestPath {
    private BestPath() {}

    private static final long MAX_MED = 0xffffffffL;
    private static final UnaryOperator<Path> NEXT = p -> p.next;

    /**
     * Compares two eligible candidates: negative when {@code a} is preferred, positive when {@code b} is, 0 when no
     * step decides. The magnitude is the deciding step's {@link DecisionStep#code()}; see {@link #step(int)}.
     */
    public static int compare(Candidate a, Candidate b, DecisionOptions o) {
        int r = untilIgpCost(a, b, o);
        return r != 0 ? r : tieBreak(a, b);
    }

    /** The step a {@link #compare} result names. */
    public static DecisionStep step(int result) {
        return DecisionStep.of(result);
    }

    /** The best of the eligible candidates reached from {@code head} through {@code next} (null ends); or null. */
    public static <C extends Candidate> C best(C head, UnaryOperator<C> next, DecisionOptions o) {
        if (!o.deterministicMed() || o.alwaysCompareMed()) {
            return bestFrom(head, next, o, false);
        }
        C best = null;
        for (C c = head; c != null; c = next.apply(c)) {
            if (c.eligible() && firstOfItsAs(head, next, c)) {
                C w = bestFrom(c, next, o, true);
                if (best == null || compare(w, best, o) < 0) {
                    best = w;
                }
            }
        }
        return best;
    }

    /** The best eligible path of one prefix's list (linked through {@code next}), or null. Allocates nothing. */
    public static Path best(Path head, DecisionOptions o) {
        return best(head, NEXT, o);
    }

    /** The best eligible candidate of {@code candidates}, or null. */
    public static <C extends Candidate> C best(List<C> candidates, DecisionOptions o) {
        return candidates.isEmpty() ? null : best(candidates.getFirst(), chain(candidates), o);
    }

    /**
     * Fills {@code out} with the best path and then the paths that share ECMP with it, at most
     * {@link DecisionOptions#maxPaths}, in tie-breaker order; returns how many (0 when none is eligible).
     *
     * @param out room for at least maxPaths paths; entries past the returned count are left as they were
     */
    public static <C extends Candidate> int select(C head, UnaryOperator<C> next, DecisionOptions o, C[] out) {
        if (out.length < o.maxPaths()) {
            throw new IllegalArgumentException("out holds " + out.length + " paths, maxPaths is " + o.maxPaths());
        }
        C best = best(head, next, o);
        if (best == null) {
            return 0;
        }
        out[0] = best;
        int n = 1;
        int max = o.maxPaths();
        for (C c = head; max > 1 && c != null; c = next.apply(c)) {
            if (c == best || !c.eligible() || !multipath(best, c, o)) {
                continue;
            }
            // Insertion into out[1..n), keeping the max - 1 that win the tie-breakers. Only the steps from router
            // id on order them: they all tie with the best before that, though not always with each other (MED).
            int i;
            if (n < max) {
                i = n++;
            } else if (tieBreak(c, out[n - 1]) < 0) {
                i = n - 1;
            } else {
                continue;
            }
            while (i > 1 && tieBreak(c, out[i - 1]) < 0) {
                out[i] = out[i - 1];
                i--;
            }
            out[i] = c;
        }
        return n;
    }

    /** {@link #select(Candidate, UnaryOperator, DecisionOptions, Candidate[])} over one prefix's path list. */
    public static int select(Path head, DecisionOptions o, Path[] out) {
        return select(head, NEXT, o, out);
    }

    /**
     * The eligible paths of one prefix in decision order, for ADD-PATH send: the best, then the best of the rest,
     * and so on, up to a limit. Defined by repeated selection rather than by sorting, because the order is not
     * transitive when MED is compared within a neighbour AS only: each path ranked is exactly the one the decision
     * process would pick were the ones before it gone. Reusable scratch, one per owner thread; paths taken are
     * marked in their flags ({@link Path#RANKED}) for the length of one call, so the walks skip them in constant
     * time. Allocates nothing once its array has grown.
     */
    static final class Ranker implements UnaryOperator<Path> {
        private Path[] ranked = new Path[8];

        /** Ranks the list from {@code head}; returns how many, at most {@code max}, are in {@link #get}. */
        int rank(Path head, DecisionOptions o, int max) {
            int n = 0;
            try {
                while (n < max) {
                    Path first = skip(head);
                    Path b = first == null ? null : best(first, this, o);
                    if (b == null) {
                        break;
                    }
                    if (n == ranked.length) {
                        ranked = Arrays.copyOf(ranked, 2 * n);
                    }
                    ranked[n++] = b;
                    b.flag(Path.RANKED, true);
                }
            } finally {
                for (int i = 0; i < n; i++) {
                    ranked[i].flag(Path.RANKED, false);
                }
            }
            return n;
        }

        /** The path of rank {@code i} (0 is the best) from the last {@link #rank}. */
        Path get(int i) {
            return ranked[i];
        }

        /** Drops the references of the last ranking. */
        void clear(int n) {
            Arrays.fill(ranked, 0, n, null);
        }

        @Override
        public Path apply(Path p) {
            return skip(p.next);
        }

        private static Path skip(Path p) {
            while (p != null && (p.meta & Path.RANKED) != 0) {
                p = p.next;
            }
            return p;
        }
    }

    /** The best and the ECMP set of {@code candidates}. */
    public static <C extends Candidate> Selection<C> select(List<C> candidates, DecisionOptions o) {
        if (candidates.isEmpty()) {
            return new Selection<>(null, List.of());
        }
        @SuppressWarnings("unchecked")
        C[] out = (C[]) new Candidate[o.maxPaths()];
        int n = select(candidates.getFirst(), chain(candidates), o, out);
        return new Selection<>(n == 0 ? null : out[0], Arrays.asList(out).subList(0, n));
    }

    /** Whether {@code c} may share ECMP with {@code best}: the rules in the class comment. */
    public static boolean multipath(Candidate best, Candidate c, DecisionOptions o) {
        if (best.local() || c.local() || untilIgpCost(best, c, o) != 0) {
            return false;
        }
        if (o.multipathRelax()) {
            return true;
        }
        if (c.peerType() == PeerType.INTERNAL) {
            return c.attributes().sameValue(AttributeCodes.AS_PATH, best.attributes());
        }
        long as = c.neighborAs();
        return as != 0 && as == best.neighborAs();
    }

    /** Every candidate with its rank and why it lost, for {@code show routes PREFIX --explain}. */
    public static <C extends Candidate> Explanation<C> explain(List<C> candidates, DecisionOptions o) {
        return Explanation.of(candidates, o);
    }

    /** {@link #explain(List, DecisionOptions)} over one prefix's path list, ineligible paths included. */
    public static Explanation<Path> explain(Path head, DecisionOptions o) {
        List<Path> all = new ArrayList<>();
        for (Path p = head; p != null; p = p.next) {
            all.add(p);
        }
        return Explanation.of(all, o);
    }

    // Steps 1 to 7 (RFC 4271 §9.1.1, §9.1.2.2 (a) to (e)): what a multipath member must tie on. Unsigned 32-bit
    // values are held in non-negative longs, so Long.compare orders them as unsigned.
    private static int untilIgpCost(Candidate a, Candidate b, DecisionOptions o) {
        PathAttributes x = a.attributes();
        PathAttributes y = b.attributes();
        int c;
        // 1. §9.1.1: the higher degree of preference.
        if ((c = Long.compare(b.localPref(), a.localPref())) != 0) {
            return decided(c, LOCAL_PREF);
        }
        // 2. A route we originate.
        if ((c = Boolean.compare(b.local(), a.local())) != 0) {
            return decided(c, LOCAL_ORIGIN);
        }
        // 3. (a) The shorter AS_PATH.
        if ((c = Integer.compare(asPathLength(x), asPathLength(y))) != 0) {
            return decided(c, AS_PATH_LENGTH);
        }
        // 4. (b) The lower ORIGIN.
        if ((c = Integer.compare(origin(x), origin(y))) != 0) {
            return decided(c, ORIGIN);
        }
        // 5. (c) The lower MED, from the same neighbour AS only unless always-compare-med.
        if (medComparable(a, b, o) && (c = Long.compare(med(x, o), med(y, o))) != 0) {
            return decided(c, MED);
        }
        // 6. (d) eBGP over iBGP. Two local routes tie here; a local and a learned one were decided at 2.
        if ((c = Boolean.compare(a.peerType() == PeerType.INTERNAL, b.peerType() == PeerType.INTERNAL)) != 0) {
            return decided(c, PEER_TYPE);
        }
        // 7. (e) The lower interior cost.
        if ((c = Long.compare(a.igpCost(), b.igpCost())) != 0) {
            return decided(c, IGP_COST);
        }
        return 0;
    }

    // Steps 8 to 12: the tie-breakers, transitive on their own (multipath orders its set by them).
    static int tieBreak(Candidate a, Candidate b) {
        int c;
        // 8. (f) The lower BGP Identifier; the ORIGINATOR_ID in its place when present (RFC 4456 §9).
        if ((c = Long.compare(routerId(a), routerId(b))) != 0) {
            return decided(c, ROUTER_ID);
        }
        // 9. RFC 4456 §9: the shorter CLUSTER_LIST.
        if ((c = Integer.compare(a.attributes().clusterListLength(), b.attributes().clusterListLength())) != 0) {
            return decided(c, CLUSTER_LIST_LENGTH);
        }
        // 10. Fresh over stale (RFC 4724), before the address a stale route's session may no longer vouch for.
        if ((c = Boolean.compare(a.stale(), b.stale())) != 0) {
            return decided(c, STALE);
        }
        // 11. (g) The lower peer address.
        if ((c = comparePeerAddress(a, b)) != 0) {
            return decided(c, PEER_ADDRESS);
        }
        // 12. The lower ADD-PATH path id: paths from one peer, so that arrival order never decides.
        if ((c = Integer.compareUnsigned(a.pathId(), b.pathId())) != 0) {
            return decided(c, PATH_ID);
        }
        return 0;
    }

    private static int decided(int c, DecisionStep s) {
        return c < 0 ? -s.code() : s.code();
    }

    static int asPathLength(PathAttributes x) {
        return Math.max(0, x.asPathLength());
    }

    static int origin(PathAttributes x) {
        Origin origin = x.origin();
        return origin == null ? Origin.INCOMPLETE.code() : origin.code();
    }

    static long med(PathAttributes x, DecisionOptions o) {
        long med = x.med();
        return med >= 0 ? med : o.medMissingAsWorst() ? MAX_MED : 0;
    }

    static long routerId(Candidate c) {
        long originatorId = c.attributes().originatorId();
        return originatorId >= 0 ? originatorId : c.peerRouterId();
    }

    /**
     * The neighbour AS that groups routes for MED: the first AS of the path; 0 for our own AS (an empty or
     * confederation-only path); -1 when undefined (the path starts with an AS_SET).
     */
    static long neighbourAs(Candidate c) {
        long as = c.neighborAs();
        if (as != 0) {
            return as;
        }
        return c.attributes().asPathLength() <= 0 ? 0 : -1;
    }

    static boolean medComparable(Candidate a, Candidate b, DecisionOptions o) {
        if (o.alwaysCompareMed()) {
            return true;
        }
        long as = neighbourAs(a);
        return as >= 0 && as == neighbourAs(b);
    }

    private static int comparePeerAddress(Candidate a, Candidate b) {
        // The same source has the same address: ADD-PATH paths, the usual tie here, skip the copies.
        if (a instanceof Path p && b instanceof Path q && p.source == q.source) {
            return 0;
        }
        byte[] x = a.peerAddress();
        byte[] y = b.peerAddress();
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    }

    /** The one-pass best of the eligible candidates from {@code from} on; of {@code from}'s neighbour AS only if asked. */
    private static <C extends Candidate> C bestFrom(C from, UnaryOperator<C> next, DecisionOptions o, boolean sameAs) {
        long as = sameAs ? neighbourAs(from) : 0;
        C best = null;
        for (C c = from; c != null; c = next.apply(c)) {
            if (c.eligible() && (!sameAs || neighbourAs(c) == as) && (best == null || compare(c, best, o) < 0)) {
                best = c;
            }
        }
        return best;
    }

    /** Whether no eligible candidate before {@code c} has its neighbour AS: {@code c} opens its group. */
    private static <C extends Candidate> boolean firstOfItsAs(C head, UnaryOperator<C> next, C c) {
        long as = neighbourAs(c);
        for (C p = head; p != c; p = next.apply(p)) {
            if (p.eligible() && neighbourAs(p) == as) {
                return false;
            }
        }
        return true;
    }

    /** Links a list for the walks above. A candidate listed twice would make a cycle, so it is refused. */
    private static <C extends Candidate> UnaryOperator<C> chain(List<C> candidates) {
        IdentityHashMap<C, C> next = new IdentityHashMap<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            C c = Objects.requireNonNull(candidates.get(i), "candidate");
            if (next.containsKey(c)) {
                throw new IllegalArgumentException("candidate listed twice: " + c);
            }
            next.put(c, i + 1 < candidates.size() ? candidates.get(i + 1) : null);
        }
        return next::get;
    }
}
