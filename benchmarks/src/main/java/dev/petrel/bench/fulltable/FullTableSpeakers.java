package dev.petrel.bench.fulltable;

import dev.petrel.bench.FullTableStream;
import dev.petrel.bench.sessions.SpeakerMessages;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The two ends of the full-table benchmark ({@link FullTableBenchmark}), one JVM per role, each in its own network
 * namespace, driven over stdin and stdout one line at a time:
 *
 * <ul>
 *   <li>{@code --role injector}: one eBGP session (AS 65001 by default) that, on ANNOUNCE, writes the whole
 *       pre-generated table of {@link FullTableStream#generate} and an IPv4 End-of-RIB as one buffer, as fast as
 *       the socket takes it, and on WITHDRAW the withdrawals of {@link FullTableStream#generateWithdrawals}. It
 *       reports {@code System.nanoTime()} (CLOCK_MONOTONIC on Linux, so comparable across processes) just before
 *       the first octet is handed to the socket and when the last one was.
 *   <li>{@code --role receivers}: N eBGP sessions (all AS 65002, so that a router may group them), each from its
 *       own address, that count the prefixes they are sent with an {@link UpdateCounter} and report the moment a
 *       session holds all the expected prefixes (FULL) and, after that, none (EMPTY).
 *   <li>{@code --role mesh --block K}: N sessions (the reflector benchmark's Calico shape, {@link MeshRoutes}),
 *       each of which, on ANNOUNCE, writes one UPDATE announcing K blocks of its own (and an End-of-RIB), on
 *       WITHDRAW one withdrawing them, and counts as a receiver does: FULL once it holds every other session's
 *       blocks and none of its own, EMPTY once it holds nothing. ANNOUNCE_START is the moment before the first
 *       session's write, ANNOUNCE_DONE the moment the last one's completed.
 * </ul>
 *
 * <p>Every session connects to the router (which is passive), sends an OPEN with the 4-octet AS, Multiprotocol
 * ipv4-unicast and Route Refresh capabilities and a Hold Time of {@code --hold} (90 s), answers the router's OPEN
 * with a KEEPALIVE and sends KEEPALIVEs every negotiated Hold Time / 3 from then on. It is Established on the
 * router's first KEEPALIVE after the OPENs.
 *
 * <pre>
 *   driver → speakers   CONNECT | ANNOUNCE | WITHDRAW | STATUS | VERIFY | QUIT
 *   speakers → driver   READY prefixes updateOctets withdrawalOctets     generated (and, receivers, warmed up)
 *                       ESTABLISHED i nanos | FULL i nanos | EMPTY i nanos
 *                       ANNOUNCE_START nanos | ANNOUNCE_DONE nanos octets | WITHDRAW_START ... | WITHDRAW_DONE ...
 *                       SESSION i state reachable announced withdrawn reannounced unknownWithdrawn updates octets
 *                               reads
 *                       VERIFY i missing extra                              (after VERIFY; then END)
 *                       NOTIFICATION i code subcode | CLOSED i | ERROR i text
 * </pre>
 *
 * <p>Arguments: {@code --role injector|receivers --router ADDR --port 179 --local ADDR --sessions N --as AS
 * --prefixes N --seed S --hold SECONDS --threads T --read-delay-us U}. Session {@code i} binds {@code --local} + i.
 *
 * <p>Reading paced: a receiver session does not read the moment data arrives, but at most once per
 * {@code --read-delay-us} (default 1000 µs, on a common tick for all sessions of a thread), and then everything the
 * socket holds. Routers write a message per system call (BIRD does), and a reader woken for each would spend more
 * CPU on wake-ups than on counting (133,000 reads of 226 octets on average for a 1 M table, 2.4-2.8 s of CPU,
 * measured), CPU that the router on the same two cores would not get. A session that was idle reads at once; the
 * pacing delays the moment a session is seen complete by at most the delay. 0 reads as data arrives.
 */
public final class FullTableSpeakers {
    private final Args args;
    private final EventLoopGroup group;
    private final Session[] sessions;
    private final PrintStream out;
    /** The injected prefixes, for VERIFY (receivers only). */
    private final FullTableStream.Prefixes expected;
    /** How many prefixes a counting session holds when it is full. */
    private final long fullCount;
    /** The streams, in direct memory so that Netty writes them without a copy first. */
    private ByteBuf table;
    private ByteBuf withdrawals;
    private volatile boolean quitting;

    private FullTableSpeakers(Args args, PrintStream out) {
        this.args = args;
        this.out = out;
        this.group = new EpollEventLoopGroup(args.threads);
        this.expected = args.injector || args.mesh ? null : FullTableStream.prefixes(args.prefixes, args.seed);
        this.fullCount = args.mesh ? (long) (args.sessions - 1) * args.block : args.prefixes;
        this.sessions = new Session[args.sessions];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = new Session(i, group.next());
        }
    }

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        FullTableSpeakers s = new FullTableSpeakers(a, out);
        try {
            s.run();
        } finally {
            s.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }

    private void run() throws Exception {
        long updateOctets;
        long withdrawalOctets;
        if (args.injector) {
            byte[] updates = FullTableStream.generate(args.prefixes, args.seed);
            table = Unpooled.directBuffer(updates.length + SpeakerMessages.END_OF_RIB_IPV4.length)
                    .writeBytes(updates).writeBytes(SpeakerMessages.END_OF_RIB_IPV4);
            byte[] w = FullTableStream.generateWithdrawals(args.prefixes, args.seed);
            withdrawals = Unpooled.directBuffer(w.length).writeBytes(w);
            updateOctets = table.readableBytes();
            withdrawalOctets = withdrawals.readableBytes();
        } else if (args.mesh) {
            long[] sizes = warmUpMesh();
            updateOctets = sizes[0];
            withdrawalOctets = sizes[1];
        } else {
            long[] sizes = warmUp(args.prefixes, args.seed, expected);
            updateOctets = sizes[0];
            withdrawalOctets = sizes[1];
        }
        emit("READY " + args.prefixes + " " + updateOctets + " " + withdrawalOctets);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "CONNECT" -> {
                    for (Session s : sessions) {
                        s.connect();
                    }
                }
                case "ANNOUNCE" -> {
                    if (args.mesh) {
                        meshStream("ANNOUNCE", true);
                    } else {
                        sessions[0].stream("ANNOUNCE", table);
                    }
                }
                case "WITHDRAW" -> {
                    if (args.mesh) {
                        meshStream("WITHDRAW", false);
                    } else {
                        sessions[0].stream("WITHDRAW", withdrawals);
                    }
                }
                case "STATUS" -> {
                    for (Session s : sessions) {
                        emit(s.loop.submit(s::status).get(30, TimeUnit.SECONDS));
                    }
                    emit("END");
                }
                case "VERIFY" -> {
                    for (Session s : sessions) {
                        emit(s.loop.submit(s::verify).get(30, TimeUnit.SECONDS));
                    }
                    emit("END");
                }
                case "QUIT" -> {
                    quit();
                    return;
                }
                default -> System.err.println("full-table speakers: unknown command " + line);
            }
        }
        quit(); // the driver went away
    }

    /**
     * Counts the table and its withdrawal once without a network, so that the counting loop is compiled before
     * the clock runs and a counter that disagrees with the generator stops the benchmark here. Returns the sizes
     * of both streams.
     */
    static long[] warmUp(int prefixes, long seed, FullTableStream.Prefixes expected) {
        byte[] updates = FullTableStream.generate(prefixes, seed);
        byte[] withdrawals = FullTableStream.generateWithdrawals(prefixes, seed);
        for (int round = 0; round < 2; round++) {
            UpdateCounter c = new UpdateCounter((type, b, off, len) -> { });
            feedInChunks(c, updates, 65_536);
            if (c.reachable() != prefixes || c.missing(expected) != 0) {
                throw new IllegalStateException("self-check: counted " + c.reachable() + " of " + prefixes);
            }
            feedInChunks(c, withdrawals, 65_536);
            if (c.reachable() != 0) {
                throw new IllegalStateException("self-check: " + c.reachable() + " left after the withdrawals");
            }
        }
        return new long[] {updates.length + SpeakerMessages.END_OF_RIB_IPV4.length, withdrawals.length};
    }

    /**
     * The mesh's warm-up and self-check: every session's announcement counted by one counter, then every
     * withdrawal. Returns the octets all sessions write for each.
     */
    private long[] warmUpMesh() {
        long[] sizes = new long[2];
        for (int round = 0; round < 2; round++) {
            UpdateCounter c = new UpdateCounter((type, b, off, len) -> { });
            sizes[0] = 0;
            sizes[1] = 0;
            for (Session s : sessions) {
                byte[] a = MeshRoutes.announce(s.index, args.block, s.local.getAddress());
                c.feed(a, 0, a.length);
                sizes[0] += a.length;
            }
            long all = (long) args.sessions * args.block;
            if (c.reachable() != all || MeshRoutes.own(c, sessions.length - 1, args.block) != args.block) {
                throw new IllegalStateException("self-check: counted " + c.reachable() + " of " + all);
            }
            for (Session s : sessions) {
                byte[] w = MeshRoutes.withdraw(s.index, args.block);
                c.feed(w, 0, w.length);
                sizes[1] += w.length;
            }
            if (c.reachable() != 0) {
                throw new IllegalStateException("self-check: " + c.reachable() + " left after the withdrawals");
            }
        }
        return sizes;
    }

    /**
     * The mesh's ANNOUNCE or WITHDRAW: every session writes its own UPDATE on its loop; {@code what}_START before
     * the first write, {@code what}_DONE once the last has gone to its socket.
     */
    private void meshStream(String what, boolean announce) {
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(sessions.length);
        emit(what + "_START " + System.nanoTime());
        for (Session s : sessions) {
            byte[] m = announce ? MeshRoutes.announce(s.index, args.block, s.local.getAddress())
                    : MeshRoutes.withdraw(s.index, args.block);
            s.write(what, Unpooled.wrappedBuffer(m), () -> {
                if (left.decrementAndGet() == 0) {
                    emit(what + "_DONE " + System.nanoTime() + " 0");
                }
            });
        }
    }

    private static void feedInChunks(UpdateCounter c, byte[] stream, int chunk) {
        for (int p = 0; p < stream.length; p += chunk) {
            c.feed(stream, p, Math.min(chunk, stream.length - p));
        }
    }

    private synchronized void emit(String line) {
        out.println(line);
    }

    private void quit() {
        quitting = true;
        for (Session s : sessions) {
            s.loop.execute(s::close);
        }
    }

    /** One ticker per event loop, made with the sessions (on the main thread) and used on its loop only. */
    private final java.util.Map<EventLoop, Ticker> tickers = new java.util.IdentityHashMap<>();

    /**
     * The paced reads of one event loop's sessions: those waiting for the next tick, read all at once by one
     * scheduled task per tick (a task per session and tick cost the receivers more CPU than their counting did,
     * with 200 sessions).
     */
    private final class Ticker {
        private final EventLoop loop;
        private java.util.List<ChannelHandlerContext> due = new java.util.ArrayList<>();
        private java.util.List<ChannelHandlerContext> spare = new java.util.ArrayList<>();
        private boolean scheduled;

        Ticker(EventLoop loop) {
            this.loop = loop;
        }

        void later(ChannelHandlerContext ctx) {
            due.add(ctx);
            if (!scheduled) {
                scheduled = true;
                long delay = args.readDelayNanos - Math.floorMod(System.nanoTime(), args.readDelayNanos);
                loop.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
            }
        }

        private void tick() {
            scheduled = false;
            java.util.List<ChannelHandlerContext> now = due;
            due = spare;
            for (ChannelHandlerContext ctx : now) {
                if (ctx.channel().isActive()) {
                    ctx.read(); // may read at once and queue the context for the next tick
                }
            }
            now.clear();
            spare = now;
        }
    }

    /** One session. Every field is touched only on {@link #loop}. */
    private final class Session extends ChannelInboundHandlerAdapter {
        final int index;
        final EventLoop loop;
        final InetSocketAddress local;
        final byte[] open;
        final UpdateCounter counter;
        final byte[] scratch = new byte[256 * 1024];
        Channel channel;
        boolean openReceived;
        boolean established;
        boolean full;
        boolean empty;
        boolean closed;
        ScheduledFuture<?> keepaliveTask;
        long reads;
        final Ticker ticker;

        Session(int index, EventLoop loop) {
            this.index = index;
            this.loop = loop;
            this.ticker = tickers.computeIfAbsent(loop, Ticker::new);
            // A receiver of the full table gets its whole bitmap now, not while the clock runs; a mesh node's few
            // blocks need a page or two.
            this.counter = new UpdateCounter(this::control);
            if (!args.injector && !args.mesh) {
                counter.preallocate(FullTableStream.MAX_LENGTH);
            }
            InetAddress address = spread(args.local, index);
            this.local = new InetSocketAddress(address, 0);
            byte[] a = address.getAddress();
            int routerId = ((a[0] & 0xFF) << 24) | ((a[1] & 0xFF) << 16) | ((a[2] & 0xFF) << 8) | (a[3] & 0xFF);
            this.open = SpeakerMessages.open(args.as, args.hold, routerId, true);
        }

        void connect() {
            loop.execute(() -> {
                if (quitting || established || (channel != null && channel.isActive())) {
                    return;
                }
                new Bootstrap()
                        .group(loop)
                        .channel(EpollSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 65_536, 262_144))
                        .option(ChannelOption.AUTO_READ, !paced())
                        .handler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel ch) {
                                channel = ch;
                                openReceived = false;
                                ch.pipeline().addLast(Session.this);
                            }
                        })
                        .connect(args.router, local)
                        .addListener(f -> {
                            if (!f.isSuccess()) {
                                retryLater(); // the router is not listening yet
                            }
                        });
            });
        }

        private void retryLater() {
            if (!quitting && !established) {
                loop.schedule(this::connect, 200, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public boolean isSharable() {
            return true; // a retry installs the handler on the new channel
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(open));
            // BIRD listens with a backlog of 8: of a thousand sessions connecting at once, some complete the
            // handshake on our side only, and the router never sees them. No OPEN in 5 s: try again.
            Channel ch = ctx.channel();
            loop.schedule(() -> {
                if (ch == channel && ch.isActive() && !openReceived) {
                    ch.close(); // channelInactive retries, not being Established
                }
            }, 5, TimeUnit.SECONDS);
            if (paced()) {
                ctx.read();
            }
        }

        private boolean paced() {
            return !args.injector && args.readDelayNanos > 0;
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (paced()) {
                // The next read on the next tick, the same for every session: one wake-up serves them all.
                ticker.later(ctx);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            reads++;
            try {
                while (in.isReadable()) {
                    int n = Math.min(in.readableBytes(), scratch.length);
                    in.readBytes(scratch, 0, n);
                    counter.feed(scratch, 0, n);
                }
            } catch (UpdateCounter.MalformedException e) {
                emit("ERROR " + index + " " + e.getMessage());
                ctx.close();
                return;
            } finally {
                in.release();
            }
            if (!args.injector) {
                long reachable = counter.reachable();
                if (args.mesh && reachable > 0) {
                    reachable -= MeshRoutes.own(counter, index, args.block); // its own routes sent back: not full
                }
                if (!full && reachable == fullCount) {
                    full = true;
                    emit("FULL " + index + " " + System.nanoTime());
                } else if (full && !empty && reachable == 0) {
                    empty = true;
                    emit("EMPTY " + index + " " + System.nanoTime());
                }
            }
        }

        private void control(int type, byte[] b, int offset, int length) {
            switch (type) {
                case SpeakerMessages.TYPE_OPEN -> {
                    if (length < 29) {
                        emit("ERROR " + index + " short OPEN");
                        channel.close();
                        return;
                    }
                    openReceived = true;
                    int hold = Math.min(args.hold, ((b[offset + 22] & 0xFF) << 8) | (b[offset + 23] & 0xFF));
                    channel.writeAndFlush(Unpooled.wrappedBuffer(SpeakerMessages.KEEPALIVE));
                    if (hold > 0) {
                        long every = TimeUnit.SECONDS.toNanos(hold) / 3;
                        Channel ch = channel;
                        keepaliveTask = loop.scheduleAtFixedRate(
                                () -> ch.writeAndFlush(Unpooled.wrappedBuffer(SpeakerMessages.KEEPALIVE)),
                                every, every, TimeUnit.NANOSECONDS);
                    }
                }
                case SpeakerMessages.TYPE_KEEPALIVE -> {
                    if (openReceived && !established) {
                        established = true;
                        emit("ESTABLISHED " + index + " " + System.nanoTime());
                    }
                }
                case SpeakerMessages.TYPE_NOTIFICATION -> emit("NOTIFICATION " + index + " "
                        + (length > 19 ? b[offset + 19] & 0xFF : -1) + " " + (length > 20 ? b[offset + 20] & 0xFF : -1));
                default -> { } // ROUTE-REFRESH and anything else: nothing to do
            }
        }

        /** Writes {@code bytes} as one buffer and reports when it started and when the socket took the last octet. */
        void stream(String what, ByteBuf bytes) {
            int octets = bytes.readableBytes();
            long[] start = new long[1];
            write(what, bytes.retainedDuplicate(), () -> emit(what + "_DONE " + System.nanoTime() + " " + octets),
                    () -> start[0] = System.nanoTime(), () -> emit(what + "_START " + start[0]));
        }

        /** Writes {@code buf} (released here) on the session's loop; {@code done} runs once the socket took it. */
        void write(String what, ByteBuf buf, Runnable done) {
            write(what, buf, done, () -> { }, () -> { });
        }

        private void write(String what, ByteBuf buf, Runnable done, Runnable before, Runnable after) {
            loop.execute(() -> {
                if (!established || channel == null || !channel.isActive()) {
                    buf.release();
                    emit("ERROR " + index + " " + what + " without an Established session");
                    return;
                }
                before.run();
                channel.writeAndFlush(buf).addListener(f -> {
                    if (f.isSuccess()) {
                        done.run();
                    } else {
                        emit("ERROR " + index + " " + what + " write failed: " + f.cause());
                    }
                });
                after.run();
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() == channel) {
                if (keepaliveTask != null) {
                    keepaliveTask.cancel(false);
                    keepaliveTask = null;
                }
                if (established) {
                    if (!quitting && !closed) {
                        closed = true;
                        emit("CLOSED " + index);
                    }
                } else {
                    retryLater(); // the router refused or dropped us before Established: try again
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (established) {
                emit("ERROR " + index + " " + cause);
            }
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

        String status() {
            String state = established ? (channel != null && channel.isActive() ? "Established" : "Closed")
                    : openReceived ? "OpenConfirm" : "Connecting";
            return "SESSION " + index + " " + state + " " + counter.reachable() + " " + counter.announced() + " "
                    + counter.withdrawn() + " " + counter.reannounced() + " " + counter.unknownWithdrawn() + " "
                    + counter.updates() + " " + counter.octets() + " " + reads;
        }

        String verify() {
            FullTableStream.Prefixes e = args.mesh ? MeshRoutes.others(index, sessions.length, args.block) : expected;
            if (e == null) {
                return "VERIFY " + index + " 0 0";
            }
            return "VERIFY " + index + " " + counter.missing(e) + " " + counter.extra(e);
        }
    }

    /** The IPv4 address {@code by} after {@code literal}. */
    static InetAddress offset(String literal, int by) {
        return offset(Args.literal(literal), by);
    }

    /**
     * Session {@code i}'s address from {@code base}: {@link Testbed#RECEIVERS_PER_NET} to a /24, then the same
     * host numbers in the next /24 (base + 256 * (i / 200) + i % 200), never .0 or .255 from a base of .10.
     */
    static InetAddress spread(InetAddress base, int i) {
        return offset(base, 256 * (i / Testbed.RECEIVERS_PER_NET) + i % Testbed.RECEIVERS_PER_NET);
    }

    static InetAddress offset(InetAddress base, int by) {
        byte[] a = base.getAddress();
        int v = ((a[0] & 0xFF) << 24) | ((a[1] & 0xFF) << 16) | ((a[2] & 0xFF) << 8) | (a[3] & 0xFF);
        v += by;
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8),
                (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private record Args(boolean injector, boolean mesh, int block, InetSocketAddress router, InetAddress local,
            int sessions, long as, int prefixes, long seed, int hold, int threads, long readDelayNanos) {
        static Args parse(String[] argv) {
            Boolean injector = null;
            boolean mesh = false;
            int block = 10;
            String router = null;
            int port = 179;
            String local = null;
            int sessions = 1;
            Long as = null;
            int prefixes = 1_000_000;
            long seed = 1;
            int hold = 90;
            int threads = 1;
            long readDelayUs = 1000;
            for (int i = 0; i < argv.length; i++) {
                switch (argv[i]) {
                    case "--role" -> {
                        String role = argv[++i];
                        injector = switch (role) {
                            case "injector" -> true;
                            case "receivers", "mesh" -> false;
                            default -> throw new IllegalArgumentException("--role injector|receivers|mesh");
                        };
                        mesh = role.equals("mesh");
                    }
                    case "--block" -> block = Integer.parseInt(argv[++i]);
                    case "--router" -> router = argv[++i];
                    case "--port" -> port = Integer.parseInt(argv[++i]);
                    case "--local" -> local = argv[++i];
                    case "--sessions" -> sessions = Integer.parseInt(argv[++i]);
                    case "--as" -> as = Long.parseLong(argv[++i]);
                    case "--prefixes" -> prefixes = Integer.parseInt(argv[++i]);
                    case "--seed" -> seed = Long.parseLong(argv[++i]);
                    case "--hold" -> hold = Integer.parseInt(argv[++i]);
                    case "--threads" -> threads = Integer.parseInt(argv[++i]);
                    case "--read-delay-us" -> readDelayUs = Long.parseLong(argv[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + argv[i]);
                }
            }
            if (injector == null || router == null || local == null) {
                throw new IllegalArgumentException("--role, --router and --local are required");
            }
            if (injector && sessions != 1) {
                throw new IllegalArgumentException("the injector has one session");
            }
            if (mesh) {
                MeshRoutes.check(sessions, block);
            }
            long asn = as != null ? as : injector ? 65001 : 65002;
            return new Args(injector, mesh, block, new InetSocketAddress(literal(router), port), literal(local),
                    sessions, asn, prefixes, seed, hold, threads, readDelayUs * 1000);
        }

        private static InetAddress literal(String s) {
            try {
                return InetAddress.getByName(s); // literals only: no lookup happens
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(s, e);
            }
        }
    }
}
