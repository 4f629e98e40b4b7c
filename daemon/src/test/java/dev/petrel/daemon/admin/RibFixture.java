package dev.petrel.daemon.admin;

import dev.petrel.rib.PeerRibConfig;
import dev.petrel.rib.Rib;
import dev.petrel.rib.RibPeer;
import dev.petrel.rib.RibSettings;
import dev.petrel.rib.RouteSink;
import dev.petrel.rib.SessionInfo;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.MpReach;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.Notification;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.AttributeCodes;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real RIB holding a routing table in every shape the route commands must print: a prefix three peers offer,
 * decided at LOCAL_PREF; an AS loop held but not eligible; ADD-PATH paths; an IPv6 route with a link-local next
 * hop; an unknown attribute; a local route; a peer that is configured but down.
 *
 * <pre>
 * tor1  eBGP 65001  10.255.1.2  192.0.2.0/24 (MED 50, communities, an unknown attribute), 198.51.100.0/24 (AS
 *                               loop), 2001:db8::/32 (next hop 2001:db8:ff::2 fe80::2)
 * tor2  eBGP 65002  10.255.2.2  192.0.2.0/24, 203.0.113.0/25 and 203.0.113.128/25 (ORIGIN incomplete)
 * rr    iBGP 65000  10.255.3.2  192.0.2.0/24 (LOCAL_PREF 200: the best), 10.0.0.0/8 paths 1 and 2 (ADD-PATH)
 * down  eBGP 65004  10.255.4.2  configured, never up
 * local                         10.244.1.0/26
 * </pre>
 */
public final class RibFixture implements AutoCloseable {
    public static final long LOCAL_AS = 65000;

    public final Rib rib;

    public RibFixture() throws Exception {
        rib = new Rib(RibSettings.of(LOCAL_AS, Ipv4.parse("10.0.0.254"))).start();
        RibPeer tor1 = up("tor1", "10.255.1.2", 65001, "10.255.1.1", "10.0.0.1", Set.of());
        RibPeer tor2 = up("tor2", "10.255.2.2", 65002, "10.255.2.1", "10.0.0.2", Set.of());
        RibPeer rr = up("rr", "10.255.3.2", LOCAL_AS, "10.255.3.1", "10.0.0.3", Set.of(Family.IPV4_UNICAST));
        rib.addPeer(PeerRibConfig.all("down", ip("10.255.4.2"), 65004, PeerType.EXTERNAL));

        PathAttributes fromTor1 = attrs(Origin.IGP, "10.255.1.2", 65001, 65100).toBuilder().med(50)
                .communities(List.of(Community.of(65001, 100), Community.NO_EXPORT))
                .largeCommunities(List.of(new LargeCommunity(65001, 1, 2)))
                .raw(AttributeCodes.OPTIONAL | AttributeCodes.TRANSITIVE, 99,
                        dev.petrel.wire.Bytes.ofHex("0102"))
                .build();
        routes(tor1, Update.announce(fromTor1, prefixes("192.0.2.0/24")));
        routes(tor1, Update.announce(attrs(Origin.IGP, "10.255.1.2", 65001, LOCAL_AS), prefixes("198.51.100.0/24")));
        PathAttributes v6 = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001)).build();
        routes(tor1, new Update(null, v6, null, new MpReach(Family.IPV6_UNICAST,
                NextHop.of("2001:db8:ff::2", "fe80::2"), prefixes("2001:db8::/32")), null));

        routes(tor2, Update.announce(attrs(Origin.IGP, "10.255.2.2", 65002, 65100), prefixes("192.0.2.0/24")));
        routes(tor2, Update.announce(attrs(Origin.INCOMPLETE, "10.255.2.2", 65002),
                prefixes("203.0.113.128/25", "203.0.113.0/25")));

        routes(rr, Update.announce(attrs(Origin.IGP, "10.255.3.2", 65100).toBuilder().localPref(200).build(),
                prefixes("192.0.2.0/24")));
        routes(rr, Update.announce(attrs(Origin.IGP, "10.255.3.3").toBuilder().localPref(100).build(),
                PrefixList.of(List.of(Prefix.parse("10.0.0.0/8")), new long[] {2})));
        routes(rr, Update.announce(attrs(Origin.IGP, "10.255.3.2").toBuilder().localPref(100).build(),
                PrefixList.of(List.of(Prefix.parse("10.0.0.0/8")), new long[] {1})));

        rib.originate(Prefix.parse("10.244.1.0/26"), PathAttributes.builder().origin(Origin.IGP).build(), null);
        sync();
    }

    /** Waits until the RIB has processed everything queued and sent what it produced. */
    public void sync() throws Exception {
        for (int i = 0; i < 3; i++) {
            rib.query(v -> null).get(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        rib.close();
    }

    private RibPeer up(String name, String address, long as, String local, String routerId, Set<Family> addPath) {
        PeerType type = as == LOCAL_AS ? PeerType.INTERNAL : PeerType.EXTERNAL;
        RibPeer p = rib.addPeer(PeerRibConfig.all(name, ip(address), as, type));
        SessionContext ctx = new SessionContext(true, false, Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST),
                addPath, Set.of(), Set.of(), type, LOCAL_AS, as, false);
        rib.peerUp(p, new SessionInfo(ctx, Integer.toUnsignedLong(Ipv4.parse(routerId)), ip(local), false),
                new DiscardingSink());
        return p;
    }

    private void routes(RibPeer p, Update u) {
        rib.routes(p, u, ErrorAction.NONE);
    }

    private static PathAttributes attrs(Origin origin, String nextHop, long... path) {
        return PathAttributes.builder().origin(origin).asPath(AsPath.sequence(path)).nextHop(nextHop).build();
    }

    private static PrefixList prefixes(String... ps) {
        return PrefixList.of(List.of(ps).stream().map(Prefix::parse).toList(), null);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A session that takes whatever the RIB sends and lets it go. */
    static final class DiscardingSink implements RouteSink {
        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void write(ByteBuf buf, int messages, int prefixes) {
            buf.release();
        }

        @Override
        public void resumeReading() {}

        @Override
        public void reset(Notification notification) {
            throw new AssertionError("the RIB reset a fixture session: " + notification);
        }
    }
}
