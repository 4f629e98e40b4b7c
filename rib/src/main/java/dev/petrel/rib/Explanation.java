package dev.petrel.rib;

import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4;
import dev.petrel.wire.nlri.Ipv6;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why the decision process chose what it chose for one prefix, for {@code show routes PREFIX --explain} and the
 * API: every candidate, ranked, and for each one that lost, the step and the candidate it lost to. Values, no
 * printing. Built by {@link BestPath#explain}; not on the hot path.
 *
 * @param entries the eligible candidates by rank, then the ineligible ones as listed
 */
public record Explanation<C extends Candidate>(List<Entry<C>> entries) {
    public Explanation {
        entries = List.copyOf(entries);
    }

    /**
     * One candidate.
     *
     * @param rank 1 for the best; k for the candidate that would be best were ranks 1 to k-1 withdrawn; 0 when
     *     ineligible
     * @param multipath in the ECMP set, which holds more than the best
     * @param lostTo the candidate it lost to in choosing the best: under deterministic MED the best of its neighbour
     *     AS, or the best when it is that; otherwise the candidate that displaced it, or kept it out, in the single
     *     pass (with MED not transitive, that need not be the best). Null for the best and for ineligible ones
     * @param lostAt the step at which it lost to {@code lostTo}; null for the best and for ineligible ones
     * @param reason one line: "LOCAL_PREF 100 &lt; 200", "best", or why it is not eligible
     */
    public record Entry<C extends Candidate>(C candidate, int rank, boolean best, boolean multipath, C lostTo,
            DecisionStep lostAt, String reason) {}

    /** The best candidate, or null when none is eligible. */
    public C best() {
        return entries.isEmpty() || !entries.getFirst().best() ? null : entries.getFirst().candidate();
    }

    static <C extends Candidate> Explanation<C> of(List<C> candidates, DecisionOptions o) {
        List<C> eligible = candidates.stream().filter(Candidate::eligible).toList();
        List<C> ranked = rank(eligible, o);
        Set<C> ecmp = Collections.newSetFromMap(new IdentityHashMap<>());
        ecmp.addAll(BestPath.select(eligible, o).paths());
        boolean multipath = ecmp.size() > 1;
        Map<C, C> lostTo = ranked.isEmpty() ? Map.of() : lostTo(eligible, ranked.getFirst(), o);

        List<Entry<C>> entries = new ArrayList<>(candidates.size());
        for (int i = 0; i < ranked.size(); i++) {
            C c = ranked.get(i);
            if (i == 0) {
                entries.add(new Entry<>(c, 1, true, multipath, null, null, "best"));
            } else {
                C winner = lostTo.get(c);
                DecisionStep step = BestPath.step(BestPath.compare(winner, c, o));
                entries.add(new Entry<>(c, i + 1, false, multipath && ecmp.contains(c), winner, step,
                        reason(step, c, winner, o)));
            }
        }
        for (C c : candidates) {
            if (!c.eligible()) {
                String why = c.ineligibleReason();
                entries.add(new Entry<>(c, 0, false, false, null, null,
                        why == null ? "not eligible" : "not eligible: " + why));
            }
        }
        return new Explanation<>(entries);
    }

    /** Best first, then the best of the rest, and so on: ranks that mean what the selection means. */
    private static <C extends Candidate> List<C> rank(List<C> eligible, DecisionOptions o) {
        List<C> remaining = new ArrayList<>(eligible);
        List<C> ranked = new ArrayList<>(eligible.size());
        while (!remaining.isEmpty()) {
            C best = BestPath.best(remaining, o);
            ranked.add(best);
            remaining.removeIf(c -> c == best);
        }
        return ranked;
    }

    /** Whom each candidate but the best lost to, retracing how {@link BestPath#best} chose. */
    private static <C extends Candidate> Map<C, C> lostTo(List<C> eligible, C best, DecisionOptions o) {
        Map<C, C> lostTo = new IdentityHashMap<>();
        if (o.deterministicMed() && !o.alwaysCompareMed()) {
            for (C c : eligible) {
                long as = BestPath.neighbourAs(c);
                C asBest = BestPath.best(eligible.stream().filter(p -> BestPath.neighbourAs(p) == as).toList(), o);
                if (c != best) {
                    lostTo.put(c, asBest != c ? asBest : best);
                }
            }
        } else {
            C current = null;
            for (C c : eligible) {
                if (current == null) {
                    current = c;
                } else if (BestPath.compare(c, current, o) < 0) {
                    lostTo.put(current, c);
                    current = c;
                } else {
                    lostTo.put(c, current);
                }
            }
        }
        return lostTo;
    }

    /** The loser's value first: "LOCAL_PREF 100 &lt; 200". */
    static String reason(DecisionStep step, Candidate loser, Candidate winner, DecisionOptions o) {
        PathAttributes x = loser.attributes();
        PathAttributes y = winner.attributes();
        return switch (step) {
            case LOCAL_PREF -> "LOCAL_PREF " + loser.localPref() + " < " + winner.localPref();
            case LOCAL_ORIGIN -> "learned from a peer, the winner is locally originated";
            case AS_PATH_LENGTH -> "AS_PATH length " + BestPath.asPathLength(x) + " > " + BestPath.asPathLength(y);
            case ORIGIN -> "ORIGIN " + Origin.fromCode(BestPath.origin(x)) + " > " + Origin.fromCode(BestPath.origin(y));
            case MED -> "MED " + med(x, o) + " > " + med(y, o) + medScope(loser, winner);
            case PEER_TYPE -> "learned over iBGP, the winner over eBGP";
            case IGP_COST -> "IGP cost " + loser.igpCost() + " > " + winner.igpCost();
            case ROUTER_ID -> routerIds(loser, winner);
            case CLUSTER_LIST_LENGTH -> "CLUSTER_LIST length " + x.clusterListLength() + " > " + y.clusterListLength();
            case STALE -> "stale since its peer restarted, the winner is fresh";
            case PEER_ADDRESS -> "peer address " + address(loser) + " > " + address(winner);
            case PATH_ID -> "path id " + Integer.toUnsignedString(loser.pathId()) + " > "
                    + Integer.toUnsignedString(winner.pathId());
            case EQUAL -> "equal in every step, listed after the winner";
        };
    }

    private static String med(PathAttributes x, DecisionOptions o) {
        return x.med() >= 0 ? Long.toString(x.med()) : "missing (" + BestPath.med(x, o) + ")";
    }

    private static String medScope(Candidate loser, Candidate winner) {
        long as = BestPath.neighbourAs(loser);
        if (as < 0 || as != BestPath.neighbourAs(winner)) {
            return " (always-compare-med)";
        }
        return as == 0 ? " (both from our own AS)" : " (both from AS " + as + ")";
    }

    /** "router id 10.0.0.2 &gt; 10.0.0.1", naming the ORIGINATOR_ID where it stood in. */
    private static String routerIds(Candidate loser, Candidate winner) {
        String l = idKind(loser);
        String w = idKind(winner);
        String lv = Ipv4.format((int) BestPath.routerId(loser));
        String wv = Ipv4.format((int) BestPath.routerId(winner));
        return l.equals(w) ? l + " " + lv + " > " + wv : l + " " + lv + " > " + w + " " + wv;
    }

    private static String idKind(Candidate c) {
        return c.attributes().originatorId() >= 0 ? "ORIGINATOR_ID" : "router id";
    }

    private static String address(Candidate c) {
        byte[] a = c.peerAddress();
        ByteBuffer b = ByteBuffer.wrap(a);
        return switch (a.length) {
            case 0 -> "none";
            case 4 -> Ipv4.format(b.getInt());
            case 16 -> Ipv6.format(b.getLong(), b.getLong());
            default -> HexFormat.of().formatHex(a);
        };
    }
}
