package dev.petrel.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Writes BGP messages, header included. The session context decides AS width, ADD-PATH and the size limit. */
public final class MessageEncoder {
    private MessageEncoder() {}

    /**
     * Appends {@code message} to {@code out}.
     *
     * @throws IllegalArgumentException when the message does not fit the session's maximum length (a bug in the
     *     caller: large route sets go through {@link UpdateEncoder#announce})
     */
    public static void encode(BgpMessage message, SessionContext ctx, ByteBuf out) {
        switch (message) {
            case Update u -> UpdateEncoder.encode(u, ctx, out);
            case Open o -> {
                int start = out.writerIndex();
                writeHeader(out, MessageType.OPEN);
                OpenCodec.encodeBody(o, out);
                finish(out, start, Framing.MAX_LENGTH); // OPEN is never longer than 4096 (RFC 8654 §3)
            }
            case Notification n -> {
                int start = out.writerIndex();
                writeHeader(out, MessageType.NOTIFICATION);
                out.writeByte(n.code()).writeByte(n.subcode()).writeBytes(n.data().array());
                finish(out, start, ctx.maxMessageLength());
            }
            case Keepalive k -> {
                int start = out.writerIndex();
                writeHeader(out, MessageType.KEEPALIVE);
                finish(out, start, Framing.MAX_LENGTH);
            }
            case RouteRefresh r -> {
                int start = out.writerIndex();
                writeHeader(out, MessageType.ROUTE_REFRESH);
                out.writeShort(r.family().afi()).writeByte(r.subtype()).writeByte(r.family().safi());
                out.writeBytes(r.orf().array());
                finish(out, start, ctx.maxMessageLength());
            }
        }
    }

    /** The message as a new byte array. */
    public static byte[] toBytes(BgpMessage message, SessionContext ctx) {
        ByteBuf buf = Unpooled.buffer(64);
        try {
            encode(message, ctx, buf);
            byte[] out = new byte[buf.readableBytes()];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }

    static void writeHeader(ByteBuf out, MessageType type) {
        out.writeLong(-1L).writeLong(-1L).writeShort(0).writeByte(type.code());
    }

    /** Patches the length of the message that starts at {@code start}; refuses one over {@code max}. */
    static void finish(ByteBuf out, int start, int max) {
        int len = out.writerIndex() - start;
        if (len > max) {
            out.writerIndex(start);
            throw new IllegalArgumentException("message of " + len + " octets exceeds the maximum of " + max);
        }
        out.setShort(start + 16, len);
    }
}
