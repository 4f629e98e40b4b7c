package dev.petrel.bench.sessions;

import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PetrelConfig;
import dev.petrel.fsm.Negotiated;
import dev.petrel.fsm.SessionState;
import dev.petrel.fsm.session.PeerSession;
import dev.petrel.fsm.session.SessionListener;
import dev.petrel.fsm.transport.TransportConfig;
import dev.petrel.speaker.PeerStatus;
import dev.petrel.speaker.Speaker;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * The sessions-at-scale benchmark: N configured peers on one in-process Petrel {@link Speaker}, N lightweight test
 * speakers ({@link TestSpeakers}) in a child JVM, so that this JVM's heap is Petrel's (plus this driver's few
 * arrays). It measures
 *
 * <ol>
 *   <li>the time until all N sessions are Established, from the moment the speakers start, all at once (passive
 *       mode: Petrel listens and the speakers connect, as route-reflector clients do) or from {@code Speaker.start}
 *       (active mode: Petrel connects to N listening speakers), as Petrel's {@link SessionListener} reports it;
 *   <li>the heap per idle session: live bytes after a full GC ({@code GC.class_histogram}, which is exact) before
 *       Petrel starts (H0), with the N peers configured and waiting (H1), once all are Established (H2) and after
 *       the idle window (H3); (H2 - H0) / N is everything a peer costs, (H2 - H1) / N its connection; the classes
 *       that make up H2 - H1 are printed;
 *   <li>keepalives over an idle window: the largest gap between KEEPALIVEs from Petrel on every session, against
 *       the keepalive interval, the sessions that dropped, and Petrel's CPU time over the window.
 * </ol>
 *
 * <p>Prints a table, then {@code RESULT key value} lines that {@code benchmarks/scale.sh} aggregates over runs. Run
 * through {@code benchmarks/scale.sh}, which puts both JVMs in a fresh network namespace.
 */
public final class ScaleBenchmark {
    private static final ObjectName DIAGNOSTIC;

