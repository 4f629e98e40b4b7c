package dev.petrel.daemon.health;

import dev.petrel.config.HttpOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoints (health and metrics to read, reload and peer control to write) on a one-thread event loop group of their own, so
 * that a probe never waits behind BGP work and a stuck BGP loop cannot take the probe down with it (it must be
 * reported, not hidden). Netty's HTTP codec parses the requests; see {@link HealthHandler} for the answers.
 */
public final class HealthServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);
    /** Requests are a request line and a few headers; the only body is a shutdown message (at most 255 octets). */
    private static final int MAX_REQUEST_BYTES = 8192;
    /** A client that sends nothing for this long is dropped (the server is local, but stays bounded). */
    private static final int READ_TIMEOUT_SECONDS = 5;

    private final EventLoopGroup group;
    private final ExecutorService writer;
    private final Channel channel;
    private final Supplier<SslContext> tls;

    private HealthServer(EventLoopGroup group, ExecutorService writer, Channel channel, Supplier<SslContext> tls) {
        this.group = group;
        this.writer = writer;
        this.channel = channel;
        this.tls = tls;
    }

    /**
     * Binds {@code address} and serves {@code checks}, keyed by path ({@code "/livez"}).
     *
     * @throws IllegalStateException when the address cannot be bound, saying which and why
     */
    public static HealthServer start(InetSocketAddress address,
            Map<String, Supplier<CompletableFuture<? extends HealthReport>>> checks) {
        return start(address, checks, null);
    }

    /**
     * As {@link #start(InetSocketAddress, Map)}, over TLS when {@code tls} is not null (every connection starts
     * with a handshake; a client without the certificate mutual TLS asks for is dropped there).
     */
    public static HealthServer start(InetSocketAddress address,
            Map<String, Supplier<CompletableFuture<? extends HealthReport>>> checks, SslContext tls) {
        return start(address, checks, null, tls == null ? null : () -> tls, HttpOptions.Authorization.DEFAULT);
    }

    /**
     * Serves {@code checks} (GET) and {@code writes} (POST; null for none), each request authorised by
     * {@code authorization}, over TLS when {@code tls} is not null: it is asked for the context at every new
     * connection, so that a renewed certificate ({@link ReloadingTls}) serves the next one. A {@link ReloadingTls}
     * stops watching its files when the server closes.
     */
    public static HealthServer start(InetSocketAddress address,
            Map<String, Supplier<CompletableFuture<? extends HealthReport>>> checks, WriteEndpoints writes,
            Supplier<SslContext> tls, HttpOptions.Authorization authorization) {
        Map<String, Supplier<CompletableFuture<? extends HealthReport>>> routes = new LinkedHashMap<>(checks);
        Authorizer authorizer = new Authorizer(authorization);
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("petrel-http", true));
        // One write at a time, never on the event loop: a reload can take a while and probes must still answer.
        ExecutorService writer = Executors.newSingleThreadExecutor(new DefaultThreadFactory("petrel-http-write", true));
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    // A restarted daemon rebinds at once, whatever probe connections linger in TIME_WAIT.
                    .option(io.netty.channel.ChannelOption.SO_REUSEADDR, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            if (tls != null) {
                                c.pipeline().addLast(tls.get().newHandler(c.alloc()));
                            }
                            c.pipeline().addLast(
                                    new ReadTimeoutHandler(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS),
                                    new HttpServerCodec(4096, MAX_REQUEST_BYTES, MAX_REQUEST_BYTES),
                                    new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                    new HealthHandler(routes, writes, authorizer, writer));
                        }
                    })
                    .bind(address).syncUninterruptibly().channel();
            LOG.debug("health endpoints on {}://{}:{} ({})", tls == null ? "http" : "https", hostLiteral(address), port(ch),
                    String.join(", ", routes.keySet()));
            return new HealthServer(group, writer, ch, tls);
        } catch (Exception e) { // a BindException comes through undeclared
            writer.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot serve the health endpoints on " + hostLiteral(address) + ":"
                    + address.getPort() + " (admin.http): " + e.getMessage(), e);
        }
    }

    /** The bound port (the chosen one when started on port 0). */
    public int port() {
        return port(channel);
    }

    private static int port(Channel ch) {
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    private static String hostLiteral(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        writer.shutdownNow();
        if (tls instanceof ReloadingTls watched) {
            watched.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
