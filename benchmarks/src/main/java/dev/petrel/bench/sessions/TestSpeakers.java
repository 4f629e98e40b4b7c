package dev.petrel.bench.sessions;

import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.Open;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.netty.BgpFrameDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * N lightweight BGP speakers in one process, for {@link ScaleBenchmark}: one Netty epoll event loop, one TCP
 * session per speaker, each from its own loopback address ({@link ScaleAddresses}). A speaker sends OPEN (its AS,
 * the 4-octet AS capability, Multiprotocol ipv4-unicast), answers Petrel's OPEN with a KEEPALIVE, then sends
 * KEEPALIVEs every negotiated Hold Time / 3 and records, per session: when it became Established (Petrel's first
 * KEEPALIVE after the OPENs), the arrival of every KEEPALIVE from Petrel (largest gap before and after MARK, and
 * a histogram of the gaps after it), any NOTIFICATION, and whether the connection closed.
 *
 * <p>It runs in its own JVM so that the benchmark's heap figures are Petrel's alone. The driver talks to it over
 * stdin and stdout, one command or record a line:
 *
 * <pre>
 *   speakers → driver   READY                      set up; nothing sent yet
 *   driver → speakers   GO                         connect all N at once (connect mode) / start counting (listen mode)
 *   driver → speakers   MARK                       the idle window starts: later gaps count as idle gaps
 *   driver → speakers   REPORT                     print one S line per session, H lines, CPU, END
 *   driver → speakers   QUIT                       close everything and exit
 *   S index establishedNs keepalives maxGapBeforeMarkNs maxGapAfterMarkNs lateAfterMark notifCode notifSubcode
 *       attempts dropped                              (establishedNs from GO, -1 if never; notifCode -1 if none)
 *   H gapMillis count                               histogram of gaps after MARK, 1 ms buckets
 *   CPU processCpuNanos
 * </pre>
 *
 * <p>Arguments: {@code --peers N --mode connect|listen --target ADDR:PORT (connect) --port P (listen)
 * --hold SECONDS --as-base AS --ibgp|--ebgp --threads T --late-ms MS --retry-ms MS}.
 */
public final class TestSpeakers {
    private static final byte[] KEEPALIVE = SpeakerMessages.KEEPALIVE;
    private static final int TYPE_OPEN = SpeakerMessages.TYPE_OPEN;
    private static final int TYPE_NOTIFICATION = SpeakerMessages.TYPE_NOTIFICATION;
    private static final int TYPE_KEEPALIVE = SpeakerMessages.TYPE_KEEPALIVE;
    private static final int HIST_MS = 60_000;

    private final int peers;
    private final boolean connectMode;
    private final InetSocketAddress target;
    private final int listenPort;
    private final int hold;
    private final long localAs;
    private final boolean ibgp;
    private final long lateNanos;
    private final long retryMillis;
    private final EventLoopGroup group;
    private final Session[] sessions;
    private final AtomicLongArray idleGaps = new AtomicLongArray(HIST_MS + 1);
    private final List<Channel> servers = new ArrayList<>();
    private volatile long go;
    private volatile boolean marked;
    private volatile boolean quitting;

    private TestSpeakers(Args a) {
        this.peers = a.peers;
        this.connectMode = a.connectMode;
        this.target = a.target;
        this.listenPort = a.port;
        this.hold = a.hold;
        this.localAs = a.asBase;
        this.ibgp = a.ibgp;
        this.lateNanos = TimeUnit.MILLISECONDS.toNanos(a.lateMs);
        this.retryMillis = a.retryMs;
        this.group = new EpollEventLoopGroup(a.threads);
        this.sessions = new Session[peers];
        for (int i = 0; i < peers; i++) {
            sessions[i] = new Session(i, group.next());
        }
    }

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        TestSpeakers t = new TestSpeakers(a);
        try {
            t.run(out);
        } finally {
            t.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }

