package dev.petrel.fsm.transport;

import static dev.petrel.fsm.transport.TestSupport.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.epoll.Epoll;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 5082 on loopback. Loopback does not decrement the TTL, so a client that sends TTL (hop limit) 254 looks
 * exactly like a peer one hop further away than allowed; the kernel counts each dropped segment in
 * {@code TcpExt.TCPMinTTLDrop}, which the tests watch instead of sleeping.
 */
class GtsmTest {
    private BgpTransport transport;
    private final AtomicInteger accepted = new AtomicInteger();

    @BeforeEach
    void open() {
        assumeTrue(Epoll.isAvailable(), "GTSM needs the epoll transport");
        transport = new BgpTransport();
    }

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private Channel listen(String addr, int peerHops, Collector server) {
        return transport.listen(List.of(new InetSocketAddress(addr, 0)), (remote, local) -> {
            accepted.incrementAndGet();
            return Acceptance.accept(TransportSettings.of(remote).withGtsm(true).withHops(peerHops), server);
        }).get(0);
    }

    private static TransportSettings client(String addr, Channel l) {
        return TransportSettings.of(new InetSocketAddress(address(addr), port(l).getPort()))
                .withConnectTimeout(SHORT_CONNECT);
    }

    private static ChannelOption<Integer> ttl(String addr) {
        return address(addr) instanceof Inet4Address ? SocketOptions.IP_TTL : SocketOptions.IPV6_UNICAST_HOPS;
    }

    private static ChannelOption<Integer> floor(String addr) {
        return address(addr) instanceof Inet4Address ? SocketOptions.IP_MINTTL : SocketOptions.IPV6_MINHOPCOUNT;
    }

    /** Both ends GTSM: 255 out, floor 255 in, both directions carry data (the SYN-ACK passes the client's floor). */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void gtsmPeersTalk(String addr) throws Exception {
        Collector server = new Collector(true);
        Channel l = listen(addr, 1, server);
        Collector client = new Collector();
        Channel c = transport.connect(client(addr, l).withGtsm(true), client).sync().channel();
        c.writeAndFlush(ascii("ttl255"));
        assertEquals("ttl255", client.received(6).get(10, TimeUnit.SECONDS));
        Channel child = server.added.get(1, TimeUnit.SECONDS);
        assertEquals(255, child.config().getOption(ttl(addr)));
        assertEquals(255, child.config().getOption(floor(addr)));
        assertEquals(255, c.config().getOption(ttl(addr)));
        assertEquals(255, c.config().getOption(floor(addr)));
        assertEquals(255, l.config().getOption(ttl(addr)), "SYN-ACKs leave with 255");
        assertEquals(0, l.config().getOption(floor(addr)), "no listener floor: not every peer uses GTSM");
        c.close().sync();
    }

    /** The accepted socket's floor drops a peer sending 254, from its first data segment on. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void childFloorDropsTtl254(String addr) throws Exception {
        Collector server = new Collector();
        Channel l = listen(addr, 1, server);
        Channel c = transport.connect(client(addr, l).withHops(254), new Collector()).sync().channel();
        assertEquals(254, c.config().getOption(ttl(addr)));
        server.added.get(10, TimeUnit.SECONDS); // the floor is set before the handler is added
        long before = tcpExt("TCPMinTTLDrop");
        c.writeAndFlush(ascii("too far"));
        await(() -> tcpExt("TCPMinTTLDrop") > before, Duration.ofSeconds(10), "a TCPMinTTLDrop");
        assertEquals(0, server.size(), "no byte of the TTL-254 peer was delivered");
        c.close().sync();
    }

    /** hops = 2 puts the floor at 254: the same TTL-254 peer is now within reach. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void twoHopsAdmitTtl254(String addr) throws Exception {
        Collector server = new Collector(true);
        Channel l = listen(addr, 2, server);
        Collector client = new Collector();
        Channel c = transport.connect(client(addr, l).withHops(254), client).sync().channel();
        c.writeAndFlush(ascii("two hops"));
        assertEquals("two hops", client.received(8).get(10, TimeUnit.SECONDS));
        assertEquals(254, server.added.get(1, TimeUnit.SECONDS).config().getOption(floor(addr)));
        c.close().sync();
    }

    /** When every configured peer uses GTSM the listener carries the floor too, and the SYN itself is dropped. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void listenerFloorDropsTheSyn(String addr) throws Exception {
        InetAddress a = address(addr);
        TransportSettings peer = TransportSettings.of(new InetSocketAddress(a, 179)).withGtsm(true);
        transport.configureListeners(List.of(peer));
        Collector server = new Collector(true);
        Channel l = listen(addr, 1, server);
        assertEquals(255, l.config().getOption(floor(addr)));

        long before = tcpExt("TCPMinTTLDrop");
        ChannelFuture f = transport.connect(client(addr, l).withHops(254), new Collector());
        assertTrue(f.awaitUninterruptibly(10, TimeUnit.SECONDS));
        assertInstanceOf(ConnectTimeoutException.class, f.cause(), String.valueOf(f.cause()));
        assertTrue(tcpExt("TCPMinTTLDrop") > before);
        assertEquals(0, accepted.get(), "the policy never saw the TTL-254 peer");

        Collector client = new Collector();
        Channel c = transport.connect(client(addr, l).withGtsm(true), client).sync().channel();
        c.writeAndFlush(ascii("ok"));
        assertEquals("ok", client.received(2).get(10, TimeUnit.SECONDS));
        c.close().sync();

        // one non-GTSM peer of the family and the listener floor goes
        transport.configureListeners(List.of(peer, TransportSettings.of(new InetSocketAddress(a, 1179))));
        assertEquals(0, l.config().getOption(floor(addr)));
    }

    /** Why listeners send with 255: a SYN-ACK leaves with the listener's TTL, and a GTSM client checks it. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void gtsmClientDropsSynAckOfListenerWithDefaultTtl(String addr) {
        Channel l = listen(addr, 1, new Collector());
        l.config().setOption(ttl(addr), 64); // what the listener would send without our setting
        long before = tcpExt("TCPMinTTLDrop");
        ChannelFuture f = transport.connect(client(addr, l).withGtsm(true), new Collector());
        assertTrue(f.awaitUninterruptibly(10, TimeUnit.SECONDS));
        assertInstanceOf(ConnectTimeoutException.class, f.cause(), String.valueOf(f.cause()));
        assertTrue(tcpExt("TCPMinTTLDrop") > before);
    }
}
