package dev.petrel.fsm.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCP for BGP sessions: listeners with an accept policy, outgoing connects, and the per-peer socket options
 * (MD5 signatures, GTSM, TTL, source address). Owns one event loop group; every channel it creates lives on it.
 * See the package documentation for the socket-option choices.
 *
 * <p>Thread-safe. {@link #listen}, {@link #setListenerMd5Keys}, {@link #configureListeners} and {@link #close}
 * block briefly and must not be called from an event loop of this transport; {@link #connect} never blocks.
 */
public final class BgpTransport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BgpTransport.class);

    private final TransportConfig config;
    private final boolean epoll;
    private final EventLoopGroup group;
    /** False when the group is shared with other transports (other speakers in the JVM): we close only our channels. */
    private final boolean ownsGroup;
    /** Every channel we created (listeners, accepted, connected), so that a transport on a shared group can close its own. */
    private final io.netty.channel.group.ChannelGroup channels;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder rejected = new LongAdder();
    private final RateLimitedLog rejectLog = new RateLimitedLog(log, TimeUnit.SECONDS.toNanos(1));
    private final RateLimitedLog refuseLog = new RateLimitedLog(log, TimeUnit.SECONDS.toNanos(1));
    private final AtomicBoolean ttlWarned = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Written under {@code this}; keys normalised, values owned (copied); read lock-free by event loops. */
    private volatile Map<InetAddress, byte[]> md5Keys = Map.of();
    /** Listen ranges' keys, as md5Keys; see {@link #setListenerMd5PrefixKeys}. */
    private volatile Map<Md5Prefix, byte[]> md5PrefixKeys = Map.of();
    /** Per listener, the prefixes whose keys the kernel holds on it, to delete those no longer wanted. */
    private final Map<Channel, java.util.Set<Md5Prefix>> prefixesApplied = new HashMap<>();
    private volatile int ipv4Floor;
    private volatile int ipv6Floor;

    /** One listening channel and what it accepts. */
    private record Listener(Channel channel, boolean ipv4, boolean dualStack) {
    }

    public BgpTransport() {
        this(TransportConfig.defaults());
    }

    public BgpTransport(TransportConfig config) {
        this(config, null);
    }

    /**
     * A transport on {@code shared}, an event loop group other transports use too (several speakers in one JVM,
     * {@link #newGroup}); {@link #close} then closes only this transport's channels and leaves the group running for
     * its owner to shut down. With null, the transport makes its own group of {@link TransportConfig#threads}.
     */
    public BgpTransport(TransportConfig config, EventLoopGroup shared) {
        this.config = Objects.requireNonNull(config, "config");
        if (shared != null) {
            this.group = shared;
            this.ownsGroup = false;
            this.epoll = shared instanceof EpollEventLoopGroup;
            if (!epoll) {
                log.warn("Shared event loops are not native epoll: TCP MD5 signatures, GTSM and TTL settings are"
                        + " unavailable");
            }
        } else {
            this.ownsGroup = true;
            this.epoll = !config.forceNio() && Epoll.isAvailable();
            this.group = newGroup(config.threads(), config.forceNio());
        }
        this.channels = new io.netty.channel.group.DefaultChannelGroup(
                io.netty.util.concurrent.GlobalEventExecutor.INSTANCE);
    }

    /**
     * An event loop group for BGP transports: native epoll where available (what MD5 and GTSM need), else NIO with
     * a warning. {@code threads} 0 means one per available processor. Whoever makes it shuts it down.
     */
    public static EventLoopGroup newGroup(int threads, boolean forceNio) {
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        if (!forceNio && Epoll.isAvailable()) {
            return new EpollEventLoopGroup(n);
        }
        if (forceNio) {
            log.warn("NIO transport forced: TCP MD5 signatures, GTSM and TTL settings are unavailable; "
                    + "peers that need MD5 or GTSM will fail");
        } else {
            log.warn("Native epoll transport unavailable ({}); using NIO: TCP MD5 signatures, GTSM and TTL "
                    + "settings are unavailable; peers that need MD5 or GTSM will fail",
                    String.valueOf(Epoll.unavailabilityCause()));
        }
        return new NioEventLoopGroup(n);
    }

    /** Whether MD5 signatures, GTSM and TTL settings can be applied (the native epoll transport is in use). */
    public boolean nativeTransport() {
        return epoll;
    }

    /** Connections closed because the {@link AcceptPolicy} rejected them (or threw). */
    /**
     * An event loop of this transport's group, chosen round-robin, to own one peer's session: sessions are spread
     * over the cores and every channel and timer they use lives on the same group.
     */
    public io.netty.channel.EventLoop eventLoop() {
        return group.next();
    }

    /** Every event loop of the group, for a watchdog that checks each keeps running tasks. */
    public List<io.netty.util.concurrent.EventExecutor> eventLoops() {
        List<io.netty.util.concurrent.EventExecutor> out = new java.util.ArrayList<>();
        group.forEach(out::add);
        return out;
    }

    public long rejectedConnections() {
        return rejected.sum();
    }

    /**
     * Binds one listener per address ({@code SO_REUSEADDR}; IPv6 ones with {@code IPV6_V6ONLY} unless
     * {@link TransportConfig#ipv6Only()} is false). Listeners send with TTL 255, so that SYN-ACKs pass a
     * connecting peer's GTSM check, and get the current MD5 keys and TTL floors before they are bound.
     *
     * @return the bound listeners, in the order of {@code addresses}; closing one stops it; if any bind fails,
     *     those already bound are closed and the failure is thrown
     */
    public List<Channel> listen(List<InetSocketAddress> addresses, AcceptPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        checkOpen();
        List<Channel> bound = new ArrayList<>();
        try {
            for (InetSocketAddress requested : addresses) {
                InetSocketAddress address = Addresses.normalise(requested);
                boolean ipv4 = address.getAddress() instanceof Inet4Address;
                boolean dualStack = !ipv4 && !config.ipv6Only() && address.getAddress().isAnyLocalAddress();
                ChannelFuture f = new ServerBootstrap()
                        .group(group)
                        .channelFactory(() -> newServerChannel(ipv4, dualStack))
                        .childHandler(new ChildInitializer(policy))
                        .bind(address)
                        .syncUninterruptibly();
                Listener l = new Listener(f.channel(), ipv4, dualStack);
                channels.add(f.channel());
                synchronized (this) {
                    listeners.add(l);
                    // again, in case the keys or floors changed while binding
                    applyMd5(l.channel(), ipv4, dualStack);
                    applyFloors(l.channel(), ipv4, dualStack);
                }
                f.channel().closeFuture().addListener(cf -> listeners.remove(l));
                bound.add(f.channel());
                log.info("Listening on {}{}", f.channel().localAddress(), dualStack ? " (dual-stack)" : "");
            }
        } catch (RuntimeException e) {
            for (Channel c : bound) {
                c.close().syncUninterruptibly();
            }
            throw e;
        }
        return List.copyOf(bound);
    }

    /**
     * Replaces the MD5 keys of every listener (the kernel picks the key by the SYN's source address; addresses
     * absent from {@code keys} lose theirs). IPv4 keys go to IPv4 and dual-stack listeners (as IPv4-mapped
     * addresses, which the kernel files as IPv4 keys), IPv6 keys to IPv6 listeners. Also applied to listeners
     * bound later. Call it whenever a peer with a key is added, changed or removed.
     *
     * @throws UnsupportedOperationException if keys are given and the native transport is unavailable
     * @throws IllegalArgumentException for a key of the wrong length
     * @throws io.netty.channel.ChannelException if the kernel refuses a key
     */
    public synchronized void setListenerMd5Keys(Map<InetAddress, byte[]> keys) {
        checkOpen();
        if (!keys.isEmpty() && !epoll) {
            throw new UnsupportedOperationException("TCP MD5 signatures need the native epoll transport");
        }
        Map<InetAddress, byte[]> copy = new HashMap<>();
        keys.forEach((a, k) -> {
            if (k.length == 0 || k.length > TransportSettings.MAX_MD5_KEY_LENGTH) {
                throw new IllegalArgumentException("MD5 key for " + a.getHostAddress() + " must be 1.."
                        + TransportSettings.MAX_MD5_KEY_LENGTH + " octets, got " + k.length);
            }
            copy.put(Addresses.normalise(a), k.clone());
        });
        md5Keys = Map.copyOf(copy);
        for (Listener l : listeners) {
            if (l.channel().isOpen()) {
                applyMd5(l.channel(), l.ipv4(), l.dualStack());
            }
        }
    }

    /**
     * Replaces the listeners' MD5 keys for whole prefixes (listen ranges: every address in a prefix signs with
     * one key), beside the exact-address keys of {@link #setListenerMd5Keys}, which neither call disturbs. The
     * kernel uses the longest match, so an exact key (a configured peer's) inside a prefix wins. IPv4 prefixes
     * go to IPv4 and dual-stack listeners, IPv6 ones to IPv6 listeners; also applied to listeners bound later.
     *
     * @throws UnsupportedOperationException if keys are given and the native transport is unavailable
     * @throws IllegalArgumentException for a key of the wrong length
     * @throws io.netty.channel.ChannelException if the kernel refuses a key (before Linux 4.13: no prefix keys)
     */
    public synchronized void setListenerMd5PrefixKeys(Map<Md5Prefix, byte[]> keys) {
        checkOpen();
        if (!keys.isEmpty() && !epoll) {
            throw new UnsupportedOperationException("TCP MD5 signatures need the native epoll transport");
        }
        Map<Md5Prefix, byte[]> copy = new HashMap<>();
        keys.forEach((p, k) -> {
            if (k.length == 0 || k.length > TransportSettings.MAX_MD5_KEY_LENGTH) {
                throw new IllegalArgumentException("MD5 key for " + p + " must be 1.."
                        + TransportSettings.MAX_MD5_KEY_LENGTH + " octets, got " + k.length);
            }
            copy.put(p, k.clone());
        });
        md5PrefixKeys = Map.copyOf(copy);
        for (Listener l : listeners) {
            if (l.channel().isOpen()) {
                applyMd5(l.channel(), l.ipv4(), l.dualStack());
            }
        }
    }

    /**
     * Sets the listeners' receive floors ({@code IP_MINTTL} for IPv4, {@code IPV6_MINHOPCOUNT} for IPv6; 0 for
     * none). A floor on a listener applies to every peer of that family, including to their SYNs, so it is only
     * right when all of them use GTSM; {@link #configureListeners} works it out.
     */
    public synchronized void setListenerTtlFloors(int ipv4MinTtl, int ipv6MinHopCount) {
        checkOpen();
        if (ipv4MinTtl < 0 || ipv4MinTtl > 255 || ipv6MinHopCount < 0 || ipv6MinHopCount > 255) {
            throw new IllegalArgumentException("floors must be 0..255");
        }
        if ((ipv4MinTtl != 0 || ipv6MinHopCount != 0) && !epoll) {
            throw new UnsupportedOperationException("GTSM needs the native epoll transport");
        }
        ipv4Floor = ipv4MinTtl;
        ipv6Floor = ipv6MinHopCount;
        for (Listener l : listeners) {
            if (l.channel().isOpen()) {
                applyFloors(l.channel(), l.ipv4(), l.dualStack());
            }
        }
    }

    /**
     * Derives the listener state from the configured peers: the MD5 keys of those that have one, and, per
     * address family, a receive floor of {@code min(256 - hops)} if every peer of that family uses GTSM (else
     * none; the floor is then set on each accepted socket only).
     *
     * @throws IllegalArgumentException if two peers of the same address have different MD5 keys
     */
    public synchronized void configureListeners(Collection<TransportSettings> peers) {
        Map<InetAddress, byte[]> keys = new HashMap<>();
        boolean allV4 = true;
        boolean allV6 = true;
        boolean anyV4 = false;
        boolean anyV6 = false;
        int floorV4 = 255;
        int floorV6 = 255;
        for (TransportSettings p : peers) {
            InetAddress a = p.remote().getAddress();
            if (p.hasMd5Key()) {
                byte[] previous = keys.putIfAbsent(a, p.md5Key());
                if (previous != null && !p.md5KeyEquals(previous)) {
                    throw new IllegalArgumentException("two different MD5 keys for " + a.getHostAddress());
                }
            }
            if (a instanceof Inet4Address) {
                anyV4 = true;
                allV4 &= p.gtsm();
                floorV4 = Math.min(floorV4, p.gtsm() ? p.minTtl() : 0);
            } else {
                anyV6 = true;
                allV6 &= p.gtsm();
                floorV6 = Math.min(floorV6, p.gtsm() ? p.minTtl() : 0);
            }
        }
        setListenerMd5Keys(keys);
        setListenerTtlFloors(anyV4 && allV4 ? floorV4 : 0, anyV6 && allV6 ? floorV6 : 0);
    }

    /**
     * Opens a connection to a peer: MD5 key, TTL and receive floor are set on the socket before the SYN is sent,
     * then the source address is bound (port 0) and the connect issued. {@code handler} is added to the
     * pipeline when the channel registers, before the connection completes.
     *
     * @return completes when the connection is established, or fails (refused, timed out, or a socket option
     *     could not be set, e.g. MD5 or GTSM without the native transport); a failed channel is closed
     */
    public ChannelFuture connect(TransportSettings settings, ChannelHandler handler) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(handler, "handler");
        checkOpen();
        InetSocketAddress local =
                settings.localAddress() == null ? null : new InetSocketAddress(settings.localAddress(), 0);
        ChannelFuture f = new Bootstrap()
                .group(group)
                .channelFactory(() -> newClientChannel(settings))
                .handler(handler)
                .connect(settings.remote(), local);
        channels.add(f.channel());
        f.addListener((ChannelFutureListener) cf -> {
            if (!cf.isSuccess()) {
                if (cf.channel().isOpen()) {
                    cf.channel().close();
                }
                // Refused, timed out, unreachable or closed by the session itself (an attempt it gave up on) are
                // ordinary outcomes the session reports; anything else (a socket option failing) is worth a warning.
                if (!(cf.cause() instanceof java.net.ConnectException)
                        && !(cf.cause() instanceof io.netty.channel.ConnectTimeoutException)
                        && !(cf.cause() instanceof java.net.NoRouteToHostException)
                        && !(cf.cause() instanceof java.nio.channels.ClosedChannelException)) {
                    log.warn("Connect to {} failed: {}", settings.remote(), String.valueOf(cf.cause()));
                }
            }
        });
        return f;
    }

    /** Closes the listeners, then every channel, and stops the event loops (waits up to a few seconds). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Listener l : listeners) {
            l.channel().close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        } else {
            channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("transport closed");
        }
    }

    // ---- channel construction ----

    private ServerChannel newServerChannel(boolean ipv4, boolean dualStack) {
        InternetProtocolFamily family = ipv4 ? InternetProtocolFamily.IPv4 : InternetProtocolFamily.IPv6;
        ServerChannel ch = epoll ? new EpollServerSocketChannel(family)
                : new NioServerSocketChannel(SelectorProvider.provider(), family);
        try {
            SocketOptions.set(ch, ChannelOption.SO_REUSEADDR, true);
            SocketOptions.set(ch, ChannelOption.SO_BACKLOG, config.backlog());
            if (epoll) {
                if (!ipv4) {
                    SocketOptions.set(ch, SocketOptions.IPV6_V6ONLY, dualStack ? 0 : 1);
                }
                // Children inherit these until their own are set; SYN-ACKs leave with the listener's TTL.
                if (ipv4 || dualStack) {
                    SocketOptions.set(ch, SocketOptions.IP_TTL, 255);
                }
                if (!ipv4) {
                    SocketOptions.set(ch, SocketOptions.IPV6_UNICAST_HOPS, 255);
                }
                synchronized (this) {
                    applyMd5(ch, ipv4, dualStack);
                    applyFloors(ch, ipv4, dualStack);
                }
            } else if (!ipv4 && config.ipv6Only()) {
                log.warn("NIO transport cannot set IPV6_V6ONLY; the IPv6 listener is dual-stack");
            }
        } catch (RuntimeException e) {
            ch.unsafe().closeForcibly();
            throw e;
        }
        return ch;
    }

    private Channel newClientChannel(TransportSettings s) {
        boolean ipv4 = s.remote().getAddress() instanceof Inet4Address;
        if (s.needsNativeOptions() && !epoll) {
            String msg = "peer " + s.remote() + " needs " + (s.hasMd5Key() ? "TCP MD5" : "GTSM")
                    + " but the native epoll transport is unavailable";
            log.error(msg);
            throw new UnsupportedOperationException(msg);
        }
        InternetProtocolFamily family = ipv4 ? InternetProtocolFamily.IPv4 : InternetProtocolFamily.IPv6;
        Channel ch = epoll ? new EpollSocketChannel(family)
                : new NioSocketChannel(SelectorProvider.provider(), family);
        try {
            if (s.hasMd5Key()) {
                SocketOptions.set(ch, EpollChannelOption.TCP_MD5SIG, Map.of(s.remote().getAddress(), s.md5Key()));
            }
            setTtl(ch, ipv4, s);
            SocketOptions.set(ch, ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) s.connectTimeout().toMillis());
            sessionOptions(ch);
        } catch (RuntimeException e) {
            ch.unsafe().closeForcibly();
            throw e;
        }
        return ch;
    }

    private void setTtl(Channel ch, boolean ipv4Traffic, TransportSettings s) {
        if (epoll) {
            SocketOptions.setTtl(ch, ipv4Traffic, s.sendTtl(), s.minTtl());
        } else if (ttlWarned.compareAndSet(false, true)) {
            log.warn("NIO transport: sessions use the system default TTL, not the configured hops");
        }
    }

    private void sessionOptions(Channel ch) {
        SocketOptions.set(ch, ChannelOption.TCP_NODELAY, true);
        SocketOptions.set(ch, ChannelOption.SO_KEEPALIVE, false);
        SocketOptions.set(ch, ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
        SocketOptions.set(ch, ChannelOption.WRITE_BUFFER_WATER_MARK, config.writeBufferWaterMark());
    }

    /** Caller holds {@code this}. */
    private void applyMd5(Channel listener, boolean ipv4, boolean dualStack) {
        if (!epoll) {
            return;
        }
        Map<InetAddress, byte[]> forThis = new HashMap<>();
        md5Keys.forEach((a, k) -> {
            boolean v4 = a instanceof Inet4Address;
            if (v4 ? (ipv4 || dualStack) : !ipv4) {
                forThis.put(a, k);
            }
        });
        SocketOptions.set(listener, EpollChannelOption.TCP_MD5SIG, forThis);
        applyPrefixKeys(listener, ipv4, dualStack);
    }

    /** Caller holds {@code this}. Deletes the prefix keys the listener should no longer hold, then sets the rest. */
    private void applyPrefixKeys(Channel listener, boolean ipv4, boolean dualStack) {
        java.util.Set<Md5Prefix> had = prefixesApplied.get(listener);
        if (had == null) {
            had = java.util.Set.of();
            listener.closeFuture().addListener(f -> {
                synchronized (this) {
                    prefixesApplied.remove(listener);
                }
            });
        }
        java.util.Set<Md5Prefix> now = new java.util.HashSet<>();
        md5PrefixKeys.forEach((p, k) -> {
            if (p.ipv4() ? (ipv4 || dualStack) : !ipv4) {
                now.add(p);
            }
        });
        for (Md5Prefix p : had) {
            if (!now.contains(p)) {
                try {
                    Md5PrefixOption.set(listener, !ipv4, p, null);
                } catch (io.netty.channel.ChannelException e) {
                    log.debug("Deleting the MD5 key of {} on {}: {}", p, listener, e.toString());
                }
            }
        }
        for (Md5Prefix p : now) {
            Md5PrefixOption.set(listener, !ipv4, p, md5PrefixKeys.get(p));
        }
        prefixesApplied.put(listener, java.util.Set.copyOf(now));
    }

    /** Caller holds {@code this}. */
    private void applyFloors(Channel listener, boolean ipv4, boolean dualStack) {
        if (!epoll) {
            return;
        }
        if (ipv4 || dualStack) {
            SocketOptions.set(listener, SocketOptions.IP_MINTTL, ipv4Floor);
        }
        if (!ipv4) {
            SocketOptions.set(listener, SocketOptions.IPV6_MINHOPCOUNT, ipv6Floor);
        }
    }

    /** The key the kernel signs a connection from {@code a} with: its exact key, else its longest prefix's. */
    private byte[] listenerKey(InetAddress a) {
        byte[] exact = md5Keys.get(a);
        if (exact != null) {
            return exact;
        }
        Md5Prefix best = null;
        for (Md5Prefix p : md5PrefixKeys.keySet()) {
            if (p.contains(a) && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return best == null ? null : md5PrefixKeys.get(best);
    }

    // ---- accepting ----

    /** Runs on each accepted channel's registration, before its first read. */
    @ChannelHandler.Sharable
    private final class ChildInitializer extends ChannelInitializer<Channel> {
        private final AcceptPolicy policy;

        ChildInitializer(AcceptPolicy policy) {
            this.policy = policy;
        }

        @Override
        protected void initChannel(Channel ch) {
            channels.add(ch);
            InetSocketAddress remote = Addresses.normalise((InetSocketAddress) ch.remoteAddress());
            InetSocketAddress local = Addresses.normalise((InetSocketAddress) ch.localAddress());
            Acceptance decision;
            try {
                decision = policy.accept(remote, local);
            } catch (RuntimeException e) {
                log.warn("Accept policy failed for {}; rejecting", remote, e);
                decision = Acceptance.reject();
            }
            if (!(decision instanceof Acceptance.Accept accept)) {
                rejected.increment();
                String reason = ((Acceptance.Reject) decision).reason();
                if (reason == null) {
                    rejectLog.debug("Rejected connection from {}: not a configured peer", remote);
                } else {
                    refuseLog.info("Refused connection: {}", remote + ": " + reason);
                }
                reset(ch);
                return;
            }
            TransportSettings peer = accept.peer();
            try {
                if (peer.needsNativeOptions() && !epoll) {
                    throw new UnsupportedOperationException(
                            "peer needs TCP MD5 or GTSM but the native epoll transport is unavailable");
                }
                if (peer.hasMd5Key() && !peer.md5KeyEquals(listenerKey(remote.getAddress()))) {
                    throw new IllegalStateException("peer has an MD5 key but the listener holds "
                            + "none or another for its address, so the connection was not authenticated "
                            + "with it (call setListenerMd5Keys / configureListeners)");
                }
                setTtl(ch, remote.getAddress() instanceof Inet4Address, peer);
                sessionOptions(ch);
            } catch (RuntimeException e) {
                log.error("Closing connection from {}: {}", remote, e.toString());
                reset(ch);
                return;
            }
            ch.pipeline().addLast(accept.handler());
        }

        /** Close with RST (SO_LINGER 0): no TIME_WAIT here, and the client learns at once. */
        private void reset(Channel ch) {
            try {
                ch.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (RuntimeException e) {
                // close anyway, with a FIN
            }
            ch.close();
        }
    }
}