    static {
        try {
            DIAGNOSTIC = new ObjectName("com.sun.management:type=DiagnosticCommand");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What to run. */
    public record Options(int peers, boolean passive, int holdSeconds, int keepaliveSeconds, int idleSeconds,
            String listenAddress, int port, int speakerThreads, boolean ibgp, boolean goAtStart, int timeoutSeconds,
            int lateMillis, String speakerJavaOpts, Path log, int histogramTop, int backlog) {

        public static Options defaults() {
            return new Options(1000, true, 9, 3, 60, "127.0.0.1", 0, 1, true, false, 60, 3100,
                    "-XX:+UseSerialGC -Xms64m -Xmx256m -XX:TieredStopAtLevel=1", null, 15, 0);
        }

        static Options parse(String[] argv) {
            Options o = defaults();
            int peers = o.peers;
            boolean passive = o.passive;
            int hold = o.holdSeconds;
            int keepalive = o.keepaliveSeconds;
            int idle = o.idleSeconds;
            String listen = o.listenAddress;
            int port = o.port;
            int threads = o.speakerThreads;
            boolean ibgp = o.ibgp;
            boolean goAtStart = o.goAtStart;
            int timeout = o.timeoutSeconds;
            Integer late = null;
            String jopts = o.speakerJavaOpts;
            Path log = o.log;
            int top = o.histogramTop;
            int backlog = o.backlog;
            for (int i = 0; i < argv.length; i++) {
                switch (argv[i]) {
                    case "--peers" -> peers = Integer.parseInt(argv[++i]);
                    case "--mode" -> passive = switch (argv[++i]) {
                        case "passive" -> true;
                        case "active" -> false;
                        default -> throw new IllegalArgumentException("--mode passive|active");
                    };
                    case "--hold" -> hold = Integer.parseInt(argv[++i]);
                    case "--keepalive" -> keepalive = Integer.parseInt(argv[++i]);
                    case "--idle" -> idle = Integer.parseInt(argv[++i]);
                    case "--listen" -> listen = argv[++i];
                    case "--port" -> port = Integer.parseInt(argv[++i]);
                    case "--speaker-threads" -> threads = Integer.parseInt(argv[++i]);
                    case "--ibgp" -> ibgp = true;
                    case "--ebgp" -> ibgp = false;
                    case "--go-at-start" -> goAtStart = true;
                    case "--timeout" -> timeout = Integer.parseInt(argv[++i]);
                    case "--late-ms" -> late = Integer.parseInt(argv[++i]);
                    case "--speaker-java-opts" -> jopts = argv[++i];
                    case "--log" -> log = Path.of(argv[++i]);
                    case "--histogram-top" -> top = Integer.parseInt(argv[++i]);
                    case "--backlog" -> backlog = Integer.parseInt(argv[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + argv[i]);
                }
            }
            int lateMs = late != null ? late : keepalive * 1000 + 100;
            return new Options(peers, passive, hold, keepalive, idle, listen, port, threads, ibgp, goAtStart,
                    timeout, lateMs, jopts, log, top, backlog);
        }
    }

    /** The figures of one run. Times in milliseconds, heap in bytes. */
    public record Result(int peers, int established, double allEstablishedMs, double p50EstablishedMs,
            double startMs, long heapPerPeer, long heapPerConnection, long heapPerConfiguredPeer,
            long heapGrowthPerPeerIdle, double maxKeepaliveGapMs, int lateSessions, int sessionsWithoutIdleKeepalive,
            int drops, int notifications, int connectAttempts, double idleCpuPercent, long keepalivesReceived) {}

    private ScaleBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Options o = Options.parse(argv);
        Result r = run(o, System.out);
        boolean ok = r.established() == r.peers() && r.drops() == 0 && r.notifications() == 0;
        System.exit(ok ? 0 : 1);
    }

    public static Result run(Options o, PrintStream out) throws Exception {
        Path log = o.log() != null ? o.log() : Files.createTempFile("petrel-scale-", ".log");
        System.setProperty("petrel.scale.log", log.toString()); // before the first logger: see logback.xml
        int n = o.peers();
        int port = o.port() != 0 ? o.port() : freePort(o.listenAddress());
        int speakerPort = o.passive() ? 0 : port;
        out.printf(Locale.ROOT, "sessions at scale: %d %s peers (%s), hold %ds, keepalive %ds, idle %ds, port %d,"
                        + " Petrel log %s%n", n, o.ibgp() ? "iBGP" : "eBGP", o.passive() ? "passive: speakers connect"
                        : "active: Petrel connects", o.holdSeconds(), o.keepaliveSeconds(), o.idleSeconds(), port, log);
        out.printf(Locale.ROOT, "JVM %s, %s, %d cores, max heap %d MiB, listen backlog %d%n", Runtime.version(),
                gcNames(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                o.backlog() == 0 ? TransportConfig.defaults().backlog() : o.backlog());

        String loadAverage = loadAverage();
        Child speakers = Child.start(o, port, Path.of(log + ".speakers"));
        Speaker speaker = null;
        try {
            speakers.await("READY", 30);
            Heap h0 = Heap.take();

            String hocon = config(o, port);
            PetrelConfig config = switch (ConfigLoader.parse(hocon, "scale-benchmark")) {
                case ConfigResult.Valid v -> v.config();
                case ConfigResult.Invalid inv -> throw new IllegalStateException("bad config: " + inv.errors());
            };
            Tracker tracker = new Tracker(n);
            TransportConfig transport = o.backlog() == 0 ? TransportConfig.defaults()
                    : TransportConfig.defaults().withBacklog(o.backlog());
            Map<String, Long> net0 = tcpCounters();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long stormCpu0 = 0;
            Map<String, Long> stormLoops0 = Map.of();
            long t0;
            long tBound;
            long tGo;
            Heap h1 = null;
            if (o.passive()) {
                t0 = System.nanoTime();
                speaker = Speaker.start(config, transport, tracker);
                tBound = System.nanoTime();
                if (!o.goAtStart()) {
                    awaitAll(speaker, SessionState.ACTIVE, 10);
                    h1 = Heap.take();
                }
                stormLoops0 = loopCpu();
                stormCpu0 = os.getProcessCpuTime();
                tGo = System.nanoTime();
                speakers.send("GO");
            } else {
                stormCpu0 = os.getProcessCpuTime();
                speakers.send("GO");
                t0 = System.nanoTime();
                tGo = t0;
                speaker = Speaker.start(config, transport, tracker);
                tBound = System.nanoTime();
            }
            boolean all = tracker.all.await(o.timeoutSeconds(), TimeUnit.SECONDS);
            long stormCpu = os.getProcessCpuTime() - stormCpu0;
            long stormLoopCpu = cpuDiff(stormLoops0, loopCpu());
            double allMs = all ? (tracker.last() - tGo) / 1e6 : Double.NaN;
            double p50Ms = (tracker.quantile(0.5) - tGo) / 1e6;
            double p99Ms = (tracker.quantile(0.99) - tGo) / 1e6;
            double firstMs = (tracker.quantile(0.0) - tGo) / 1e6;
            double startMs = (tBound - t0) / 1e6;
            Map<String, Long> net1 = tcpCounters();
            if (!all) {
                out.printf(Locale.ROOT, "NOT ALL ESTABLISHED after %d s: %d of %d%n", o.timeoutSeconds(),
                        tracker.count.get(), n);
            }

            Thread.sleep(1000); // let the last OPEN/KEEPALIVE exchanges and their garbage settle
            Heap h2 = Heap.take();
            speakers.send("MARK");
            Map<String, Long> loops0 = loopCpu();
            long cpu0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(o.idleSeconds()));
            long cpu1 = os.getProcessCpuTime();
            long w1 = System.nanoTime();
            Map<String, Long> loops1 = loopCpu();
            ChildReport rep = speakers.report(n);
            PetrelView view = PetrelView.of(speaker); // in a method: no snapshot stays on this frame for H3
            int stillUp = view.stillUp();
            int flaps = view.flaps();
            long notifSent = view.notifSent();
            long notifRecv = view.notifRecv();
            Map<String, Integer> timers = view.timers();
            Heap h3 = Heap.take();
            long rss = rssBytes();
            long direct = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
            double idleWall = (w1 - w0) / 1e9;
            double cpuPct = 100.0 * (cpu1 - cpu0) / (w1 - w0);
            long loopCpuNs = cpuDiff(loops0, loops1);

            long perPeer = (h2.live - h0.live) / n;
            long perConn = h1 == null ? -1 : (h2.live - h1.live) / n;
            long perConfigured = h1 == null ? -1 : (h1.live - h0.live) / n;
            long growth = (h3.live - h2.live) / n;

            // ---- Report
            out.println();
            out.println("| measure | target | measured |");
            out.println("|---|---|---|");
            row(out, "peers Established (Petrel's view)", String.valueOf(n), tracker.count.get() + " (at the end: "
                    + stillUp + ")");
            row(out, o.passive() ? "Speaker.start: config to listener bound" : "Speaker.start returned", "",
                    ms(startMs));
            row(out, (o.passive() ? "speakers start" : "Speaker.start") + " to all Established", "< 2000 ms",
                    ms(allMs) + " (first " + ms(firstMs) + ", p50 " + ms(p50Ms) + ", p99 " + ms(p99Ms) + ")");
            if (o.passive()) {
                row(out, "listener bound to all Established", "", ms((tracker.last() - tBound) / 1e6)
                        + (h1 == null ? "" : " (includes the H1 heap snapshot between the two)"));
            }
            row(out, "same, as the speakers saw it (max / p50)", "", ms(rep.maxEstablishedMs()) + " / "
                    + ms(rep.quantileEstablishedMs(0.5)));
            row(out, "connect attempts by the speakers", String.valueOf(n), String.valueOf(rep.attempts));
            row(out, "TCP while the sessions came up (this netns)", "", counterDiff(net0, net1));
            row(out, "Established by (ms after start)", "", tracker.timeline(tGo));
            row(out, "Petrel CPU until all Established (whole JVM)", "", ms(stormCpu / 1e6)
                    + " (event loops " + ms(stormLoopCpu / 1e6) + ", the rest mostly JIT compilation)"
                    + String.format(Locale.ROOT, "; load average before: %s", loadAverage));
            row(out, "heap per peer, all in: (H2 - H0) / N", "< 50 KB", kb(perPeer));
            row(out, "  of which the connection: (H2 - H1) / N", "", perConn < 0 ? "n/a" : kb(perConn));
            row(out, "  of which the configured peer: (H1 - H0) / N", "", perConfigured < 0 ? "n/a" : kb(perConfigured));
            row(out, "heap growth per peer over the idle window: (H3 - H2) / N", "", kb(growth));
            row(out, "live heap H0 / H1 / H2 / H3", "", mib(h0.live) + " / " + (h1 == null ? "n/a" : mib(h1.live))
                    + " / " + mib(h2.live) + " / " + mib(h3.live));
            row(out, "heap used after System.gc() H0 / H2", "", mib(h0.used) + " / " + mib(h2.used));
            row(out, "Netty pooled direct memory in use / process RSS", "", mib(direct) + " / " + mib(rss));
            row(out, "negotiated hold/keepalive (Petrel)", o.holdSeconds() + "/" + o.keepaliveSeconds(),
                    timers.toString());
            row(out, "KEEPALIVEs from Petrel over the idle window", "",
                    rep.idleGaps + " gaps, " + String.format(Locale.ROOT, "%.2f", rep.idleGaps / idleWall) + "/s");
            row(out, "largest KEEPALIVE gap, idle window (all sessions)", "<= " + o.keepaliveSeconds() + " s",
                    ms(rep.maxGapAfterMs()) + " (p50 " + ms(rep.gapQuantileMs(0.5)) + ", p99 "
                            + ms(rep.gapQuantileMs(0.99)) + ", p99.9 " + ms(rep.gapQuantileMs(0.999)) + ")");
            row(out, "sessions with a gap > " + o.lateMillis() + " ms, idle window", "0", rep.lateSessions
                    + " (" + rep.lateGaps + " gaps)");
            row(out, "sessions without a KEEPALIVE gap in the idle window", "0", String.valueOf(rep.noIdleGap));
            row(out, "largest KEEPALIVE gap while the sessions came up", "", ms(rep.maxGapBeforeMs()));
            row(out, "sessions dropped (closed / NOTIFICATION received by speakers)", "0", rep.dropped + " / "
                    + rep.notifications + (rep.notificationCodes.isEmpty() ? "" : " " + rep.notificationCodes));
            row(out, "Petrel: flaps / NOTIFICATIONs sent / received / sessions down", "0",
                    flaps + " / " + notifSent + " / " + notifRecv + " / " + tracker.downs.get());
            row(out, "Petrel CPU over the idle window (whole JVM)", "", String.format(Locale.ROOT,
                    "%.2f %% of a core, %.1f ms/s; event loops %.1f ms/s", cpuPct, (cpu1 - cpu0) / 1e6 / idleWall,
                    loopCpuNs / 1e6 / idleWall));
            row(out, "test speakers CPU, whole run", "", String.format(Locale.ROOT, "%.0f ms", rep.cpuNanos / 1e6));
            out.println();
            out.printf(Locale.ROOT, "What an Established idle session holds, (H2 - H1) / N by class, top %d:%n",
                    o.histogramTop());
            Heap base = h1 != null ? h1 : h0;
            out.print(Heap.diff(base, h2, n, o.histogramTop()));
            out.println();
            out.println("What the idle window added, (H3 - H2) / N by class, top 8:");
            out.print(Heap.diff(h2, h3, n, 8));
            out.println();

            int dropped = rep.dropped + (n - stillUp);
            Result r = new Result(n, tracker.count.get(), allMs, p50Ms, startMs, perPeer, perConn, perConfigured,
                    growth, rep.maxGapAfterMs(), rep.lateSessions, rep.noIdleGap, dropped,
                    rep.notifications + (int) (notifSent + notifRecv), rep.attempts, cpuPct, rep.idleGaps);
            result(out, "all_established_ms", allMs);
            result(out, "p50_established_ms", p50Ms);
            result(out, "listener_to_all_ms", (tracker.last() - tBound) / 1e6);
            result(out, "start_ms", startMs);
            result(out, "storm_cpu_ms", stormCpu / 1e6);
            result(out, "heap_per_peer_bytes", perPeer);
            result(out, "heap_per_connection_bytes", perConn);
            result(out, "heap_per_configured_peer_bytes", perConfigured);
            result(out, "heap_growth_per_peer_idle_bytes", growth);
            result(out, "max_keepalive_gap_ms", rep.maxGapAfterMs());
            result(out, "p99_keepalive_gap_ms", rep.gapQuantileMs(0.99));
            result(out, "late_sessions", rep.lateSessions);
            result(out, "dropped_sessions", dropped);
            result(out, "idle_cpu_percent", cpuPct);
            result(out, "connect_attempts", rep.attempts);
            result(out, "rss_mib", rss / 1048576.0);
            return r;
        } finally {
            if (speaker != null) {
                speaker.close();
            }
            speakers.stop();
        }
    }

    /** Petrel's own view at the end of the idle window, from {@link Speaker#peers()}. */
    private record PetrelView(int stillUp, int flaps, long notifSent, long notifRecv, Map<String, Integer> timers) {
        static PetrelView of(Speaker speaker) {
            List<PeerStatus> status = speaker.peers();
            int stillUp = 0;
            int flaps = 0;
            long notifSent = 0;
            long notifRecv = 0;
            Map<String, Integer> timers = new HashMap<>();
            for (PeerStatus s : status) {
                if (s.state() == SessionState.ESTABLISHED) {
                    stillUp++;
                }
                if (s.establishedTransitions() > 1) {
                    flaps++;
                }
                notifSent += s.counters().notificationsSent();
                notifRecv += s.counters().notificationsReceived();
                if (s.negotiated() != null) {
                    timers.merge(s.negotiated().holdTimeSeconds() + "/" + s.negotiated().keepaliveSeconds(), 1,
                            Integer::sum);
                }
            }
            return new PetrelView(stillUp, flaps, notifSent, notifRecv, timers);
        }
    }

    // ---- Petrel's configuration -------------------------------------------------------------------------------

    static String config(Options o, int port) {
        StringBuilder b = new StringBuilder(64 * o.peers() + 512);
        b.append("petrel {\n");
        b.append("  router-id = \"10.255.255.254\"\n");
        b.append("  local-as = 65000\n");
        b.append("  listen = ").append(o.passive() ? "[\"" + o.listenAddress() + ":" + port + "\"]" : "[]")
                .append('\n');
        b.append("  peer-defaults {\n");
        b.append("    passive = ").append(o.passive()).append('\n');
        b.append("    hold-time = ").append(o.holdSeconds()).append("s\n");
        b.append("    keepalive = ").append(o.keepaliveSeconds()).append("s\n");
        b.append("    families = [ipv4-unicast]\n");
        if (!o.passive()) {
            b.append("    port = ").append(port).append('\n');
        }
        b.append("  }\n");
        b.append("  peers = [\n");
        for (int i = 0; i < o.peers(); i++) {
            long as = o.ibgp() ? 65000 : 65001 + i;
            b.append("    { name = ").append(ScaleAddresses.name(i)).append(", address = \"")
                    .append(ScaleAddresses.peer(i).getHostAddress()).append("\", remote-as = ").append(as)
                    .append(" }\n");
        }
        b.append("  ]\n}\n");
        return b.toString();
    }

    private static int freePort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return s.getLocalPort();
        }
    }

