package dev.petrel.fib.netlink;

import static dev.petrel.fib.netlink.RtMsg.*;

import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.Rtnl;
import dev.petrel.wire.nlri.Ipv4Prefix;
import dev.petrel.wire.nlri.Ipv6Prefix;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code RTM_NEWROUTE}/{@code RTM_DELROUTE} to and from {@link KernelRoute}.
 *
 * <p>The encoder writes the attributes in the order the kernel's own IPv4 dump uses (RTA_TABLE, RTA_DST,
 * RTA_PRIORITY, RTA_PREFSRC, then RTA_GATEWAY/RTA_VIA and RTA_OIF or RTA_MULTIPATH), so an IPv4 request can be
 * compared byte for byte with what a dump of the installed route returns.
 */
public final class RouteMessages {
    private RouteMessages() {}

    /** The flags of an install: add, or replace the route with the same key; always acknowledged. */
    public static final int NEW_ROUTE_FLAGS =
            NlMsgHdr.NLM_F_REQUEST | NlMsgHdr.NLM_F_ACK | NlMsgHdr.NLM_F_CREATE | NlMsgHdr.NLM_F_REPLACE;
    public static final int DEL_ROUTE_FLAGS = NlMsgHdr.NLM_F_REQUEST | NlMsgHdr.NLM_F_ACK;

    /**
     * Appends an {@code RTM_NEWROUTE} for {@code r} at the buffer's position. On {@link BufferOverflowException}
     * the buffer's position is back where it was, so the caller can send what it has and retry in a fresh buffer;
     * likewise on {@link IllegalArgumentException} for a route that cannot be written (an IPv6 route of metric 0:
     * see {@link KernelRoute#priority}).
     */
    public static void encodeNewRoute(ByteBuffer b, int seq, KernelRoute r) {
        int mark = b.position();
        try {
            int start = NlMsgHdr.begin(b, RTM_NEWROUTE, NEW_ROUTE_FLAGS, seq);
            List<KernelNextHop> hops = r.nextHops();
            int flags = r.nexthopId() == 0 && hops.size() == 1 && hops.get(0).onlink() ? Rtnl.RTNH_F_ONLINK : 0;
            putRtMsg(b, r, r.scope(), r.type(), flags);
            putKey(b, r);
            if (r.preferredSource() != null) {
                InetAddresses.put(b, RTA_PREFSRC, r.preferredSource());
            }
            if (r.nexthopId() != 0) {
                RtAttr.putU32(b, RTA_NH_ID, r.nexthopId()); // the kernel refuses hops next to an id
            } else if (hops.size() == 1) {
                KernelNextHop h = hops.get(0);
                if (h.gateway() != null) {
                    putGateway(b, r.family(), h.gateway());
                }
                if (h.ifindex() != 0) {
                    RtAttr.putU32(b, RTA_OIF, h.ifindex());
                }
            } else if (hops.size() > 1) {
                putMultipath(b, r.family(), hops);
            }
            NlMsgHdr.finish(b, start);
        } catch (BufferOverflowException | IllegalArgumentException e) {
            b.position(mark);
            throw e;
        }
    }

    /**
     * Appends an {@code RTM_DELROUTE} for the route with {@code r}'s key and protocol: any scope, type and next
     * hops, so that the kernel's copy is removed even if it differs in those.
     */
    public static void encodeDelRoute(ByteBuffer b, int seq, KernelRoute r) {
        int mark = b.position();
        try {
            int start = NlMsgHdr.begin(b, RTM_DELROUTE, DEL_ROUTE_FLAGS, seq);
            putRtMsg(b, r, RT_SCOPE_NOWHERE, Rtnl.RTN_UNSPEC, 0);
            putKey(b, r);
            NlMsgHdr.finish(b, start);
        } catch (BufferOverflowException | IllegalArgumentException e) {
            b.position(mark);
            throw e;
        }
    }

    private static void putRtMsg(ByteBuffer b, KernelRoute r, int scope, int type, int flags) {
        // tables above 255 only fit in RTA_TABLE, which the kernel reads first; rtm_table then says
        // RT_TABLE_COMPAT as in the kernel's own dumps (RT_TABLE_UNSPEC would do as well)
        int table = r.table() < 256 ? r.table() : RT_TABLE_COMPAT;
        RtMsg.put(b, r.family(), r.prefix().length(), table, r.protocol(), scope, type, flags);
    }

