package dev.petrel.fsm.transport;

import static dev.petrel.fsm.transport.TestSupport.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.epoll.Epoll;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 2385 signatures on real loopback sockets: the kernel drops unsigned or wrongly signed SYNs. */
class Md5Test {
    private static final byte[] KEY = "correct horse battery staple".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER = "incorrect horse".getBytes(StandardCharsets.US_ASCII);

    private BgpTransport transport;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Collector server = new Collector();

    @BeforeEach
    void open() {
        assumeTrue(Epoll.isAvailable(), "TCP MD5 needs the epoll transport");
        transport = new BgpTransport();
    }

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private Channel listen(BgpTransport t, String bind, InetAddress peer) {
        return t.listen(List.of(new InetSocketAddress(bind, 0)), (remote, local) -> {
            accepted.incrementAndGet();
            return Acceptance.accept(TransportSettings.of(remote).withMd5Key(KEY), server);
        }).get(0);
    }

    private static TransportSettings to(InetAddress a, Channel l, byte[] key) {
        return TransportSettings.of(new InetSocketAddress(a, port(l).getPort())).withMd5Key(key)
                .withConnectTimeout(SHORT_CONNECT);
    }

    private void exchanges(BgpTransport t, InetAddress a, Channel l) throws Exception {
        Channel c = t.connect(to(a, l, KEY), new Collector()).sync().channel();
        c.writeAndFlush(ascii("signed"));
        assertEquals("signed", server.received(6).get(10, TimeUnit.SECONDS));
        c.close().sync();
    }

    private void neverConnects(BgpTransport t, InetAddress a, Channel l, byte[] key, String counter) {
        long before = tcpExt(counter);
        ChannelFuture f = t.connect(to(a, l, key), new Collector());
        assertTrue(f.awaitUninterruptibly(10, TimeUnit.SECONDS));
        assertFalse(f.isSuccess());
        assertInstanceOf(ConnectTimeoutException.class, f.cause(), String.valueOf(f.cause()));
        assertTrue(tcpExt(counter) > before, "the kernel counted the drop in " + counter);
        assertEquals(0, accepted.get(), "nothing was accepted");
        assertTrue(f.channel().closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS), "failed channel closed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void sameKeyConnectsAndExchanges(String addr) throws Exception {
        InetAddress a = address(addr);
        Channel l = listen(transport, addr, a);
        transport.setListenerMd5Keys(Map.of(a, KEY));
        exchanges(transport, a, l);
        assertEquals(1, accepted.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void otherKeyNeverConnects(String addr) {
        InetAddress a = address(addr);
        Channel l = listen(transport, addr, a);
        transport.setListenerMd5Keys(Map.of(a, KEY));
        neverConnects(transport, a, l, OTHER, "TCPMD5Failure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void noKeyNeverConnects(String addr) {
        InetAddress a = address(addr);
        Channel l = listen(transport, addr, a);
        transport.setListenerMd5Keys(Map.of(a, KEY));
        neverConnects(transport, a, l, null, "TCPMD5NotFound");
    }

    /** Keys set before a listener is bound reach it too; removing the key lets unsigned SYNs in again. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void keysFollowPeerChanges(String addr) throws Exception {
        InetAddress a = address(addr);
        transport.configureListeners(List.of(TransportSettings.of(new InetSocketAddress(a, 179)).withMd5Key(KEY)));
        Channel l = transport.listen(List.of(new InetSocketAddress(addr, 0)), (remote, local) -> {
            accepted.incrementAndGet();
            return Acceptance.accept(TransportSettings.of(remote), server);
        }).get(0);
        neverConnects(transport, a, l, null, "TCPMD5NotFound");
        transport.configureListeners(List.of());
        Channel c = transport.connect(to(a, l, null), new Collector()).sync().channel();
        c.writeAndFlush(ascii("plain"));
        assertEquals("plain", server.received(5).get(10, TimeUnit.SECONDS));
        c.close().sync();
    }

    /** An IPv4 peer's key on a dual-stack IPv6 listener: Netty passes it as ::ffff:a.b.c.d, the kernel files it as IPv4. */
    @org.junit.jupiter.api.Test
    void ipv4KeyOnDualStackListener() throws Exception {
        try (BgpTransport dual = new BgpTransport(TransportConfig.defaults().withIpv6Only(false))) {
            Channel l = listen(dual, "::", V4);
            dual.setListenerMd5Keys(Map.of(V4, KEY));
            neverConnects(dual, V4, l, null, "TCPMD5NotFound");
            neverConnects(dual, V4, l, OTHER, "TCPMD5Failure");
            exchanges(dual, V4, l);
        }
    }

    /** The peer is configured with a key, the listener was not told: refuse rather than run unauthenticated. */
    @org.junit.jupiter.api.Test
    void acceptedPeerWithKeyTheListenerLacksIsClosed() throws Exception {
        Channel l = listen(transport, "127.0.0.1", V4);
        ChannelFuture f = transport.connect(TestSupport.to(l), new Collector());
        // the reset may come before or after the client saw its connect complete
        assertTrue(f.channel().closeFuture().awaitUninterruptibly(10, TimeUnit.SECONDS));
        assertEquals(1, accepted.get());
        assertFalse(server.added.isDone(), "the session handler was never added");
    }

    @org.junit.jupiter.api.Test
    void keyLengthIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> transport.setListenerMd5Keys(Map.of(V4, new byte[81])));
        assertThrows(IllegalArgumentException.class,
                () -> TransportSettings.of(new InetSocketAddress(V4, 179)).withMd5Key(new byte[0]));
        transport.setListenerMd5Keys(Map.of(V4, new byte[80]));
    }

}
