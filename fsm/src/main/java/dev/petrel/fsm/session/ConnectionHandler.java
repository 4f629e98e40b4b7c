package dev.petrel.fsm.session;

import dev.petrel.wire.DecodeResult;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a session's pipeline, on the channel's event loop: it turns socket events and decoded
 * messages into calls on the peer's event loop, and stops reading while too many decoded messages wait there
 * (inbound backpressure: one busy peer fills its own TCP window, not our heap).
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    /** Stop reading when this many decoded messages wait for the peer's loop; resume below half of it. */
    static final int PENDING_HIGH = 256;
    static final int PENDING_LOW = PENDING_HIGH / 2;

    private final PeerSession peer;
    /**
     * The state machine this channel feeds. Read and written only on the peer's loop: an accepted connection is
     * moved onto the peer's own state machine there, and every event posted before or after the move is resolved
     * in order.
     */
    Connection connection;
    /** Messages decoded on the channel's loop and not yet handled on the peer's loop. */
    final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    ConnectionHandler(PeerSession peer, Connection connection) {
        this.peer = peer;
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        peer.post(() -> peer.onConnected(this, ch));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DecodeResult r;
        String malformedLog = null;
        if (msg instanceof DecodeResult d) {
            r = d;
        } else if (msg instanceof SessionDecoder.Malformed m) {
            r = m.result();
            malformedLog = m.logLine();
        } else {
            ReferenceCountUtil.release(msg);
            return;
        }
        String log = malformedLog;
        Channel ch = ctx.channel();
        if (pending.incrementAndGet() >= PENDING_HIGH) {
            ch.config().setAutoRead(false);
        }
        peer.post(() -> peer.onMessage(this, ch, r, log));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        peer.post(() -> peer.onClosed(this, ch, "connection closed by the peer"));
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        boolean writable = ch.isWritable();
        peer.post(() -> peer.onWritability(this, ch, writable));
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Channel ch = ctx.channel();
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        peer.post(() -> peer.onClosed(this, ch, "socket error: " + why));
        ch.close();
    }
}
