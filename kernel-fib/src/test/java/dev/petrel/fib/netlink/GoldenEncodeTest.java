package dev.petrel.fib.netlink;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.Rtnl;
import dev.petrel.wire.nlri.Prefix;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoder against the kernel: a route decoded from the kernel's dump, encoded as an RTM_NEWROUTE, gives back
 * the kernel's bytes after the header (the encoder follows the dump's attribute order on purpose). Where the
 * kernel adds what a request does not carry, or for the delete and the dump requests, hand-checked bytes.
 */
class GoldenEncodeTest {
    static ByteBuffer out() {
        return ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
    }

    static byte[] encodeNew(KernelRoute r, int seq) {
        ByteBuffer b = out();
        RouteMessages.encodeNewRoute(b, seq, r);
        return Golden.bytes(b, 0, b.position());
    }

    @Test
    void everyIpv4RouteOfTheDumpEncodesToTheKernelsBytes() {
        int compared = 0;
        for (byte[] m : Golden.messages("routes.hex")) {
            ByteBuffer k = Golden.buffer(m);
            if (NlMsgHdr.type(k, 0) != RtMsg.RTM_NEWROUTE || RtMsg.family(k, 16) != Rtnl.AF_INET) {
                continue;
            }
            KernelRoute r = RouteMessages.decode(k, 0, m.length);
            byte[] mine = encodeNew(r, 0x01020304);
            ByteBuffer b = Golden.buffer(mine);
            assertEquals(m.length, NlMsgHdr.length(b, 0), r.toString());
            assertEquals(RtMsg.RTM_NEWROUTE, NlMsgHdr.type(b, 0));
            assertEquals(0x505, NlMsgHdr.flags(b, 0), "REQUEST|ACK|REPLACE|CREATE");
            assertEquals(0x01020304, NlMsgHdr.seq(b, 0));
            assertEquals(0, NlMsgHdr.pid(b, 0));
            assertEquals(Golden.hex(java.util.Arrays.copyOfRange(m, 16, m.length)),
                    Golden.hex(java.util.Arrays.copyOfRange(mine, 16, mine.length)), r.toString());
            compared++;
        }
        assertEquals(16, compared, "unicast, blackhole, unreachable, ECMP, proto/metric/src, table 1000, via inet6,"
                + " connected and local routes");
    }

    @Test
    void ipv6RoutesEncodeToTheKernelsBytesLessCacheinfoAndPref() {
        int compared = 0;
        for (byte[] m : Golden.messages("routes.hex")) {
            ByteBuffer k = Golden.buffer(m);
            if (NlMsgHdr.type(k, 0) != RtMsg.RTM_NEWROUTE || RtMsg.family(k, 16) != Rtnl.AF_INET6) {
                continue;
            }
            KernelRoute r = RouteMessages.decode(k, 0, m.length);
            if (r.priority() == 0) {
                continue; // the kernel spells out a zero RTA_PRIORITY for IPv6 local routes; a request leaves it out
            }
            byte[] expected = withoutAttributes(m, RtMsg.RTA_CACHEINFO, RtMsg.RTA_PREF);
            byte[] mine = encodeNew(r, 9);
            assertEquals(Golden.hex(java.util.Arrays.copyOfRange(expected, 16, expected.length)),
                    Golden.hex(java.util.Arrays.copyOfRange(mine, 16, mine.length)), r.toString());
            assertEquals(expected.length, mine.length);
            compared++;
        }
        assertEquals(6, compared, "fd00:255:1::/64, fd00:255:10::/48, fe80::/64 and ff00::/8 on each veth");
    }

    /** The message without the top-level attributes of the given types, its length fixed up. */
    static byte[] withoutAttributes(byte[] m, int... types) {
        ByteBuffer b = Golden.buffer(m);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(m, 0, NlMsgHdr.SIZE + RtMsg.SIZE);
        outer:
        for (int a = NlMsgHdr.SIZE + RtMsg.SIZE; a < m.length; a = RtAttr.next(b, a, m.length)) {
            int len = RtAttr.checked(b, a, m.length, "test");
            for (int t : types) {
                if (RtAttr.type(b, a) == t) {
                    continue outer;
                }
            }
            o.write(m, a, NlMsgHdr.align(len));
        }
        byte[] r = o.toByteArray();
        ByteBuffer.wrap(r).order(ByteOrder.nativeOrder()).putInt(0, r.length);
        return r;
    }

