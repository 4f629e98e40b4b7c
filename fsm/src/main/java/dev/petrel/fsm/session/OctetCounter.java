package dev.petrel.fsm.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * The first handler of a session's pipeline, next to the socket: counts the octets read from it and written to
 * it into the peer's {@link SessionStats}. Sitting below the codecs it sees both the encoded messages and the
 * UPDATEs the RIB writes already encoded ({@link PeerSession#writeUpdates}), and costs one add per buffer.
 */
final class OctetCounter extends ChannelDuplexHandler {
    static final String NAME = "octets";

    private final SessionStats stats;

    OctetCounter(SessionStats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            stats.octetsReceived.add(b.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) {
            // counted when handed to the socket's outbound buffer; a connection that closes first loses them
            stats.octetsSent.add(b.readableBytes());
        }
        ctx.write(msg, promise);
    }
}
