package dev.petrel.rib.policy;

import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.attr.PathAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * One change an accepting rule makes. {@link #apply} returns the same instance when the change is already there
 * (adding a community the route has, setting LOCAL_PREF to its value): the RIB interns attribute sets and relies
 * on identity, and a policy that changes nothing must not cost a new set per route. Only a real change builds one.
 */
public sealed interface Action {
    /** The attributes with this change; {@code attributes} itself when nothing changes. */
    PathAttributes apply(PathAttributes attributes, PolicyInput route);

    /** Adds these communities, each once (one already there stays where it is); new ones go at the end. */
    record AddCommunities(List<Community> communities) implements Action {
        public AddCommunities {
            communities = nonEmpty(communities, "add");
        }

        @Override
        public PathAttributes apply(PathAttributes a, PolicyInput route) {
            List<Community> out = null;
            for (int i = 0; i < communities.size(); i++) {
                Community c = communities.get(i);
                if (!a.hasCommunity(c.value()) && (out == null || !out.contains(c))) {
                    if (out == null) {
                        out = new ArrayList<>(a.communities());
                    }
                    out.add(c);
                }
            }
            return out == null ? a : a.toBuilder().communities(out).build();
        }
    }

    /** Removes every occurrence of these communities. */
    record RemoveCommunities(List<Community> communities) implements Action {
        public RemoveCommunities {
            communities = nonEmpty(communities, "remove");
        }

        @Override
        public PathAttributes apply(PathAttributes a, PolicyInput route) {
            for (int i = 0; i < communities.size(); i++) {
                if (a.hasCommunity(communities.get(i).value())) {
                    List<Community> out = new ArrayList<>(a.communities());
                    out.removeAll(communities);
                    return a.toBuilder().communities(out).build();
                }
            }
            return a;
        }
    }

    /** Adds these large communities, each once; new ones go at the end. */
    record AddLargeCommunities(List<LargeCommunity> communities) implements Action {
        public AddLargeCommunities {
            communities = nonEmpty(communities, "add");
        }

        @Override
        public PathAttributes apply(PathAttributes a, PolicyInput route) {
            List<LargeCommunity> out = null;
            for (int i = 0; i < communities.size(); i++) {
                LargeCommunity c = communities.get(i);
                if (!a.hasLargeCommunity(c) && (out == null || !out.contains(c))) {
                    if (out == null) {
                        out = new ArrayList<>(a.largeCommunities());
                    }
                    out.add(c);
                }
            }
            return out == null ? a : a.toBuilder().largeCommunities(out).build();
        }
    }

    /** Removes every occurrence of these large communities. */
    record RemoveLargeCommunities(List<LargeCommunity> communities) implements Action {
        public RemoveLargeCommunities {
            communities = nonEmpty(communities, "remove");
        }

        @Override
        public PathAttributes apply(PathAttributes a, PolicyInput route) {
            for (int i = 0; i < communities.size(); i++) {
                if (a.hasLargeCommunity(communities.get(i))) {
                    List<LargeCommunity> out = new ArrayList<>(a.largeCommunities());
                    out.removeAll(communities);
                    return a.toBuilder().largeCommunities(out).build();
                }
            }
            return a;
        }
    }

    /**
     * Prepends {@code asn} to the AS_PATH {@code count} times. On export this comes before the AS a speaker adds
     * towards an eBGP peer (RFC 4271 §5.1.2), as in BIRD, whose export filters run before it prepends its own.
     *
     * @param asn the AS to prepend, or {@link #LOCAL_AS} for the session's own AS ({@link PolicyInput#localAs()})
     * @param count 1..{@value #MAX_COUNT}
     */
    record Prepend(long asn, int count) implements Action {
        /** Stands for the session's own AS. AS 0 is never prepended (RFC 7607). */
        public static final long LOCAL_AS = 0;
        /** More would only make the path absurd; FRR and BIRD users stay far below. */
        public static final int MAX_COUNT = 10;

        public Prepend {
            if (asn < 0 || asn > 0xffffffffL) {
                throw new IllegalArgumentException("AS number out of range: " + asn);
            }
            if (count < 1 || count > MAX_COUNT) {
                throw new IllegalArgumentException("prepend count must be 1.." + MAX_COUNT + ", got " + count);
            }
        }

        @Override
        public PathAttributes apply(PathAttributes a, PolicyInput route) {
            long as = asn == LOCAL_AS ? route.localAs() : asn;
            List<Long> added = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                added.add(as);
            }
            AsPath path = a.asPath();
            List<AsPath.Segment> segments = new ArrayList<>(path == null ? List.of() : path.segments());
            if (!segments.isEmpty() && segments.get(0).type() == AsPath.SegmentType.AS_SEQUENCE) {
                added.addAll(segments.get(0).asns());
                segments.set(0, new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, added));
            } else {
                segments.add(0, new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, added));
            }
            return a.toBuilder().asPath(new AsPath(segments)).build();
        }
    }

    /** Sets LOCAL_PREF (RFC 4271 §5.1.5), 0..4294967295. */
    record SetLocalPref(long localPref) implements Action {
        public SetLocalPref {
            checkU32(localPref, "LOCAL_PREF");
        }

        @Override
        public PathAttributes apply(PathAttributes a, PolicyInput route) {
            return a.localPref() == localPref ? a : a.toBuilder().localPref(localPref).build();
        }
    }

    /** Sets MULTI_EXIT_DISC (RFC 4271 §5.1.4), 0..4294967295. */
    record SetMed(long med) implements Action {
        public SetMed {
            checkU32(med, "MULTI_EXIT_DISC");
        }

        @Override
        public PathAttributes apply(PathAttributes a, PolicyInput route) {
            return a.med() == med ? a : a.toBuilder().med(med).build();
        }
    }

    /** Next hop self or keep; carried in the result, the attributes are not touched. */
    record SetNextHop(NextHopAction nextHop) implements Action {
        public SetNextHop {
            if (nextHop == null || nextHop == NextHopAction.NONE) {
                throw new IllegalArgumentException("a next-hop action is SELF or KEEP, got " + nextHop);
            }
        }

        @Override
        public PathAttributes apply(PathAttributes a, PolicyInput route) {
            return a;
        }
    }

    /**
     * The priority (metric) of the route when it is installed in the kernel (Calico's {@code setPriority}, BIRD's
     * {@code krt_metric}); carried in the result, the attributes are not touched.
     *
     * @param priority 0..{@value #MAX}
     */
    record SetKernelPriority(int priority) implements Action {
        /** The RIB keeps the priority + 1 in 24 bits of a path's flag word (see {@code Path.kernelPriority}). */
        public static final int MAX = (1 << 24) - 2;

        public SetKernelPriority {
            if (priority < 0 || priority > MAX) {
                throw new IllegalArgumentException("kernel priority must be 0.." + MAX + ", got " + priority);
            }
        }

        @Override
        public PathAttributes apply(PathAttributes a, PolicyInput route) {
            return a;
        }
    }

    private static <T> List<T> nonEmpty(List<T> l, String verb) {
        List<T> copy = List.copyOf(l);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("nothing to " + verb);
        }
        return copy;
    }

    private static void checkU32(long v, String what) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(what + " must be 0..4294967295, got " + v);
        }
    }
}
