package dev.petrel.fib.netlink;

import java.nio.ByteBuffer;

/**
 * {@code struct nlmsghdr} (16 bytes, host byte order): {@code nlmsg_len} u32 (header included),
 * {@code nlmsg_type} u16, {@code nlmsg_flags} u16, {@code nlmsg_seq} u32, {@code nlmsg_pid} u32. Messages in a
 * datagram follow each other at 4-byte alignment ({@code NLMSG_ALIGN}).
 *
 * <p>Static accessors over a buffer and an offset rather than an object per message: a dump of a full table is
 * a million messages, and the header is read once each.
 */
public final class NlMsgHdr {
    private NlMsgHdr() {}

    public static final int SIZE = 16;
    public static final int ALIGNTO = 4;

    // nlmsg_type values below NLMSG_MIN_TYPE (0x10) are control messages
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    // nlmsg_flags
    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_MULTI = 0x2;
    public static final int NLM_F_ACK = 0x4;
    public static final int NLM_F_ECHO = 0x8;
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_DUMP_FILTERED = 0x20;
    // for GET requests
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    // for NEW requests
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;
    // for NLMSG_ERROR (acknowledgements)
    public static final int NLM_F_CAPPED = 0x100;
    public static final int NLM_F_ACK_TLVS = 0x200;

    public static int align(int length) {
        return (length + ALIGNTO - 1) & ~(ALIGNTO - 1);
    }

    /**
     * Checks that a whole message starts at {@code offset} within {@code limit} and returns its length: at least a
     * header, and no more than what is left.
     */
    public static int checkedLength(ByteBuffer b, int offset, int limit) {
        if (limit - offset < SIZE) {
            throw new MalformedNetlinkException("netlink header cut off at offset " + offset + ": "
                    + (limit - offset) + " of " + SIZE + " bytes");
        }
        int len = b.getInt(offset);
        if (len < SIZE || len > limit - offset) {
            throw new MalformedNetlinkException("nlmsg_len " + Integer.toUnsignedString(len) + " at offset " + offset
                    + " does not fit: " + (limit - offset) + " bytes left, at least " + SIZE + " needed");
        }
        return len;
    }

    /** Where the message after the one at {@code offset} (of length {@code len}) starts; may be past the limit. */
    public static int next(int offset, int len) {
        return offset + align(len);
    }

    public static int length(ByteBuffer b, int offset) {
        return b.getInt(offset);
    }

    public static int type(ByteBuffer b, int offset) {
        return Short.toUnsignedInt(b.getShort(offset + 4));
    }

    public static int flags(ByteBuffer b, int offset) {
        return Short.toUnsignedInt(b.getShort(offset + 6));
    }

    /** Overwrites the flags of the message at {@code offset}. */
    public static void setFlags(ByteBuffer b, int offset, int flags) {
        b.putShort(offset + 6, (short) flags);
    }

    public static int seq(ByteBuffer b, int offset) {
        return b.getInt(offset + 8);
    }

    public static int pid(ByteBuffer b, int offset) {
        return b.getInt(offset + 12);
    }

    /** Writes a header at the buffer's position with length 0; {@link #finish} fills it in. Returns its offset. */
    public static int begin(ByteBuffer b, int type, int flags, int seq) {
        int start = b.position();
        b.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        return start;
    }

    /** Sets the length of the message begun at {@code start} and pads the buffer to the next alignment. */
    public static void finish(ByteBuffer b, int start) {
        b.putInt(start, b.position() - start);
        pad(b);
    }

    static void pad(ByteBuffer b) {
        while ((b.position() & (ALIGNTO - 1)) != 0) {
            b.put((byte) 0);
        }
    }

    /** A human name for a control type, or the number. */
    public static String typeName(int type) {
        return switch (type) {
            case NLMSG_NOOP -> "NLMSG_NOOP";
            case NLMSG_ERROR -> "NLMSG_ERROR";
            case NLMSG_DONE -> "NLMSG_DONE";
            case NLMSG_OVERRUN -> "NLMSG_OVERRUN";
            default -> "type " + type;
        };
    }
}
