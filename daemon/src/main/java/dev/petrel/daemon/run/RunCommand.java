package dev.petrel.daemon.run;

import dev.petrel.config.ConfigError;
import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PetrelConfig;
import dev.petrel.daemon.admin.AdminException;
import dev.petrel.daemon.admin.AdminServer;
import dev.petrel.daemon.admin.PeerControlHandler;
import dev.petrel.daemon.admin.StopHandler;
import dev.petrel.daemon.admin.PeerPolicyHandler;
import dev.petrel.daemon.admin.ReloadHandler;
import dev.petrel.daemon.reload.ConfigWatcher;
import dev.petrel.daemon.reload.Reloader;
import dev.petrel.daemon.reload.SecretWatch;
import dev.petrel.daemon.admin.ShowFibHandler;
import dev.petrel.daemon.admin.ShowPeersHandler;
import dev.petrel.daemon.admin.ShowRibInHandler;
import dev.petrel.daemon.admin.ShowRibOutHandler;
import dev.petrel.daemon.admin.ShowRoutesCountHandler;
import dev.petrel.daemon.admin.ShowRoutesHandler;
import dev.petrel.daemon.health.HealthServer;
import dev.petrel.daemon.health.ReloadingTls;
import dev.petrel.daemon.health.WriteEndpoints;
import dev.petrel.daemon.health.MetricsEndpoint;
import dev.petrel.daemon.health.SpeakerHealth;
import dev.petrel.daemon.health.Watchdog;
import dev.petrel.daemon.PetrelCommand;
import dev.petrel.daemon.admin.ShowStatusHandler;
import dev.petrel.speaker.Speaker;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import dev.petrel.speaker.metrics.PetrelMetrics;
import java.net.InetSocketAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code petrel run --config FILE}: the daemon, in the foreground (systemd, a container or a terminal supervises
 * it). SIGTERM and SIGINT stop it cleanly: every peer gets a Cease with a shutdown communication first. SIGHUP
 * reloads the configuration file ({@link Reloader}), as {@code petrel reload} does.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the BGP daemon in the foreground with this configuration.",
                "Stop it with SIGTERM or Ctrl-C; reload the file with SIGHUP or 'petrel reload';",
                "ask it questions with 'petrel show'."})
