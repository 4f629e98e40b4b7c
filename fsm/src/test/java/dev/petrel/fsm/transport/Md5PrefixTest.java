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
import org.junit.jupiter.api.Test;

/**
 * Listen ranges' MD5 keys (TCP_MD5SIG_EXT with a prefix length) on real loopback sockets: any address of the
 * prefix must sign with the range's key, and an exact key (a configured peer's) inside it wins; setting either
 * kind leaves the other alone.
 */
class Md5PrefixTest {
    private static final byte[] KEY = "range key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER = "static peer key".getBytes(StandardCharsets.US_ASCII);
    private static final InetAddress A5 = address("127.0.0.5");
    private static final InetAddress A7 = address("127.0.0.7");
    private static final Md5Prefix LOOPBACK_V4 = new Md5Prefix(address("127.0.0.0"), 8);

    private BgpTransport transport;
    private final AtomicInteger accepted = new AtomicInteger();

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

    /** The server side of each accepted connection, in order. */
    private final java.util.concurrent.BlockingQueue<Collector> servers = new java.util.concurrent.LinkedBlockingQueue<>();

    /**
     * A listener whose policy accepts anyone as a peer with the key {@code peerKeys} gives its address, else
     * {@code otherKey} (null: none); the accept check then needs the listener to hold that same key.
     */
    private Channel listen(BgpTransport t, String bind, Map<InetAddress, byte[]> peerKeys, byte[] otherKey) {
        return t.listen(List.of(new InetSocketAddress(bind, 0)), (remote, local) -> {
            accepted.incrementAndGet();
            byte[] k = peerKeys.getOrDefault(remote.getAddress(), otherKey);
            Collector server = new Collector();
            servers.add(server);
            return Acceptance.accept(TransportSettings.of(remote).withMd5Key(k), server);
        }).get(0);
    }

    private static TransportSettings from(InetAddress source, InetAddress to, Channel l, byte[] key) {
        return TransportSettings.of(new InetSocketAddress(to, port(l).getPort())).withLocalAddress(source)
                .withMd5Key(key).withConnectTimeout(SHORT_CONNECT);
    }

    private void exchanges(BgpTransport t, InetAddress source, InetAddress to, Channel l, byte[] key)
            throws Exception {
        Channel c = t.connect(from(source, to, l, key), new Collector()).sync().channel();
        c.writeAndFlush(ascii("signed"));
        Collector server = servers.poll(10, TimeUnit.SECONDS);
        assertNotNull(server, "accepted");
        assertEquals("signed", server.received(6).get(10, TimeUnit.SECONDS));
        c.close().sync();
    }

    private void neverConnects(BgpTransport t, InetAddress source, InetAddress to, Channel l, byte[] key,
            String counter) {
        int acceptedBefore = accepted.get();
        long before = tcpExt(counter);
        ChannelFuture f = t.connect(from(source, to, l, key), new Collector());
        assertTrue(f.awaitUninterruptibly(10, TimeUnit.SECONDS));
        assertFalse(f.isSuccess());
        assertInstanceOf(ConnectTimeoutException.class, f.cause(), String.valueOf(f.cause()));
        assertTrue(tcpExt(counter) > before, "the kernel counted the drop in " + counter);
        assertEquals(acceptedBefore, accepted.get(), "nothing was accepted");
    }

    @Test
    void anyAddressOfThePrefixSignsWithItsKey() throws Exception {
        Channel l = listen(transport, "127.0.0.1", Map.of(), KEY);
        transport.setListenerMd5PrefixKeys(Map.of(LOOPBACK_V4, KEY));
        exchanges(transport, A5, V4, l, KEY);
        neverConnects(transport, A7, V4, l, OTHER, "TCPMD5Failure");
        neverConnects(transport, A7, V4, l, null, "TCPMD5NotFound");
    }

    @Test
    void ipv6Prefix() throws Exception {
        Channel l = listen(transport, "::1", Map.of(), KEY);
        transport.setListenerMd5PrefixKeys(Map.of(new Md5Prefix(address("::"), 64), KEY));
        neverConnects(transport, V6, V6, l, null, "TCPMD5NotFound");
        exchanges(transport, V6, V6, l, KEY);
    }

    /** IPv4 prefixes on a dual-stack listener go in as ::ffff:a.b.c.d with the IPv4 length. */
    @Test
    void ipv4PrefixOnADualStackListener() throws Exception {
        try (BgpTransport dual = new BgpTransport(TransportConfig.defaults().withIpv6Only(false))) {
            Channel l = listen(dual, "::", Map.of(), KEY);
            dual.setListenerMd5PrefixKeys(Map.of(LOOPBACK_V4, KEY));
            neverConnects(dual, A5, V4, l, null, "TCPMD5NotFound");
            exchanges(dual, A5, V4, l, KEY);
        }
    }

    /** Keys set before a listener is bound reach it when it is. */
    @Test
    void keysSetBeforeBindingApply() {
        transport.setListenerMd5PrefixKeys(Map.of(LOOPBACK_V4, KEY));
        Channel l = listen(transport, "127.0.0.1", Map.of(), KEY);
        neverConnects(transport, A5, V4, l, null, "TCPMD5NotFound");
    }

    @Test
    void exactAndPrefixKeysCoexistAndTheExactOneWins() throws Exception {
        Channel l = listen(transport, "127.0.0.1", Map.of(A7, OTHER), KEY);
        transport.setListenerMd5PrefixKeys(Map.of(LOOPBACK_V4, KEY));
        transport.setListenerMd5Keys(Map.of(A7, OTHER));
        exchanges(transport, A7, V4, l, OTHER);
        exchanges(transport, A5, V4, l, KEY);
        neverConnects(transport, A7, V4, l, KEY, "TCPMD5Failure");

        // Netty deletes the exact keys it no longer has, and only those: 127.0.0.7 falls back to the range's.
        transport.setListenerMd5Keys(Map.of());
        Channel l2 = listen(transport, "127.0.0.2", Map.of(), KEY);
        neverConnects(transport, A7, V4, l, null, "TCPMD5NotFound");
        neverConnects(transport, A7, V4, l, OTHER, "TCPMD5Failure");
        exchanges(transport, A7, address("127.0.0.2"), l2, KEY);

        // Replacing the prefix keys deletes the old one and leaves the exact keys.
        transport.setListenerMd5Keys(Map.of(A7, OTHER));
        transport.setListenerMd5PrefixKeys(Map.of());
        Channel l3 = listen(transport, "127.0.0.3", Map.of(A7, OTHER), null);
        neverConnects(transport, A7, address("127.0.0.3"), l3, null, "TCPMD5NotFound");
        exchanges(transport, A5, address("127.0.0.3"), l3, null);
        exchanges(transport, A7, address("127.0.0.3"), l3, OTHER);
    }

    @Test
    void prefixesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Md5Prefix(address("127.0.0.1"), 8));
        assertThrows(IllegalArgumentException.class, () -> new Md5Prefix(address("127.0.0.0"), 33));
        assertThrows(IllegalArgumentException.class,
                () -> transport.setListenerMd5PrefixKeys(Map.of(LOOPBACK_V4, new byte[81])));
        assertEquals(new Md5Prefix(address("10.0.0.0"), 8), new Md5Prefix(address("::ffff:10.0.0.0"), 8));
        assertTrue(LOOPBACK_V4.contains(A5));
        assertFalse(LOOPBACK_V4.contains(V6));
    }
}