    private static void putKey(ByteBuffer b, KernelRoute r) {
        if (r.priority() == 0 && r.family() == Rtnl.AF_INET6) {
            throw new IllegalArgumentException("IPv6 route " + r.prefix() + " with metric 0: the kernel stores it as "
                    + Rtnl.IP6_RT_PRIO_USER + ", so write " + Rtnl.IP6_RT_PRIO_USER);
        }
        RtAttr.putU32(b, RTA_TABLE, r.table());
        Prefix p = r.prefix();
        if (p.length() > 0) { // the kernel's dumps leave RTA_DST out of a default route, and so do we
            if (p instanceof Ipv4Prefix v4) {
                RtAttr.putIpv4(b, RTA_DST, v4.address());
            } else {
                Ipv6Prefix v6 = (Ipv6Prefix) p;
                RtAttr.putIpv6(b, RTA_DST, v6.high(), v6.low());
            }
        }
        if (r.priority() != 0) {
            RtAttr.putU32(b, RTA_PRIORITY, r.priority());
        }
    }

    /** RTA_GATEWAY of the route's own family, or RTA_VIA for an IPv6 next hop of an IPv4 route (RFC 8950). */
    private static void putGateway(ByteBuffer b, int family, InetAddress gw) {
        int gwFamily = InetAddresses.family(gw);
        if (gwFamily == family) {
            InetAddresses.put(b, RTA_GATEWAY, gw);
        } else {
            byte[] a = gw.getAddress();
            // struct rtvia: rtvia_family u16, then the address
            b.putShort((short) (RtAttr.HEADER + 2 + a.length)).putShort((short) RTA_VIA).putShort((short) gwFamily)
                    .put(a);
            NlMsgHdr.pad(b);
        }
    }

    private static void putMultipath(ByteBuffer b, int family, List<KernelNextHop> hops) {
        int mp = RtAttr.beginNested(b, RTA_MULTIPATH);
        for (KernelNextHop h : hops) {
            int nh = b.position();
            b.putShort((short) 0).put((byte) (h.onlink() ? Rtnl.RTNH_F_ONLINK : 0)).put((byte) (h.weight() - 1))
                    .putInt(h.ifindex());
            if (h.gateway() != null) {
                putGateway(b, family, h.gateway());
            }
            b.putShort(nh, (short) (b.position() - nh));
        }
        RtAttr.endNested(b, mp);
    }

    // ---- decoding ----

    /**
     * Decodes the {@code RTM_NEWROUTE}/{@code RTM_DELROUTE} whose netlink header is at {@code offset} and whose
     * length was checked to be {@code len}. Returns null for a family other than IPv4 and IPv6 (an AF_UNSPEC dump
     * also returns multicast routing tables, which Petrel does not handle).
     */
    public static KernelRoute decode(ByteBuffer b, int offset, int len) {
        int end = offset + len;
        int rtm = offset + NlMsgHdr.SIZE;
        if (end - rtm < RtMsg.SIZE) {
            throw new MalformedNetlinkException("route message of " + len + " bytes is too short for its rtmsg");
        }
        int family = RtMsg.family(b, rtm);
        if (family != Rtnl.AF_INET && family != Rtnl.AF_INET6) {
            return null;
        }
        int addrLen = family == Rtnl.AF_INET ? 4 : 16;
        int dstLen = RtMsg.dstLen(b, rtm);
        if (dstLen > addrLen * 8) {
            throw new MalformedNetlinkException("rtm_dst_len " + dstLen + " is too long for family " + family);
        }
        int table = RtMsg.table(b, rtm);
        int rtmFlags = RtMsg.flags(b, rtm);
        int priority = 0;
        int oif = 0;
        int dst = -1;
        int nhId = 0;
        InetAddress gateway = null;
        InetAddress prefsrc = null;
        List<KernelNextHop> hops = null;
        for (int a = rtm + RtMsg.SIZE; a < end; a = RtAttr.next(b, a, end)) {
            RtAttr.checked(b, a, end, "route message");
            switch (RtAttr.type(b, a)) {
                case RTA_DST -> {
                    RtAttr.requireLength(b, a, addrLen, "RTA_DST");
                    dst = a;
                }
                case RTA_TABLE -> table = RtAttr.u32(b, a, "RTA_TABLE");
                case RTA_PRIORITY -> priority = RtAttr.u32(b, a, "RTA_PRIORITY");
                case RTA_OIF -> oif = RtAttr.u32(b, a, "RTA_OIF");
                case RTA_GATEWAY -> gateway = address(b, a, addrLen, "RTA_GATEWAY");
                case RTA_VIA -> gateway = via(b, a);
                case RTA_PREFSRC -> prefsrc = address(b, a, addrLen, "RTA_PREFSRC");
                case RTA_MULTIPATH -> hops = multipath(b, a, addrLen);
                case RTA_NH_ID -> nhId = RtAttr.u32(b, a, "RTA_NH_ID");
                default -> {
                    // RTA_CACHEINFO, RTA_PREF, ...: not ours
                }
            }
        }
        Prefix prefix = dst < 0 ? zero(family, dstLen) : prefix(b, RtAttr.payload(dst), family, dstLen);
        if (hops == null) {
            hops = gateway == null && oif == 0 ? List.of()
                    : List.of(new KernelNextHop(gateway, oif, (rtmFlags & Rtnl.RTNH_F_ONLINK) != 0, 1));
        }
        return new KernelRoute(prefix, table, RtMsg.protocol(b, rtm), RtMsg.type(b, rtm), RtMsg.scope(b, rtm),
                priority, hops, prefsrc, nhId);
    }