public final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the HOCON configuration")
    Path config;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "the admin socket (default: petrel.admin.socket from the configuration)")
    Path socket;

    @Option(names = "--watch-config",
            description = "reload when the configuration file's content changes (as SIGHUP and 'petrel reload')")
    boolean watchConfig;

    @Option(names = "--graceful-restart",
            description = {"this start follows a graceful stop (graceful-restart.enabled; like bird -R): set the R"
                    + " bit and hold our routes back until every peer has sent End-of-RIB (RFC 4724)"})
    boolean gracefulRestart;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:PETREL_LOG_FORMAT:-text}",
            description = "text (default) or json (one JSON object per line); also PETREL_LOG_FORMAT")
    LogFormat logFormat;

    @Override
    public Integer call() throws Exception {
        String logProblem = logFormat.apply();
        if (logProblem != null) {
            System.err.println("petrel: " + logProblem);
        }
        ConfigResult result = ConfigLoader.load(config);
        if (!(result instanceof ConfigResult.Valid valid)) {
            for (ConfigError e : result.errors()) {
                System.err.println(e);
            }
            System.err.println("petrel: not started: the configuration has errors");
            return 1;
        }
        PetrelConfig cfg = valid.config();
        Path adminPath = socket != null ? socket : cfg.adminSocket();
        // The daemon is the embedding API with a command line, an admin socket and HTTP endpoints around it.
        dev.petrel.speaker.Petrel petrel;
        try {
            dev.petrel.speaker.Petrel.Builder b = dev.petrel.speaker.Petrel.builder().config(cfg);
            if (gracefulRestart) {
                b.restartingGracefully(); // without graceful-restart.enabled the speaker warns and starts afresh
            }
            petrel = b.build().start();
        } catch (RuntimeException e) {
            System.err.println("petrel: cannot start: " + e.getMessage());
            return 1;
        }
        Speaker speaker = petrel.speaker();
        Instant started = Instant.now();
        // The watchdog beats whether or not the HTTP endpoints are on: show status reports it too.
        SpeakerHealth checks = new SpeakerHealth(speaker, petrel.readinessGate(), System::nanoTime);
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("petrel-watchdog", true));
        beats.scheduleAtFixedRate(checks.watchdog()::beat, 0, Watchdog.INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        Reloader reloader = new Reloader(config, petrel);
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean forGood = new java.util.concurrent.atomic.AtomicBoolean();
        AdminServer admin;
        try {
            admin = AdminServer.start(adminPath, Map.ofEntries(
                    Map.entry(ShowStatusHandler.COMMAND, new ShowStatusHandler(cfg, PetrelCommand.version(), started,
                            checks, true, speaker.fib(), Clock.systemUTC(), speaker::restarting)),
                    Map.entry(ShowPeersHandler.COMMAND, new ShowPeersHandler(speaker::peers)),
                    Map.entry(PeerControlHandler.SHUTDOWN, new PeerControlHandler(true, speaker::session)),
                    Map.entry(PeerControlHandler.START, new PeerControlHandler(false, speaker::session)),
                    Map.entry(PeerPolicyHandler.COMMAND, new PeerPolicyHandler(speaker::setPolicies)),
                    Map.entry(ShowRoutesHandler.COMMAND, new ShowRoutesHandler(speaker.rib())),
                    Map.entry(ShowRoutesCountHandler.COMMAND, new ShowRoutesCountHandler(speaker.rib())),
                    Map.entry(ShowRibInHandler.COMMAND, new ShowRibInHandler(speaker.rib())),
                    Map.entry(ShowRibOutHandler.COMMAND, new ShowRibOutHandler(speaker.rib())),
                    Map.entry(ShowFibHandler.COMMAND, new ShowFibHandler(speaker.fib())),
                    Map.entry(ReloadHandler.COMMAND, new ReloadHandler(reloader)),
                    Map.entry(StopHandler.COMMAND, new StopHandler(cfg.gracefulRestart().enabled(), good -> {
                        if (good) {
                            forGood.set(true); // sticky: a plain stop after it must not make it graceful again
                        }
                        // a moment for the answer to reach the client before the admin socket closes
                        java.util.concurrent.CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
                                .execute(stopped::countDown);
                    }))),
                    AdminServer.Limits.DEFAULT, cfg.adminSocketGroup());
        } catch (IOException e) {
            beats.shutdownNow();
            speaker.close();
            System.err.println("petrel: " + e.getMessage());
            return 1;
        }
        HealthServer health;
        try {
            health = startHealth(cfg, speaker, checks, new WriteEndpoints(new ReloadHandler(reloader),
                    new PeerControlHandler(true, speaker::session), new PeerControlHandler(false, speaker::session)));
        } catch (IllegalStateException e) {
            beats.shutdownNow();
            admin.close();
            speaker.close();
            System.err.println("petrel: " + e.getMessage());
            return 1;
        }
        CountDownLatch done = new CountDownLatch(1);
        // SIGTERM and SIGINT stop the daemon from this thread, so it exits 0 (a JVM shutdown started by the signal
        // would end with 143 or 130, which supervisors count as a failure). The shutdown hook covers other exits.
        for (String sig : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> stopped.countDown());
            } catch (IllegalArgumentException unavailable) {
                LOG.debug("cannot handle SIG{}: {}", sig, unavailable.getMessage());
            }
        }
        handleHangup(reloader);
        SecretWatch secrets = new SecretWatch(reloader, speaker::config);
        ConfigWatcher watcher = null;
        if (watchConfig) {
            try {
                watcher = new ConfigWatcher(config, content -> LOG.info("file change: reload {}",
                        reloader.reload(false).status().name().toLowerCase(java.util.Locale.ROOT)));
            } catch (java.io.IOException e) {
                LOG.warn("cannot watch {} ({}); reload with SIGHUP or 'petrel reload'", config, e.toString());
            }
        }
        Thread hook = new Thread(() -> {
            stopped.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "petrel-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info("admin socket {}", adminPath);
        stopped.await();
        boolean forGoodNow = forGood.get();
        LOG.info(forGoodNow ? "stopping for good: Cease to every peer (a Hard Reset where the N bit is negotiated)"
                : "stopping: sending Cease to every peer");
        try {
            if (health != null) {
                health.close();
            }
            if (watcher != null) {
                watcher.close();
            }
            secrets.close();
            beats.shutdownNow();
            admin.close();
            if (forGoodNow) {
                speaker.closeForGood();
            } else {
                speaker.close();
            }
        } finally {
            done.countDown();
        }
        return 0;
    }

    /**
     * SIGHUP reloads the configuration file, as {@code petrel reload} does, on a thread of its own (a signal
     * handler must not block); the outcome is logged. A HUP that comes while a reload runs waits for it.
     */
    private static void handleHangup(Reloader reloader) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> Thread.ofPlatform().name("petrel-reload")
                    .daemon(true).start(() -> {
                        try {
                            Reloader.Outcome o = reloader.reload(false);
                            LOG.info("SIGHUP: reload {}", o.status().name().toLowerCase(java.util.Locale.ROOT));
                        } catch (RuntimeException e) {
                            LOG.warn("SIGHUP: reload failed: {}", e.toString());
                        }
                    }));
        } catch (IllegalArgumentException unavailable) {
            LOG.debug("cannot handle SIGHUP: {}", unavailable.getMessage());
        }
    }

    /** The HTTP health and metrics endpoints; null when admin.http is off. */
    private static HealthServer startHealth(PetrelConfig cfg, Speaker speaker, SpeakerHealth checks,
            WriteEndpoints writes) {
        if (!cfg.http().enabled()) {
            LOG.info("health endpoints off (admin.http = off)");
            return null;
        }
        // Watched until the server closes: a renewed certificate serves the next connection.
        var tls = cfg.http().tls() == null ? null : ReloadingTls.watch(cfg.http().tls());
        var endpoints = checks.checks();
        MetricsEndpoint metrics = new MetricsEndpoint(PetrelMetrics.of(speaker), checks.watchdog(),
                java.util.concurrent.ForkJoinPool.commonPool());
        endpoints.put(MetricsEndpoint.PATH, metrics.endpoint());
        HealthServer server = HealthServer.start(
                new InetSocketAddress(cfg.http().address().address(), cfg.http().address().port()), endpoints, writes,
                tls, cfg.http().authorization());
        LOG.info("health and metrics endpoints {}://{} ({}, {}, {}; read {}, write {})",
                tls == null ? "http" : "https", cfg.http().address(), SpeakerHealth.LIVEZ, SpeakerHealth.READYZ,
                MetricsEndpoint.PATH, cfg.http().authorization().read(), cfg.http().authorization().write());
        return server;
    }
}
