package dev.petrel.wire;

import dev.petrel.wire.attr.AttributeCodes;
import dev.petrel.wire.attr.AttributeEncoder;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.NlriCodec;
import dev.petrel.wire.nlri.NlriCodecs;
import dev.petrel.wire.nlri.PrefixList;
import io.netty.buffer.ByteBuf;

/**
 * Writes UPDATE messages. {@link #encode} writes one given UPDATE as it is; {@link #announce} and
 * {@link #withdraw} pack a family's prefixes sharing one attribute set into as few UPDATEs as the negotiated
 * maximum size allows, with MP_REACH_NLRI / MP_UNREACH_NLRI as the first attribute (RFC 7606 §5.1).
 */
public final class UpdateEncoder {
    private static final int FIXED = Framing.HEADER_LENGTH + 4; // header, two 2-octet length fields
    /** MP_REACH_NLRI header (4 with Extended Length), AFI, SAFI, next-hop length, reserved octet. */
    private static final int MP_REACH_OVERHEAD = 4 + 2 + 1 + 1 + 1;
    private static final int MP_UNREACH_OVERHEAD = 4 + 2 + 1;

    private UpdateEncoder() {}

    /**
     * Writes {@code update} as one message.
     *
     * @throws IllegalArgumentException when it does not fit the session's maximum message length
     */
    public static void encode(Update update, SessionContext ctx, ByteBuf out) {
        int start = out.writerIndex();
        MessageEncoder.writeHeader(out, MessageType.UPDATE);
        int wlenAt = out.writerIndex();
        out.writeShort(0);
        writePrefixes(update.withdrawn(), 0, update.withdrawn().size(), ctx.addPathSend(), out);
        out.setShort(wlenAt, out.writerIndex() - wlenAt - 2);
        int alenAt = out.writerIndex();
        out.writeShort(0);
        if (update.mpUnreach() != null) {
            MpUnreach u = update.mpUnreach();
            writeMpUnreach(u.family(), u.withdrawn(), 0, u.withdrawn().size(), ctx, out);
        }
        if (update.mpReach() != null) {
            MpReach r = update.mpReach();
            writeMpReach(r.family(), r.nextHop(), r.nlri(), 0, r.nlri().size(), ctx, out);
        }
        AttributeEncoder.write(update.attributes(), ctx, out);
        out.setShort(alenAt, out.writerIndex() - alenAt - 2);
        writePrefixes(update.nlri(), 0, update.nlri().size(), ctx.addPathSend(), out);
        MessageEncoder.finish(out, start, ctx.maxMessageLength());
    }

    /**
     * Announces {@code prefixes} with {@code attributes}. IPv4 unicast with an IPv4 (or no) MP next hop goes in the
     * NLRI field, with the NEXT_HOP attribute from {@code attributes}; every other case goes in MP_REACH_NLRI with
     * {@code nextHop}.
     *
     * @return the number of UPDATE messages written
     */
    public static int announce(PathAttributes attributes, NextHop nextHop, PrefixList prefixes, SessionContext ctx,
            ByteBuf out) {
        if (prefixes.isEmpty()) {
            return 0;
        }
        Family family = prefixes.family();
        NlriCodec codec = codec(family);
        boolean addPath = ctx.addPathSend().contains(family);
        boolean useMp = !family.equals(Family.IPV4_UNICAST)
                || (nextHop != null && nextHop.global().getAddress().length != 4);
        int max = ctx.maxMessageLength();
        byte[] nh = useMp ? nextHop.encode() : null;
        int messages = 0;
        int attrStart = -1;
        int attrLen = 0;
        int i = 0;
        while (i < prefixes.size()) {
            int start = out.writerIndex();
            MessageEncoder.writeHeader(out, MessageType.UPDATE);
            out.writeShort(0); // no withdrawn routes
            int alenAt = out.writerIndex();
            out.writeShort(0);
            int room;
            int j = i;
            if (useMp) {
                // MP_REACH_NLRI first; then the other attributes; its NLRI is filled before its length is known.
                int mpAt = out.writerIndex();
                out.writeByte(AttributeCodes.OPTIONAL | AttributeCodes.EXTENDED_LENGTH)
                        .writeByte(AttributeCodes.MP_REACH_NLRI).writeShort(0);
                out.writeShort(family.afi()).writeByte(family.safi()).writeByte(nh.length).writeBytes(nh).writeByte(0);
                int afterMpHead = out.writerIndex();
                int otherAttrs = attrStart < 0 ? AttributeEncoder.length(attributes, ctx) : attrLen;
                room = max - (afterMpHead - start) - otherAttrs;
                j = fill(codec, prefixes, j, addPath, room, out);
                out.setShort(mpAt + 2, out.writerIndex() - mpAt - 4);
                attrStart = writeAttributes(attributes, ctx, out, attrStart, attrLen);
                attrLen = out.writerIndex() - attrStart;
                out.setShort(alenAt, out.writerIndex() - alenAt - 2);
            } else {
                attrStart = writeAttributes(attributes, ctx, out, attrStart, attrLen);
                attrLen = out.writerIndex() - attrStart;
                out.setShort(alenAt, out.writerIndex() - alenAt - 2);
                room = max - (out.writerIndex() - start);
                j = fill(codec, prefixes, j, addPath, room, out);
            }
            if (j == i) {
                out.writerIndex(start); // leave nothing half-written behind
                throw new IllegalArgumentException("attributes of " + attrLen + " octets leave no room for NLRI in a "
                        + max + "-octet message");
            }
            MessageEncoder.finish(out, start, max);
            i = j;
            messages++;
        }
        return messages;
    }