    private static InetAddress address(ByteBuffer b, int a, int addrLen, String name) {
        RtAttr.requireLength(b, a, addrLen, name);
        return InetAddresses.read(b, RtAttr.payload(a), addrLen, name);
    }

    /** {@code struct rtvia}: a u16 family and the address. */
    private static InetAddress via(ByteBuffer b, int a) {
        RtAttr.requireLength(b, a, 2, "RTA_VIA");
        int family = Short.toUnsignedInt(b.getShort(RtAttr.payload(a)));
        int n = RtAttr.payloadLength(b, a) - 2;
        int want = family == Rtnl.AF_INET ? 4 : family == Rtnl.AF_INET6 ? 16 : -1;
        if (want < 0 || n < want) {
            throw new MalformedNetlinkException("RTA_VIA of family " + family + " with " + n + " address bytes");
        }
        return InetAddresses.read(b, RtAttr.payload(a) + 2, want, "RTA_VIA");
    }

    private static List<KernelNextHop> multipath(ByteBuffer b, int a, int addrLen) {
        int end = a + Short.toUnsignedInt(b.getShort(a));
        List<KernelNextHop> hops = new ArrayList<>(2);
        for (int nh = RtAttr.payload(a); nh < end; ) {
            if (end - nh < RTNH_SIZE) {
                throw new MalformedNetlinkException("RTA_MULTIPATH: rtnexthop cut off at offset " + nh + " ("
                        + (end - nh) + " of " + RTNH_SIZE + " bytes)");
            }
            int nhLen = Short.toUnsignedInt(b.getShort(nh));
            if (nhLen < RTNH_SIZE || nhLen > end - nh) {
                throw new MalformedNetlinkException("RTA_MULTIPATH: rtnh_len " + nhLen + " at offset " + nh
                        + " but " + (end - nh) + " bytes are left");
            }
            int flags = Byte.toUnsignedInt(b.get(nh + 2));
            int weight = Byte.toUnsignedInt(b.get(nh + 3)) + 1;
            int ifindex = b.getInt(nh + 4);
            InetAddress gw = null;
            int nhEnd = nh + nhLen;
            for (int x = nh + RTNH_SIZE; x < nhEnd; x = RtAttr.next(b, x, nhEnd)) {
                RtAttr.checked(b, x, nhEnd, "RTA_MULTIPATH next hop");
                switch (RtAttr.type(b, x)) {
                    case RTA_GATEWAY -> gw = address(b, x, addrLen, "RTA_GATEWAY in RTA_MULTIPATH");
                    case RTA_VIA -> gw = via(b, x);
                    default -> {}
                }
            }
            hops.add(new KernelNextHop(gw, ifindex, (flags & Rtnl.RTNH_F_ONLINK) != 0, weight));
            nh = Math.min(end, nh + NlMsgHdr.align(nhLen));
        }
        return hops;
    }

    private static Prefix zero(int family, int len) {
        return family == Rtnl.AF_INET ? new Ipv4Prefix(0, len) : new Ipv6Prefix(0, 0, len);
    }

    private static Prefix prefix(ByteBuffer b, int at, int family, int len) {
        return family == Rtnl.AF_INET ? new Ipv4Prefix(RtAttr.getBigEndianInt(b, at), len)
                : new Ipv6Prefix(RtAttr.getBigEndianLong(b, at), RtAttr.getBigEndianLong(b, at + 8), len);
    }
}
