package dev.petrel.fib.netlink;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.fib.kernel.KernelError;
import dev.petrel.fib.kernel.KernelLink;
import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.Rtnl;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decodes what a real kernel sent (capture.py) and checks every field against what capture.py set up. */
class GoldenDecodeTest {
    static int lo;
    static int a0;
    static int a1;
    static final Map<String, KernelRoute> routes = new HashMap<>();
    static List<KernelRoute> all;

    @BeforeAll
    static void decodeCaptures() {
        Map<String, KernelLink> links = new HashMap<>();
        for (byte[] m : Golden.messages("links.hex")) {
            ByteBuffer b = Golden.buffer(m);
            if (NlMsgHdr.type(b, 0) == RtMsg.RTM_NEWLINK) {
                KernelLink l = LinkMessages.decode(b, 0, NlMsgHdr.checkedLength(b, 0, m.length));
                links.put(l.name(), l);
            }
        }
        lo = links.get("lo").index();
        a0 = links.get("a0").index();
        a1 = links.get("a1").index();
        all = new java.util.ArrayList<>();
        for (byte[] m : Golden.messages("routes.hex")) {
            ByteBuffer b = Golden.buffer(m);
            if (NlMsgHdr.type(b, 0) == RtMsg.RTM_NEWROUTE) {
                KernelRoute r = RouteMessages.decode(b, 0, NlMsgHdr.checkedLength(b, 0, m.length));
                all.add(r);
                routes.putIfAbsent(r.prefix() + " table " + r.table(), r);
            }
        }
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static KernelRoute route(String key) {
        KernelRoute r = routes.get(key);
        assertNotNull(r, "no route " + key + " in " + routes.keySet());
        return r;
    }

    @Test
    void linksCarryIndexNameAndState() {
        List<byte[]> msgs = Golden.messages("links.hex");
        assertEquals(4, msgs.size(), "lo, a0, a1 and NLMSG_DONE");
        assertEquals(1, lo);
        assertNotEquals(a0, a1);
        ByteBuffer last = Golden.buffer(msgs.get(3));
        assertEquals(NlMsgHdr.NLMSG_DONE, NlMsgHdr.type(last, 0));
        for (byte[] m : msgs.subList(0, 3)) {
            ByteBuffer b = Golden.buffer(m);
            assertEquals(NlMsgHdr.NLM_F_MULTI, NlMsgHdr.flags(b, 0) & NlMsgHdr.NLM_F_MULTI);
            KernelLink l = LinkMessages.decode(b, 0, m.length);
            // capture.py set all three up; both veth ends are up, so each has carrier
            assertTrue(l.up(), l.toString());
            assertTrue(l.lowerUp(), l.toString());
            assertTrue(l.operational());
        }
    }

    @Test
    void addressesOfBothFamilies() throws Exception {
        List<KernelAddress> addrs = new java.util.ArrayList<>();
        for (byte[] m : Golden.messages("addrs.hex")) {
            ByteBuffer b = Golden.buffer(m);
            if (NlMsgHdr.type(b, 0) == RtMsg.RTM_NEWADDR) {
                addrs.add(AddressMessages.decode(b, 0, m.length));
            }
        }
        assertTrue(addrs.contains(new KernelAddress(lo, ip("127.0.0.1"), 8)), addrs.toString());
        assertTrue(addrs.contains(new KernelAddress(a0, ip("10.255.1.1"), 24)), addrs.toString());
        assertTrue(addrs.contains(new KernelAddress(a1, ip("10.255.2.1"), 24)), addrs.toString());
        assertTrue(addrs.contains(new KernelAddress(a0, ip("fd00:255:1::1"), 64)), addrs.toString());
        assertTrue(addrs.contains(new KernelAddress(lo, ip("::1"), 128)), addrs.toString());
        // and the link-local addresses of the veths
        assertEquals(2, addrs.stream().filter(a -> a.address().isLinkLocalAddress()).count(), addrs.toString());
    }

    @Test
    void unicastVia() throws Exception {
        KernelRoute r = route("10.255.10.0/24 table 254");
        assertEquals(new KernelRoute(Prefix.parse("10.255.10.0/24"), 254, Rtnl.RTPROT_BOOT, Rtnl.RTN_UNICAST,
                Rtnl.RT_SCOPE_UNIVERSE, 0, List.of(new KernelNextHop(ip("10.255.1.2"), a0, false, 1)), null), r);
    }

    @Test
    void blackholeAndUnreachableHaveNoNextHops() {
        KernelRoute b = route("10.255.11.0/24 table 254");
        assertEquals(Rtnl.RTN_BLACKHOLE, b.type());
        assertEquals(List.of(), b.nextHops());
        assertEquals(Rtnl.RTPROT_BOOT, b.protocol());
        assertEquals(Rtnl.RT_SCOPE_UNIVERSE, b.scope());
        KernelRoute u = route("10.255.12.0/24 table 254");
        assertEquals(Rtnl.RTN_UNREACHABLE, u.type());
        assertEquals(List.of(), u.nextHops());
    }

    @Test
    void ecmpWithWeights() throws Exception {
        KernelRoute r = route("10.255.13.0/24 table 254");
        assertEquals(List.of(new KernelNextHop(ip("10.255.1.2"), a0, false, 1),
                new KernelNextHop(ip("10.255.2.2"), a1, false, 3)), r.nextHops());
        assertEquals(Rtnl.RTN_UNICAST, r.type());
        assertEquals(0, r.priority());
        assertEquals(0, r.outputInterface());
    }

    @Test
    void protocolMetricAndPreferredSource() throws Exception {
        assertEquals(new KernelRoute(Prefix.parse("10.255.14.0/24"), 254, Rtnl.RTPROT_BGP, Rtnl.RTN_UNICAST, 0, 20,
                List.of(new KernelNextHop(ip("10.255.1.3"), a0, false, 1)), ip("10.255.1.1")),
                route("10.255.14.0/24 table 254"));
    }

    @Test
    void tableAbove255ComesFromRtaTable() {
        KernelRoute r = route("10.255.15.0/24 table 1000");
        assertEquals(1000, r.table(), "RTA_TABLE wins over rtm_table (252, RT_TABLE_COMPAT)");
    }

    @Test
    void ipv6WithProtocolAndMetric() throws Exception {
        assertEquals(new KernelRoute(Prefix.parse("fd00:255:10::/48"), 254, Rtnl.RTPROT_BGP, Rtnl.RTN_UNICAST, 0, 30,
                List.of(new KernelNextHop(ip("fd00:255:1::2"), a0, false, 1)), null),
                route("fd00:255:10::/48 table 254"));
    }

    @Test
    void ipv4RouteWithIpv6NextHop() throws Exception {
        KernelRoute r = route("10.255.16.0/24 table 254");
        assertEquals(List.of(new KernelNextHop(ip("fd00:255:1::2"), a0, false, 1)), r.nextHops());
        assertEquals(Rtnl.AF_INET, r.family());
    }

    @Test
    void connectedAndLocalRoutes() throws Exception {
        assertEquals(new KernelRoute(Prefix.parse("10.255.1.0/24"), 254, Rtnl.RTPROT_KERNEL, Rtnl.RTN_UNICAST,
                Rtnl.RT_SCOPE_LINK, 0, List.of(new KernelNextHop(null, a0, false, 1)), ip("10.255.1.1")),
                route("10.255.1.0/24 table 254"));
        KernelRoute local = route("10.255.1.1/32 table 255");
        assertEquals(Rtnl.RTN_LOCAL, local.type());
        assertEquals(Rtnl.RT_SCOPE_HOST, local.scope());
        assertEquals(24, all.size(), "every IPv4 and IPv6 route of every table: " + all);
    }

    @Test
    void dumpEndsWithDone() {
        List<byte[]> msgs = Golden.messages("routes.hex");
        ByteBuffer done = Golden.buffer(msgs.get(msgs.size() - 1));
        assertEquals(NlMsgHdr.NLMSG_DONE, NlMsgHdr.type(done, 0));
        assertEquals(1, NlMsgHdr.seq(done, 0), "capture.py dumps with sequence number 1");
    }

    @Test
    void errorWithExtendedAck() {
        byte[] m = Golden.messages("error_ext_ack.hex").get(0);
        ByteBuffer b = Golden.buffer(m);
        int len = NlMsgHdr.checkedLength(b, 0, m.length);
        assertEquals(NlMsgHdr.NLMSG_ERROR, NlMsgHdr.type(b, 0));
        assertEquals(NlMsgHdr.NLM_F_ACK_TLVS, NlMsgHdr.flags(b, 0), "not capped: the request is echoed whole");
        assertEquals(7, NlMsgHdr.seq(b, 0));
        assertEquals(7, NlMsgErr.requestSeq(b, 0));
        assertEquals(KernelError.of(KernelError.ENETUNREACH, "Nexthop has invalid gateway"), NlMsgErr.decode(b, 0, len));
        assertEquals("ENETUNREACH", NlMsgErr.decode(b, 0, len).name());
    }

    @Test
    void cappedErrorWithExtendedAck() {
        byte[] m = Golden.messages("error_capped.hex").get(0);
        ByteBuffer b = Golden.buffer(m);
        assertEquals(NlMsgHdr.NLM_F_ACK_TLVS | NlMsgHdr.NLM_F_CAPPED, NlMsgHdr.flags(b, 0));
        assertEquals(KernelError.of(KernelError.ENETUNREACH, "Nexthop has invalid gateway"),
                NlMsgErr.decode(b, 0, m.length));
    }

    @Test
    void theRequestThatFailedDecodesToo() throws Exception {
        // capture.py's hand-built RTM_NEWROUTE, which the kernel parsed far enough to judge the gateway
        byte[] m = Golden.messages("error_request.hex").get(0);
        ByteBuffer b = Golden.buffer(m);
        assertEquals(RtMsg.RTM_NEWROUTE, NlMsgHdr.type(b, 0));
        assertEquals(new KernelRoute(Prefix.parse("10.255.77.0/24"), 254, Rtnl.RTPROT_BGP, Rtnl.RTN_UNICAST, 0, 0,
                List.of(KernelNextHop.via(ip("10.255.99.1"))), null), RouteMessages.decode(b, 0, m.length));
        // the error echoes exactly this request after its 4-byte error code
        byte[] err = Golden.messages("error_ext_ack.hex").get(0);
        assertArrayEquals(m, java.util.Arrays.copyOfRange(err, 20, 20 + m.length));
    }

    @Test
    void notificationsOfTheSameMessages() {
        byte[] m = Golden.messages("routes.hex").get(3);
        ByteBuffer b = Golden.buffer(m);
        assertInstanceOf(dev.petrel.fib.kernel.KernelEvent.RouteAdded.class, Notifications.decode(b, 0, m.length));
        b.putShort(4, (short) RtMsg.RTM_DELROUTE);
        assertInstanceOf(dev.petrel.fib.kernel.KernelEvent.RouteDeleted.class, Notifications.decode(b, 0, m.length));
        b.putShort(4, (short) NlMsgHdr.NLMSG_OVERRUN);
        assertInstanceOf(dev.petrel.fib.kernel.KernelEvent.Overrun.class, Notifications.decode(b, 0, m.length));
        b.putShort(4, (short) NlMsgHdr.NLMSG_NOOP);
        assertNull(Notifications.decode(b, 0, m.length));
    }
}
