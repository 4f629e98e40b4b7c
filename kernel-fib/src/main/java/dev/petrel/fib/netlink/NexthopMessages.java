package dev.petrel.fib.netlink;

import dev.petrel.fib.kernel.KernelNexthopObject;
import dev.petrel.fib.kernel.Rtnl;
import java.net.InetAddress;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code RTM_NEWNEXTHOP}/{@code RTM_DELNEXTHOP}/{@code RTM_GETNEXTHOP} ({@code linux/nexthop.h}) to and from
 * {@link KernelNexthopObject}: a {@code struct nhmsg} (8 bytes: {@code nh_family}, {@code nh_scope},
 * {@code nh_protocol}, {@code resvd} u8 each, {@code nh_flags} u32) and {@code NHA_*} attributes. The encoder
 * writes the attributes in the order of the kernel's own dump ({@code NHA_ID}, then {@code NHA_GROUP} or
 * {@code NHA_BLACKHOLE} or {@code NHA_OIF} and {@code NHA_GATEWAY}), so a request compares byte for byte with
 * the dump of what it created. {@code NHA_FDB}, {@code NHA_GROUP_TYPE} and newer attributes are not looked at.
 */
public final class NexthopMessages {
    private NexthopMessages() {}

    public static final int RTM_NEWNEXTHOP = 104;
    public static final int RTM_DELNEXTHOP = 105;
    public static final int RTM_GETNEXTHOP = 106;

    public static final int NHMSG_SIZE = 8;

    public static final int NHA_ID = 1;
    public static final int NHA_GROUP = 2;
    public static final int NHA_GROUP_TYPE = 3;
    public static final int NHA_BLACKHOLE = 4;
    public static final int NHA_OIF = 5;
    public static final int NHA_GATEWAY = 6;
    public static final int NHA_FDB = 11;

    /** {@code struct nexthop_grp}: id u32, weight u8 (weight - 1), resvd1 u8, resvd2 u16. */
    public static final int NH_GRP_SIZE = 8;

    /** Create, or replace the object with the same id; always acknowledged. */
    public static final int NEW_FLAGS =
            NlMsgHdr.NLM_F_REQUEST | NlMsgHdr.NLM_F_ACK | NlMsgHdr.NLM_F_CREATE | NlMsgHdr.NLM_F_REPLACE;
    public static final int DEL_FLAGS = NlMsgHdr.NLM_F_REQUEST | NlMsgHdr.NLM_F_ACK;

    /** Appends an {@code RTM_NEWNEXTHOP} for {@code o}; on overflow the position is back where it was. */
    public static void encodeNew(ByteBuffer b, int seq, KernelNexthopObject o) {
        int mark = b.position();
        try {
            int start = NlMsgHdr.begin(b, RTM_NEWNEXTHOP, NEW_FLAGS, seq);
            putNhMsg(b, o.family(), o.protocol(), o.onlink() ? Rtnl.RTNH_F_ONLINK : 0);
            RtAttr.putU32(b, NHA_ID, o.id());
            if (o.isGroup()) {
                int at = b.position();
                b.putShort((short) (RtAttr.HEADER + NH_GRP_SIZE * o.group().size())).putShort((short) NHA_GROUP);
                for (KernelNexthopObject.Member m : o.group()) {
                    b.putInt(m.id()).put((byte) (m.weight() - 1)).put((byte) 0).putShort((short) 0);
                }
                if (b.position() - at > 0xffff) {
                    throw new IllegalArgumentException("group of " + o.group().size() + " members is too large");
                }
            } else if (o.blackhole()) {
                b.putShort((short) RtAttr.HEADER).putShort((short) NHA_BLACKHOLE);
            } else {
                if (o.ifindex() != 0) {
                    RtAttr.putU32(b, NHA_OIF, o.ifindex());
                }
                if (o.gateway() != null) {
                    InetAddresses.put(b, NHA_GATEWAY, o.gateway());
                }
            }
            NlMsgHdr.finish(b, start);
        } catch (BufferOverflowException | IllegalArgumentException e) {
            b.position(mark);
            throw e;
        }
    }

