package dev.petrel.fsm.session;

import dev.petrel.fsm.FsmConfig;
import dev.petrel.fsm.SessionPolicy;
import dev.petrel.wire.BgpMessage;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Family;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.Open;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.cap.Capability;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A passive {@link PeerSession} listening on loopback and a hand-driven peer on a plain {@link Socket} that
 * speaks BGP bytes: for tests that need a peer doing exactly (and only) what the test says, including what a
 * well-behaved speaker never would.
 */
final class RawPeer implements AutoCloseable {
    static final long LOCAL_AS = 4_200_000_001L;
    static final long PEER_AS = 4_200_000_002L;
    static final int LOCAL_ID = 0x0aff0101;
    static final int PEER_ID = 0x0aff0102;

    final EventLoopGroup group;
    final EventLoopGroup sessionGroup;
    final PeerSession session;
    final Channel server;
    /** The session's end of the last accepted connection. */
    volatile Channel accepted;
    Socket socket;
    DataInputStream in;
    OutputStream out;

    /**
     * @param threads event loop threads shared by the session and its channels; 1 puts the session and every
     *     channel on the same loop
     * @param holdTime the hold time the session offers
     * @param sendHold the RFC 9687 send hold time, or null for the default
     */
    RawPeer(int threads, int holdTime, Duration sendHold, SessionListener listener) throws Exception {
        this(threads, false, holdTime, sendHold, listener);
    }

    /** @param separateLoops the session gets a loop of its own, so that no channel ever shares it */
    RawPeer(int threads, boolean separateLoops, int holdTime, Duration sendHold, SessionListener listener)
            throws Exception {
        this(threads, separateLoops, holdTime, sendHold, listener, null);
    }

    /** @param gracefulRestart the session's restarting-speaker side (null: helper only) */
    RawPeer(int threads, boolean separateLoops, int holdTime, Duration sendHold, SessionListener listener,
            GracefulRestart gracefulRestart) throws Exception {
        boolean epoll = Epoll.isAvailable();
        group = epoll ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
        sessionGroup = separateLoops ? new DefaultEventLoopGroup(1) : null;
        FsmConfig fsm = new FsmConfig(true, Duration.ZERO, Duration.ofSeconds(2), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(300), true, true);
        SessionPolicy policy = new SessionPolicy(LOCAL_AS, LOCAL_ID, PEER_AS, holdTime, -1, 3,
                Set.of(Family.IPV4_UNICAST), null, false, true);
        session = new PeerSession(new SessionSettings("raw", fsm, policy, sendHold, true, null, false, false,
                gracefulRestart),
                separateLoops ? sessionGroup.next() : group.next(),
                init -> {
                    throw new IllegalStateException("passive");
                }, listener);
        server = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted = ch;
                        ch.pipeline().addLast(session.incoming());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        session.start();
    }

    /** Connects the raw peer (the session must be Active by then). */
    RawPeer connect() throws Exception {
        return connect(0);
    }

    /** The same with a small receive buffer (a peer that can be made to stop reading quickly), 0 for default. */
    RawPeer connect(int receiveBuffer) throws Exception {
        LoopbackPair.await("Active", Duration.ofSeconds(5),
                () -> session.state() == dev.petrel.fsm.SessionState.ACTIVE);
        socket = new Socket();
        socket.setTcpNoDelay(true);
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(server.localAddress(), 2000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        return this;
    }

    /** The peer's OPEN: 4-octet AS (AS_TRANS in My AS), IPv4 unicast. */
    static Open peerOpen(int holdTime) {
        return new Open(LocalOpen.AS_TRANS, holdTime, PEER_ID, List.of(
                new Capability.Multiprotocol(Family.IPV4_UNICAST), new Capability.FourOctetAs(PEER_AS)));
    }

    /** The context both ends use once the OPENs above are exchanged (4-octet AS). */
    static SessionContext negotiated() {
        return SessionContext.INITIAL.withFourOctetAs(true)
                .withPeer(dev.petrel.wire.PeerType.EXTERNAL, PEER_AS, LOCAL_AS, true);
    }

    /** OPEN, KEEPALIVE, and the session's KEEPALIVE: Established. */
    RawPeer establish(int holdTime) throws Exception {
        if (!(read(SessionContext.INITIAL) instanceof Open)) {
            throw new AssertionError("no OPEN from the session");
        }
        send(SessionContext.INITIAL, peerOpen(holdTime), dev.petrel.wire.Keepalive.INSTANCE);
        readUntil(dev.petrel.wire.Keepalive.class, negotiated());
        LoopbackPair.await("Established", Duration.ofSeconds(5),
                () -> session.state() == dev.petrel.fsm.SessionState.ESTABLISHED);
        return this;
    }

    /** Writes these messages in one write (one TCP segment on loopback). */
    void send(SessionContext ctx, BgpMessage... messages) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (BgpMessage m : messages) {
            b.writeBytes(MessageEncoder.toBytes(m, ctx));
        }
        out.write(b.toByteArray());
        out.flush();
    }

    /** The next message from the session, decoded in {@code ctx}. */
    BgpMessage read(SessionContext ctx) throws IOException {
        byte[] header = new byte[19];
        in.readFully(header);
        int len = ((header[16] & 0xff) << 8) | (header[17] & 0xff);
        byte[] all = new byte[len];
        System.arraycopy(header, 0, all, 0, 19);
        in.readFully(all, 19, len - 19);
        DecodeResult r = MessageDecoder.decode(all, ctx);
        if (r.message() == null) {
            throw new AssertionError("undecodable message from the session: " + r.problems());
        }
        return r.message();
    }

    /** Reads until a message of this type arrives (skipping KEEPALIVEs and the like). */
    <T extends BgpMessage> T readUntil(Class<T> type, SessionContext ctx) throws IOException {
        while (true) {
            BgpMessage m = read(ctx);
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
    }

    /** Whether the session closed the connection (EOF or reset) within the socket timeout, skipping messages. */
    boolean closedBySession(SessionContext ctx) {
        try {
            while (true) {
                read(ctx);
            }
        } catch (java.io.EOFException | java.net.SocketException e) {
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws Exception {
        if (socket != null) {
            socket.close();
        }
        session.close(null);
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (sessionGroup != null) {
            sessionGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
