package dev.petrel.fib.netlink;

import dev.petrel.fib.kernel.KernelLink;
import java.nio.ByteBuffer;

/**
 * {@code RTM_NEWLINK}/{@code RTM_DELLINK}: {@code struct ifinfomsg} (16 bytes: {@code ifi_family} u8, pad u8,
 * {@code ifi_type} u16, {@code ifi_index} i32, {@code ifi_flags} u32, {@code ifi_change} u32) and
 * {@code IFLA_IFNAME}.
 */
public final class LinkMessages {
    private LinkMessages() {}

    public static final int IFINFOMSG_SIZE = 16;
    public static final int IFLA_IFNAME = 3;
    public static final int IFF_UP = 0x1;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_LOWER_UP = 0x10000;

    public static KernelLink decode(ByteBuffer b, int offset, int len) {
        int end = offset + len;
        int ifi = offset + NlMsgHdr.SIZE;
        if (end - ifi < IFINFOMSG_SIZE) {
            throw new MalformedNetlinkException("link message of " + len + " bytes is too short for its ifinfomsg");
        }
        int index = b.getInt(ifi + 4);
        int flags = b.getInt(ifi + 8);
        String name = null;
        for (int a = ifi + IFINFOMSG_SIZE; a < end; a = RtAttr.next(b, a, end)) {
            RtAttr.checked(b, a, end, "link message");
            if (RtAttr.type(b, a) == IFLA_IFNAME) {
                name = RtAttr.string(b, a);
            }
        }
        return new KernelLink(index, name, (flags & IFF_UP) != 0, (flags & (IFF_LOWER_UP | IFF_RUNNING)) != 0);
    }
}
