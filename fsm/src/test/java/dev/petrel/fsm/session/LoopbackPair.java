package dev.petrel.fsm.session;

import dev.petrel.fsm.FsmConfig;
import dev.petrel.fsm.SessionPolicy;
import dev.petrel.fsm.SessionState;
import dev.petrel.wire.Family;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Two Petrel sessions talking to each other over loopback, each with its own listener: enough of a transport to
 * test the session driver without the real one.
 */
final class LoopbackPair implements AutoCloseable {
    final EventLoopGroup group = new NioEventLoopGroup(2);
    final Side a;
    final Side b;

    static final class Side {
        final AtomicReference<PeerSession> session = new AtomicReference<>();
        Channel server;
        int port;

        PeerSession session() {
            return session.get();
        }
    }

    LoopbackPair(int idA, long asA, boolean passiveA, int idB, long asB, boolean passiveB) throws Exception {
        a = new Side();
        b = new Side();
        listen(a);
        listen(b);
        a.session.set(session("a", idA, asA, asB, passiveA, b));
        b.session.set(session("b", idB, asB, asA, passiveB, a));
        a.session().start();
        b.session().start();
    }

    private void listen(Side side) throws Exception {
        side.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(side.session().incoming());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        side.port = ((InetSocketAddress) side.server.localAddress()).getPort();
    }

    private PeerSession session(String name, int id, long localAs, long peerAs, boolean passive, Side remote) {
        FsmConfig fsm = new FsmConfig(passive, Duration.ZERO, Duration.ofSeconds(2), Duration.ofMillis(200),
                Duration.ofSeconds(2), Duration.ofSeconds(300), true, true);
        SessionPolicy policy = new SessionPolicy(localAs, id, peerAs, 9, -1, 3,
                Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), null, false, true);
        SessionSettings s = new SessionSettings(name, fsm, policy, null, true, "petrel-test");
        Connector connector = init -> new Bootstrap().group(group).channel(NioSocketChannel.class).handler(init)
                .connect(new InetSocketAddress("127.0.0.1", remote.port));
        return new PeerSession(s, group.next(), connector, null);
    }

    static void await(String what, Duration timeout, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    void awaitBoth(SessionState s) throws InterruptedException {
        await("both sides " + s + " (a " + a.session().state() + ", b " + b.session().state() + ")",
                Duration.ofSeconds(10), () -> a.session().state() == s && b.session().state() == s);
    }

    @Override
    public void close() {
        a.session().close(null);
        b.session().close(null);
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
