package dev.petrel.rib;

/** PLACEHOLDER until the decision branch lands. */
public final class BestPath {
    private BestPath() {}

    public static Path best(Path head, DecisionOptions o) {
        Path best = null;
        for (Path p = head; p != null; p = p.next) {
            if (p.eligible() && (best == null || compare(p, best, o) < 0)) {
                best = p;
            }
        }
        return best;
    }

    public static int compare(Candidate a, Candidate b, DecisionOptions o) {
        int c = Long.compare(b.localPref(), a.localPref());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.attributes().asPathLength(), b.attributes().asPathLength());
        if (c != 0) {
            return c;
        }
        return Long.compare(a.peerRouterId(), b.peerRouterId());
    }
}