    /** Writes prefixes from {@code from} while they fit in {@code room} octets; returns the first one not written. */
    private static int fill(NlriCodec codec, PrefixList prefixes, int from, boolean addPath, int room, ByteBuf out) {
        int j = from;
        int used = 0;
        while (j < prefixes.size()) {
            int l = codec.encodedLength(prefixes, j, addPath);
            if (used + l > room) {
                break;
            }
            codec.encode(prefixes, j, addPath, out);
            used += l;
            j++;
        }
        return j;
    }

    /** Writes the attributes, copying them from the previous message of the same run when there is one. */
    private static int writeAttributes(PathAttributes attributes, SessionContext ctx, ByteBuf out, int prevStart,
            int prevLen) {
        int here = out.writerIndex();
        if (prevStart < 0) {
            AttributeEncoder.write(attributes, ctx, out);
        } else {
            out.ensureWritable(prevLen);
            out.writeBytes(out, prevStart, prevLen);
        }
        return here;
    }

    /**
     * Withdraws {@code prefixes}: IPv4 unicast in the Withdrawn Routes field, other families in MP_UNREACH_NLRI.
     *
     * @return the number of UPDATE messages written
     */
    public static int withdraw(PrefixList prefixes, SessionContext ctx, ByteBuf out) {
        Family family = prefixes.family();
        NlriCodec codec = codec(family);
        boolean addPath = ctx.addPathSend().contains(family);
        int max = ctx.maxMessageLength();
        boolean v4 = family.equals(Family.IPV4_UNICAST);
        int messages = 0;
        int i = 0;
        while (i < prefixes.size()) {
            int start = out.writerIndex();
            MessageEncoder.writeHeader(out, MessageType.UPDATE);
            int room = max - FIXED - (v4 ? 0 : MP_UNREACH_OVERHEAD);
            int j = i;
            int used = 0;
            while (j < prefixes.size() && used + codec.encodedLength(prefixes, j, addPath) <= room) {
                used += codec.encodedLength(prefixes, j, addPath);
                j++;
            }
            if (v4) {
                out.writeShort(used);
                writePrefixes(prefixes, i, j, ctx.addPathSend(), out);
                out.writeShort(0);
            } else {
                out.writeShort(0);
                int alenAt = out.writerIndex();
                out.writeShort(0);
                writeMpUnreach(family, prefixes, i, j, ctx, out);
                out.setShort(alenAt, out.writerIndex() - alenAt - 2);
            }
            MessageEncoder.finish(out, start, max);
            i = j;
            messages++;
        }
        return messages;
    }

    private static void writePrefixes(PrefixList list, int from, int to, java.util.Set<Family> addPathSend,
            ByteBuf out) {
        if (from == to) {
            return;
        }
        NlriCodec codec = codec(list.family());
        boolean addPath = addPathSend.contains(list.family());
        for (int i = from; i < to; i++) {
            codec.encode(list, i, addPath, out);
        }
    }

    private static void writeMpReach(Family family, NextHop nextHop, PrefixList nlri, int from, int to,
            SessionContext ctx, ByteBuf out) {
        int at = out.writerIndex();
        out.writeByte(AttributeCodes.OPTIONAL | AttributeCodes.EXTENDED_LENGTH).writeByte(AttributeCodes.MP_REACH_NLRI)
                .writeShort(0);
        byte[] nh = nextHop.encode();
        out.writeShort(family.afi()).writeByte(family.safi()).writeByte(nh.length).writeBytes(nh).writeByte(0);
        writePrefixes(nlri, from, to, ctx.addPathSend(), out);
        out.setShort(at + 2, out.writerIndex() - at - 4);
    }

    private static void writeMpUnreach(Family family, PrefixList withdrawn, int from, int to, SessionContext ctx,
            ByteBuf out) {
        int at = out.writerIndex();
        out.writeByte(AttributeCodes.OPTIONAL | AttributeCodes.EXTENDED_LENGTH)
                .writeByte(AttributeCodes.MP_UNREACH_NLRI).writeShort(0);
        out.writeShort(family.afi()).writeByte(family.safi());
        writePrefixes(withdrawn, from, to, ctx.addPathSend(), out);
        out.setShort(at + 2, out.writerIndex() - at - 4);
    }

    private static NlriCodec codec(Family family) {
        NlriCodec c = NlriCodecs.forFamily(family);
        if (c == null) {
            throw new IllegalArgumentException("Petrel cannot encode NLRI of " + family);
        }
        return c;
    }
}
