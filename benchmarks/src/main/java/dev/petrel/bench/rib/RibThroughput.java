package dev.petrel.bench.rib;

import dev.petrel.bench.FullTableStream;
import dev.petrel.rib.MemoryReport;
import dev.petrel.rib.PeerRibConfig;
import dev.petrel.rib.Rib;
import dev.petrel.rib.RibPeer;
import dev.petrel.rib.RibSettings;
import dev.petrel.rib.RouteSink;
import dev.petrel.rib.SessionInfo;
import dev.petrel.wire.DecodeResult;
import dev.petrel.wire.Family;
import dev.petrel.wire.MessageDecoder;
import dev.petrel.wire.Notification;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The RIB alone, without sockets: a full table decoded up front is fed to one eBGP peer's import, and the time
 * is taken until N receivers' sinks (which count and drop the bytes) have been sent every prefix; then the same
 * for withdrawing it. Shows what the RIB costs apart from TCP and decoding, and its memory per route.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.petrel.bench.rib.RibThroughput [prefixes] [receivers] [rounds]}
 */
public final class RibThroughput {
    private static final class CountingSink implements RouteSink {
        final AtomicLong prefixes = new AtomicLong();

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void write(ByteBuf buf, int messages, int prefixes) {
            this.prefixes.addAndGet(prefixes);
            buf.release();
        }

        @Override
        public void resumeReading() {}

        @Override
        public void reset(Notification notification) {}
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int receivers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        SessionContext in = new SessionContext(true, false, Set.of(Family.IPV4_UNICAST), Set.of(), Set.of(), Set.of(),
                PeerType.EXTERNAL, 65000, FullTableStream.NEIGHBOUR_AS, true);
        List<Update> announce = decode(FullTableStream.generate(n, 1), in);
        List<Update> withdraw = decode(FullTableStream.generateWithdrawals(n, 1), in);
        System.out.printf("decoded %d announce and %d withdraw UPDATEs%n", announce.size(), withdraw.size());
        for (int r = 0; r < rounds; r++) {
            try (Rib rib = new Rib(RibSettings.of(65000, 0x0aff00fe)).start()) {
                RibPeer src = rib.addPeer(PeerRibConfig.all("injector", InetAddress.getByName("10.255.0.1"),
                        FullTableStream.NEIGHBOUR_AS, PeerType.EXTERNAL));
                rib.peerUp(src, new SessionInfo(in, 1, InetAddress.getByName("10.255.0.2"), false), new CountingSink());
                List<CountingSink> sinks = new ArrayList<>();
                for (int i = 0; i < receivers; i++) {
                    RibPeer p = rib.addPeer(PeerRibConfig.all("r" + i, InetAddress.getByName("10.255.2." + (10 + i)),
                            65002, PeerType.EXTERNAL));
                    CountingSink s = new CountingSink();
                    sinks.add(s);
                    SessionContext out = new SessionContext(true, false, Set.of(Family.IPV4_UNICAST), Set.of(),
                            Set.of(), Set.of(), PeerType.EXTERNAL, 65000, 65002, true);
                    rib.peerUp(p, new SessionInfo(out, 2 + i, InetAddress.getByName("10.255.2.1"), false), s);
                }
                rib.query(v -> null).get();
                long t0 = System.nanoTime();
                feed(rib, src, announce);
                await(sinks, n);
                long t1 = System.nanoTime();
                MemoryReport m = rib.query(v -> v.memory()).get();
                System.gc();
                Thread.sleep(200);
                Runtime rt = Runtime.getRuntime();
                long heap = rt.totalMemory() - rt.freeMemory();
                for (CountingSink s : sinks) {
                    s.prefixes.set(0);
                }
                long t2 = System.nanoTime();
                feed(rib, src, withdraw);
                await(sinks, n);
                long t3 = System.nanoTime();
                System.out.printf("round %d: %d prefixes to %d receivers: announce %.2f s, withdraw %.2f s;"
                        + " RIB estimate %.0f B/route (%d attribute sets), heap after GC %.0f B/route incl. decoded"
                        + " input%n", r + 1, n, receivers, (t1 - t0) / 1e9, (t3 - t2) / 1e9, m.bytesPerRoute(),
                        m.attributeSets(), (double) heap / n);
            }
        }
    }

    /** As a session would: stop when the RIB says it is behind, go on when it has caught up. */
    private static void feed(Rib rib, RibPeer src, List<Update> updates) throws InterruptedException {
        for (Update u : updates) {
            if (!rib.routes(src, u, dev.petrel.wire.ErrorAction.NONE)) {
                while (rib.queueDepth() > rib.settings().queueLow()) {
                    Thread.sleep(0, 50_000);
                }
            }
        }
    }

    private static void await(List<CountingSink> sinks, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (CountingSink s : sinks) {
            while (s.prefixes.get() < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a receiver got " + s.prefixes.get() + " of " + n);
                }
                Thread.sleep(1);
            }
        }
    }

    private static List<Update> decode(byte[] stream, SessionContext ctx) {
        List<Update> out = new ArrayList<>();
        int off = 0;
        while (off < stream.length) {
            int len = ((stream[off + 16] & 0xff) << 8) | (stream[off + 17] & 0xff);
            DecodeResult r = MessageDecoder.decode(stream, off, len, ctx);
            if (r.message() instanceof Update u) {
                out.add(u);
            }
            off += len;
        }
        return out;
    }
}
