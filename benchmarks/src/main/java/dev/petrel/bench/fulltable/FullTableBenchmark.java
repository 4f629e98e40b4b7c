package dev.petrel.bench.fulltable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The full-table macro benchmark: one router (BIRD 2 or Petrel) in the middle of three network namespaces, a
 * fast injector streaming a synthetic full table to it over eBGP, and N counting receivers it re-advertises the
 * table to over eBGP. One run per invocation, on a freshly started router; {@code benchmarks/fulltable.sh} repeats
 * runs and summarises them.
 *
 * <p>The sequence:
 *
 * <ol>
 *   <li>{@link Testbed}: namespaces NAME-inj, NAME-rtr, NAME-rcv, two veth pairs;
 *   <li>the injector and receiver JVMs ({@link FullTableSpeakers}) start and generate the table (the receivers
 *       also count it once offline, which compiles their counting loop); the router starts;
 *   <li>the receivers connect, then the injector: all Established as the speakers see it and as the router says
 *       ({@code birdc show protocols}, {@code petrel show peers --json}); then {@code --settle} seconds of quiet;
 *   <li>announce: the injector writes the table; the clock runs from just before its first octet to the moment the
 *       last receiver session holds every prefix. Router CPU (utime + stime) over that interval; the receivers
 *       then check that they hold exactly the injected prefixes;
 *   <li>memory with the table loaded: for Petrel the heap after a full GC ({@code jcmd GC.run}, {@code GC.heap_info})
 *       per route and the RSS; for BIRD {@code show memory} per route;
 *   <li>withdraw: the injector withdraws every prefix; the clock runs from its first withdrawal octet until the last
 *       receiver session holds none;
 *   <li>the router's peak RSS ({@code VmHWM}, the whole run) and everything torn down.
 * </ol>
 *
 * <p>A phase that does not complete within {@code --timeout} seconds ends the run with a message such as
 * "petrel: receivers got 0 of 1000000 prefixes after 120 s". Prints a table and {@code RESULT router receivers
 * prefixes key value} lines. Needs root (namespaces) and, for BIRD, {@code bird} and {@code birdc} on the PATH.
 */
public final class FullTableBenchmark {

