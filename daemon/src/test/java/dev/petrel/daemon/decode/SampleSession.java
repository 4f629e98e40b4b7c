package dev.petrel.daemon.decode;

import dev.petrel.wire.BgpMessage;
import dev.petrel.wire.Family;
import dev.petrel.wire.Keepalive;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.MpReach;
import dev.petrel.wire.MpUnreach;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.Notification;
import dev.petrel.wire.Open;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Community;
import dev.petrel.wire.attr.LargeCommunity;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.cap.BgpRole;
import dev.petrel.wire.cap.Capability;
import dev.petrel.wire.nlri.Ipv4;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;

/**
 * The demo input of the README's first command, {@code samples/session.bgp}: what a Kubernetes node (AS 64512)
 * receives from its top-of-rack switch (AS 65001) in one session, as a raw stream of BGP messages. It shows both
 * families, communities, End-of-RIB markers, one malformed UPDATE that RFC 7606 turns into a withdrawal, and an
 * RFC 9003 shutdown. {@code SampleSessionTest} keeps the committed file equal to this.
 */
final class SampleSession {
    private SampleSession() {}

    static byte[] bytes() {
        SessionContext ctx = SessionContext.ASSUMED;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BgpMessage m : messages()) {
            out.writeBytes(MessageEncoder.toBytes(m, ctx));
        }
        // An UPDATE whose ORIGIN has the value 7: RFC 7606 §7.1 says treat-as-withdraw, and the session stays up.
        out.writeBytes(HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff" + "0033" + "02" + "0000" + "0018"
                + "400101" + "07" + "40020a" + "0202" + "0000fde9" + "0000fdec" + "400304" + "0aff0001"
                + "18" + "0a2a07"));
        out.writeBytes(MessageEncoder.toBytes(Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN,
                "maintenance: replacing optics, back at 14:00 UTC"), ctx));
        return out.toByteArray();
    }

    private static List<BgpMessage> messages() {
        List<Capability> caps = List.of(
                new Capability.Multiprotocol(Family.IPV4_UNICAST),
                new Capability.Multiprotocol(Family.IPV6_UNICAST),
                new Capability.RouteRefresh(),
                new Capability.EnhancedRouteRefresh(),
                new Capability.FourOctetAs(65001),
                new Capability.GracefulRestart(false, true, 120, List.of(
                        new Capability.GrFamily(Family.IPV4_UNICAST, true),
                        new Capability.GrFamily(Family.IPV6_UNICAST, true))),
                new Capability.Role(BgpRole.PROVIDER),
                new Capability.Fqdn("tor-a1", "rack1.example"));
        Open open = new Open(65001, 90, Ipv4.parse("10.255.0.1"), caps);
        PathAttributes pods = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001, 65010))
                .nextHop("10.255.0.1").med(10)
                .communities(List.of(Community.of(65001, 100), Community.NO_EXPORT)).otc(65001).build();
        PathAttributes services = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001))
                .nextHop("10.255.0.1")
                .largeCommunities(List.of(new LargeCommunity(65001, 1, 2))).otc(65001).build();
        PathAttributes v6 = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001, 65010)).otc(65001)
                .build();
        return List.of(
                open,
                Keepalive.INSTANCE,
                Update.announce(pods, PrefixList.of(Prefix.parse("10.42.0.0/26"), Prefix.parse("10.42.0.64/26"),
                        Prefix.parse("10.42.1.0/26"))),
                Update.announce(services, PrefixList.of(Prefix.parse("10.96.0.0/12"))),
                new Update(null, v6, null, new MpReach(Family.IPV6_UNICAST,
                        NextHop.of("fd00:255::1", "fe80::1"),
                        PrefixList.of(Prefix.parse("fd00:42::/64"), Prefix.parse("fd00:42:0:1::/64"))), null),
                Update.endOfRib(Family.IPV4_UNICAST),
                Update.endOfRib(Family.IPV6_UNICAST),
                Keepalive.INSTANCE,
                new Update(PrefixList.of(Prefix.parse("10.42.1.0/26")), null, null, null,
                        new MpUnreach(Family.IPV6_UNICAST, PrefixList.of(Prefix.parse("fd00:42:0:1::/64")))));
    }

    /** Writes the sample: {@code java ... SampleSession samples/session.bgp}. */
    public static void main(String[] args) throws Exception {
        java.nio.file.Files.write(java.nio.file.Path.of(args[0]), bytes());
    }
}
