package dev.petrel.fsm.transport;

import static dev.petrel.fsm.transport.TestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AcceptTest {
    private final BgpTransport transport = new BgpTransport();

    @AfterEach
    void close() {
        transport.close();
    }

    /** Reads until EOF or reset: what a client of a rejected connection sees. Returns how it ended. */
    private static String readToEnd(Socket s) throws IOException {
        try {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            int b = in.read();
            return b == -1 ? "eof" : "data";
        } catch (SocketException e) {
            return "reset";
        }
    }

    @Test
    void rejectedBeforeAnyReadAndCounted() throws Exception {
        List<InetSocketAddress> asked = new CopyOnWriteArrayList<>();
        Channel l = transport.listen(List.of(new InetSocketAddress(V4, 0)), (remote, local) -> {
            asked.add(remote);
            return Acceptance.reject();
        }).get(0);
        try (Socket s = new Socket()) {
            String end;
            int localPort = -1;
            try {
                s.connect(port(l), 5000);
                localPort = s.getLocalPort(); // read now: once the RST closes the socket it reads -1
                s.getOutputStream().write("OPEN?".getBytes());
                end = readToEnd(s);
            } catch (SocketException e) {
                end = "reset"; // the RST may beat our write (or even the read's set-up)
            }
            assertNotEquals("data", end);
            // RST (SO_LINGER 0), unless the close raced ahead of our write: then EOF is as good
            assertTrue(end.equals("reset") || end.equals("eof"), end);
            await(() -> transport.rejectedConnections() == 1, Duration.ofSeconds(5), "the reject counter");
            assertEquals(1, asked.size());
            assertEquals(V4, asked.get(0).getAddress());
            if (localPort > 0) {
                assertEquals(localPort, asked.get(0).getPort());
            }
        }
    }

    @Test
    void policyThatThrowsRejects() throws Exception {
        Channel l = transport.listen(List.of(new InetSocketAddress(V4, 0)), (remote, local) -> {
            throw new IllegalStateException("boom");
        }).get(0);
        try (Socket s = new Socket()) {
            String end;
            try {
                s.connect(port(l), 5000);
                end = readToEnd(s);
            } catch (SocketException e) {
                end = "reset"; // the RST can beat any step of the client's set-up
            }
            assertNotEquals("data", end);
        }
        await(() -> transport.rejectedConnections() == 1, Duration.ofSeconds(5), "the reject counter");
    }

    @Test
    void acceptedPeerGetsItsHandlerAndOptions() throws Exception {
        CompletableFuture<InetSocketAddress[]> asked = new CompletableFuture<>();
        Collector server = new Collector();
        Channel l = transport.listen(List.of(new InetSocketAddress(V4, 0)), (remote, local) -> {
            asked.complete(new InetSocketAddress[] {remote, local});
            return Acceptance.accept(TransportSettings.of(remote).withHops(3), server);
        }).get(0);
        Collector client = new Collector();
        ChannelFuture f = transport.connect(to(l), client);
        Channel c = f.sync().channel();
        c.writeAndFlush(ascii("hello"));
        assertEquals("hello", server.received(5).get(10, TimeUnit.SECONDS));
        InetSocketAddress[] a = asked.get(1, TimeUnit.SECONDS);
        assertEquals(c.localAddress(), a[0]);
        assertEquals(port(l), a[1]);
        assertEquals(0, transport.rejectedConnections());

        Channel child = server.added.get(1, TimeUnit.SECONDS);
        if (transport.nativeTransport()) {
            assertEquals(3, child.config().getOption(SocketOptions.IP_TTL));
            assertEquals(0, child.config().getOption(SocketOptions.IP_MINTTL));
            assertEquals(1, c.config().getOption(SocketOptions.IP_TTL), "eBGP default: TTL 1");
            assertEquals(255, l.config().getOption(SocketOptions.IP_TTL), "listener sends SYN-ACKs with 255");
        }
        assertEquals(TransportConfig.DEFAULT_WATER_MARK,
                child.config().getOption(io.netty.channel.ChannelOption.WRITE_BUFFER_WATER_MARK));
        assertEquals(true, child.config().getOption(io.netty.channel.ChannelOption.TCP_NODELAY));
        assertEquals(false, child.config().getOption(io.netty.channel.ChannelOption.SO_KEEPALIVE));
        c.close().sync();
    }

    @Test
    void ipv4AndIpv6WildcardsOnTheSamePort() {
        Channel v4 = transport.listen(List.of(new InetSocketAddress("0.0.0.0", 0)), (r, l) -> Acceptance.reject())
                .get(0);
        int port = port(v4).getPort();
        Channel v6 = transport.listen(List.of(new InetSocketAddress("::", port)), (r, l) -> Acceptance.reject())
                .get(0);
        assertEquals(port, port(v6).getPort());
        assertEquals(1, v6.config().getOption(SocketOptions.IPV6_V6ONLY));
    }

    @Test
    void ipv4PeerOnDualStackListenerIsSeenAsIpv4() throws Exception {
        try (BgpTransport dual = new BgpTransport(TransportConfig.defaults().withIpv6Only(false))) {
            CompletableFuture<InetSocketAddress[]> asked = new CompletableFuture<>();
            Collector server = new Collector();
            Channel l = dual.listen(List.of(new InetSocketAddress("::", 0)), (remote, local) -> {
                asked.complete(new InetSocketAddress[] {remote, local});
                return Acceptance.accept(TransportSettings.of(remote).withHops(7), server);
            }).get(0);
            assertEquals(0, l.config().getOption(SocketOptions.IPV6_V6ONLY));
            Channel c = dual.connect(TransportSettings.of(new InetSocketAddress(V4, port(l).getPort())),
                    new Collector()).sync().channel();
            InetSocketAddress[] a = asked.get(5, TimeUnit.SECONDS);
            assertInstanceOf(Inet4Address.class, a[0].getAddress());
            assertEquals(c.localAddress(), a[0]);
            assertInstanceOf(Inet4Address.class, a[1].getAddress());
            Channel child = server.added.get(5, TimeUnit.SECONDS);
            // the child is an IPv6 socket carrying IPv4: the TTL is set at the IPv4 level
            assertEquals(7, child.config().getOption(SocketOptions.IP_TTL));
            c.close().sync();
        }
    }

    @Test
    void v4MappedNormalisation() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1};
        Inet6Address v6 = Inet6Address.getByAddress(null, mapped, -1);
        assertEquals(address("192.0.2.1"), Addresses.normalise(v6));
        assertEquals(new InetSocketAddress(address("192.0.2.1"), 179),
                Addresses.normalise(new InetSocketAddress(v6, 179)));
        assertSame(V6, Addresses.normalise(V6));
        assertEquals(address("192.0.2.1"),
                new TransportSettings(new InetSocketAddress(v6, 179), null, null, false, 1, SHORT_CONNECT)
                        .remote().getAddress());
    }
}