    /** What to run. */
    public record Options(String router, int receivers, int prefixes, long seed, int timeoutSeconds,
            double settleSeconds, Path out, Path root, String name, List<String> speakerJavaOptions,
            int receiverThreads, int holdSeconds, int readDelayMicros, int quietWaitSeconds, boolean fib,
            int idleSeconds, Router.Shape shape, int block) {

        public static Options defaults() {
            return new Options("bird", 1, 1_000_000, 1, 120, 1.0, Path.of("benchmarks/target/fulltable/run"),
                    findRoot(), "fb" + ProcessHandle.current().pid(),
                    List.of("-XX:+UseSerialGC", "-Xms256m", "-Xmx2g", "-XX:TieredStopAtLevel=1"), 1, 90, 1000, 0, false,
                    30, Router.Shape.EBGP, 10);
        }

        public Options withRouter(String r) {
            return new Options(r, receivers, prefixes, seed, timeoutSeconds, settleSeconds, out, root, name,
                    speakerJavaOptions, receiverThreads, holdSeconds, readDelayMicros,
                    quietWaitSeconds, fib, idleSeconds, shape, block);
        }

        public Options withSize(int receiverCount, int prefixCount) {
            return new Options(router, receiverCount, prefixCount, seed, timeoutSeconds, settleSeconds, out, root,
                    name, speakerJavaOptions, receiverThreads, holdSeconds, readDelayMicros,
                    quietWaitSeconds, fib, idleSeconds, shape, block);
        }

        public Options withTimeout(int seconds) {
            return new Options(router, receivers, prefixes, seed, seconds, settleSeconds, out, root, name,
                    speakerJavaOptions, receiverThreads, holdSeconds, readDelayMicros,
                    quietWaitSeconds, fib, idleSeconds, shape, block);
        }

        public Options withName(String namespacePrefix) {
            return new Options(router, receivers, prefixes, seed, timeoutSeconds, settleSeconds, out, root,
                    namespacePrefix, speakerJavaOptions, receiverThreads, holdSeconds, readDelayMicros,
                    quietWaitSeconds, fib, idleSeconds, shape, block);
        }

        public Options withOut(Path dir) {
            return new Options(router, receivers, prefixes, seed, timeoutSeconds, settleSeconds, dir, root, name,
                    speakerJavaOptions, receiverThreads, holdSeconds, readDelayMicros,
                    quietWaitSeconds, fib, idleSeconds, shape, block);
        }

        /** The kernel FIB mode ({@link #runFib}) with {@code idle} seconds of idle measurement, and no receivers. */
        public Options withFib(int idle) {
            return new Options(router, 0, prefixes, seed, timeoutSeconds, settleSeconds, out, root, name,
                    speakerJavaOptions, receiverThreads, holdSeconds, readDelayMicros, quietWaitSeconds, true, idle,
                    shape, block);
        }

        /**
         * The reflector shapes: {@link Router.Shape#REFLECTOR} as is; {@link Router.Shape#MESH} with {@code block}
         * prefixes per receiver, so {@code receivers * block} prefixes in all.
         */
        public Options withShape(Router.Shape s, int blocks) {
            return new Options(router, receivers, s == Router.Shape.MESH ? receivers * blocks : prefixes, seed,
                    timeoutSeconds, settleSeconds, out, root, name, speakerJavaOptions, receiverThreads, holdSeconds,
                    readDelayMicros, quietWaitSeconds, fib, idleSeconds, s, blocks);
        }

        static Options parse(String[] argv) {
            Options d = defaults();
            String router = d.router;
            int receivers = d.receivers;
            int prefixes = d.prefixes;
            long seed = d.seed;
            int timeout = d.timeoutSeconds;
            double settle = d.settleSeconds;
            Path out = d.out;
            Path root = d.root;
            String name = d.name;
            List<String> jopts = d.speakerJavaOptions;
            int threads = d.receiverThreads;
            int hold = d.holdSeconds;
            int readDelay = d.readDelayMicros;
            int quietWait = d.quietWaitSeconds;
            boolean fib = d.fib;
            int idle = d.idleSeconds;
            Router.Shape shape = d.shape;
            int block = d.block;
            for (int i = 0; i < argv.length; i++) {
                switch (argv[i]) {
                    case "--router" -> {
                        router = argv[++i];
                        if (!router.equals("bird") && !router.equals("petrel") && !router.matches("bird-scan[1-9]\\d*")) {
                            throw new IllegalArgumentException("--router bird|bird-scanS|petrel");
                        }
                    }
                    case "--receivers" -> receivers = Integer.parseInt(argv[++i]);
                    case "--prefixes" -> prefixes = Integer.parseInt(argv[++i]);
                    case "--seed" -> seed = Long.parseLong(argv[++i]);
                    case "--timeout" -> timeout = Integer.parseInt(argv[++i]);
                    case "--settle" -> settle = Double.parseDouble(argv[++i]);
                    case "--out" -> out = Path.of(argv[++i]);
                    case "--root" -> root = Path.of(argv[++i]);
                    case "--name" -> name = argv[++i];
                    case "--speaker-java-opts" -> jopts = List.of(argv[++i].trim().split("\\s+"));
                    case "--receiver-threads" -> threads = Integer.parseInt(argv[++i]);
                    case "--hold" -> hold = Integer.parseInt(argv[++i]);
                    case "--read-delay-us" -> readDelay = Integer.parseInt(argv[++i]);
                    case "--quiet-wait" -> quietWait = Integer.parseInt(argv[++i]);
                    case "--fib" -> fib = true;
                    case "--idle" -> idle = Integer.parseInt(argv[++i]);
                    case "--reflector" -> shape = shape == Router.Shape.MESH ? shape : Router.Shape.REFLECTOR;
                    case "--mesh" -> {
                        shape = Router.Shape.MESH;
                        block = Integer.parseInt(argv[++i]);
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + argv[i]);
                }
            }
            if (shape == Router.Shape.MESH) {
                MeshRoutes.check(receivers, block);
                prefixes = receivers * block;
            }
            if (fib && shape != Router.Shape.EBGP) {
                throw new IllegalArgumentException("--fib has no reflector shape");
            }
            return new Options(router, receivers, prefixes, seed, timeout, settle, out, root, name, jopts, threads,
                    hold, readDelay, quietWait, fib, idle, shape, block);
        }
    }

    /**
     * The figures of one completed run: times and CPU in seconds, memory in MiB or bytes per route, by RESULT key,
     * in print order.
     */
    public record Result(String router, int receivers, int prefixes, Map<String, Double> values) {
        public double get(String key) {
            Double v = values.get(key);
            return v == null ? Double.NaN : v;
        }
    }

    private FullTableBenchmark() {}

