package dev.petrel.wire.attr;

import static dev.petrel.wire.attr.AttributeCodes.*;

import dev.petrel.wire.SessionContext;
import io.netty.buffer.ByteBuf;

/**
 * Writes canonical {@link PathAttributes} as an UPDATE's path attributes for one session. On a 4-octet-AS session
 * this is a copy with wire headers; towards a 2-octet-AS peer, AS numbers above 65535 become AS_TRANS and the
 * real path and aggregator travel in AS4_PATH and AS4_AGGREGATOR (RFC 6793 §4.2.2). Lengths are always
 * recomputed from the values, never carried over from received bytes (the OTC re-encoding incident).
 */
public final class AttributeEncoder {
    private AttributeEncoder() {}

    /** Appends the attributes to {@code out}; returns the number of octets written. */
    public static int write(PathAttributes attributes, SessionContext ctx, ByteBuf out) {
        if (ctx.fourOctetAs()) {
            // The canonical form is the wire form of a 4-octet-AS session: one write.
            byte[] data = attributes.array();
            out.writeBytes(data);
            return data.length;
        }
        int start = out.writerIndex();
        boolean two = true;
        attributes.forEachEntry((flags, type, buf, off, len) -> {
            if (two && type == AS_PATH) {
                writeTwoOctetAsPath(flags, buf, off, len, out);
            } else if (two && type == AGGREGATOR) {
                long as = Integer.toUnsignedLong(AttributeSpecs.read32(buf, off));
                out.writeByte(flags).writeByte(AGGREGATOR).writeByte(6);
                out.writeShort(as > 0xffff ? AS_TRANS : (int) as);
                out.writeBytes(buf, off + 4, 4);
                if (as > 0xffff) {
                    // RFC 6793 §4.2.2: AS4_AGGREGATOR goes with it. Written here, right after AGGREGATOR: receivers
                    // accept any order, and the entries after AGGREGATOR (8+) are not moved.
                    out.writeByte(OPTIONAL | TRANSITIVE).writeByte(AS4_AGGREGATOR).writeByte(8);
                    out.writeBytes(buf, off, 8);
                }
            } else {
                writeEntry(flags, type, buf, off, len, out);
            }
        });
        return out.writerIndex() - start;
    }

    /** The octets {@link #write} produces for this session. */
    public static int length(PathAttributes attributes, SessionContext ctx) {
        if (ctx.fourOctetAs()) {
            return length(attributes);
        }
        // AS_TRANS and AS4_PATH change the size in ways not worth duplicating: measure (rare, per attribute set).
        ByteBuf scratch = io.netty.buffer.Unpooled.buffer(attributes.size() + 64);
        try {
            return write(attributes, ctx, scratch);
        } finally {
            scratch.release();
        }
    }

    /** The octets {@link #write} would produce on a 4-octet-AS session. */
    public static int length(PathAttributes attributes) {
        return attributes.size();
    }

    static void writeEntry(int flags, int type, byte[] buf, int off, int len, ByteBuf out) {
        if (len > 255) {
            out.writeByte(flags | EXTENDED_LENGTH).writeByte(type).writeShort(len);
        } else {
            out.writeByte(flags & ~EXTENDED_LENGTH).writeByte(type).writeByte(len);
        }
        out.writeBytes(buf, off, len);
    }

    private static void writeTwoOctetAsPath(int flags, byte[] b, int off, int len, ByteBuf out) {
        boolean needAs4 = false;
        int twoLen = 0;
        for (int p = off; p < off + len; ) {
            int n = b[p + 1] & 0xff;
            twoLen += 2 + 2 * n;
            for (int i = 0; i < n; i++) {
                needAs4 |= Integer.toUnsignedLong(AttributeSpecs.read32(b, p + 2 + 4 * i)) > 0xffff;
            }
            p += 2 + 4 * n;
        }
        if (twoLen > 255) {
            out.writeByte(flags | EXTENDED_LENGTH).writeByte(AS_PATH).writeShort(twoLen);
        } else {
            out.writeByte(flags & ~EXTENDED_LENGTH).writeByte(AS_PATH).writeByte(twoLen);
        }
        int as4Len = 0;
        for (int p = off; p < off + len; ) {
            int t = b[p] & 0xff;
            int n = b[p + 1] & 0xff;
            out.writeByte(t).writeByte(n);
            for (int i = 0; i < n; i++) {
                long as = Integer.toUnsignedLong(AttributeSpecs.read32(b, p + 2 + 4 * i));
                out.writeShort(as > 0xffff ? AS_TRANS : (int) as);
            }
            if (t != 3 && t != 4) {
                as4Len += 2 + 4 * n;
            }
            p += 2 + 4 * n;
        }
        if (needAs4) {
            // RFC 6793 §4.2.2: AS4_PATH carries the real path, without confederation segments.
            int f = OPTIONAL | TRANSITIVE;
            if (as4Len > 255) {
                out.writeByte(f | EXTENDED_LENGTH).writeByte(AS4_PATH).writeShort(as4Len);
            } else {
                out.writeByte(f).writeByte(AS4_PATH).writeByte(as4Len);
            }
            for (int p = off; p < off + len; ) {
                int t = b[p] & 0xff;
                int n = b[p + 1] & 0xff;
                if (t != 3 && t != 4) {
                    out.writeBytes(b, p, 2 + 4 * n);
                }
                p += 2 + 4 * n;
            }
        }
    }
}
