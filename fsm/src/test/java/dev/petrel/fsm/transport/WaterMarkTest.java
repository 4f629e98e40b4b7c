package dev.petrel.fsm.transport;

import static dev.petrel.fsm.transport.TestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A peer that stops reading makes our channel unwritable once the high water mark is passed, and writable again. */
class WaterMarkTest {
    private final BgpTransport transport = new BgpTransport();

    @AfterEach
    void close() {
        transport.close();
    }

    /** Does not read until told to; then drains and discards. */
    static final class SlowReader extends ChannelInboundHandlerAdapter {
        final CompletableFuture<Channel> added = new CompletableFuture<>();

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.channel().config().setAutoRead(false); // what a session does when its consumer is behind
            // No small SO_RCVBUF: set after the handshake it hardly limits the window, and a tiny window makes
            // the drain below crawl (4 MiB took 30 s at 4 KiB). The kernel buffers fill in a few MiB anyway.
            added.complete(ctx.channel());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    static final class Writability extends ChannelInboundHandlerAdapter {
        final LinkedBlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            changes.add(ctx.channel().isWritable());
            ctx.fireChannelWritabilityChanged();
        }
    }

    @Test
    void unwritableAboveHighWaterMarkAndBackBelowLow() throws Exception {
        SlowReader server = new SlowReader();
        Channel l = transport.listen(List.of(new InetSocketAddress(V4, 0)),
                (remote, local) -> Acceptance.accept(TransportSettings.of(remote), server)).get(0);
        Writability w = new Writability();
        Channel c = transport.connect(to(l), w).sync().channel();
        Channel child = server.added.get(10, TimeUnit.SECONDS);

        long written = c.eventLoop().submit(() -> {
            long n = 0;
            while (c.isWritable() && n < 256L * 1024 * 1024) {
                ByteBuf b = c.alloc().directBuffer(16 * 1024).writeZero(16 * 1024);
                c.writeAndFlush(b);
                n += b.capacity();
            }
            return n;
        }).get(30, TimeUnit.SECONDS);
        assertFalse(c.isWritable(), "still writable after " + written + " bytes");
        assertEquals(Boolean.FALSE, w.changes.poll(5, TimeUnit.SECONDS));
        assertTrue(c.unsafe().outboundBuffer().totalPendingWriteBytes()
                > TransportConfig.DEFAULT_WATER_MARK.high());

        child.config().setAutoRead(true);
        assertEquals(Boolean.TRUE, w.changes.poll(30, TimeUnit.SECONDS));
        assertTrue(c.isWritable());
        c.close().sync();
    }
}
