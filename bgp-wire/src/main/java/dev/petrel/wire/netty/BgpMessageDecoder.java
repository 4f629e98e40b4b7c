package dev.petrel.wire.netty;

import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.SessionContext;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Decodes each framed message (from {@link BgpFrameDecoder}) into a {@link dev.petrel.wire.DecodeResult} with the
 * session's current context, and releases the frame. Framing errors pass through unchanged.
 *
 * <p>The context starts as {@link SessionContext#INITIAL} and is replaced by the session once OPENs are exchanged,
 * from the channel's event loop.
 */
public final class BgpMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    private SessionContext context = SessionContext.INITIAL;

    public void context(SessionContext context) {
        this.context = context;
    }

    public SessionContext context() {
        return context;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        int len = frame.readableBytes();
        if (frame.hasArray()) {
            out.add(MessageDecoder.decode(frame.array(), frame.arrayOffset() + frame.readerIndex(), len, context));
        } else {
            byte[] copy = new byte[len];
            frame.getBytes(frame.readerIndex(), copy);
            out.add(MessageDecoder.decode(copy, 0, len, context));
        }
        // MessageToMessageDecoder releases the frame after this returns; the result holds no reference to it.
    }
}