    @Test
    void ipv6MultipathWithWeightAndOnlink() throws Exception {
        KernelRoute r = new KernelRoute(Prefix.parse("fd00:255:20::/48"), 254, Rtnl.RTPROT_BGP, Rtnl.RTN_UNICAST, 0, 50,
                List.of(new KernelNextHop(InetAddress.getByName("fd00:255:1::2"), 3, false, 1),
                        new KernelNextHop(InetAddress.getByName("fd00:255:1::3"), 0, true, 2)),
                null);
        String expected = ""
                + "7c000000" + "1800" + "0505" + "01000000" + "00000000" // nlmsghdr: 124 bytes, RTM_NEWROUTE
                + "0a300000" + "feba0001" + "00000000" // rtmsg: AF_INET6 /48, main, proto 186, universe, unicast
                + "08000f00" + "fe000000" // RTA_TABLE 254
                + "14000100" + "fd000255002000000000000000000000" // RTA_DST
                + "08000600" + "32000000" // RTA_PRIORITY 50
                + "3c000900" // RTA_MULTIPATH, 60 bytes
                + "1c00" + "00" + "00" + "03000000" // rtnexthop: 28 bytes, no flags, weight 1, ifindex 3
                + "14000500" + "fd000255000100000000000000000002" // RTA_GATEWAY
                + "1c00" + "04" + "01" + "00000000" // rtnexthop: RTNH_F_ONLINK, weight 2, any interface
                + "14000500" + "fd000255000100000000000000000003";
        assertEquals(expected, Golden.hex(encodeNew(r, 1)));
    }

    @Test
    void deleteCarriesKeyAndProtocolOnly() throws Exception {
        KernelRoute r = new KernelRoute(Prefix.parse("10.255.14.0/24"), 254, Rtnl.RTPROT_BGP, Rtnl.RTN_UNICAST, 0, 20,
                List.of(KernelNextHop.via(InetAddress.getByName("10.255.1.3"))), InetAddress.getByName("10.255.1.1"));
        ByteBuffer b = out();
        RouteMessages.encodeDelRoute(b, 0x01020304, r);
        String expected = ""
                + "34000000" + "1900" + "0500" + "04030201" + "00000000" // 52 bytes, RTM_DELROUTE, REQUEST|ACK
                + "0218" + "0000" + "feba" + "ff00" + "00000000" // AF_INET /24, main, 186, RT_SCOPE_NOWHERE, any type
                + "08000f00" + "fe000000" // RTA_TABLE 254
                + "08000100" + "0aff0e00" // RTA_DST 10.255.14.0
                + "08000600" + "14000000"; // RTA_PRIORITY 20
        assertEquals(expected, Golden.hex(Golden.bytes(b, 0, b.position())));
    }

    @Test
    void defaultRouteHasNoDestination() throws Exception {
        KernelRoute r = new KernelRoute(Prefix.parse("0.0.0.0/0"), 254, Rtnl.RTPROT_BGP, Rtnl.RTN_UNICAST, 0, 0,
                List.of(KernelNextHop.via(InetAddress.getByName("10.255.1.2"))), null);
        assertEquals("2c000000180005050100000000000000" + "02000000feba0001" + "00000000"
                + "08000f00fe000000" + "080005000aff0102", Golden.hex(encodeNew(r, 1)));
        KernelRoute back = RouteMessages.decode(Golden.buffer(encodeNew(r, 1)), 0, 44);
        assertEquals(r, back);
    }

    @Test
    void dumpRequests() {
        ByteBuffer b = out();
        DumpRequests.routes(b, 5);
        DumpRequests.links(b, 6);
        DumpRequests.addresses(b, 7);
        assertEquals(""
                + "1c000000" + "1a00" + "0103" + "05000000" + "00000000" + "00".repeat(12) // RTM_GETROUTE, REQUEST|DUMP
                + "20000000" + "1200" + "0103" + "06000000" + "00000000" + "00".repeat(16) // RTM_GETLINK
                + "18000000" + "1600" + "0103" + "07000000" + "00000000" + "00".repeat(8), // RTM_GETADDR
                Golden.hex(Golden.bytes(b, 0, b.position())));
    }

    @Test
    void overflowLeavesTheBufferAsItWas() throws Exception {
        KernelRoute r = new KernelRoute(Prefix.parse("10.255.14.0/24"), 254, Rtnl.RTPROT_BGP, Rtnl.RTN_UNICAST, 0, 20,
                List.of(KernelNextHop.via(InetAddress.getByName("10.255.1.3"))), null);
        ByteBuffer b = ByteBuffer.allocate(100).order(ByteOrder.nativeOrder());
        RouteMessages.encodeNewRoute(b, 1, r); // 60 bytes: header, rtmsg, table, dst, priority, gateway
        assertEquals(60, b.position());
        assertThrows(BufferOverflowException.class, () -> RouteMessages.encodeNewRoute(b, 2, r));
        assertEquals(60, b.position());
        b.limit(100 - 12); // room for the delete's header and rtmsg, not for its attributes
        assertThrows(BufferOverflowException.class, () -> RouteMessages.encodeDelRoute(b, 2, r));
        assertEquals(60, b.position());
    }
}