    private static void awaitAll(Speaker speaker, SessionState state, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (speaker.peers().stream().allMatch(p -> p.state() == state)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("peers not all " + state + " after " + seconds + " s");
    }

    // ---- Petrel's side: when each session came up ---------------------------------------------------------------

    /** Records, on the sessions' loops, when each peer first reached Established. */
    private static final class Tracker implements SessionListener {
        final AtomicLongArray at;
        final AtomicInteger count = new AtomicInteger();
        final AtomicInteger downs = new AtomicInteger();
        final CountDownLatch all = new CountDownLatch(1);
        final int n;

        Tracker(int n) {
            this.n = n;
            this.at = new AtomicLongArray(n);
        }

        @Override
        public void established(PeerSession peer, Negotiated negotiated) {
            long now = System.nanoTime();
            if (at.compareAndSet(ScaleAddresses.index(peer.name()), 0, now) && count.incrementAndGet() == n) {
                all.countDown();
            }
        }

        @Override
        public void down(PeerSession peer, String reason, dev.petrel.fsm.session.RouteRetention keep) {
            downs.incrementAndGet();
        }

        private long[] sorted() {
            long[] s = new long[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (at.get(i) != 0) {
                    s[k++] = at.get(i);
                }
            }
            s = Arrays.copyOf(s, k);
            Arrays.sort(s);
            return s;
        }

        /** How many were Established by each of a few times after {@code from}. */
        String timeline(long from) {
            long[] s = sorted();
            StringBuilder sb = new StringBuilder();
            for (int ms : new int[] {250, 500, 750, 1000, 1500, 2000, 3000, 5000}) {
                int k = 0;
                while (k < s.length && s[k] - from <= ms * 1_000_000L) {
                    k++;
                }
                sb.append(sb.isEmpty() ? "" : ", ").append(ms).append(": ").append(k);
                if (k == n) {
                    break;
                }
            }
            return sb.toString();
        }

        long last() {
            long[] s = sorted();
            return s.length == 0 ? 0 : s[s.length - 1];
        }

        long quantile(double q) {
            long[] s = sorted();
            return s.length == 0 ? 0 : s[(int) Math.min(s.length - 1, Math.floor(q * s.length))];
        }
    }

    // ---- Heap ---------------------------------------------------------------------------------------------------

    /** Live heap after a full GC, by class, from {@code GC.class_histogram}. */
    private record Heap(long live, long used, Map<String, long[]> byClass) {
        private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
        private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

        static Heap take() throws Exception {
            System.gc();
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            // GC.class_histogram runs a full GC first: it counts live objects only.
            String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(DIAGNOSTIC, "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            Map<String, long[]> by = new LinkedHashMap<>();
            long total = -1;
            for (String line : text.split("\n")) {
                Matcher m = ROW.matcher(line);
                if (m.find()) {
                    by.merge(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                    continue;
                }
                Matcher t = TOTAL.matcher(line);
                if (t.find()) {
                    total = Long.parseLong(t.group(2));
                }
            }
            if (total < 0) {
                throw new IllegalStateException("no total in the class histogram");
            }
            return new Heap(total, used, by);
        }

        static String diff(Heap from, Heap to, int n, int top) {
            List<Map.Entry<String, long[]>> d = new ArrayList<>();
            for (var e : to.byClass.entrySet()) {
                long[] before = from.byClass.getOrDefault(e.getKey(), new long[2]);
                d.add(Map.entry(e.getKey(), new long[] {e.getValue()[0] - before[0], e.getValue()[1] - before[1]}));
            }
            d.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%12s %12s  %s%n", "bytes/peer", "objects/peer", "class"));
            long shown = 0;
            for (int i = 0; i < Math.min(top, d.size()); i++) {
                long[] v = d.get(i).getValue();
                shown += v[1];
                sb.append(String.format(Locale.ROOT, "%12.1f %12.2f  %s%n", v[1] / (double) n, v[0] / (double) n,
                        d.get(i).getKey()));
            }
            sb.append(String.format(Locale.ROOT, "%12.1f %12s  %s%n", (to.live - from.live - shown) / (double) n,
                    "", "(everything else)"));
            sb.append(String.format(Locale.ROOT, "%12.1f %12s  %s%n", (to.live - from.live) / (double) n, "",
                    "total"));
            return sb.toString();
        }
    }

    private static final List<String> TCP_COUNTERS = List.of("ListenOverflows", "ListenDrops", "TCPReqQFullDrop",
            "TCPReqQFullDoCookies", "SyncookiesSent", "TCPSynRetrans", "TCPTimeouts");

    /** TcpExt counters of this network namespace ({@code /proc/net/netstat}), empty where unreadable. */
    private static Map<String, Long> tcpCounters() {
        Map<String, Long> m = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                String[] k = lines.get(i).split("\\s+");
                String[] v = lines.get(i + 1).split("\\s+");
                if (!k[0].equals("TcpExt:")) {
                    continue;
                }
                for (int j = 1; j < k.length && j < v.length; j++) {
                    if (TCP_COUNTERS.contains(k[j])) {
                        m.put(k[j], Long.parseLong(v[j]));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no counters
        }
        return m;
    }

    private static String counterDiff(Map<String, Long> a, Map<String, Long> b) {
        StringBuilder sb = new StringBuilder();
        for (var e : b.entrySet()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                    .append(e.getValue() - a.getOrDefault(e.getKey(), 0L));
        }
        return sb.isEmpty() ? "n/a" : sb.toString();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static long rssBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    /** CPU time of Petrel's event loop threads, by thread id. */
    private static Map<String, Long> loopCpu() {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        Map<String, Long> m = new HashMap<>();
        for (ThreadInfo i : t.getThreadInfo(t.getAllThreadIds())) {
            if (i != null && i.getThreadName().contains("EventLoopGroup")) {
                long c = t.getThreadCpuTime(i.getThreadId());
                if (c >= 0) {
                    m.put(i.getThreadId() + "", c);
                }
            }
        }
        return m;
    }

    private static long cpuDiff(Map<String, Long> before, Map<String, Long> after) {
        long sum = 0;
        for (var e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    private static String gcNames() {
        List<String> names = new ArrayList<>();
        for (var g : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(g.getName());
        }
        return String.join("+", names);
    }

    private static void row(PrintStream out, String measure, String target, String measured) {
        out.println("| " + measure + " | " + target + " | " + measured + " |");
    }

    private static void result(PrintStream out, String key, double v) {
        out.printf(Locale.ROOT, "RESULT %s %.3f%n", key, v);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f ms", v);
    }

    private static String kb(long bytes) {
        return String.format(Locale.ROOT, "%.1f KB (%d B)", bytes / 1000.0, bytes);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    // ---- The test speakers' process -----------------------------------------------------------------------------

    /** What the speakers reported. */
    private static final class ChildReport {
        final long[] establishedNs;
        long maxGapBeforeNs;
        long maxGapAfterNs;
        int lateSessions;
        long lateGaps;
        int noIdleGap;
        int dropped;
        int notifications;
        final Map<String, Integer> notificationCodes = new HashMap<>();
        int attempts;
        long cpuNanos;
        long idleGaps;
        double[] gapQuantiles;
        static final double[] QUANTILES = {0.5, 0.99, 0.999};

        ChildReport(int n) {
            establishedNs = new long[n];
        }

        double maxEstablishedMs() {
            long m = -1;
            for (long e : establishedNs) {
                if (e < 0) {
                    return Double.NaN;
                }
                m = Math.max(m, e);
            }
            return m / 1e6;
        }

        double quantileEstablishedMs(double q) {
            long[] s = establishedNs.clone();
            Arrays.sort(s);
            return s[(int) Math.min(s.length - 1, Math.floor(q * s.length))] / 1e6;
        }

        double maxGapAfterMs() {
            return maxGapAfterNs / 1e6;
        }

        double maxGapBeforeMs() {
            return maxGapBeforeNs / 1e6;
        }

        /** A gap quantile (one of {@link #QUANTILES}): the upper edge of its 1 ms bucket. */
        double gapQuantileMs(double q) {
            return gapQuantiles[Arrays.binarySearch(QUANTILES, q)];
        }

        /** Only the quantiles are kept: the histogram would be in the H3 heap snapshot. */
        void quantiles(long[] hist) {
            gapQuantiles = new double[QUANTILES.length];
            for (int i = 0; i < QUANTILES.length; i++) {
                gapQuantiles[i] = idleGaps == 0 ? Double.NaN : quantile(hist, QUANTILES[i]);
            }
        }

        private double quantile(long[] hist, double q) {
            long rank = (long) Math.ceil(q * idleGaps);
            long seen = 0;
            for (int ms = 0; ms < hist.length; ms++) {
                seen += hist[ms];
                if (seen >= rank && seen > 0) {
                    return ms + 1;
                }
            }
            return hist.length;
        }
    }

    /** The child JVM running {@link TestSpeakers}. */
    private static final class Child {
        final Process process;
        final BufferedReader in;
        final Writer out;

        private Child(Process p) {
            this.process = p;
            this.in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            this.out = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        }

        static Child start(Options o, int port, Path log) throws IOException {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            for (String s : o.speakerJavaOpts().trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    cmd.add(s);
                }
            }
            if (Runtime.version().feature() >= 23) {
                cmd.add("--sun-misc-unsafe-memory-access=allow"); // Netty's, on JDK 24+: no warnings
                cmd.add("--enable-native-access=ALL-UNNAMED");
            }
            cmd.add("-Dpetrel.scale.log=" + log);
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(TestSpeakers.class.getName());
            cmd.addAll(List.of("--peers", String.valueOf(o.peers()), "--hold", String.valueOf(o.holdSeconds()),
                    "--threads", String.valueOf(o.speakerThreads()), "--late-ms", String.valueOf(o.lateMillis()),
                    o.ibgp() ? "--ibgp" : "--ebgp"));
            if (o.passive()) {
                cmd.addAll(List.of("--mode", "connect", "--target", o.listenAddress() + ":" + port));
            } else {
                cmd.addAll(List.of("--mode", "listen", "--port", String.valueOf(port)));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            return new Child(pb.start());
        }

        void send(String line) throws IOException {
            out.write(line);
            out.write('\n');
            out.flush();
        }

        void await(String what, int seconds) throws IOException {
            // Blocking read: the child prints READY within a second or two, or dies (end of stream).
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals(what)) {
                    return;
                }
            }
            throw new IOException("test speakers exited before " + what + " (exit " + exitCode(seconds) + ")");
        }

        private String exitCode(int seconds) {
            try {
                return process.waitFor(seconds, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "none";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        ChildReport report(int n) throws IOException {
            send("REPORT");
            ChildReport r = new ChildReport(n);
            long[] hist = new long[60_001];
            String line;
            while ((line = in.readLine()) != null && !line.equals("END")) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "S" -> {
                        int i = Integer.parseInt(f[1]);
                        r.establishedNs[i] = Long.parseLong(f[2]);
                        long before = Long.parseLong(f[4]);
                        long after = Long.parseLong(f[5]);
                        int late = Integer.parseInt(f[6]);
                        int code = Integer.parseInt(f[7]);
                        r.maxGapBeforeNs = Math.max(r.maxGapBeforeNs, before);
                        r.maxGapAfterNs = Math.max(r.maxGapAfterNs, after);
                        if (late > 0) {
                            r.lateSessions++;
                            r.lateGaps += late;
                        }
                        if (after == 0) {
                            r.noIdleGap++;
                        }
                        if (code >= 0) {
                            r.notifications++;
                            r.notificationCodes.merge(code + "/" + f[8], 1, Integer::sum);
                        }
                        r.attempts += Integer.parseInt(f[9]);
                        r.dropped += Integer.parseInt(f[10]);
                    }
                    case "H" -> {
                        int ms = Integer.parseInt(f[1]);
                        long c = Long.parseLong(f[2]);
                        hist[Math.min(ms, hist.length - 1)] += c;
                        r.idleGaps += c;
                    }
                    case "CPU" -> r.cpuNanos = Long.parseLong(f[1]);
                    default -> { }
                }
            }
            if (line == null) {
                throw new IOException("test speakers exited during REPORT");
            }
            r.quantiles(hist);
            return r;
        }

        void stop() {
            try {
                send("QUIT");
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
