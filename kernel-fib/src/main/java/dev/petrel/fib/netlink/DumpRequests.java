package dev.petrel.fib.netlink;

import java.nio.ByteBuffer;

/**
 * The {@code NLM_F_DUMP} requests: a header and a zeroed family message of family {@code AF_UNSPEC}, which asks
 * for both IPv4 and IPv6 in one dump.
 */
public final class DumpRequests {
    private DumpRequests() {}

    public static final int FLAGS = NlMsgHdr.NLM_F_REQUEST | NlMsgHdr.NLM_F_DUMP;

    /** RTM_GETROUTE with an empty rtmsg: every route of every table. */
    public static void routes(ByteBuffer b, int seq) {
        request(b, seq, RtMsg.RTM_GETROUTE, RtMsg.SIZE);
    }

    /** RTM_GETLINK with an empty ifinfomsg. */
    public static void links(ByteBuffer b, int seq) {
        request(b, seq, RtMsg.RTM_GETLINK, LinkMessages.IFINFOMSG_SIZE);
    }

    /** RTM_GETADDR with an empty ifaddrmsg. */
    public static void addresses(ByteBuffer b, int seq) {
        request(b, seq, RtMsg.RTM_GETADDR, AddressMessages.IFADDRMSG_SIZE);
    }

    private static void request(ByteBuffer b, int seq, int type, int familyMessageSize) {
        int start = NlMsgHdr.begin(b, type, FLAGS, seq);
        for (int i = 0; i < familyMessageSize; i++) {
            b.put((byte) 0);
        }
        NlMsgHdr.finish(b, start);
    }
}