    public static void main(String[] argv) {
        Options o;
        try {
            o = Options.parse(argv);
        } catch (RuntimeException e) {
            System.err.println("fulltable: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(o, System.out);
            System.exit(0);
        } catch (BenchmarkFailure e) {
            // The first line is the verdict; the rest (log tails) is detail for stderr.
            List<String> lines = e.getMessage().lines().toList();
            System.out.println("FAILED " + o.router + " " + o.receivers + " " + o.prefixes + ": "
                    + (lines.isEmpty() ? "" : lines.getFirst()));
            System.out.flush();
            if (lines.size() > 1) {
                System.err.println(String.join("\n", lines.subList(1, lines.size())));
            }
            System.exit(1);
        } catch (Exception e) {
            System.out.println("FAILED " + o.router + " " + o.receivers + " " + o.prefixes + ": " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    public static Result run(Options o, PrintStream out) throws Exception {
        if (o.fib) {
            return runFib(o, out);
        }
        Files.createDirectories(o.out);
        Duration timeout = Duration.ofSeconds(o.timeoutSeconds);
        Map<String, Double> v = new LinkedHashMap<>();
        boolean mesh = o.shape == Router.Shape.MESH;
        out.printf(Locale.ROOT, "%s: %s as the router, %d prefixes (%s), %d receiver session(s);"
                        + " load average %s; logs in %s%n", switch (o.shape) {
                            case EBGP -> "full table";
                            case REFLECTOR -> "route reflector, one client announcing to the others";
                            case MESH -> "route reflector, every client announcing " + o.block + " and receiving all";
                        }, o.router, o.prefixes, mesh ? "/26 blocks" : "seed " + o.seed, o.receivers, loadAverage(),
                o.out);
        try (Testbed bed = Testbed.create(o.name, o.receivers);
                Router router = o.router.startsWith("bird") ? new BirdRouter() : new PetrelRouter(o.root)) {
            List<String> common = new ArrayList<>(List.of("--prefixes", Integer.toString(o.prefixes), "--seed",
                    Long.toString(o.seed), "--hold", Integer.toString(o.holdSeconds)));
            if (o.shape.reflector()) {
                common.addAll(List.of("--as", Long.toString(Router.REFLECTOR_AS)));
            }
            List<String> rargs = new ArrayList<>(List.of("--router", Testbed.ROUTER_TO_RECEIVERS, "--local",
                    Testbed.FIRST_RECEIVER, "--threads", Integer.toString(o.receiverThreads), "--read-delay-us",
                    Integer.toString(o.readDelayMicros)));
            rargs.addAll(common);
            if (mesh) {
                rargs.addAll(List.of("--block", Integer.toString(o.block)));
            }
            SpeakerChild receivers = SpeakerChild.start(bed, bed.receiversNs, mesh ? "mesh" : "receivers",
                    o.receivers, o.speakerJavaOptions, rargs, o.out.resolve("receivers.log"));
            List<String> iargs = new ArrayList<>(List.of("--router", Testbed.ROUTER_TO_INJECTOR, "--local",
                    Testbed.INJECTOR));
            iargs.addAll(common);
            // The mesh has no injector: its receivers announce.
            SpeakerChild injector = mesh ? null : SpeakerChild.start(bed, bed.injectorNs, "injector", 1,
                    o.speakerJavaOptions, iargs, o.out.resolve("injector.log"));
            SpeakerChild announcer = mesh ? receivers : injector;
            try {
                router.start(bed, o.out, o.receivers, o.shape);
                Duration generate = Duration.ofSeconds(Math.max(60, o.prefixes / 10_000));
                require(receivers.await(() -> receivers.ready, generate), "receivers: not ready after "
                        + generate.toSeconds() + " s" + receivers.tail());
                require(announcer.await(() -> announcer.ready, generate), "injector: not ready after "
                        + generate.toSeconds() + " s" + announcer.tail());

                // Sessions: receivers first, so that the table is announced to everyone at once, then the injector.
                receivers.send("CONNECT");
                // BIRD takes its time over a thousand passive sessions: a minute, or 0.25 s per session.
                Duration up = Duration.ofSeconds(Math.max(60, o.receivers / 4));
                require(receivers.await(() -> SpeakerChild.all(receivers.establishedNs), up),
                        o.router + ": receivers not all Established after " + up.toSeconds() + " s: "
                                + notEstablished(router, router.peerStates()) + receivers.tail());
                List<String> receiverPeers = new ArrayList<>();
                for (int i = 0; i < o.receivers; i++) {
                    receiverPeers.add(Router.receiverPeer(i));
                }
                awaitRouterEstablished(router, receiverPeers, up);
                if (mesh) {
                    router.describe().forEach(line -> out.println("  " + line));
                } else {
                    connectInjector(o, out, router, injector, up);
                }
                out.printf(Locale.ROOT, "  all %d sessions Established; table %.1f MB, withdrawals %.1f MB;"
                                + " router RSS %.0f MiB before the table%n", o.receivers + (mesh ? 0 : 1),
                        announcer.updateOctets / 1e6, announcer.withdrawalOctets / 1e6, mib(Procfs.rss(router.pid())));
                Thread.sleep((long) (o.settleSeconds * 1000));
                long pid = router.pid();
                if (o.quietWaitSeconds > 0) {
                    double[] waited = awaitQuiet(pid, injector, receivers, Duration.ofSeconds(o.quietWaitSeconds));
                    v.put("quiet_wait_s", waited[0]);
                    out.printf(Locale.ROOT, "  waited %.0f s for the rest of the machine to be quiet (%s: %.2f cores"
                            + " busy)%n", waited[0], waited[1] <= QUIET_CORES ? "quiet" : "gave up", waited[1]);
                }
                v.put("rss_before_mb", mib(Procfs.rss(pid)));

                // Announce.
                Cpu cpu = Cpu.take(pid, injector, receivers);
                announcer.send("ANNOUNCE");
                require(announcer.await(() -> announcer.announceStart >= 0, Duration.ofSeconds(30)),
                        announcer.role + ": the table did not start" + announcer.tail());
                boolean complete = receivers.await(() -> SpeakerChild.all(receivers.fullNs), timeout);
                Cpu cpuDone = Cpu.take(pid, injector, receivers);
                if (!complete) {
                    throw new BenchmarkFailure(incomplete(o, receivers, router, true, cpuDone.router - cpu.router));
                }
                announcer.await(() -> announcer.announceDone >= 0, Duration.ofSeconds(10));
                v.put("announce_s", seconds(SpeakerChild.last(receivers.fullNs) - announcer.announceStart));
                v.put("first_receiver_full_s", seconds(first(receivers.fullNs) - announcer.announceStart));
                v.put("inject_s", announcer.announceDone < 0 ? Double.NaN
                        : seconds(announcer.announceDone - announcer.announceStart));
                v.put("cpu_announce_s", cpuDone.router - cpu.router);
                v.put("cpu_announce_system_s", cpuDone.routerSystem - cpu.routerSystem);
                v.put("receivers_cpu_announce_s", cpuDone.receivers - cpu.receivers);
                v.put("receivers_cpu_announce_system_s", cpuDone.receiversSystem - cpu.receiversSystem);
                v.put("injector_cpu_announce_s", cpuDone.injector - cpu.injector);
                v.put("others_cpu_announce_s", cpu.others(cpuDone));
                verify(receivers, o);
                long[] held = reachable(receivers);
                v.put("received_prefixes_min", (double) held[0]);
                v.put("received_prefixes_max", (double) held[1]);
                v.put("peak_rss_loaded_mb", mib(Procfs.peakRss(pid)));
                v.put("rss_loaded_mb", mib(Procfs.rss(pid)));
                v.putAll(router.loadedMemory(o.prefixes));
                Thread.sleep((long) (o.settleSeconds * 1000));

                // Withdraw.
                cpu = Cpu.take(pid, injector, receivers);
                announcer.send("WITHDRAW");
                require(announcer.await(() -> announcer.withdrawStart >= 0, Duration.ofSeconds(30)),
                        announcer.role + ": the withdrawals did not start" + announcer.tail());
                complete = receivers.await(() -> SpeakerChild.all(receivers.emptyNs), timeout);
                cpuDone = Cpu.take(pid, injector, receivers);
                if (!complete) {
                    throw new BenchmarkFailure(incomplete(o, receivers, router, false, cpuDone.router - cpu.router));
                }
                announcer.await(() -> announcer.withdrawDone >= 0, Duration.ofSeconds(10));
                v.put("withdraw_s", seconds(SpeakerChild.last(receivers.emptyNs) - announcer.withdrawStart));
                v.put("withdraw_inject_s", announcer.withdrawDone < 0 ? Double.NaN
                        : seconds(announcer.withdrawDone - announcer.withdrawStart));
                v.put("cpu_withdraw_s", cpuDone.router - cpu.router);
                v.put("cpu_withdraw_system_s", cpuDone.routerSystem - cpu.routerSystem);
                v.put("receivers_cpu_withdraw_s", cpuDone.receivers - cpu.receivers);
                v.put("others_cpu_withdraw_s", cpu.others(cpuDone));
                // VmHWM is kept lazily by the kernel and a later read may be lower: the peak is the larger.
                v.put("peak_rss_mb", Math.max(v.get("peak_rss_loaded_mb"), mib(Procfs.peakRss(pid))));
                v.put("rss_end_mb", mib(Procfs.rss(pid)));
                held = reachable(receivers);
                v.put("remaining_prefixes_max", (double) held[1]);
                announcer.drain();
                if (!announcer.problems.isEmpty()) {
                    throw new BenchmarkFailure(announcer.role + ": " + String.join("; ", announcer.problems));
                }
            } finally {
                receivers.quit();
                if (injector != null) {
                    injector.quit();
                }
            }
        }
        Result r = new Result(o.router, o.receivers, o.prefixes, v);
        print(r, out);
        return r;
    }

    /** The routing table both routers write to (main). */
    static final int FIB_TABLE = 254;
    /** The route protocol numbers they write: BIRD's {@code bird} (RTPROT_BIRD) and Petrel's default. */
    static final int BIRD_PROTOCOL = 12;
    static final int PETREL_PROTOCOL = 186;
    /** The FIB counter's receive buffer: 64 MiB, forced past rmem_max (we are root). */
    static final int FIB_RECEIVE_BYTES = 64 << 20;

    /**
     * The kernel FIB mode: the router (BIRD with {@code protocol kernel}, "bird-scanS" with {@code scan time S};
     * Petrel with {@code kernel { enabled = true }}) and the injector only, no receivers. Per run: the time from
     * the injector's first UPDATE octet until all N prefixes are routes of the router's protocol in the router
     * namespace's main table ({@link FibCounter}, from route notifications), the same for withdrawing them until
     * none is left, the router's CPU over each phase, its CPU over {@code idleSeconds} with the table installed and
     * nothing changing, its peak RSS; each phase's count checked by one dump at its end.
     */
    static Result runFib(Options o, PrintStream out) throws Exception {
        Files.createDirectories(o.out);
        Duration timeout = Duration.ofSeconds(o.timeoutSeconds);
        Map<String, Double> v = new LinkedHashMap<>();
        boolean bird = o.router.startsWith("bird");
        int scanTime = o.router.startsWith("bird-scan") ? Integer.parseInt(o.router.substring(9)) : 0;
        int protocol = bird ? BIRD_PROTOCOL : PETREL_PROTOCOL;
        out.printf(Locale.ROOT, "kernel FIB: %s as the router (%s), %d prefixes (seed %d); load average %s;"
                        + " logs in %s%n", o.router, bird ? "protocol kernel, export all, merge paths on, scan time "
                        + (scanTime > 0 ? scanTime + " s" : "default") : "kernel { enabled = true }", o.prefixes,
                o.seed, loadAverage(), o.out);
        try (Testbed bed = Testbed.create(o.name, 0);
                Router router = bird ? new BirdRouter(true, scanTime) : new PetrelRouter(o.root, true)) {
            List<String> iargs = new ArrayList<>(List.of("--router", Testbed.ROUTER_TO_INJECTOR, "--local",
                    Testbed.INJECTOR, "--prefixes", Integer.toString(o.prefixes), "--seed", Long.toString(o.seed),
                    "--hold", Integer.toString(o.holdSeconds)));
            SpeakerChild injector = SpeakerChild.start(bed, bed.injectorNs, "injector", 1, o.speakerJavaOptions,
                    iargs, o.out.resolve("injector.log"));
            try (FibCounter fib = FibCounter.open(bed.routerNs, FIB_TABLE, protocol, FIB_RECEIVE_BYTES)) {
                router.start(bed, o.out, 0, Router.Shape.EBGP);
                Duration generate = Duration.ofSeconds(Math.max(60, o.prefixes / 10_000));
                require(injector.await(() -> injector.ready, generate), "injector: not ready after "
                        + generate.toSeconds() + " s" + injector.tail());
                Duration up = Duration.ofSeconds(60);
                connectInjector(o, out, router, injector, up);
                out.printf(Locale.ROOT, "  session Established; table %.1f MB, withdrawals %.1f MB; router RSS %.0f MiB"
                                + " before the table; %d routes of protocol %d in table %d%n",
                        injector.updateOctets / 1e6, injector.withdrawalOctets / 1e6, mib(Procfs.rss(router.pid())),
                        fib.count(), protocol, FIB_TABLE);
                Thread.sleep((long) (o.settleSeconds * 1000));
                long pid = router.pid();
                if (o.quietWaitSeconds > 0) {
                    double[] waited = awaitQuiet(pid, injector, null, Duration.ofSeconds(o.quietWaitSeconds));
                    v.put("quiet_wait_s", waited[0]);
                    out.printf(Locale.ROOT, "  waited %.0f s for the rest of the machine to be quiet (%s: %.2f cores"
                            + " busy)%n", waited[0], waited[1] <= QUIET_CORES ? "quiet" : "gave up", waited[1]);
                }
                v.put("rss_before_mb", mib(Procfs.rss(pid)));

                // Announce: until all N are in the FIB.
                fib.expect(o.prefixes);
                Cpu cpu = Cpu.take(pid, injector, null);
                double counterCpu = fib.cpuSeconds();
                injector.send("ANNOUNCE");
                require(injector.await(() -> injector.announceStart >= 0, Duration.ofSeconds(30)),
                        "injector: the table did not start" + injector.tail());
                long reached = fib.await(timeout);
                Cpu cpuDone = Cpu.take(pid, injector, null);
                if (reached < 0) {
                    throw new BenchmarkFailure(o.router + ": the FIB holds " + fib.count() + " of " + o.prefixes
                            + " routes after " + o.timeoutSeconds + " s (" + router.importedFromInjector()
                            + "; overruns " + fib.overruns() + ")\n" + tail(router.log(), 20));
                }
                injector.await(() -> injector.announceDone >= 0, Duration.ofSeconds(10));
                v.put("fib_announce_s", seconds(reached - injector.announceStart));
                v.put("inject_s", injector.announceDone < 0 ? Double.NaN
                        : seconds(injector.announceDone - injector.announceStart));
                v.put("cpu_announce_s", cpuDone.router - cpu.router);
                v.put("cpu_announce_system_s", cpuDone.routerSystem - cpu.routerSystem);
                v.put("injector_cpu_announce_s", cpuDone.injector - cpu.injector);
                v.put("counter_cpu_announce_s", fib.cpuSeconds() - counterCpu);
                v.put("others_cpu_announce_s", cpu.others(cpuDone));
                double[] dump = fib.dumpCount();
                v.put("fib_routes_loaded", dump[0]);
                v.put("dump_s", dump[1]);
                require(dump[0] == o.prefixes, o.router + ": the notifications counted " + o.prefixes
                        + " routes, a dump found " + (long) dump[0]);

                // Idle: the table installed, nothing changing.
                Thread.sleep((long) (o.settleSeconds * 1000));
                long events = fib.events() + fib.otherEvents();
                Cpu idle = Cpu.take(pid, injector, null);
                Thread.sleep(o.idleSeconds * 1000L);
                Cpu idleDone = Cpu.take(pid, injector, null);
                v.put("idle_s", (double) o.idleSeconds);
                v.put("idle_cpu_s", idleDone.router - idle.router);
                v.put("idle_route_events", (double) (fib.events() + fib.otherEvents() - events));
                v.put("others_cpu_idle_s", idle.others(idleDone));
                v.put("peak_rss_loaded_mb", mib(Procfs.peakRss(pid)));
                v.put("rss_loaded_mb", mib(Procfs.rss(pid)));
                v.putAll(router.loadedMemory(o.prefixes));
                Thread.sleep((long) (o.settleSeconds * 1000));

                // Withdraw: until none is left.
                fib.expect(0);
                cpu = Cpu.take(pid, injector, null);
                counterCpu = fib.cpuSeconds();
                injector.send("WITHDRAW");
                require(injector.await(() -> injector.withdrawStart >= 0, Duration.ofSeconds(30)),
                        "injector: the withdrawals did not start" + injector.tail());
                reached = fib.await(timeout);
                cpuDone = Cpu.take(pid, injector, null);
                if (reached < 0) {
                    throw new BenchmarkFailure(o.router + ": the FIB still holds " + fib.count() + " of "
                            + o.prefixes + " routes " + o.timeoutSeconds + " s after the withdrawals began"
                            + " (overruns " + fib.overruns() + ")\n" + tail(router.log(), 20));
                }
                injector.await(() -> injector.withdrawDone >= 0, Duration.ofSeconds(10));
                v.put("fib_withdraw_s", seconds(reached - injector.withdrawStart));
                v.put("withdraw_inject_s", injector.withdrawDone < 0 ? Double.NaN
                        : seconds(injector.withdrawDone - injector.withdrawStart));
                v.put("cpu_withdraw_s", cpuDone.router - cpu.router);
                v.put("cpu_withdraw_system_s", cpuDone.routerSystem - cpu.routerSystem);
                v.put("counter_cpu_withdraw_s", fib.cpuSeconds() - counterCpu);
                v.put("others_cpu_withdraw_s", cpu.others(cpuDone));
                dump = fib.dumpCount();
                v.put("fib_routes_end", dump[0]);
                require(dump[0] == 0, o.router + ": the notifications counted 0 routes, a dump found "
                        + (long) dump[0]);
                v.put("peak_rss_mb", Math.max(v.get("peak_rss_loaded_mb"), mib(Procfs.peakRss(pid))));
                v.put("overruns", (double) fib.overruns());
                injector.drain();
                if (!injector.problems.isEmpty()) {
                    throw new BenchmarkFailure("injector: " + String.join("; ", injector.problems));
                }
            } finally {
                injector.quit();
            }
        }
        Result r = new Result(o.router, 0, o.prefixes, v);
        out.printf(Locale.ROOT, "%-11s %9s %12s %12s %10s %10s %11s %9s %9s%n", "router", "prefixes",
                "FIB full s", "FIB empty s", "CPU ann s", "CPU wd s", "idle CPU s", "peak RSS", "overruns");
        out.printf(Locale.ROOT, "%-11s %9d %12.3f %12.3f %10.2f %10.2f %11.3f %6.0f MB %9.0f%n", r.router,
                r.prefixes, r.get("fib_announce_s"), r.get("fib_withdraw_s"), r.get("cpu_announce_s"),
                r.get("cpu_withdraw_s"), r.get("idle_cpu_s"), r.get("peak_rss_mb"), r.get("overruns"));
        out.printf(Locale.ROOT, "  injector wrote the table in %.3f s, the withdrawals in %.3f s; router CPU in the"
                        + " kernel %.2f s, %.2f s; idle: %.0f s, %.0f route notifications; FIB counter CPU %.2f s,"
                        + " %.2f s; other processes' CPU %.2f s, %.2f s, idle %.2f s%n",
                r.get("inject_s"), r.get("withdraw_inject_s"), r.get("cpu_announce_system_s"),
                r.get("cpu_withdraw_system_s"), r.get("idle_s"), r.get("idle_route_events"),
                r.get("counter_cpu_announce_s"), r.get("counter_cpu_withdraw_s"), r.get("others_cpu_announce_s"),
                r.get("others_cpu_withdraw_s"), r.get("others_cpu_idle_s"));
        for (Map.Entry<String, Double> e : v.entrySet()) {
            out.printf(Locale.ROOT, "RESULT %s %d %d %s %.4f%n", r.router, 0, r.prefixes, e.getKey(), e.getValue());
        }
        return r;
    }

    /** Other processes may use this many cores and the machine still counts as quiet. */
    static final double QUIET_CORES = 0.2;

    /**
     * Waits, up to {@code max}, until the processes other than ours used less than {@link #QUIET_CORES} over 2 s
     * (this machine may be shared: other builds would be measured too). Returns the seconds waited and the cores
     * the others used in the last window.
     */
    private static double[] awaitQuiet(long routerPid, SpeakerChild injector, SpeakerChild receivers, Duration max)
            throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            Cpu before = Cpu.take(routerPid, injector, receivers);
            Thread.sleep(2000);
            double others = before.others(Cpu.take(routerPid, injector, receivers)) / 2;
            double waited = (System.nanoTime() - start) / 1e9;
            if (others < QUIET_CORES || waited >= max.toSeconds()) {
                return new double[] {Math.max(0, waited - 2), others};
            }
        }
    }

    /** Lets the injector connect, waits until both ends of its session are Established, and shows the router. */
    private static void connectInjector(Options o, PrintStream out, Router router, SpeakerChild injector, Duration up)
            throws Exception {
        injector.send("CONNECT");
        require(injector.await(() -> SpeakerChild.all(injector.establishedNs), up),
                o.router + ": injector not Established after " + up.toSeconds() + " s: "
                        + router.peerStates() + injector.tail());
        awaitRouterEstablished(router, List.of(Router.INJECTOR_PEER), up);
        for (String line : router.describe()) {
            out.println("  " + line);
        }
    }

    private static void awaitRouterEstablished(Router router, List<String> peers, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, String> states = router.peerStates();
            if (peers.stream().allMatch(p -> router.established(states.get(p)))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure(router.name() + ": peers not Established after " + timeout.toSeconds()
                        + " s: " + notEstablished(router, states) + "\n" + tail(router.log(), 20));
            }
            Thread.sleep(100);
        }
    }

    /** "N of M peers not Established, e.g. {r07=Passive, ...}" (the first ten). */
    private static String notEstablished(Router router, Map<String, String> states) {
        Map<String, String> down = new LinkedHashMap<>();
        states.forEach((peer, state) -> {
            if (!router.established(state)) {
                down.put(peer, state);
            }
        });
        return down.size() + " of " + states.size() + " peers not Established, e.g. "
                + down.entrySet().stream().limit(10).toList();
    }

    /** The message of a phase that timed out, with what the receiver sessions hold. */
    private static String incomplete(Options o, SpeakerChild receivers, Router router, boolean announce,
            double routerCpu) {
        long[] held = reachable(receivers);
        int full = o.shape == Router.Shape.MESH ? o.prefixes - o.block : o.prefixes;
        return incompleteMessage(o.router, held[0], held[1], full, announce, o.timeoutSeconds,
                String.format(Locale.ROOT, "%s; router CPU %.2f s in the phase, peak RSS %.0f MiB",
                        router.importedFromInjector(), routerCpu, mib(Procfs.peakRss(router.pid()))));
    }

    /**
     * "petrel: receivers got 0 of 1000000 prefixes after 120 s (NOTE)" for an announcement, "... got N withdrawn of
     * 1000000 prefixes ..." for a withdrawal; {@code least} and {@code most} are what the sessions hold.
     */
    static String incompleteMessage(String router, long least, long most, int prefixes, boolean announce,
            int timeoutSeconds, String note) {
        long fewest = announce ? least : prefixes - most;
        long best = announce ? most : prefixes - least;
        String got = fewest == best ? Long.toString(fewest) : fewest + " to " + best;
        return router + ": receivers got " + got + (announce ? " of " : " withdrawn of ") + prefixes
                + " prefixes after " + timeoutSeconds + " s (" + note + ")";
    }

    /** The fewest and the most prefixes a receiver session holds now. */
    private static long[] reachable(SpeakerChild receivers) {
        long least = Long.MAX_VALUE;
        long most = Long.MIN_VALUE;
        for (String line : receivers.ask("STATUS", Duration.ofSeconds(30))) {
            long reachable = Long.parseLong(line.split(" ")[3]);
            least = Math.min(least, reachable);
            most = Math.max(most, reachable);
        }
        return new long[] {least, most};
    }

    /** Every receiver session holds exactly the injected prefixes. */
    private static void verify(SpeakerChild receivers, Options o) {
        for (String line : receivers.ask("VERIFY", Duration.ofSeconds(60))) {
            String[] f = line.split(" ");
            if (!f[2].equals("0") || !f[3].equals("0")) {
                throw new BenchmarkFailure("receiver session " + f[1] + ": " + f[2] + " injected prefixes missing, "
                        + f[3] + " others present");
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new BenchmarkFailure(message);
        }
    }

    /**
     * CPU seconds of the three processes, of this benchmark JVM, and of the whole machine, at one moment
     * ({@code receivers} null: there are none, as in the kernel FIB mode; {@code injector} null: the mesh has none).
     */
    private record Cpu(double router, double routerSystem, double injector, double receivers,
            double receiversSystem, double self, double machine) {
        static Cpu take(long routerPid, SpeakerChild injector, SpeakerChild receivers) {
            return new Cpu(Procfs.cpuSeconds(routerPid), Procfs.systemSeconds(routerPid),
                    injector == null ? 0 : Procfs.cpuSeconds(injector.process.pid()),
                    receivers == null ? 0 : Procfs.cpuSeconds(receivers.process.pid()),
                    receivers == null ? 0 : Procfs.systemSeconds(receivers.process.pid()),
                    Procfs.cpuSeconds(ProcessHandle.current().pid()), Procfs.machineBusySeconds());
        }

        /** CPU that neither the router nor the speakers nor this JVM used between {@code this} and {@code later}. */
        double others(Cpu later) {
            return (later.machine - machine) - (later.router - router) - (later.injector - injector)
                    - (later.receivers - receivers) - (later.self - self);
        }
    }

    private static void print(Result r, PrintStream out) {
        out.printf(Locale.ROOT, "%-7s %9s %9s %10s %10s %10s %10s %9s %11s %11s%n", "router", "receivers",
                "prefixes", "announce s", "withdraw s", "CPU ann s", "CPU wd s", "peak RSS", "heap B/rt",
                "mem B/rt");
        out.printf(Locale.ROOT, "%-7s %9d %9d %10.3f %10.3f %10.2f %10.2f %6.0f MB %11s %11s%n", r.router,
                r.receivers, r.prefixes, r.get("announce_s"), r.get("withdraw_s"), r.get("cpu_announce_s"),
                r.get("cpu_withdraw_s"), r.get("peak_rss_mb"), optional(r.get("heap_b_per_route")),
                optional(r.get("mem_b_per_route")));
        out.printf(Locale.ROOT, "  injector wrote the table in %.3f s, the withdrawals in %.3f s; first receiver"
                            + " full after %.3f s; router CPU in the kernel %.2f s, %.2f s; receivers' CPU %.2f s"
                        + " (announce), %.2f s (withdraw); CPU of other processes on the machine meanwhile %.2f s,"
                        + " %.2f s%n",
                r.get("inject_s"), r.get("withdraw_inject_s"), r.get("first_receiver_full_s"),
                r.get("cpu_announce_system_s"), r.get("cpu_withdraw_system_s"),
                r.get("receivers_cpu_announce_s"), r.get("receivers_cpu_withdraw_s"),
                r.get("others_cpu_announce_s"), r.get("others_cpu_withdraw_s"));
        for (Map.Entry<String, Double> e : r.values.entrySet()) {
            out.printf(Locale.ROOT, "RESULT %s %d %d %s %.4f%n", r.router, r.receivers, r.prefixes, e.getKey(),
                    e.getValue());
        }
    }

    private static String optional(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static long first(long[] times) {
        long m = Long.MAX_VALUE;
        for (long t : times) {
            m = Math.min(m, t);
        }
        return m;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double mib(long bytes) {
        return bytes / (double) (1 << 20);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The repository root: the nearest directory upwards from here with bin/petrel. */
    static Path findRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("bin/petrel"))) {
                return p;
            }
            p = p.getParent();
        }
        return Path.of("").toAbsolutePath();
    }

    /** The last {@code n} lines of a log file. */
    static String tail(Path file, int n) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