    /** Appends an {@code RTM_DELNEXTHOP} of object {@code id}. */
    public static void encodeDel(ByteBuffer b, int seq, int id) {
        int mark = b.position();
        try {
            int start = NlMsgHdr.begin(b, RTM_DELNEXTHOP, DEL_FLAGS, seq);
            putNhMsg(b, Rtnl.AF_UNSPEC, 0, 0);
            RtAttr.putU32(b, NHA_ID, id);
            NlMsgHdr.finish(b, start);
        } catch (BufferOverflowException e) {
            b.position(mark);
            throw e;
        }
    }

    /** {@code RTM_GETNEXTHOP} dump request with an empty nhmsg: every object of every family. */
    public static void encodeDump(ByteBuffer b, int seq) {
        int start = NlMsgHdr.begin(b, RTM_GETNEXTHOP, DumpRequests.FLAGS, seq);
        putNhMsg(b, Rtnl.AF_UNSPEC, 0, 0);
        NlMsgHdr.finish(b, start);
    }

    private static void putNhMsg(ByteBuffer b, int family, int protocol, int flags) {
        b.put((byte) family).put((byte) 0).put((byte) protocol).put((byte) 0).putInt(flags);
    }

    /**
     * Decodes the {@code RTM_NEWNEXTHOP}/{@code RTM_DELNEXTHOP} at {@code offset} of checked length {@code len}.
     * Returns null for an object without an id (the kernel always sends one).
     */
    public static KernelNexthopObject decode(ByteBuffer b, int offset, int len) {
        int end = offset + len;
        int nh = offset + NlMsgHdr.SIZE;
        if (end - nh < NHMSG_SIZE) {
            throw new MalformedNetlinkException("nexthop message of " + len + " bytes is too short for its nhmsg");
        }
        int family = Byte.toUnsignedInt(b.get(nh));
        int protocol = Byte.toUnsignedInt(b.get(nh + 2));
        int flags = b.getInt(nh + 4);
        int id = 0;
        int oif = 0;
        boolean blackhole = false;
        InetAddress gateway = null;
        List<KernelNexthopObject.Member> group = List.of();
        for (int a = nh + NHMSG_SIZE; a < end; a = RtAttr.next(b, a, end)) {
            RtAttr.checked(b, a, end, "nexthop message");
            switch (RtAttr.type(b, a)) {
                case NHA_ID -> id = RtAttr.u32(b, a, "NHA_ID");
                case NHA_OIF -> oif = RtAttr.u32(b, a, "NHA_OIF");
                case NHA_BLACKHOLE -> blackhole = true;
                case NHA_GATEWAY -> gateway = InetAddresses.read(b, RtAttr.payload(a), RtAttr.payloadLength(b, a),
                        "NHA_GATEWAY");
                case NHA_GROUP -> group = group(b, a);
                default -> {
                    // NHA_GROUP_TYPE, NHA_FDB, NHA_ENCAP, NHA_OP_FLAGS, NHA_GROUP_STATS, ...: not ours
                }
            }
        }
        if (id == 0) {
            return null;
        }
        return new KernelNexthopObject(id, protocol, family, gateway, oif, (flags & Rtnl.RTNH_F_ONLINK) != 0,
                blackhole, group);
    }

    private static List<KernelNexthopObject.Member> group(ByteBuffer b, int a) {
        int n = RtAttr.payloadLength(b, a);
        if (n == 0 || n % NH_GRP_SIZE != 0) {
            throw new MalformedNetlinkException("NHA_GROUP has " + n + " payload bytes, not a positive multiple of "
                    + NH_GRP_SIZE);
        }
        List<KernelNexthopObject.Member> out = new ArrayList<>(n / NH_GRP_SIZE);
        for (int at = RtAttr.payload(a); at < RtAttr.payload(a) + n; at += NH_GRP_SIZE) {
            out.add(new KernelNexthopObject.Member(b.getInt(at), Byte.toUnsignedInt(b.get(at + 4)) + 1));
        }
        return out;
    }
}
