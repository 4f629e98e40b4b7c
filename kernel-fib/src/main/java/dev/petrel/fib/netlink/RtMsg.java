package dev.petrel.fib.netlink;

import java.nio.ByteBuffer;

/**
 * {@code struct rtmsg} (12 bytes after the netlink header): {@code rtm_family}, {@code rtm_dst_len},
 * {@code rtm_src_len}, {@code rtm_tos}, {@code rtm_table}, {@code rtm_protocol}, {@code rtm_scope},
 * {@code rtm_type} (all u8), {@code rtm_flags} u32; and the route message types and {@code RTA_*} attributes of
 * {@code linux/rtnetlink.h}.
 */
public final class RtMsg {
    private RtMsg() {}

    public static final int SIZE = 12;

    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;

    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_IIF = 3;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_METRICS = 8;
    public static final int RTA_MULTIPATH = 9;
    public static final int RTA_FLOW = 11;
    public static final int RTA_CACHEINFO = 12;
    public static final int RTA_TABLE = 15;
    public static final int RTA_VIA = 18;
    public static final int RTA_PREF = 20;
    public static final int RTA_NH_ID = 30;

    /** {@code rtm_table} of a route whose table does not fit in a byte; the real one is in RTA_TABLE. */
    public static final int RT_TABLE_COMPAT = 252;
    public static final int RT_TABLE_UNSPEC = 0;
    /** {@code rtm_scope} of a delete: match a route of any scope. */
    public static final int RT_SCOPE_NOWHERE = 255;

    /** {@code struct rtnexthop} (8 bytes): {@code rtnh_len} u16, {@code rtnh_flags} u8, {@code rtnh_hops} u8, {@code rtnh_ifindex} i32. */
    public static final int RTNH_SIZE = 8;

    public static int family(ByteBuffer b, int at) {
        return Byte.toUnsignedInt(b.get(at));
    }

    public static int dstLen(ByteBuffer b, int at) {
        return Byte.toUnsignedInt(b.get(at + 1));
    }

    public static int table(ByteBuffer b, int at) {
        return Byte.toUnsignedInt(b.get(at + 4));
    }

    public static int protocol(ByteBuffer b, int at) {
        return Byte.toUnsignedInt(b.get(at + 5));
    }

    public static int scope(ByteBuffer b, int at) {
        return Byte.toUnsignedInt(b.get(at + 6));
    }

    public static int type(ByteBuffer b, int at) {
        return Byte.toUnsignedInt(b.get(at + 7));
    }

    public static int flags(ByteBuffer b, int at) {
        return b.getInt(at + 8);
    }

    public static void put(ByteBuffer b, int family, int dstLen, int table, int protocol, int scope, int type,
            int flags) {
        b.put((byte) family).put((byte) dstLen).put((byte) 0).put((byte) 0).put((byte) table).put((byte) protocol)
                .put((byte) scope).put((byte) type).putInt(flags);
    }
}
