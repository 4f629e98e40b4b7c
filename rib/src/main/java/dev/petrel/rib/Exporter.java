package dev.petrel.rib;

import static dev.petrel.wire.attr.AttributeCodes.CLUSTER_LIST;
import static dev.petrel.wire.attr.AttributeCodes.LOCAL_PREF;
import static dev.petrel.wire.attr.AttributeCodes.MULTI_EXIT_DISC;
import static dev.petrel.wire.attr.AttributeCodes.NEXT_HOP;
import static dev.petrel.wire.attr.AttributeCodes.OPTIONAL;
import static dev.petrel.wire.attr.AttributeCodes.ORIGINATOR_ID;

import dev.petrel.rib.policy.Policy;
import dev.petrel.rib.policy.NextHopAction;
import dev.petrel.rib.policy.PolicyResult;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * What an update group sends for a best path: the reflection and well-known-community rules, the export policy,
 * then the RFC 4271 §5.1 rules for the kind of session (towards eBGP: our AS prepended, LOCAL_PREF and a
 * learned MED removed, RFC 4456 attributes removed; towards iBGP: a LOCAL_PREF always present) and the next hop.
 *
 * <p>Route reflection (RFC 4456 §6), for a route learned over iBGP going to an iBGP peer: one from a client goes to
 * every iBGP peer, one from a non-client to clients only, and without any client nothing is reflected (RFC 4271
 * §9.2). A reflected route gets ORIGINATOR_ID (the BGP Identifier of the peer it came from) when it has none, and
 * our cluster ID prepended to CLUSTER_LIST; nothing else changes (§10): the next hop stays the route's own whatever
 * {@code next-hop} says, and the export policy decides whether it is sent but its changes to the attributes and
 * the next hop are not applied (as FRR without {@code route-reflector allow-outbound-policy}). A route goes back
 * to the client it came from too, when the rules say so: that client drops it by its ORIGINATOR_ID (§8), and the
 * update group's members all get the same UPDATEs.
 *
 * <p>When export policy leaves the attributes alone (the usual case), the result depends only on the interned
 * input set and the kind of source, so it is cached by identity: a full table with 330,000 attribute sets is
 * transformed 330,000 times, not a million. And the update group then records the input set as what it sent,
 * so no output set is kept per route: an Adj-RIB-Out costs a reference and a bit per prefix.
 */
final class Exporter {
    static final int NO_EXPORT = 0xFFFFFF01;
    static final int NO_ADVERTISE = 0xFFFFFF02;
    static final int NO_EXPORT_SUBCONFED = 0xFFFFFF03;

    private final RibState rib;
    private final UpdateGroup.Key key;
    private final boolean external;
    /**
     * [mp ? 1 : 0][source class]: input set -> output set. The cache holds no reference counts: a hit is interned
     * again (found by identity, or put back if every route using it had gone), so the interner's counts are
     * exactly the routes' and a set no route uses leaves it.
     */
    @SuppressWarnings("unchecked")
    private final IdentityHashMap<PathAttributes, PathAttributes>[][] cache = new IdentityHashMap[2][3];
    private final ImportInput input;
    private final PolicyResult result = new PolicyResult();
    private NextHop nextHop;
    private boolean cacheable;
    /** Output sets cached per input set and source kind; cleared when full. */
    private static final int CACHE_LIMIT = 1 << 16;
    private final NextHop selfV6;
    private boolean warnedNoV4;

