package dev.petrel.fsm.transport;

import static dev.petrel.fsm.transport.TestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Without epoll, plain sessions work and anything needing MD5 or GTSM fails instead of running without it. */
class NioFallbackTest {
    private final BgpTransport transport = new BgpTransport(TransportConfig.defaults().withForceNio(true));

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void plainSessionsWork() throws Exception {
        assertFalse(transport.nativeTransport());
        Collector server = new Collector(true);
        Channel l = transport.listen(List.of(new InetSocketAddress(V4, 0)),
                (remote, local) -> Acceptance.accept(TransportSettings.of(remote), server)).get(0);
        Collector client = new Collector();
        Channel c = transport.connect(to(l), client).sync().channel();
        c.writeAndFlush(ascii("nio"));
        assertEquals("nio", client.received(3).get(10, TimeUnit.SECONDS));
        c.close().sync();
    }

    @Test
    void md5AndGtsmFailLoudly() throws Exception {
        InetSocketAddress peer = new InetSocketAddress(V4, 179);
        assertThrows(UnsupportedOperationException.class,
                () -> transport.setListenerMd5Keys(Map.of(V4, new byte[] {1})));
        assertThrows(UnsupportedOperationException.class,
                () -> transport.configureListeners(List.of(TransportSettings.of(peer).withGtsm(true))));
        transport.setListenerMd5Keys(Map.of()); // nothing to do: fine

        ChannelFuture md5 = transport.connect(TransportSettings.of(peer).withMd5Key(new byte[] {1}), new Collector());
        assertTrue(md5.await(5, TimeUnit.SECONDS));
        assertInstanceOf(UnsupportedOperationException.class, md5.cause());
        ChannelFuture gtsm = transport.connect(TransportSettings.of(peer).withGtsm(true), new Collector());
        assertTrue(gtsm.await(5, TimeUnit.SECONDS));
        assertInstanceOf(UnsupportedOperationException.class, gtsm.cause());
    }

    @Test
    void acceptedGtsmPeerIsClosed() throws Exception {
        Collector server = new Collector();
        Channel l = transport.listen(List.of(new InetSocketAddress(V4, 0)), (remote, local) -> Acceptance.accept(
                TransportSettings.of(remote).withGtsm(true), server)).get(0);
        ChannelFuture f = transport.connect(to(l), new Collector());
        assertTrue(f.channel().closeFuture().await(10, TimeUnit.SECONDS));
        assertFalse(server.added.isDone());
    }
}