    private void run(PrintStream out) throws Exception {
        if (!connectMode) {
            bindAll();
        }
        out.println("READY");
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "GO" -> {
                    go = System.nanoTime();
                    if (connectMode) {
                        for (Session s : sessions) {
                            s.connect();
                        }
                    }
                }
                case "MARK" -> marked = true;
                case "REPORT" -> report(out);
                case "QUIT" -> {
                    quit();
                    return;
                }
                default -> System.err.println("test speakers: unknown command " + line);
            }
        }
        quit(); // the driver went away
    }

    private void bindAll() {
        for (Session s : sessions) {
            // The session's own loop accepts and serves its connection: its fields stay on one thread.
            ServerBootstrap b = new ServerBootstrap()
                    .group(s.loop, s.loop)
                    .channel(EpollServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            s.accepted(ch);
                        }
                    });
            servers.add(b.bind(new InetSocketAddress(ScaleAddresses.peer(s.index), listenPort))
                    .syncUninterruptibly().channel());
        }
    }

    private void report(PrintStream out) throws Exception {
        for (Session s : sessions) {
            // Session fields belong to the session's loop: read them there.
            String line = s.loop.submit(s::line).get(10, TimeUnit.SECONDS);
            out.println(line);
        }
        for (int ms = 0; ms <= HIST_MS; ms++) {
            long c = idleGaps.get(ms);
            if (c != 0) {
                out.println("H " + ms + " " + c);
            }
        }
        out.println("CPU " + ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime());
        out.println("END");
        out.flush();
    }

    private void quit() {
        quitting = true;
        for (Channel c : servers) {
            c.close();
        }
        for (Session s : sessions) {
            s.loop.execute(s::close);
        }
    }

    /** One speaker. Every field is touched only on {@link #loop}. */
    private final class Session extends ChannelInboundHandlerAdapter {
        final int index;
        final EventLoop loop;
        final long as;
        final byte[] open;
        Channel channel;
        boolean openConfirm;
        boolean established;
        long establishedNs = -1;
        long lastKeepalive;
        int keepalives;
        long maxGapBefore;
        long maxGapAfter;
        int late;
        int notifCode = -1;
        int notifSubcode;
        int attempts;
        boolean dropped;
        ScheduledFuture<?> keepaliveTask;

        Session(int index, EventLoop loop) {
            this.index = index;
            this.loop = loop;
            this.as = ibgp ? localAs : localAs + 1 + index;
            this.open = SpeakerMessages.open(as, hold, ScaleAddresses.routerId(index), false);
        }

        void connect() {
            loop.execute(() -> {
                if (quitting) {
                    return;
                }
                attempts++;
                new Bootstrap()
                        .group(loop)
                        .channel(EpollSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .handler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel ch) {
                                install(ch);
                            }
                        })
                        .connect(target, new InetSocketAddress(ScaleAddresses.peer(index), 0))
                        .addListener(f -> {
                            if (!f.isSuccess()) {
                                retryLater();
                            }
                        });
            });
        }

        private void retryLater() {
            if (!quitting && connectMode && !established) {
                loop.schedule(this::connect, retryMillis, TimeUnit.MILLISECONDS);
            }
        }

        /** An accepted connection (listen mode); a second one while the first lives is refused. */
        void accepted(Channel ch) {
            if (channel != null && channel.isActive()) {
                ch.close();
                return;
            }
            attempts++;
            install(ch);
        }

        private void install(Channel ch) {
            channel = ch;
            openConfirm = false;
            ch.pipeline().addLast(new BgpFrameDecoder(), this);
        }

        @Override
        public boolean isSharable() {
            return true; // one handler per speaker, but a speaker may reconnect before it is Established
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(open));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            long now = System.nanoTime();
            try {
                if (!(msg instanceof ByteBuf frame)) {
                    return; // a framing error result: ignore, Petrel will close
                }
                switch (frame.getUnsignedByte(frame.readerIndex() + 18)) {
                    case TYPE_OPEN -> onOpen(ctx, frame);
                    case TYPE_KEEPALIVE -> onKeepalive(ctx, now);
                    case TYPE_NOTIFICATION -> {
                        if (notifCode < 0) {
                            notifCode = frame.getUnsignedByte(frame.readerIndex() + 19);
                            notifSubcode = frame.getUnsignedByte(frame.readerIndex() + 20);
                        }
                    }
                    default -> { } // UPDATE, ROUTE-REFRESH: Petrel sends none here
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void onOpen(ChannelHandlerContext ctx, ByteBuf frame) {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.getBytes(frame.readerIndex(), bytes);
            DecodeResult r = MessageDecoder.decode(bytes, SessionContext.INITIAL);
            if (!(r.message() instanceof Open o)) {
                ctx.close();
                return;
            }
            int negotiated = Math.min(hold, o.holdTime());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(KEEPALIVE));
            openConfirm = true;
            if (negotiated > 0) {
                long every = TimeUnit.SECONDS.toNanos(negotiated) / 3;
                keepaliveTask = loop.scheduleAtFixedRate(
                        () -> {
                            if (channel != null && channel.isActive()) {
                                channel.writeAndFlush(Unpooled.wrappedBuffer(KEEPALIVE));
                            }
                        },
                        every, every, TimeUnit.NANOSECONDS);
            }
        }

        private void onKeepalive(ChannelHandlerContext ctx, long now) {
            if (!established && openConfirm) {
                established = true;
                establishedNs = now - go;
            }
            keepalives++;
            if (lastKeepalive != 0) {
                long gap = now - lastKeepalive;
                if (marked) {
                    maxGapAfter = Math.max(maxGapAfter, gap);
                    idleGaps.incrementAndGet((int) Math.min(HIST_MS, TimeUnit.NANOSECONDS.toMillis(gap)));
                    if (gap > lateNanos) {
                        late++;
                    }
                } else {
                    maxGapBefore = Math.max(maxGapBefore, gap);
                }
            }
            lastKeepalive = now;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() == channel) {
                if (keepaliveTask != null) {
                    keepaliveTask.cancel(false);
                    keepaliveTask = null;
                }
                if (established) {
                    dropped = !quitting;
                } else {
                    retryLater();
                }
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        void close() {
            if (keepaliveTask != null) {
                keepaliveTask.cancel(false);
            }
            if (channel != null) {
                channel.close();
            }
        }

        String line() {
            return "S " + index + " " + establishedNs + " " + keepalives + " " + maxGapBefore + " " + maxGapAfter
                    + " " + late + " " + notifCode + " " + notifSubcode + " " + attempts + " " + (dropped ? 1 : 0);
        }
    }

    private record Args(int peers, boolean connectMode, InetSocketAddress target, int port, int hold, long asBase,
            boolean ibgp, int threads, long lateMs, long retryMs) {
        static Args parse(String[] argv) {
            int peers = 1000;
            boolean connect = true;
            InetSocketAddress target = null;
            int port = 179;
            int hold = 9;
            long asBase = 65000;
            boolean ibgp = true;
            int threads = 1;
            long lateMs = 3100;
            long retryMs = 1000;
            for (int i = 0; i < argv.length; i++) {
                switch (argv[i]) {
                    case "--peers" -> peers = Integer.parseInt(argv[++i]);
                    case "--mode" -> connect = switch (argv[++i]) {
                        case "connect" -> true;
                        case "listen" -> false;
                        default -> throw new IllegalArgumentException("--mode connect|listen");
                    };
                    case "--target" -> {
                        String t = argv[++i];
                        int c = t.lastIndexOf(':');
                        target = new InetSocketAddress(literal(t.substring(0, c)), Integer.parseInt(t.substring(c + 1)));
                    }
                    case "--port" -> port = Integer.parseInt(argv[++i]);
                    case "--hold" -> hold = Integer.parseInt(argv[++i]);
                    case "--as-base" -> asBase = Long.parseLong(argv[++i]);
                    case "--ibgp" -> ibgp = true;
                    case "--ebgp" -> ibgp = false;
                    case "--threads" -> threads = Integer.parseInt(argv[++i]);
                    case "--late-ms" -> lateMs = Long.parseLong(argv[++i]);
                    case "--retry-ms" -> retryMs = Long.parseLong(argv[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + argv[i]);
                }
            }
            if (connect && target == null) {
                throw new IllegalArgumentException("--target ADDR:PORT is required in connect mode");
            }
            return new Args(peers, connect, target, port, hold, asBase, ibgp, threads, lateMs, retryMs);
        }

        private static InetAddress literal(String s) {
            try {
                return InetAddress.getByName(s); // callers pass literals only: no lookup happens
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(s, e);
            }
        }
    }
}
