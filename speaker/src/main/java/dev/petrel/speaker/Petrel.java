package dev.petrel.speaker;

import dev.petrel.config.ConfigError;
import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import dev.petrel.config.PeerConfig;
import dev.petrel.config.PetrelConfig;
import dev.petrel.config.StaticRoute;
import dev.petrel.fsm.session.PeerSession;
import dev.petrel.fsm.transport.BgpTransport;
import dev.petrel.fsm.transport.TransportConfig;
import dev.petrel.rib.RouteEntry;
import dev.petrel.rib.RouteExplanation;
import dev.petrel.speaker.events.Events;
import dev.petrel.wire.Family;
import dev.petrel.wire.Notification;
import dev.petrel.wire.nlri.Prefix;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Petrel as a library: the entry point of the embedding API. A node agent builds one from a base configuration
 * (router ID, AS, listeners, kernel options: a HOCON file, text, or a few typed settings), starts it, and then
 * drives it with a {@link DesiredState} on every change it sees ({@link #apply}), or with single operations
 * ({@link #addPeer}, {@link #originate}...); it watches what happens through {@link #events()}.
 *
 * <pre>{@code
 * try (Petrel petrel = Petrel.builder().routerId("10.255.1.1").localAs(64512).listen("10.255.1.1:179").build()
 *         .start()) {
 *     petrel.apply(DesiredState.builder()
 *             .peer(PeerSpec.builder("tor", "10.255.1.254", 65001).importPolicy("all").exportPolicy("all").build())
 *             .route(Routes.blackhole("10.244.1.0/26", "64512:100"))
 *             .build());
 *     petrel.events().bestPaths(StreamOptions.DEFAULT).subscribe(subscriber);
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Every method is safe from any thread. Changes ({@link #apply} and the operations built on it)
 * are serialised; lookups return immutable snapshots and wait for the RIB thread's answer without ever blocking
 * it. Several instances can live in one JVM, each with its own AS, router ID and tables, sharing event loops
 * ({@link Builder#eventLoops}).
 *
 * <p><b>Changes are plans.</b> {@link #plan} computes what a desired state would change (per peer: added, removed,
 * reset, or updated in place with the keys that differ) and {@link #apply} applies exactly that, after checking
 * the whole state with the configuration checker (nothing is changed when anything is wrong): so a state applied
 * twice does nothing the second time, and a policy change is applied to the running session without a reset.
 */
public final class Petrel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Petrel.class);
    /** How long a lookup waits for the RIB thread's answer. */
    private static final long QUERY_SECONDS = 30;

    /** The base configuration as HOCON, to compose desired states with; null when built from a config object. */
    private final String baseText;
    private final String origin;
    private final Map<String, String> environment;
    /** The base configuration; replaced by {@link #reloadBase}. Guarded by this. */
    private PetrelConfig base;
    private final TransportConfig transportConfig;
    private final EventLoopGroup loops;
    private final Duration readyGrace;
    private final boolean restartingGracefully;
    private final Events events = new Events();

    // Guarded by this.
    private DesiredState desired;
    /** The routes originated through this API (never the configuration's static routes), by prefix. */
    private final Map<Prefix, StaticRoute> originated = new LinkedHashMap<>();
    private Speaker speaker;
    private dev.petrel.speaker.readiness.SpeakerReadiness readiness;
    private boolean closed;

    private Petrel(Builder b, String baseText, PetrelConfig base) {
        this.baseText = baseText;
        this.origin = b.origin;
        this.environment = b.environment;
        this.base = base;
        this.transportConfig = b.transport;
        this.loops = b.loops;
        this.readyGrace = b.readyGrace != null ? b.readyGrace : base.http().readyGrace();
        this.restartingGracefully = b.restartingGracefully;
        this.desired = b.initial;
    }

    /** A builder: give it a base configuration, then {@code build()} and {@link #start()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An event loop group several speakers in this JVM can share ({@link Builder#eventLoops}): native epoll where
     * the kernel has it (MD5 and GTSM need it). {@code threads} 0 means one per processor. Its owner shuts it down
     * after closing the speakers.
     */
    public static EventLoopGroup sharedEventLoops(int threads) {
        return BgpTransport.newGroup(threads, false);
    }

    // ---- Life cycle --------------------------------------------------------------------------------------------

    /**
     * Starts the speaker with the base configuration and the desired state given to the builder: binds the
     * listeners (failing if one cannot be bound), starts the peers, originates the routes, and attaches the kernel
     * FIB when {@code kernel.enabled}.
     *
     * @return this
     * @throws IllegalStateException when started twice or after close, or the kernel FIB cannot be opened
     */
    public synchronized Petrel start() {
        if (speaker != null || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        PetrelConfig config = compose(desired);
        Speaker s = Speaker.start(config, transportConfig, loops, events.peerWatcher(), restartingGracefully);
        speaker = s;
        events.bind(s.rib(), s.fib());
        readiness = new dev.petrel.speaker.readiness.SpeakerReadiness(s, readyGrace, System::nanoTime);
        for (StaticRoute r : desired.routes()) {
            originateNow(r);
        }
        desired = new DesiredState(desired.peers(), desired.policies(), List.of());
        return this;
    }

    /**
     * Stops: every peer gets Cease/2 with a shutdown communication (RFC 9003), as a Hard Reset where both set the
     * RFC 8538 N bit, except with {@code graceful-restart.enabled} ({@link Builder#gracefulRestart}): then a peer
     * that is a Graceful Restart helper gets the Cease without the Hard Reset (or, without the N bit, only the TCP
     * close) and keeps Petrel's routes, marked stale, for the restart time, until the next Petrel, built with
     * {@link Builder#restartingGracefully}, sends them again. Every event stream completes, and
     * the kernel FIB stops with Petrel's routes left in the kernel (forwarding goes on through a restart; a
     * restarted Petrel adopts them) unless {@code kernel.persist = false} or
     * {@link Builder#removeKernelRoutesOnClose}. A shared event loop group stays running.
     */
    @Override
    public void close() {
        stop(true);
    }

    /**
     * As {@link #close()}, but for good: even with Graceful Restart enabled, every peer gets a Hard Reset and drops
     * our routes at once instead of keeping them stale for our restart time. For a node taken out of service.
     */
    public void closeForGood() {
        stop(false);
    }

    private void stop(boolean asConfigured) {
        Speaker s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = speaker;
        }
        // The routing streams end first, while the RIB and FIB threads can still say so in order; the peer stream
        // after the sessions' last state changes.
        events.stopping();
        if (s != null) {
            if (asConfigured) {
                s.close();
            } else {
                s.closeForGood();
            }
        }
        events.stopped();
    }

    // ---- Desired state -----------------------------------------------------------------------------------------

    /** What {@link #apply} would do with {@code next}; nothing is touched. */
    public synchronized ApplyPlan plan(DesiredState next) {
        Speaker s = running();
        return applyPlan(s, compose(next), next);
    }

    private ApplyPlan applyPlan(Speaker s, PetrelConfig config, DesiredState next) {
        return new ApplyPlan(s.plan(config), routesToOriginate(next), routesToWithdraw(next));
    }

    /**
     * Makes {@code next} the desired state: checks it whole (peers and policies with the configuration checker,
     * routes against the base configuration's static routes), computes the plan and applies exactly it. Peers not
     * in the plan are not touched; a peer whose policy alone changed keeps its session (soft in/out); routes are
     * originated and withdrawn by difference.
     *
     * @return the plan applied (empty when {@code next} is what runs)
     * @throws InvalidStateException when the state is invalid; nothing changed
     */
    public synchronized ApplyPlan apply(DesiredState next) {
        Speaker s = running();
        PetrelConfig config = compose(next);
        ApplyPlan plan;
        synchronized (s) { // the plan applied is the plan computed: no reload of the speaker comes between
            plan = applyPlan(s, config, next);
            if (!plan.config().applicable()) {
                throw new InvalidStateException(plan.config().restartNeeded());
            }
            if (!plan.config().isEmpty()) {
                s.reload(config, plan.config());
            }
        }
        for (Prefix p : plan.withdraw()) {
            originated.remove(p);
            s.rib().withdrawLocal(p);
        }
        for (StaticRoute r : plan.originate()) {
            originateNow(r);
        }
        desired = new DesiredState(next.peers(), next.policies(), List.of());
        if (!plan.isEmpty()) {
            LOG.info("apply: {}", String.join("; ", plan.lines()));
        }
        return plan;
    }

    /**
     * What {@link #reloadBase} would do with a new base configuration (the file edited, with the desired state's
     * peers and policies still added to it); nothing is touched.
     */
    public synchronized ReloadPlan planBase(PetrelConfig nextBase) {
        Speaker s = running();
        return s.plan(withBase(nextBase));
    }

    /**
     * Replaces the base configuration (the daemon's reload: SIGHUP, {@code petrel reload}): applied as a plan, as
     * {@link #apply} does; settings that need a restart refuse it with nothing changed.
     *
     * @throws IllegalStateException when the plan needs a restart
     */
    public synchronized ReloadPlan reloadBase(PetrelConfig nextBase) {
        Speaker s = running();
        PetrelConfig next = withBase(nextBase);
        ReloadPlan plan = s.reload(next);
        base = nextBase;
        return plan;
    }

    private PetrelConfig withBase(PetrelConfig nextBase) {
        if (baseText != null) {
            // apply() composes from the text: a replaced base would be undone by the next apply.
            throw new IllegalStateException("this speaker's base configuration is HOCON text; reloadBase is for one"
                    + " built from a PetrelConfig (the daemon's); use apply() for peers, policies and routes");
        }
        for (StaticRoute r : nextBase.staticRoutes()) {
            if (originated.containsKey(r.prefix())) {
                throw new IllegalStateException("static route " + r.prefix() + ": the API originates that prefix;"
                        + " withdraw it first");
            }
        }
        if (!desired.peers().isEmpty() || !desired.policies().isEmpty()) {
            throw new IllegalStateException("the base configuration cannot be replaced while peers or policies"
                    + " added through apply() run on it");
        }
        return nextBase;
    }

    /** The desired state as it runs now: the peers and policies applied, and every route originated through the API. */
    public synchronized DesiredState desiredState() {
        return new DesiredState(desired.peers(), desired.policies(), new ArrayList<>(originated.values()));
    }

    // ---- Peers -------------------------------------------------------------------------------------------------

    /**
     * Adds a peer and starts it (unless {@code shutdown}).
     *
     * @return what happens to it (added)
     * @throws InvalidStateException for an invalid spec or a name already in use
     */
    public synchronized ReloadPlan.PeerChange addPeer(PeerSpec peer) {
        if (desired.peer(peer.name()) != null || base.peers().stream().anyMatch(p -> p.name().equals(peer.name()))) {
            throw new InvalidStateException(List.of("a peer named " + peer.name() + " exists; use updatePeer"));
        }
        return apply(desiredState().toBuilder().peer(peer).build()).peer(peer.name());
    }

    /**
     * Replaces a peer's spec: a change of policy, timers, description or {@code shutdown} is applied to the running
     * session (no reset); one the OPEN or the transport carries (AS, address, password, families...) resets it
     * with Cease/6 (RFC 4486).
     *
     * @return what happens to the session, or null when the spec is unchanged
     * @throws InvalidStateException for an invalid spec or an unknown peer (peers of the base configuration
     *     included: change those in its file)
     */
    public synchronized ReloadPlan.PeerChange updatePeer(PeerSpec peer) {
        if (desired.peer(peer.name()) == null) {
            throw new InvalidStateException(List.of("no peer named " + peer.name() + " was added through the API"));
        }
        return apply(desiredState().toBuilder().peer(peer).build()).peer(peer.name());
    }

    /**
     * Removes a peer: Cease/3 (Peer De-configured), its routes withdrawn.
     *
     * @return what happens to it (removed)
     */
    public synchronized ReloadPlan.PeerChange removePeer(String name) {
        if (desired.peer(name) == null) {
            throw new InvalidStateException(List.of("no peer named " + name + " was added through the API"));
        }
        return apply(desiredState().toBuilder().removePeer(name).build()).peer(name);
    }

    /**
     * Takes a peer's session down with Cease/2 (Administrative Shutdown) and {@code message} as its RFC 9003
     * shutdown communication, and keeps it down until {@link #enablePeer}. Its spec is unchanged (as with {@code
     * petrel peer shutdown}); use {@code shutdown(true)} in its spec for a lasting change.
     */
    public void disablePeer(String name, String message) {
        PeerSession s = session(name);
        s.stop(message == null || message.isEmpty()
                ? new Notification(Notification.CEASE, Notification.CEASE_ADMIN_SHUTDOWN)
                : Notification.shutdown(Notification.CEASE_ADMIN_SHUTDOWN, message));
    }

    /** Lets a peer's session connect again after {@link #disablePeer}. */
    public void enablePeer(String name) {
        session(name).manualStart();
    }

    private PeerSession session(String name) {
        PeerSession s = running().session(name);
        if (s == null) {
            throw new IllegalArgumentException("no peer named " + name);
        }
        return s;
    }

    /** Every peer (base configuration's, the API's, then dynamic ones), as immutable snapshots. */
    public List<PeerStatus> peers() {
        return running().peers();
    }

    /** The peer named {@code name}, as an immutable snapshot. */
    public Optional<PeerStatus> peer(String name) {
        return peers().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    // ---- Routes ------------------------------------------------------------------------------------------------

    /**
     * Originates {@code route} (replacing an earlier one for its prefix): advertised to the peers whose export
     * policy accepts it. Queued for the RIB; returns at once. Cheap enough for a whole IPAM's worth of blocks.
     *
     * @throws InvalidStateException when the base configuration has a static route for the prefix
     */
    public void originate(StaticRoute route) {
        synchronized (this) {
            running();
            String problem = routeProblem(route, staticPrefixes());
            if (problem != null) {
                throw new InvalidStateException(List.of(problem));
            }
            originateNow(route);
        }
    }

    /** Withdraws a route originated through the API; nothing happens for a prefix it did not originate. */
    public void withdraw(Prefix prefix) {
        synchronized (this) {
            Speaker s = running();
            if (originated.remove(prefix) != null) {
                s.rib().withdrawLocal(prefix);
            }
        }
    }

    private void originateNow(StaticRoute r) {
        originated.put(r.prefix(), r);
        speaker.rib().originate(r.prefix(), RibMapping.attributes(r), RibMapping.nextHop(r));
    }

    /** The RIB's entry for exactly {@code prefix}: every candidate, best first. */
    public Optional<RouteEntry> route(Prefix prefix) {
        return Optional.ofNullable(ask(running().rib().query(v -> v.route(prefix))));
    }

    /** Every prefix of {@code family} with its candidates, best first (unsorted). */
    public List<RouteEntry> routes(Family family) {
        return ask(running().rib().query(v -> v.routes(family, Integer.MAX_VALUE)));
    }

    /** Why the best path of {@code prefix} won and each other lost (the decision step), or empty. */
    public Optional<RouteExplanation> explain(Prefix prefix) {
        return Optional.ofNullable(ask(running().rib().query(v -> v.explain(prefix))));
    }

    /**
     * Changes a peer's import and/or export policy (null: unchanged) on the running session, without a reset:
     * {@code all}, {@code none} or a policy's name.
     */
    public synchronized ReloadPlan.PeerChange setPolicies(String peer, String importPolicy, String exportPolicy) {
        PeerSpec spec = desired.peer(peer);
        if (spec == null) {
            // A peer of the base configuration: changed at run time only, as `petrel peer policy` does.
            running().setPolicies(peer, importPolicy, exportPolicy);
            return new ReloadPlan.PeerChange(peer, ReloadPlan.Action.UPDATED, List.of("import", "export"));
        }
        PeerSpec.Builder b = spec.toBuilder();
        if (importPolicy != null) {
            b.importPolicy(importPolicy);
        }
        if (exportPolicy != null) {
            b.exportPolicy(exportPolicy);
        }
        return updatePeer(b.build());
    }

    // ---- Readiness and events ----------------------------------------------------------------------------------

    /**
     * Calico's readiness: every peer Established with End-of-RIB during start-up (the grace period), then at least
     * one peer Established. Completes on the RIB thread's answer.
     */
    public CompletableFuture<dev.petrel.speaker.readiness.Readiness.Report> readiness() {
        running();
        return readiness.assess();
    }

    /**
     * The readiness gate behind {@link #readiness()}, made at {@link #start}: for a consumer that reports it its own
     * way (the daemon's {@code /readyz}); its start-up phase ends once, shared by everyone who asks.
     */
    public synchronized dev.petrel.speaker.readiness.SpeakerReadiness readinessGate() {
        running();
        return readiness;
    }

    /** The event streams: peers (available before start), best paths, Adj-RIB-In, End-of-RIB, FIB results. */
    public Events events() {
        return events;
    }

    /** The running speaker, for the daemon's admin commands and metrics. */
    public synchronized Speaker speaker() {
        return running();
    }

    /** The running configuration: the base configuration with the desired state's peers and policies. */
    public synchronized PetrelConfig config() {
        return speaker != null ? speaker.config() : compose(desired);
    }

    private synchronized Speaker running() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (speaker == null) {
            throw new IllegalStateException("not started: call start() first");
        }
        return speaker;
    }

    private static <T> T ask(CompletableFuture<T> f) {
        try {
            return f.get(QUERY_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the RIB", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the RIB could not answer: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the RIB did not answer in " + QUERY_SECONDS + " s", e);
        }
    }

    // ---- The configuration a desired state makes ---------------------------------------------------------------

    /** The prefixes the base configuration originates itself (static-routes), which the API may not. */
    private Set<Prefix> staticPrefixes() {
        Set<Prefix> statics = new HashSet<>();
        base.staticRoutes().forEach(r -> statics.add(r.prefix()));
        return statics;
    }

    /** Why {@code r} cannot be originated through the API, or null. */
    private static String routeProblem(StaticRoute r, Set<Prefix> statics) {
        if (r.problem() != null) {
            return r.problem();
        }
        if (statics.contains(r.prefix())) {
            return "route " + r.prefix() + ": the configuration originates it (static-routes)";
        }
        return null;
    }

    private List<StaticRoute> routesToOriginate(DesiredState next) {
        List<String> problems = new ArrayList<>();
        Set<Prefix> statics = staticPrefixes();
        List<StaticRoute> out = new ArrayList<>();
        for (StaticRoute r : next.routes()) {
            String problem = routeProblem(r, statics);
            if (problem != null) {
                problems.add(problem);
            } else if (!r.equals(originated.get(r.prefix()))) {
                out.add(r);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidStateException(problems);
        }
        return out;
    }

    private List<Prefix> routesToWithdraw(DesiredState next) {
        Set<Prefix> wanted = new HashSet<>();
        next.routes().forEach(r -> wanted.add(r.prefix()));
        return originated.keySet().stream().filter(p -> !wanted.contains(p)).toList();
    }

    /**
     * The base configuration with {@code d}'s peers appended to its peers and its policies added, checked by the
     * configuration checker as a file would be: the same defaults and every error, each named by its key.
     */
    private PetrelConfig compose(DesiredState d) {
        List<String> problems = new ArrayList<>();
        for (PeerSpec p : d.peers()) {
            if (base.peers().stream().anyMatch(x -> x.name().equals(p.name()))) {
                problems.add("peer " + p.name() + ": the base configuration has a peer of that name");
            }
        }
        for (String name : d.policies().keySet()) {
            if (base.policies().containsKey(name)) {
                problems.add("policy " + name + ": the base configuration has a policy of that name");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidStateException(problems);
        }
        if (d.peers().isEmpty() && d.policies().isEmpty()) {
            return base;
        }
        if (baseText == null) {
            throw new InvalidStateException(List.of("peers and policies can be added only to a base configuration"
                    + " given as HOCON (configFile, configText, config(Config) or the typed settings), not as a"
                    + " PetrelConfig"));
        }
        StringBuilder text = new StringBuilder(baseText).append("\n");
        if (!d.peers().isEmpty()) {
            // One self-reference: the base's peers (or none) followed by ours. (Several "+=" lines resolve
            // badly in typesafe-config when the tree falls back to reference.conf.)
            text.append("petrel.peers = ${?petrel.peers} [\n");
            for (PeerSpec p : d.peers()) {
                text.append("  ").append(Hocon.value(p.keys())).append("\n");
            }
            text.append("]\n");
        }
        for (Map.Entry<String, String> e : d.policies().entrySet()) {
            // Parsed alone and inserted as the object it is: a body cannot close its block and write elsewhere.
            text.append("petrel.policies.").append(Hocon.key(e.getKey())).append(" = ")
                    .append(Hocon.object(e.getKey(), e.getValue())).append("\n");
        }
        ConfigResult r = ConfigLoader.parse(text.toString(), origin, environment);
        if (r instanceof ConfigResult.Valid v) {
            return v.config();
        }
        throw new InvalidStateException(r.errors().stream().map(Petrel::describe).toList());
    }

    private static String describe(ConfigError e) {
        return e.key() == null || e.key().isEmpty() ? e.message() : e.key() + ": " + e.message();
    }

    /** Builds a {@link Petrel} from a base configuration; nothing runs until {@link Petrel#start}. */
    public static final class Builder {
        private String text;
        private PetrelConfig object;
        private String origin = "petrel configuration";
        private final StringBuilder typed = new StringBuilder();
        private Map<String, String> environment;
        private TransportConfig transport = TransportConfig.defaults();
        private EventLoopGroup loops;
        private Duration readyGrace;
        private DesiredState initial = DesiredState.EMPTY;
        private boolean restartingGracefully;

        private Builder() {}

        /** The base configuration from a HOCON file (as {@code petrel run --config} reads it). */
        public Builder configFile(Path file) {
            try {
                this.text = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            this.origin = file.toString();
            return this;
        }

        /** The base configuration as HOCON text. */
        public Builder configText(String hocon) {
            this.text = Objects.requireNonNull(hocon, "hocon");
            return this;
        }

        /** The base configuration as a typesafe-config object (its {@code petrel} block is read). */
        public Builder config(com.typesafe.config.Config config) {
            this.text = config.root().render(com.typesafe.config.ConfigRenderOptions.concise());
            return this;
        }

        /**
         * The base configuration as a checked configuration object (what {@code ConfigLoader} returns for a file):
         * the daemon's way in. Such a speaker takes routes, events and {@link Petrel#reloadBase}; peers and policies
         * of a {@link DesiredState} need the configuration as HOCON.
         */
        public Builder config(PetrelConfig config) {
            this.object = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Our BGP Identifier: an IPv4 address, not 0.0.0.0. Overrides the base configuration's. */
        public Builder routerId(String routerId) {
            return set("router-id", routerId);
        }

        /** Our AS. Overrides the base configuration's. */
        public Builder localAs(long as) {
            return set("local-as", as);
        }

        /** Where to accept connections ({@code "addr:port"}, {@code "[addr]:port"}); none: connect out only. */
        public Builder listen(String... addresses) {
            return set("listen", List.of(addresses));
        }

        /**
         * The kernel FIB in dry-run mode: best paths are "installed" in memory only, nothing is written to the
         * kernel, no privilege is needed (demos, tests, and trying Petrel out).
         */
        public Builder kernelDryRun() {
            set("kernel.enabled", true);
            return set("kernel.dry-run", true);
        }

        /**
         * Graceful Restart (RFC 4724) as a restarting speaker: peers keep Petrel's routes, marked stale, for
         * {@code restartTime} after {@link Petrel#close} (whole seconds, 1..4095; the key
         * {@code graceful-restart.enabled}).
         */
        public Builder gracefulRestart(Duration restartTime) {
            set("graceful-restart.enabled", true);
            return set("graceful-restart.restart-time", restartTime.toSeconds() + "s");
        }

        /**
         * This start follows a graceful {@link Petrel#close} (with {@code graceful-restart.enabled}; like
         * {@code bird -R}): the OPENs set the R bit, and Petrel sends nothing until every peer has sent End-of-RIB
         * (or {@code graceful-restart.selection-deferral} has passed), so that the routes of the desired state given
         * to the builder, the static routes and what the peers send all reach the peers before End-of-RIB, and a
         * peer drops only the stale routes Petrel no longer has.
         */
        public Builder restartingGracefully() {
            this.restartingGracefully = true;
            return this;
        }

        /** Remove Petrel's routes from the kernel on close (by default they stay: {@code kernel.persist}). */
        public Builder removeKernelRoutesOnClose() {
            return set("kernel.persist", false);
        }

        /** Any other key of the {@code petrel} block, e.g. {@code set("rib.multipath", 4)}. */
        public Builder set(String key, Object value) {
            typed.append("petrel.").append(key).append(" = ").append(Hocon.value(value)).append("\n");
            return this;
        }

        /** Where {@code ${VAR}} substitutions come from (default: the process environment). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Transport settings (event loop threads, write water marks, listen backlog). */
        public Builder transport(TransportConfig transport) {
            this.transport = Objects.requireNonNull(transport);
            return this;
        }

        /**
         * Run the sessions on {@code group}, shared with other speakers in this JVM ({@link
         * Petrel#sharedEventLoops}); closing this speaker leaves it running.
         */
        public Builder eventLoops(EventLoopGroup group) {
            this.loops = group;
            return this;
        }

        /** The start-up grace of {@link Petrel#readiness} (default: {@code admin.ready-grace}, 120 s). */
        public Builder readyGrace(Duration grace) {
            this.readyGrace = grace;
            return this;
        }

        /** The desired state to start with. */
        public Builder desiredState(DesiredState state) {
            this.initial = Objects.requireNonNull(state);
            return this;
        }

        /**
         * Checks the base configuration and the initial desired state.
         *
         * @throws InvalidStateException with every problem found
         */
        public Petrel build() {
            if (object != null) {
                if (text != null || !typed.isEmpty()) {
                    throw new IllegalStateException("a PetrelConfig is the whole base configuration: no text or"
                            + " typed settings with it");
                }
                Petrel p = new Petrel(this, null, object);
                p.compose(initial);
                p.routesToOriginate(initial);
                return p;
            }
            String all = (text == null ? "" : text) + "\n" + typed;
            ConfigResult r = ConfigLoader.parse(all, origin, environment);
            if (!(r instanceof ConfigResult.Valid v)) {
                throw new InvalidStateException(r.errors().stream().map(Petrel::describe).toList());
            }
            Petrel p = new Petrel(this, all, v.config());
            p.compose(initial); // fail now rather than at start
            p.routesToOriginate(initial);
            return p;
        }
    }
}
