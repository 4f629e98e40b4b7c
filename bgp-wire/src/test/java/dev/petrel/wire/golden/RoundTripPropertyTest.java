package dev.petrel.wire.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Family;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.MpReach;
import dev.petrel.wire.MpUnreach;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.Aggregator;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.AsPath.Segment;
import dev.petrel.wire.attr.AsPath.SegmentType;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.ExtendedCommunity;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Ipv6Prefix;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * decode(encode(u)) equals u, with no problem, for random valid UPDATEs: IPv4 and IPv6 prefixes in every field,
 * random attribute sets, with and without ADD-PATH, on 2- and 4-octet-AS sessions, iBGP and eBGP. Seeded, so a
 * failure names the iteration that reproduces it.
 *
 * <p>"Valid" leaves out what RFC 7606 and RFC 9774 make a receiver change (AS_SET, attributes eBGP must not send)
 * and what RFC 6793 §4.2.3 cannot carry across a 2-octet session: a 2-octet AGGREGATOR AS beside a path with
 * 4-octet ASNs (the receiver then ignores AS4_PATH, as the RFC says) and 4-octet ASNs in confederation segments.
 */
class RoundTripPropertyTest {
    private static final int ITERATIONS = 600;
    private static final int AS_TRANS = 23456;
    /** Attribute types Petrel has in its table, and the ones never held in PathAttributes. */
    private static final Set<Integer> NOT_UNKNOWN = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15, 16, 17, 18,
            22, 23, 24, 25, 26, 29, 32, 33, 35, 40, 128);

    @Test
    void decodeOfEncodeIsIdentity() {
        Random rnd = new Random(0x9e7e1L);
        int twoOctet = 0;
        int addPath = 0;
        int ebgp = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            SessionContext ctx = context(rnd);
            Update u = update(rnd, ctx);
            byte[] wire;
            try {
                wire = MessageEncoder.toBytes(u, ctx);
            } catch (IllegalArgumentException tooLong) {
                ctx = ctx.withExtendedMessage(true); // the generator can exceed 4096 octets now and then
                wire = MessageEncoder.toBytes(u, ctx);
            }
            DecodeResult r = MessageDecoder.decode(wire, ctx);
            String where = "iteration " + i + " " + ctx + "\n" + u + "\n" + Golden.hexOf(wire);
            assertEquals(List.of(), r.problems(), where);
            assertEquals(u, r.message(), where);
            twoOctet += ctx.fourOctetAs() ? 0 : 1;
            addPath += ctx.addPathReceive().isEmpty() ? 0 : 1;
            ebgp += ctx.isExternal() ? 1 : 0;
        }
        // The generator covers what it claims to.
        assertTrue(twoOctet > ITERATIONS / 4 && addPath > ITERATIONS / 4 && ebgp > ITERATIONS / 4);
    }

    private static SessionContext context(Random rnd) {
        boolean four = rnd.nextBoolean();
        boolean external = rnd.nextBoolean();
        Set<Family> addPath = new HashSet<>();
        if (rnd.nextInt(3) == 0) {
            addPath.add(Family.IPV4_UNICAST);
        }
        if (rnd.nextInt(3) == 0) {
            addPath.add(Family.IPV6_UNICAST);
        }
        Set<Family> enh = rnd.nextBoolean() ? Set.of(Family.IPV4_UNICAST) : Set.of();
        long peerAs = external ? (four && rnd.nextBoolean() ? 4200000001L : 65001) : 65000;
        return new SessionContext(four, rnd.nextInt(4) == 0, Golden.BOTH, addPath, addPath, enh,
                external ? PeerType.EXTERNAL : PeerType.INTERNAL, 65000, peerAs, external);
    }

    private static Update update(Random rnd, SessionContext ctx) {
        PrefixList withdrawn = rnd.nextInt(5) < 2 ? prefixes(rnd, Family.IPV4_UNICAST, ctx, 1 + rnd.nextInt(12)) : null;
        PrefixList nlri = rnd.nextBoolean() ? prefixes(rnd, Family.IPV4_UNICAST, ctx, 1 + rnd.nextInt(12)) : null;
        MpReach mpReach = null;
        if (rnd.nextInt(5) < 2) {
            Family f = rnd.nextInt(3) == 0 ? Family.IPV4_UNICAST : Family.IPV6_UNICAST;
            mpReach = new MpReach(f, nextHop(rnd, f, ctx), prefixes(rnd, f, ctx, 1 + rnd.nextInt(12)));
        }
        MpUnreach mpUnreach = null;
        if (rnd.nextInt(10) < 3) {
            Family f = rnd.nextInt(3) == 0 ? Family.IPV4_UNICAST : Family.IPV6_UNICAST;
            mpUnreach = new MpUnreach(f, prefixes(rnd, f, ctx, rnd.nextInt(12)));
        }
        boolean reachable = nlri != null || mpReach != null;
        return new Update(withdrawn, attributes(rnd, ctx, nlri != null, reachable), nlri, mpReach, mpUnreach);
    }

    private static PathAttributes attributes(Random rnd, SessionContext ctx, boolean needNextHop, boolean reachable) {
        PathAttributes.Builder b = PathAttributes.builder();
        if (!reachable && rnd.nextInt(4) == 0) {
            return b.build(); // withdrawals alone
        }
        boolean all = reachable; // the well-known mandatory ones when there are routes (RFC 7606 §3(d))
        boolean[] bigAsns = {false};
        if (all || rnd.nextBoolean()) {
            b.origin(Origin.values()[rnd.nextInt(3)]);
        }
        if (all || rnd.nextBoolean()) {
            b.asPath(asPath(rnd, ctx, bigAsns));
        }
        if (needNextHop || rnd.nextBoolean()) {
            b.nextHop(usableIpv4(rnd));
        }
        if (rnd.nextBoolean()) {
            b.med(rnd.nextLong(1L << 32));
        }
        if (!ctx.isExternal() && rnd.nextBoolean()) {
            b.localPref(rnd.nextLong(1L << 32));
        }
        if (rnd.nextInt(4) == 0) {
            b.atomicAggregate();
        }
        if (rnd.nextInt(3) == 0) {
            long as;
            if (!ctx.fourOctetAs() && bigAsns[0]) {
                as = 65536 + rnd.nextLong((1L << 32) - 65536); // RFC 6793 §4.2.3, see the class comment
            } else {
                as = asn(rnd);
            }
            b.aggregator(new Aggregator(as, rnd.nextInt()));
        }
        if (rnd.nextBoolean()) {
            List<Community> cs = new ArrayList<>();
            for (int i = 0, n = 1 + rnd.nextInt(10); i < n; i++) {
                cs.add(new Community(rnd.nextInt()));
            }
            b.communities(cs);
        }
        if (!ctx.isExternal() && rnd.nextInt(3) == 0) {
            b.originatorId(rnd.nextInt());
        }
        if (!ctx.isExternal() && rnd.nextInt(3) == 0) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0, n = 1 + rnd.nextInt(5); i < n; i++) {
                ids.add(rnd.nextLong(1L << 32));
            }
            b.clusterList(ids);
        }
        if (rnd.nextInt(3) == 0) {
            List<ExtendedCommunity> cs = new ArrayList<>();
            for (int i = 0, n = 1 + rnd.nextInt(5); i < n; i++) {
                cs.add(new ExtendedCommunity(rnd.nextLong()));
            }
            b.extendedCommunities(cs);
        }
        if (rnd.nextInt(3) == 0) {
            List<LargeCommunity> cs = new ArrayList<>();
            for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                cs.add(new LargeCommunity(rnd.nextLong(1L << 32), rnd.nextLong(1L << 32), rnd.nextLong(1L << 32)));
            }
            b.largeCommunities(cs);
        }
        if (rnd.nextInt(4) == 0) {
            b.otc(1 + rnd.nextLong((1L << 32) - 1));
        }
        for (int i = 0, n = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(2) : 0; i < n; i++) {
            int type;
            do {
                type = rnd.nextInt(256);
            } while (NOT_UNKNOWN.contains(type));
            // Optional transitive only: an unknown non-transitive attribute is ignored on receipt (RFC 4271 §5).
            int flags = 0xc0 | (rnd.nextBoolean() ? 0x20 : 0);
            byte[] v = new byte[rnd.nextInt(5) == 0 ? 256 + rnd.nextInt(100) : rnd.nextInt(20)];
            rnd.nextBytes(v);
            b.raw(flags, type, Bytes.of(v));
        }
        return b.build();
    }

    /** A valid path: on eBGP it starts with the peer's AS (RFC 4271 §6.3); on iBGP it may start in a confederation. */
    private static AsPath asPath(Random rnd, SessionContext ctx, boolean[] bigAsns) {
        List<Segment> segs = new ArrayList<>();
        if (!ctx.isExternal() && rnd.nextInt(4) == 0) {
            List<Long> confed = new ArrayList<>();
            for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
                confed.add(ctx.fourOctetAs() ? asn(rnd) : smallAsn(rnd)); // RFC 6793 §6: AS4_PATH has no confed
            }
            segs.add(new Segment(SegmentType.AS_CONFED_SEQUENCE, confed));
        }
        int n = rnd.nextInt(10) == 0 ? 256 + rnd.nextInt(150) : rnd.nextInt(8);
        if (ctx.isExternal() && n == 0) {
            n = 1;
        }
        List<Long> seq = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long as = i == 0 && ctx.isExternal() ? ctx.peerAs() : asn(rnd);
            bigAsns[0] |= as > 0xffff;
            seq.add(as);
        }
        if (!seq.isEmpty() && seq.size() < 200 && rnd.nextInt(4) == 0) {
            // Adjacent AS_SEQUENCE segments (as some speakers send them) must survive as they are.
            int cut = seq.size() == 1 ? 1 : 1 + rnd.nextInt(seq.size() - 1);
            segs.add(new Segment(SegmentType.AS_SEQUENCE, seq.subList(0, cut)));
            if (cut < seq.size()) {
                segs.add(new Segment(SegmentType.AS_SEQUENCE, seq.subList(cut, seq.size())));
            }
            if (rnd.nextBoolean()) {
                segs.add(new Segment(SegmentType.AS_SEQUENCE, List.of(asnNotedIn(rnd, bigAsns))));
            }
        } else if (!seq.isEmpty()) {
            segs.add(new Segment(SegmentType.AS_SEQUENCE, seq));
        }
        return new AsPath(segs);
    }

    private static long asnNotedIn(Random rnd, boolean[] bigAsns) {
        long as = asn(rnd);
        bigAsns[0] |= as > 0xffff;
        return as;
    }

    /** A non-zero ASN that is not AS_TRANS, 2- or 4-octet. */
    private static long asn(Random rnd) {
        return rnd.nextBoolean() ? smallAsn(rnd) : 65536 + rnd.nextLong((1L << 32) - 65536);
    }

    private static long smallAsn(Random rnd) {
        long as;
        do {
            as = 1 + rnd.nextInt(65535);
        } while (as == AS_TRANS);
        return as;
    }

    /** An IPv4 address RFC 4271 §6.3 accepts as NEXT_HOP: not 0/8, 127/8 or 224/3. */
    private static int usableIpv4(Random rnd) {
        int first = 1 + rnd.nextInt(223);
        if (first == 127) {
            first = 128;
        }
        return (first << 24) | (rnd.nextInt() & 0xffffff);
    }

    private static NextHop nextHop(Random rnd, Family f, SessionContext ctx) {
        boolean v6 = f.equals(Family.IPV6_UNICAST) || (ctx.extendedNextHop().contains(f) && rnd.nextBoolean());
        if (!v6) {
            return new NextHop(address(rnd, 4, false), null);
        }
        return new NextHop(address(rnd, 16, false), rnd.nextBoolean() ? address(rnd, 16, true) : null);
    }

    private static InetAddress address(Random rnd, int n, boolean linkLocal) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        if (n == 16) {
            b[0] = linkLocal ? (byte) 0xfe : (byte) (0x20 | (b[0] & 0x1f)); // 2000::/3 or fe80::/10
            if (linkLocal) {
                b[1] = (byte) (0x80 | (b[1] & 0x3f));
            }
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static PrefixList prefixes(Random rnd, Family f, SessionContext ctx, int n) {
        if (n == 0) {
            return PrefixList.empty(f);
        }
        List<Prefix> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (f.equals(Family.IPV4_UNICAST)) {
                l.add(new Ipv4Prefix(rnd.nextInt(), rnd.nextInt(33)));
            } else {
                l.add(new Ipv6Prefix(rnd.nextLong(), rnd.nextLong(), rnd.nextInt(129)));
            }
        }
        long[] ids = null;
        if (ctx.addPathSend().contains(f)) {
            ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = rnd.nextInt(4) == 0 ? rnd.nextLong(1L << 32) : 1 + rnd.nextInt(3);
            }
        }
        return PrefixList.of(l, ids);
    }
}
