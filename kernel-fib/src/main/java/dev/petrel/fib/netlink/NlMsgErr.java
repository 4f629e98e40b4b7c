package dev.petrel.fib.netlink;

import dev.petrel.fib.kernel.KernelError;
import java.nio.ByteBuffer;

/**
 * {@code NLMSG_ERROR}: {@code struct nlmsgerr} is an int {@code error} (0 for an acknowledgement, else a negative
 * errno) and the header of the request it answers; the request's payload follows unless the message is flagged
 * {@code NLM_F_CAPPED}. With {@code NLM_F_ACK_TLVS}, extended-ack attributes come after that: the kernel's
 * explanation in {@code NLMSGERR_ATTR_MSG}.
 */
public final class NlMsgErr {
    private NlMsgErr() {}

    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;

    /** The (non-negative) errno of the NLMSG_ERROR at {@code offset} of checked length {@code len}; 0 is an ack. */
    public static int errno(ByteBuffer b, int offset, int len) {
        if (len < NlMsgHdr.SIZE + 4 + NlMsgHdr.SIZE) {
            throw new MalformedNetlinkException("NLMSG_ERROR of " + len + " bytes is too short for nlmsgerr ("
                    + (NlMsgHdr.SIZE + 4 + NlMsgHdr.SIZE) + ")");
        }
        int error = b.getInt(offset + NlMsgHdr.SIZE);
        if (error > 0) {
            throw new MalformedNetlinkException("NLMSG_ERROR with positive error " + error);
        }
        return -error;
    }

    /** The sequence number of the request answered, from the echoed header (the outer one carries it too). */
    public static int requestSeq(ByteBuffer b, int offset) {
        return NlMsgHdr.seq(b, offset + NlMsgHdr.SIZE + 4);
    }

    /** The kernel's extended-ack message, or null when there is none. */
    public static String message(ByteBuffer b, int offset, int len) {
        int flags = NlMsgHdr.flags(b, offset);
        if ((flags & NlMsgHdr.NLM_F_ACK_TLVS) == 0) {
            return null;
        }
        int end = offset + len;
        int orig = offset + NlMsgHdr.SIZE + 4;
        int tlvs;
        if ((flags & NlMsgHdr.NLM_F_CAPPED) != 0) {
            tlvs = orig + NlMsgHdr.SIZE;
        } else {
            int origLen = b.getInt(orig);
            if (origLen < NlMsgHdr.SIZE || origLen > end - orig) {
                throw new MalformedNetlinkException("NLMSG_ERROR echoes a request of " + Integer.toUnsignedString(origLen)
                        + " bytes but holds " + (end - orig));
            }
            tlvs = orig + NlMsgHdr.align(origLen);
        }
        String msg = null;
        for (int a = tlvs; a < end; a = RtAttr.next(b, a, end)) {
            RtAttr.checked(b, a, end, "NLMSG_ERROR extended ack");
            if (RtAttr.type(b, a) == NLMSGERR_ATTR_MSG) {
                msg = RtAttr.string(b, a);
            }
        }
        return msg;
    }

    /** The error as a {@link KernelError}, or null for an acknowledgement. */
    public static KernelError decode(ByteBuffer b, int offset, int len) {
        int errno = errno(b, offset, len);
        return errno == 0 ? null : KernelError.of(errno, message(b, offset, len));
    }
}
