package dev.petrel.wire.netty;

import dev.petrel.wire.BgpMessage;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.SessionContext;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Encodes {@link BgpMessage}s with the session's current context. */
public final class BgpMessageEncoder extends MessageToByteEncoder<BgpMessage> {
    private SessionContext context = SessionContext.INITIAL;

    public BgpMessageEncoder() {
        super(BgpMessage.class);
    }

    public void context(SessionContext context) {
        this.context = context;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, BgpMessage msg, ByteBuf out) {
        MessageEncoder.encode(msg, context, out);
    }
}
