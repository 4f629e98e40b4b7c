package dev.petrel.fsm.session;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.MalformedUpdateLog;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.MessageType;
import dev.petrel.wire.SessionContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Decodes each framed message with the session's current context, on the channel's event loop. For an UPDATE
 * with RFC 7606 problems it also writes the RFC 7606 §6 log line while the message bytes are still at hand, and
 * emits a {@link Malformed} carrying both; everything else is emitted as the plain {@link DecodeResult}.
 */
final class SessionDecoder extends MessageToMessageDecoder<ByteBuf> {
    /** How many octets of a malformed UPDATE the log line shows. */
    static final int LOG_OCTETS = 256;

    /** A decoded UPDATE with problems, and the log line describing it. */
    record Malformed(DecodeResult result, String logLine) {}

    private volatile SessionContext context = SessionContext.INITIAL;

    void context(SessionContext context) {
        this.context = context;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        int len = frame.readableBytes();
        byte[] buf;
        int off;
        if (frame.hasArray()) {
            buf = frame.array();
            off = frame.arrayOffset() + frame.readerIndex();
        } else {
            buf = ByteBufUtil.getBytes(frame, frame.readerIndex(), len, false);
            off = 0;
        }
        DecodeResult r = MessageDecoder.decode(buf, off, len, context);
        if (!r.problems().isEmpty() && len > 18 && (buf[off + 18] & 0xff) == MessageType.UPDATE.code()) {
            out.add(new Malformed(r, MalformedUpdateLog.line(r, buf, off, len, LOG_OCTETS)));
        } else {
            out.add(r);
        }
    }
}
