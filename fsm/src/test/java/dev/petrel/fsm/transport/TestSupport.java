package dev.petrel.fsm.transport;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/** Handlers and probes shared by the transport tests. */
final class TestSupport {
    static final InetAddress V4 = address("127.0.0.1");
    static final InetAddress V6 = address("::1");
    static final Duration SHORT_CONNECT = Duration.ofMillis(1500);

    private TestSupport() {
    }

    static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static InetSocketAddress port(Channel listener) {
        return (InetSocketAddress) listener.localAddress();
    }

    static TransportSettings to(Channel listener) {
        return TransportSettings.of(port(listener)).withConnectTimeout(Duration.ofSeconds(5));
    }

    /** Echoes every byte back. */
    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }
    }

    /** Collects the bytes a channel reads; {@link #received(int)} completes once that many have arrived. */
    static final class Collector extends ChannelInboundHandlerAdapter {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
        final CompletableFuture<Channel> added = new CompletableFuture<>();
        final CompletableFuture<Void> inactive = new CompletableFuture<>();
        private final boolean echo;

        Collector() {
            this(false);
        }

        /** With {@code echo}, also writes every byte back. */
        Collector(boolean echo) {
            this.echo = echo;
        }

        private record Waiter(int count, CompletableFuture<String> future) {
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            added.complete(ctx.channel());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            if (echo) {
                ctx.writeAndFlush(b.retainedSlice());
            }
            try {
                synchronized (bytes) {
                    b.readBytes(bytes, b.readableBytes());
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            } finally {
                b.release();
            }
            check();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            inactive.complete(null);
            ctx.fireChannelInactive();
        }

        synchronized int size() {
            synchronized (bytes) {
                return bytes.size();
            }
        }

        CompletableFuture<String> received(int count) {
            CompletableFuture<String> f = new CompletableFuture<>();
            waiters.add(new Waiter(count, f));
            check();
            return f;
        }

        private void check() {
            String s;
            synchronized (bytes) {
                s = bytes.toString(StandardCharsets.US_ASCII);
            }
            for (Waiter w : waiters) {
                if (s.length() >= w.count()) {
                    w.future().complete(s);
                }
            }
        }
    }

    static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    /** A TCP extension counter of this network namespace ({@code /proc/net/netstat}, e.g. TCPMinTTLDrop). */
    static long tcpExt(String name) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                String[] names = lines.get(i).split(" ");
                String[] values = lines.get(i + 1).split(" ");
                if (!names[0].equals("TcpExt:")) {
                    continue;
                }
                for (int j = 1; j < names.length; j++) {
                    if (names[j].equals(name)) {
                        return Long.parseLong(values[j]);
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no counter " + name);
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes (then fails with {@code what}). */
    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