    Exporter(RibState rib, UpdateGroup.Key key) {
        this.rib = rib;
        this.key = key;
        this.external = key.type() == PeerType.EXTERNAL;
        this.input = new ImportInput(rib.settings.localAs());
        input.sessionType(key.type()); // export policy sees the session it sends on (Calico's peerType)
        this.selfV6 = key.selfV6() == null ? null : new NextHop(key.selfV6(), null);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                cache[i][j] = new IdentityHashMap<>();
            }
        }
    }

    /** The MP next hop of the last {@link #export} (null for IPv4 unicast, whose next hop is an attribute). */
    NextHop nextHop() {
        return nextHop;
    }

    /**
     * The attributes to send for {@code best} at prefix {@code id} of {@code o}, or null when it is not sent.
     * When {@link #cacheable()} the result is shared and not interned; otherwise it is interned with one
     * reference for the caller.
     */
    PathAttributes export(Out o, Path best, int id) {
        nextHop = null;
        cacheable = false;
        Source s = best.source;
        PathAttributes a = best.attributes;
        // RFC 4271 §9.2: not to other iBGP peers, unless reflected (RFC 4456 §6): from a client to all, from a
        // non-client to clients
        boolean reflect = !external && s.peerType() == PeerType.INTERNAL;
        if (reflect && !s.reflectionClient() && !key.client()) {
            return null;
        }
        if (external && key.remoteAs() != 0 && a.asPathCount(key.remoteAs()) > 0) {
            return null; // the peer would discard it as a loop (RFC 4271 §9.1.2): do not send it at all
        }
        if (a.hasCommunity(NO_ADVERTISE) || external && (a.hasCommunity(NO_EXPORT) || a.hasCommunity(NO_EXPORT_SUBCONFED))) {
            return null; // RFC 1997
        }
        Policy policy = o.policy;
        if (policy == Policy.NONE) {
            return null;
        }
        PathAttributes in = a;
        NextHopAction nha = NextHopAction.NONE;
        if (policy != Policy.ALL) {
            PolicyResult r = policy.evaluate(input.set(o.family, o.table.index.prefix(id), best),
                    result);
            if (!r.accepted()) {
                return null;
            }
            if (!reflect) { // a reflected route is sent unchanged (RFC 4456 §10): the policy only filters
                in = r.attributes();
                nha = r.nextHop();
            }
        }
        boolean self = !reflect && self(s, nha, best);
        if (o.mp) {
            nextHop = self ? selfV6 : best.nextHop;
            if (nextHop == null) {
                return null;
            }
        }
        // A reflected route without ORIGINATOR_ID gets its peer's BGP Identifier: not a function of the set alone.
        cacheable = in == a && nha == NextHopAction.NONE && (!reflect || a.originatorId() >= 0);
        int cls = s.kind() != Source.Kind.PEER ? 2 : s.peerType() == PeerType.EXTERNAL ? 0 : 1;
        IdentityHashMap<PathAttributes, PathAttributes> c = cache[o.mp ? 1 : 0][cls];
        if (cacheable) {
            PathAttributes hit = c.get(a);
            if (hit != null) {
                return hit;
            }
        }
        PathAttributes out = transform(o, best, a, reflect ? reflected(a, s) : in, self);
        if (out == null) {
            return null;
        }
        if (!cacheable) {
            return rib.interner.intern(out);
        }
        if (c.size() >= CACHE_LIMIT) {
            c.clear(); // a burst's sets arrive together, so a small cache catches nearly every repeat
        }
        c.put(a, out);
        return out;
    }

    /**
     * Whether the last {@link #export} was a pure function of the input set and the kind of source (no policy
     * change): then the update group records the input set, which the route already holds, instead of keeping
     * an output set per route, and the output was not interned (nothing to release).
     */
    boolean cacheable() {
        return cacheable;
    }

    private boolean self(Source s, NextHopAction nha, Path best) {
        if (nha != NextHopAction.NONE) {
            return nha == NextHopAction.SELF;
        }
        return switch (key.nextHop()) {
            case SELF -> true;
            // our own routes keep theirs when they have one (a static route via an address)
            case KEEP -> s.kind() != Source.Kind.PEER && best.nextHop == null;
            case DEFAULT -> external || s.kind() != Source.Kind.PEER;
        };
    }

    /** RFC 4456 §8: ORIGINATOR_ID set if absent, our cluster ID prepended to CLUSTER_LIST. */
    private PathAttributes reflected(PathAttributes a, Source s) {
        PathAttributes out = a;
        if (out.originatorId() < 0) {
            out = out.with(OPTIONAL, ORIGINATOR_ID, octets(s.routerId()));
        }
        List<Long> was = a.clusterList();
        byte[] v = new byte[4 * (was.size() + 1)];
        System.arraycopy(octets(rib.settings.clusterId()), 0, v, 0, 4);
        for (int i = 0; i < was.size(); i++) {
            System.arraycopy(octets(was.get(i)), 0, v, 4 * (i + 1), 4);
        }
        return out.with(OPTIONAL, CLUSTER_LIST, v);
    }

    private static byte[] octets(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private PathAttributes transform(Out o, Path best, PathAttributes learned, PathAttributes in, boolean self) {
        PathAttributes out = in;
        boolean reflected = !external && best.source.peerType() == PeerType.INTERNAL;
        if (external) {
            out = out.prependAs(rib.settings.localAs(), 1).without(LOCAL_PREF).without(ORIGINATOR_ID)
                    .without(CLUSTER_LIST);
            // RFC 4271 §5.1.4: a MED learned from a neighbouring AS is not passed on to another one, unless
            // our export policy set it.
            if (best.source.isPeer() && in.med() == learned.med()) {
                out = out.without(MULTI_EXIT_DISC);
            }
        } else if (!reflected && !out.has(LOCAL_PREF)) { // a reflected route's attributes are left as they came
            out = out.withLocalPref(rib.settings.defaultLocalPref());
        }
        if (o.mp) {
            return out.without(NEXT_HOP);
        }
        if (self) {
            if (key.selfV4() == null) {
                if (!warnedNoV4) {
                    warnedNoV4 = true;
                    UpdateGroup.log().warn("no IPv4 address of ours on an IPv6 session to use as next hop: IPv4"
                            + " routes are not sent to peers of this update group");
                }
                return null;
            }
            return out.withNextHop(Ipv4.read(key.selfV4().getAddress(), 0));
        }
        if (!out.hasNextHop()) {
            NextHop nh = best.nextHop;
            if (nh == null || nh.global().getAddress().length != 4) {
                return null;
            }
            out = out.withNextHop(Ipv4.read(nh.global().getAddress(), 0));
        }
        return out;
    }

    void clear() {
        for (IdentityHashMap<PathAttributes, PathAttributes>[] row : cache) {
            for (IdentityHashMap<PathAttributes, PathAttributes> c : row) {
                c.clear();
            }
        }
    }
}
