package dev.petrel.fib;

import dev.petrel.fib.kernel.Kernel;
import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.fib.kernel.KernelLink;
import dev.petrel.fib.kernel.KernelError;
import dev.petrel.fib.kernel.KernelEvent;
import dev.petrel.fib.kernel.KernelException;
import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelOp;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.Rtnl;
import dev.petrel.rib.FibEntry;
import dev.petrel.rib.FibListener;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.nlri.Prefix;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel FIB: keeps the kernel's routes of protocol {@link FibSettings#protocol} equal to the Loc-RIB after
 * the kernel export policy, and never touches any other route.
 *
 * <p><b>Threads.</b> The RIB thread calls {@link #changed}, which only appends the wish to a list under a short
 * lock and wakes the FIB thread. The FIB thread owns every other field: it swaps the list out, applies the wishes
 * in order to its table (latest wins: a prefix that flaps ten times while a batch is written is written once),
 * takes the list again between batches (so it stays as short as one batch's worth of changes), writes in
 * acknowledged batches,
 * retries failures with back-off, and handles what the monitor thread reads from the kernel's notification
 * groups. Nothing here blocks the RIB.
 *
 * <p><b>Start and restart.</b> {@link #start} reads the kernel first: routes of ours found there are adopted as
 * stale, so forwarding continues, and are replaced as the RIB re-learns them. Once every expected peer has sent
 * End-of-RIB (the RIB says so through {@link #peerConverged}, after the routes that preceded it) or the
 * deferral timer ends, the stale ones nobody re-announced are removed (RFC 4724 §4.1's selection deferral,
 * applied to the kernel as BIRD's kernel protocol does with {@code graceful restart}).
 *
 * <p><b>Drift.</b> A route of ours deleted or replaced by someone else is written back. Lost notifications
 * ({@code ENOBUFS}) and a slow periodic verify trigger a full re-read and reconcile; there is no scan loop, so an
 * idle FIB costs nothing.
 *
 * <p><b>Results.</b> {@link #observe} attaches a {@link FibObserver}: a snapshot of {@link #entries}, then a
 * {@link FibResult} whenever what the kernel holds of ours for a prefix changes (an acknowledged write or removal,
 * a failure with a new error, a repair, a route found or lost in a re-read), all on the FIB thread, so nothing is
 * missed or told twice between the snapshot and the first result. Without an observer this costs nothing.
 */
public final class Fib implements FibListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Fib.class);
    private static final Object REMOVE = new Object();
    private static final Object WAKE = new Object();
    private static final long MAX_RETRY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int LOGGED_ERRORS_PER_MINUTE = 20;
    private static final long RELINK_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Converged(String peer) {}

    private record Query<T>(Function<Fib, T> question, CompletableFuture<T> answer) {}

    private record Stop() {}

    private final FibSettings settings;
    private final Kernel kernel;
    private final KernelObserver observer;
    private final FibGuardCheck guard;

    // Shared with the RIB and monitor threads.
    /** The RIB's wishes in arrival order, a prefix then its FibEntry or REMOVE; guarded by itself. */
    private ArrayList<Object> wishes = new ArrayList<>();
    /** The FIB thread's spare list, swapped with {@link #wishes}. */
    private ArrayList<Object> taking = new ArrayList<>();
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** {@link System#nanoTime} of the oldest wish not taken yet, or 0: written under this object's lock. */
    private volatile long wishesSince;
    /** {@link System#nanoTime} of the oldest change taken and not in the kernel yet, or 0: the FIB thread's. */
    private volatile long oldestBehind;
    private final Thread thread;
    private final Thread monitor;
    private volatile boolean closed;

    // The FIB thread's.
    private final HashMap<Prefix, FibRoute> routes = new HashMap<>();
    /** Routes of other protocols in our table, by key: we never write over them. */
    private final HashMap<KernelRoute.Key, Integer> foreign = new HashMap<>();
    /** Routes to look at in the next write; {@link FibRoute#queued} keeps each in at most once. */
    private final ArrayList<FibRoute> dirty = new ArrayList<>();
    private final Set<FibRoute> failed = new HashSet<>();
    private long earliestRetry = Long.MAX_VALUE;
    /** Routes of ours to remove that no prefix entry stands for (a second metric left by a priority change). */
    private final List<KernelRoute> strays = new ArrayList<>();
    private final HashMap<List<NextHop>, List<KernelNextHop>> hopCache = new HashMap<>();
    /** Our kernel nexthop objects, when the kernel has them (see package-info). */
    private final NexthopObjects objects;
    private final Set<String> waitingFor = new HashSet<>();
    private boolean converged;
    private long deferralDeadline;
    private long verifyAt;
    private boolean guardDirty;
    /** Interfaces by index: operational or not; and those with addresses (only their changes move routes). */
    private final HashMap<Integer, Boolean> linkUp = new HashMap<>();
    private final Set<Integer> addressed = new HashSet<>();
    /** When a link went down or lost an address: re-read the kernel then (0 = nothing scheduled). */
    private long relinkAt;
    private long writes;
    private long repairs;
    private long overruns;
    private long reconciles;
    private final TreeMap<String, Long> errors = new TreeMap<>();
    /** Told what the kernel did; see {@link #observe}. */
    private final ArrayList<FibObserver> fibObservers = new ArrayList<>();
    /** {@link #stop} is writing its last batch: failures are not retried. */
    private boolean stopping;
    private long logWindowStart;
    private int loggedInWindow;

    public Fib(FibSettings settings, Kernel kernel, KernelObserver observer, FibGuardCheck guard) {
        this.settings = settings;
        this.kernel = kernel;
        this.observer = observer == null ? KernelObserver.NONE : observer;
        this.guard = guard == null ? FibGuardCheck.NONE : guard;
        this.objects = new NexthopObjects(settings.protocol());
        this.thread = new Thread(this::loop, "petrel-fib");
        this.monitor = new Thread(this::monitorLoop, "petrel-fib-monitor");
        thread.setDaemon(true);
        monitor.setDaemon(true);
    }

    public FibSettings settings() {
        return settings;
    }

    /**
     * Reads the kernel, adopts the routes of ours it holds as stale, and starts the FIB and monitor threads.
     * {@code peers} are the peers whose End-of-RIB ends the wait; none means there is nobody to wait for.
     */
    public Fib start(Collection<String> peers) throws KernelException {
        waitingFor.addAll(peers);
        long now = System.nanoTime();
        deferralDeadline = now + settings.convergenceDeferral().toNanos();
        verifyAt = now + settings.verifyInterval().toNanos();
        objects.enabled = kernel.supportsNexthopObjects();
        LOG.info("FIB: ECMP routes {}", objects.enabled ? "use kernel nexthop objects (ids from 0x"
                + Integer.toHexString(NexthopObjects.FIRST_ID) + ")" : "spell their next hops out (RTA_MULTIPATH)");
        int adopted = reconcile("start");
        LOG.info("FIB: table {}, protocol {}: {} route{} of ours found in the kernel, kept until {}", settings.table(),
                settings.protocol(), adopted, adopted == 1 ? "" : "s", waitingFor.isEmpty()
                        ? "the RIB's first decisions" : "End-of-RIB from " + waitingFor + " or "
                        + settings.convergenceDeferral().toSeconds() + " s");
        if (waitingFor.isEmpty()) {
            queue.add(new Converged(null));
        }
        thread.start();
        monitor.start();
        return this;
    }

    // ---- The RIB's side (RIB thread) ---------------------------------------------------------------------------

    @Override
    public void changed(Prefix prefix, FibEntry entry) {
        ArrayList<Object> w;
        synchronized (this) {
            w = wishes;
            if (w.isEmpty()) {
                wishesSince = stamp(); // one clock read per batch the FIB takes, not per prefix
            }
            w.add(prefix);
            w.add(entry == null ? REMOVE : entry);
        }
        wake();
    }

    @Override
    public void peerConverged(String peer) {
        queue.add(new Converged(peer));
    }

    private void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            queue.add(WAKE);
        }
    }

    /** Runs {@code question} on the FIB thread and returns its answer. */
    public <T> CompletableFuture<T> query(Function<Fib, T> question) {
        CompletableFuture<T> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new IllegalStateException("the FIB is closed"));
        } else {
            queue.add(new Query<>(question, f));
        }
        return f;
    }

    /**
     * Attaches {@code o} on the FIB thread: it is given {@link #entries()} at once, then every {@link FibResult}
     * after it. The future completes once the snapshot has been handed over; exceptionally when the FIB is closed
     * or {@link FibObserver#attached} threw (the observer is then not attached). Attaching an observer already
     * attached does nothing.
     */
    public CompletableFuture<Void> observe(FibObserver o) {
        Objects.requireNonNull(o, "observer");
        return query(f -> {
            f.attach(o);
            return null;
        });
    }

    /** Detaches {@code o} on the FIB thread; once the future completes it is told nothing more. */
    public CompletableFuture<Void> unobserve(FibObserver o) {
        return query(f -> {
            f.fibObservers.removeIf(x -> x == o);
            return null;
        });
    }

    private void attach(FibObserver o) {
        for (FibObserver x : fibObservers) {
            if (x == o) {
                return;
            }
        }
        o.attached(entries());
        fibObservers.add(o);
    }

    /**
     * Tells the observers what the kernel now holds of ours for {@code r}'s prefix. Called after the table has
     * been updated, so the entry is the state after; none when the FIB forgets the prefix.
     */
    private void report(FibRoute r, FibResult.Kind kind, KernelError error, long retryNanos) {
        if (fibObservers.isEmpty()) {
            return;
        }
        FibEntryView entry = routes.get(r.prefix) == r && !r.empty() ? view(r.prefix, r) : null;
        FibResult result = new FibResult(r.prefix, kind, entry, error,
                kind == FibResult.Kind.FAILED && !stopping ? Duration.ofNanos(retryNanos) : null);
        for (FibObserver o : fibObservers) {
            try {
                o.result(result);
            } catch (RuntimeException e) {
                LOG.error("FIB: an observer failed on {}", result, e);
            }
        }
    }

    /** {@link #report} of where {@code r} stands after its installed route changed without a write of ours. */
    private void reportInstalled(FibRoute r) {
        report(r, r.installed != null ? FibResult.Kind.INSTALLED : FibResult.Kind.REMOVED, null, 0);
    }

    // ---- Views (FIB thread, through query) ---------------------------------------------------------------------

    /** Every prefix the FIB knows, sorted. */
    public List<FibEntryView> entries() {
        List<FibEntryView> out = new ArrayList<>(routes.size());
        for (Map.Entry<Prefix, FibRoute> e : routes.entrySet()) {
            FibRoute r = e.getValue();
            out.add(view(e.getKey(), r));
        }
        out.sort((a, b) -> a.prefix().compareTo(b.prefix()));
        return out;
    }

    /** One prefix, or null. */
    public FibEntryView entry(Prefix prefix) {
        FibRoute r = routes.get(prefix);
        return r == null ? null : view(prefix, r);
    }

    private static FibEntryView view(Prefix prefix, FibRoute r) {
        return new FibEntryView(prefix, r.state(), r.desired, r.installed, r.peer,
                r.refused != null ? r.refused : r.error != null ? r.error.toString() : null, r.attempts);
    }

    /**
     * How far the kernel is behind the RIB, in nanoseconds at {@code nowNanos} ({@link System#nanoTime}): the age
     * of the oldest change the RIB (or a repair) asked for that the kernel does not hold yet, or 0 when it holds
     * every one. It grows while a write keeps failing and while the FIB thread is stuck, so it is readable from
     * any thread without the FIB thread's help. Refused routes (never written, by design) and stale ones (kept
     * until convergence, by design) do not count.
     */
    public long syncLag(long nowNanos) {
        long w = wishesSince; // first: taking the wishes sets oldestBehind before clearing this
        long b = oldestBehind;
        long oldest = older(w, b);
        return oldest == 0 ? 0 : Math.max(0, nowNanos - oldest);
    }

    /** The older of two {@link #stamp}s, 0 meaning none. */
    private static long older(long a, long b) {
        if (a == 0) {
            return b;
        }
        return b == 0 || a - b < 0 ? a : b;
    }

    /** {@link System#nanoTime}, never 0 (which stands for "none"). */
    private static long stamp() {
        long t = System.nanoTime();
        return t == 0 ? 1 : t;
    }

    public FibCounts counts() {
        long[] n = new long[RouteState.values().length];
        for (FibRoute r : routes.values()) {
            n[r.state().ordinal()]++;
        }
        return new FibCounts(n[RouteState.INSTALLED.ordinal()], n[RouteState.PENDING.ordinal()]
                + n[RouteState.REMOVING.ordinal()], n[RouteState.FAILED.ordinal()], n[RouteState.REFUSED.ordinal()],
                n[RouteState.STALE.ordinal()], writes, Map.copyOf(errors), repairs, overruns, reconciles, converged);
    }

    /** The peers a restart still waits for. */
    public Set<String> waitingFor() {
        return Set.copyOf(waitingFor);
    }

    /** Reads the kernel now and compares it with what should be there. */
    public FibDiff diff() throws KernelException {
        Map<Prefix, List<KernelRoute>> ours = ours(kernel.routes());
        List<KernelRoute> missing = new ArrayList<>();
        List<KernelRoute> extra = new ArrayList<>();
        List<List<KernelRoute>> different = new ArrayList<>();
        for (Map.Entry<Prefix, FibRoute> e : routes.entrySet()) {
            KernelRoute want = e.getValue().refused == null ? e.getValue().desired : null;
            List<KernelRoute> have = ours.remove(e.getKey());
            if (want == null) {
                if (have != null) {
                    extra.addAll(have);
                }
            } else if (have == null) {
                missing.add(want);
            } else {
                KernelRoute same = null;
                for (KernelRoute h : have) {
                    if (h.sameForwarding(want)) {
                        same = h;
                    }
                }
                if (same == null) {
                    different.add(List.of(want, have.get(0)));
                }
                for (KernelRoute h : have) {
                    if (h != same && (same != null || h != have.get(0))) {
                        extra.add(h);
                    }
                }
            }
        }
        ours.values().forEach(extra::addAll);
        return new FibDiff(missing, extra, different);
    }

    // ---- The FIB thread ----------------------------------------------------------------------------------------

    private void loop() {
        List<Object> batch = new ArrayList<>();
        while (true) {
            try {
                long now = System.nanoTime();
                Object first = queue.poll(Math.max(0, nextDeadline(now) - now), TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 4096);
                }
                boolean stop = false;
                for (Object c : batch) {
                    stop |= handle(c);
                }
                batch.clear();
                if (stop) {
                    return;
                }
                takeWishes();
                timers(System.nanoTime());
                if (guardDirty) {
                    reguard();
                }
                write();
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (RuntimeException | Error e) {
                // A bug of ours: say so loudly and keep the FIB's owner alive; the next verify repairs the kernel.
                LOG.error("FIB: failed while processing", e);
                batch.clear();
            }
        }
    }

    private long nextDeadline(long now) {
        long d = verifyAt;
        if (relinkAt != 0 && relinkAt - d < 0) {
            d = relinkAt;
        }
        if (!converged) {
            d = Math.min(d, deferralDeadline);
        }
        if (!failed.isEmpty() && earliestRetry - d < 0) {
            d = earliestRetry;
        }
        return d - now < 0 ? now : d;
    }

    /** Returns true to stop the thread. */
    private boolean handle(Object c) {
        switch (c) {
            case Converged cv -> converged(cv.peer());
            case KernelEvent e -> event(e);
            case Query<?> q -> answer(q);
            case Stop s -> {
                stop();
                return true;
            }
            default -> {
                if (c == WAKE) {
                    wakeQueued.set(false);
                }
            }
        }
        return false;
    }

    private <T> void answer(Query<T> q) {
        try {
            takeWishes(); // answer about the newest state
            write();
            q.answer().complete(q.question().apply(this));
        } catch (RuntimeException e) {
            q.answer().completeExceptionally(e);
        }
    }

    /** Moves the RIB's wishes into the table, in the order they came, so the newest wins. */
    private void takeWishes() {
        ArrayList<Object> batch;
        long since;
        synchronized (this) {
            batch = wishes;
            wishes = taking;
            since = wishesSince;
            oldestBehind = older(oldestBehind, since); // before the clear below: see syncLag
            wishesSince = 0;
        }
        for (int i = 0; i < batch.size(); i += 2) {
            Prefix prefix = (Prefix) batch.get(i);
            Object w = batch.get(i + 1);
            FibRoute r = routes.get(prefix);
            if (w == REMOVE) {
                if (r == null || r.desired == null && r.peer == null) {
                    continue;
                }
                setDesired(r, null);
                r.peer = null;
                r.refused = null;
            } else {
                FibEntry entry = (FibEntry) w;
                KernelRoute want = translate(prefix, entry);
                if (r == null) {
                    r = new FibRoute(prefix);
                    routes.put(prefix, r);
                } else if (want != null && want.equals(r.desired)) {
                    r.peer = entry.peer();
                    continue;
                }
                setDesired(r, want);
                r.peer = entry.peer();
                r.stale = false;
                r.refused = want != null ? refusal(want) : "no next hop the kernel can use in " + entry.nextHops()
                        + " (a link-local one needs the interface of its session; an IPv6 route cannot go via IPv4)";
            }
            mark(r, since);
        }
        batch.clear();
        taking = batch;
    }

    private String refusal(KernelRoute want) {
        Integer other = foreign.isEmpty() ? null : foreign.get(want.key());
        if (other != null) {
            return "table " + want.table() + " holds a route of protocol " + other + " for " + want.prefix()
                    + " with metric " + want.priority() + ": Petrel does not replace routes it does not own";
        }
        return guard.refuse(want);
    }

    /** Every change of {@link FibRoute#desired} goes through here: it holds a reference on its nexthop group. */
    private void setDesired(FibRoute r, KernelRoute k) {
        objects.ref(k);
        objects.unref(r.desired);
        r.desired = k;
    }

    /** Likewise {@link FibRoute#installed}: the group stays while a kernel route of ours may use it. */
    private void setInstalled(FibRoute r, KernelRoute k) {
        objects.ref(k);
        objects.unref(r.installed);
        r.installed = k;
    }

    private void mark(FibRoute r) {
        mark(r, 0);
    }

    /** Queues {@code r} for the next write; {@code since} is when its change came (0: now). */
    private void mark(FibRoute r, long since) {
        if (r.behindSince == 0) {
            r.behindSince = since != 0 ? since : stamp();
        }
        if (!r.queued) {
            r.queued = true;
            dirty.add(r);
        }
    }

    /** The kernel route for a RIB entry: our table, protocol and metric, the next hops as the kernel takes them. */
    KernelRoute translate(Prefix prefix, FibEntry e) {
        List<KernelNextHop> hops = e.sessionAddresses() != null ? scopedHops(prefix, e) : hopCache.get(e.nextHops());
        if (hops == null) {
            hops = hops(prefix, e.nextHops());
            if (hopCache.size() >= 65536) {
                hopCache.clear();
            }
            hopCache.put(e.nextHops(), hops);
        }
        if (hops.isEmpty()) {
            return null;
        }
        int metric = metric(prefix, e.priority() >= 0 ? e.priority() : settings.metric());
        return new KernelRoute(prefix, settings.table(), settings.protocol(), Rtnl.RTN_UNICAST,
                Rtnl.RT_SCOPE_UNIVERSE, metric, hops, null, objects.groupFor(hops));
    }

    /** The kernel stores an IPv6 route of metric 0 as 1024: ask for that, so the route is found under its key. */
    private static int metric(Prefix prefix, int m) {
        return m == 0 && prefix.afi() == 2 ? Rtnl.IP6_RT_PRIO_USER : m;
    }

    private List<KernelNextHop> hops(Prefix prefix, List<NextHop> nextHops) {
        List<KernelNextHop> out = new ArrayList<>();
        for (NextHop nh : nextHops) {
            InetAddress gw = gateway(nh);
            if (gw == null) {
                continue;
            }
            if (prefix.afi() == 2 && gw instanceof Inet4Address) {
                continue; // an IPv6 route cannot go via an IPv4 address in Linux
            }
            KernelNextHop k = KernelNextHop.via(gw);
            if (!out.contains(k)) {
                out.add(k);
            }
            if (out.size() == settings.mergePaths()) {
                break;
            }
        }
        return List.copyOf(out);
    }

    /**
     * Next hops some of which are link-local (a peer without a global address): those go out of the interface that
     * holds our end of the session they were learned over. Not cached: the interface is part of the answer.
     */
    private List<KernelNextHop> scopedHops(Prefix prefix, FibEntry e) {
        List<KernelNextHop> out = new ArrayList<>();
        for (int i = 0; i < e.nextHops().size() && out.size() < settings.mergePaths(); i++) {
            NextHop nh = e.nextHops().get(i);
            KernelNextHop k = null;
            if (nh.global().isLinkLocalAddress()) {
                InetAddress local = e.sessionAddress(i);
                int ifindex = local == null ? 0 : observer.interfaceOf(local);
                if (ifindex > 0) {
                    k = new KernelNextHop(withoutScope(nh.global()), ifindex, false, 1);
                }
            } else {
                List<KernelNextHop> one = hops(prefix, List.of(nh));
                k = one.isEmpty() ? null : one.get(0);
            }
            if (k != null && !out.contains(k)) {
                out.add(k);
            }
        }
        return List.copyOf(out);
    }

    private static InetAddress withoutScope(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The BGP next hop as a kernel gateway: IPv4-mapped IPv6 unwrapped; a link-local one is not routable alone. */
    private static InetAddress gateway(NextHop nh) {
        InetAddress a = nh.global();
        if (a instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException e) {
                    throw new AssertionError(e);
                }
            }
            if (v6.isLinkLocalAddress()) {
                return null; // needs the session's interface: see scopedHops
            }
        }
        return a;
    }

    private void converged(String peer) {
        takeWishes(); // the routes that preceded the End-of-RIB
        if (peer != null) {
            waitingFor.remove(peer);
        }
        if (!converged && waitingFor.isEmpty()) {
            converge(peer == null ? "nobody to wait for" : "End-of-RIB from every peer");
        }
    }

    private void converge(String why) {
        converged = true;
        int n = 0;
        for (FibRoute r : routes.values()) {
            if (r.stale) {
                r.stale = false;
                if (r.desired == null) {
                    mark(r);
                    n++;
                }
            }
        }
        LOG.info("FIB converged ({}): {} stale route{} not re-announced, removing", why, n, n == 1 ? "" : "s");
    }

    private void timers(long now) {
        if (!converged && now - deferralDeadline >= 0) {
            converge("deferral timer of " + settings.convergenceDeferral().toSeconds() + " s expired, still waiting for "
                    + waitingFor);
        }
        if (relinkAt != 0 && now - relinkAt >= 0) {
            relinkAt = 0;
            safeReconcile("an interface changed");
        }
        if (now - verifyAt >= 0) {
            verifyAt = now + settings.verifyInterval().toNanos();
            safeReconcile("periodic verify");
        }
        if (!failed.isEmpty() && now - earliestRetry >= 0) {
            earliestRetry = Long.MAX_VALUE;
            var it = failed.iterator();
            while (it.hasNext()) {
                FibRoute r = it.next();
                if (now - r.retryAt >= 0) {
                    it.remove();
                    mark(r);
                } else if (r.retryAt - earliestRetry < 0 || earliestRetry == Long.MAX_VALUE) {
                    earliestRetry = r.retryAt;
                }
            }
        }
    }

    /** Addresses or links changed: what the guard refused may now be allowed, and the other way round. */
    private void reguard() {
        guardDirty = false;
        for (FibRoute r : routes.values()) {
            if (r.desired != null) {
                String why = refusal(r.desired);
                if (!java.util.Objects.equals(why, r.refused)) {
                    r.refused = why;
                    mark(r);
                }
            }
        }
    }

    // ---- Writing -----------------------------------------------------------------------------------------------

    private void write() {
        if (dirty.isEmpty() && strays.isEmpty()) {
            collectObjects();
            publishLag();
            return;
        }
        List<KernelOp> ops = new ArrayList<>(Math.min(settings.batch(), dirty.size() + strays.size()));
        List<FibRoute> owners = new ArrayList<>();
        for (KernelRoute s : strays) {
            ops.add(new KernelOp.Remove(s));
            owners.add(null);
        }
        strays.clear();
        // Sending may queue more (a failure, a reconcile): take this round's list first.
        List<FibRoute> round = new ArrayList<>(dirty);
        dirty.clear();
        for (FibRoute r : round) {
            r.queued = false;
            plan(r, ops, owners);
            if (ops.size() >= settings.batch()) {
                send(ops, owners);
                ops.clear();
                owners.clear();
                takeWishes(); // keep the RIB's list short; what they change goes in this round or the next
            }
        }
        if (!ops.isEmpty()) {
            send(ops, owners);
        }
        collectObjects();
        for (FibRoute r : round) {
            if (!r.behind()) {
                r.behindSince = 0;
            }
        }
        publishLag();
    }

    /** After a write round what is still behind is failing (retried later) or queued again: the oldest of it. */
    private void publishLag() {
        long oldest = 0;
        for (FibRoute r : failed) {
            oldest = older(oldest, r.behindSince);
        }
        for (FibRoute r : dirty) {
            oldest = older(oldest, r.behindSince);
        }
        oldestBehind = oldest;
    }

    /**
     * Removes the nexthop objects no route uses any more, once converged (adopted ones may be needed again):
     * after the route writes that released them, groups and then, next round, their hops.
     */
    private void collectObjects() {
        while (converged && objects.hasGarbage()) {
            List<KernelOp> ops = objects.collect();
            if (ops.isEmpty()) {
                return;
            }
            List<FibRoute> owners = new ArrayList<>(ops.size());
            for (int i = 0; i < ops.size(); i++) {
                owners.add(null);
            }
            send(ops, owners);
        }
    }

    /** What one prefix needs written, if anything. */
    private void plan(FibRoute r, List<KernelOp> ops, List<FibRoute> owners) {
        KernelRoute want = r.refused == null ? r.desired : null;
        if (want != null) {
            if (r.installed != null && r.installed.sameForwarding(want) && r.installed.key().equals(want.key())) {
                if (r.error != null) {
                    r.error = null; // it failed on its way to another route, and is wanted as it is again
                    r.attempts = 0;
                    failed.remove(r);
                    report(r, FibResult.Kind.INSTALLED, null, 0);
                }
                return;
            }
            objects.prepare(want, ops, owners); // its nexthop objects first, in the same batch
            ops.add(new KernelOp.Install(want));
            owners.add(r);
            if (r.installed != null && !r.installed.key().equals(want.key())) {
                ops.add(new KernelOp.Remove(r.installed)); // a new priority is another kernel route
                owners.add(r);
            }
        } else if (r.installed != null && (!r.stale || converged)) {
            ops.add(new KernelOp.Remove(r.installed));
            owners.add(r);
        } else if (r.empty()) {
            routes.remove(r.prefix);
        }
    }

    private void send(List<KernelOp> ops, List<FibRoute> owners) {
        List<KernelError> results;
        try {
            results = kernel.write(ops);
        } catch (KernelException e) {
            LOG.warn("FIB: netlink write of {} routes failed: {}; re-reading the kernel", ops.size(), e.getMessage());
            for (FibRoute r : owners) {
                if (r != null) {
                    mark(r);
                }
            }
            safeReconcile("write failure");
            return;
        }
        long now = System.nanoTime();
        for (int i = 0; i < ops.size(); i++) {
            KernelOp op = ops.get(i);
            FibRoute r = owners.get(i);
            KernelError err = results.get(i);
            if (op.route() == null) {
                objects.result(op, err);
                if (err != null) {
                    errors.merge(err.name(), 1L, Long::sum);
                    logFailure(op, err, 1, 0);
                } else {
                    writes++;
                }
                continue;
            }
            if (err == null) {
                writes++;
                if (r == null) {
                    continue;
                }
                KernelRoute before = r.installed;
                if (op instanceof KernelOp.Install in) {
                    setInstalled(r, in.route());
                } else if (r.installed == op.route()) {
                    setInstalled(r, null);
                }
                // The removal of the old key after a new priority's install settles nothing when that install
                // failed: the route stays failed and is retried.
                boolean settled = op instanceof KernelOp.Install || r.desired == null || r.refused != null;
                boolean wasFailing = settled && r.error != null;
                if (wasFailing) {
                    LOG.info("FIB: {} written after {} failed attempt{}", op.route().prefix(), r.attempts,
                            r.attempts == 1 ? "" : "s");
                }
                if (settled) {
                    r.error = null;
                    r.attempts = 0;
                    failed.remove(r);
                }
                if (r.empty()) {
                    routes.remove(r.prefix);
                }
                if (r.installed != before || wasFailing) {
                    reportInstalled(r);
                }
            } else {
                errors.merge(err.name(), 1L, Long::sum);
                if (r == null) {
                    continue;
                }
                KernelError previous = r.error;
                r.error = err;
                r.attempts++;
                long backoff = Math.min(MAX_RETRY_NANOS, settings.retryInterval().toNanos() << Math.min(r.attempts - 1, 16));
                r.retryAt = now + backoff;
                if (failed.add(r) && (failed.size() == 1 || r.retryAt - earliestRetry < 0)) {
                    earliestRetry = r.retryAt;
                }
                logFailure(op, err, r.attempts, backoff);
                if (!err.equals(previous)) {
                    report(r, FibResult.Kind.FAILED, err, backoff);
                }
            }
        }
    }

    private void logFailure(KernelOp op, KernelError err, int attempts, long backoffNanos) {
        long now = System.nanoTime();
        if (now - logWindowStart > TimeUnit.MINUTES.toNanos(1)) {
            if (loggedInWindow > LOGGED_ERRORS_PER_MINUTE) {
                LOG.warn("FIB: {} more write failures in the last minute were not logged", loggedInWindow
                        - LOGGED_ERRORS_PER_MINUTE);
            }
            logWindowStart = now;
            loggedInWindow = 0;
        }
        if (++loggedInWindow <= LOGGED_ERRORS_PER_MINUTE) {
            if (op.route() == null) {
                LOG.warn("FIB: {} failed: {} (the routes needing it fail too, and are retried)", op, err);
                return;
            }
            LOG.warn("FIB: {} {} failed: {} (attempt {}, retrying in {} ms)",
                    op instanceof KernelOp.Install ? "install of" : "removal of", op.route(), err, attempts,
                    TimeUnit.NANOSECONDS.toMillis(backoffNanos));
        }
    }

    // ---- What the kernel tells us ------------------------------------------------------------------------------

    private void monitorLoop() {
        while (!closed) {
            try {
                kernel.poll(500, queue::add);
            } catch (KernelException e) {
                if (closed) {
                    return;
                }
                LOG.warn("FIB: reading kernel notifications failed: {}; re-reading the kernel", e.getMessage());
                queue.add(new KernelEvent.Overrun());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("FIB: a kernel notification could not be read", e);
            }
        }
    }

    private void event(KernelEvent e) {
        switch (e) {
            case KernelEvent.RouteAdded a -> routeAdded(a.route());
            case KernelEvent.RouteDeleted d -> routeDeleted(d.route());
            case KernelEvent.Overrun o -> {
                overruns++;
                safeReconcile("the kernel dropped notifications (ENOBUFS)");
                return;
            }
            case KernelEvent.LinkChanged l -> {
                Boolean was = linkUp.put(l.link().index(), l.link().operational());
                if (addressed.contains(l.link().index()) && was != null && was != l.link().operational()) {
                    if (was) {
                        linkEvent();
                    } else {
                        retryFailedNow(); // routes via it can be written again
                    }
                }
            }
            case KernelEvent.LinkDeleted l -> {
                linkUp.remove(l.link().index());
                if (addressed.remove(l.link().index())) {
                    linkEvent();
                }
            }
            case KernelEvent.AddressDeleted a -> {
                objects.addressDeleted(a.address());
                linkEvent();
            }
            case KernelEvent.AddressAdded a -> {
                objects.addressAdded(a.address());
                addressed.add(a.address().ifindex());
                guardDirty = true;
                retryFailedNow(); // a new subnet may make a gateway reachable
            }
        }
        observer.event(e);
    }

    private void retryFailedNow() {
        for (FibRoute r : failed) {
            mark(r);
        }
        failed.clear();
        earliestRetry = Long.MAX_VALUE;
    }

    /**
     * A link with addresses went down or away, or an address went away. Linux drops the IPv4 routes through a link that goes
     * down without sending RTM_DELROUTE for each, and refuses routes through it until it is back; so a second
     * after the last such event the kernel is re-read, which finds what vanished and writes it back once it can
     * be. Coalesced: a flapping link costs one re-read per second at most.
     */
    private void linkEvent() {
        guardDirty = true;
        if (relinkAt == 0) {
            relinkAt = System.nanoTime() + RELINK_DELAY_NANOS;
            if (relinkAt == 0) {
                relinkAt = 1;
            }
        }
    }

    private void routeAdded(KernelRoute k) {
        if (k.table() != settings.table()) {
            return;
        }
        k = objects.resolved(k);
        FibRoute r = routes.get(k.prefix());
        if (k.protocol() != settings.protocol()) {
            foreign.put(k.key(), k.protocol());
            boolean replaced = r != null && r.installed != null && r.installed.key().equals(k.key());
            if (replaced) {
                // Someone replaced our route with theirs: it is theirs now, and we do not write over it.
                LOG.warn("FIB: our route {} was replaced by one of protocol {}; leaving it alone", r.installed,
                        k.protocol());
                setInstalled(r, null);
            }
            if (r != null && r.desired != null) {
                r.refused = refusal(r.desired);
                mark(r);
            }
            if (replaced) {
                reportInstalled(r);
            }
            return;
        }
        if (r != null && r.installed != null && r.installed.key().equals(k.key()) && r.installed.sameForwarding(k)) {
            return; // the echo of our own write
        }
        if (r == null) {
            r = new FibRoute(k.prefix());
            routes.put(k.prefix(), r);
            r.stale = !converged;
        } else if (r.installed != null && !r.installed.key().equals(k.key())) {
            strays.add(k); // a second route of ours for the prefix, at another metric
            return;
        }
        setInstalled(r, k); // someone wrote a route with our protocol: the kernel's truth wins, then ours is re-applied
        mark(r);
        reportInstalled(r);
    }

    private void routeDeleted(KernelRoute k) {
        if (k.table() != settings.table()) {
            return;
        }
        FibRoute r = routes.get(k.prefix());
        if (k.protocol() != settings.protocol()) {
            if (foreign.remove(k.key()) != null && r != null && r.desired != null) {
                r.refused = refusal(r.desired);
                mark(r);
            }
            return;
        }
        if (r != null && r.installed != null && r.installed.key().equals(k.key())) {
            setInstalled(r, null);
            if (r.desired != null && r.refused == null) {
                repairs++;
                LOG.warn("FIB: our route {} was deleted by someone else; writing it back", k);
            }
            mark(r);
            reportInstalled(r);
        }
    }

    private void safeReconcile(String why) {
        try {
            reconcile(why);
        } catch (KernelException e) {
            LOG.warn("FIB: re-reading the kernel ({}) failed: {}; trying again at the next verify", why,
                    e.getMessage());
            verifyAt = System.nanoTime() + settings.retryInterval().toNanos() * 10;
        }
    }

    /**
     * Reads routes, links and addresses, tells the observer, and makes the table's idea of what the kernel holds
     * match what it does hold. Returns how many routes of ours were found that the table did not know.
     */
    private int reconcile(String why) throws KernelException {
        if (objects.enabled) {
            objects.sync(kernel.nexthops());
        }
        List<KernelRoute> all = kernel.routes();
        List<KernelLink> links = kernel.links();
        List<KernelAddress> addresses = kernel.addresses();
        observer.reset(links, addresses, all);
        linkUp.clear();
        for (KernelLink l : links) {
            linkUp.put(l.index(), l.operational());
        }
        objects.addresses(addresses);
        addressed.clear();
        for (KernelAddress a : addresses) {
            addressed.add(a.ifindex());
        }
        retryFailedNow(); // a re-read gives every failed route another try
        guardDirty = true;
        reconciles++;
        foreign.clear();
        for (KernelRoute k : all) {
            if (k.table() == settings.table() && k.protocol() != settings.protocol()) {
                foreign.put(k.key(), k.protocol());
            }
        }
        Map<Prefix, List<KernelRoute>> ours = ours(all);
        int adopted = 0;
        int drift = 0;
        for (Map.Entry<Prefix, FibRoute> e : routes.entrySet()) {
            FibRoute r = e.getValue();
            List<KernelRoute> have = ours.remove(e.getKey());
            KernelRoute keep = pick(have, r.desired);
            if (!same(keep, r.installed)) {
                drift++;
                setInstalled(r, keep);
                mark(r);
                reportInstalled(r);
            }
            if (have != null) {
                for (KernelRoute h : have) {
                    if (h != keep) {
                        strays.add(h);
                    }
                }
            }
        }
        for (Map.Entry<Prefix, List<KernelRoute>> e : ours.entrySet()) {
            FibRoute r = new FibRoute(e.getKey());
            setInstalled(r, e.getValue().get(0));
            r.stale = !converged;
            routes.put(e.getKey(), r);
            strays.addAll(e.getValue().subList(1, e.getValue().size()));
            mark(r);
            reportInstalled(r);
            adopted++;
        }
        if (reconciles > 1 && (drift > 0 || adopted > 0)) {
            LOG.warn("FIB: {}: the kernel differed for {} prefixes, {} routes of ours were unknown; correcting", why,
                    drift, adopted);
        }
        return adopted;
    }

    private static boolean same(KernelRoute a, KernelRoute b) {
        return a == b || a != null && b != null && a.key().equals(b.key()) && a.sameForwarding(b);
    }

    /** Of our kernel routes for one prefix, the one matching what we want, else the first. */
    private static KernelRoute pick(List<KernelRoute> have, KernelRoute want) {
        if (have == null) {
            return null;
        }
        if (want != null) {
            for (KernelRoute h : have) {
                if (h.key().equals(want.key())) {
                    return h;
                }
            }
        }
        return have.get(0);
    }

    private Map<Prefix, List<KernelRoute>> ours(List<KernelRoute> all) {
        Map<Prefix, List<KernelRoute>> out = new HashMap<>();
        for (KernelRoute k : all) {
            if (k.table() == settings.table() && k.protocol() == settings.protocol()) {
                out.computeIfAbsent(k.prefix(), p -> new ArrayList<>(1)).add(objects.resolved(k));
            }
        }
        return out;
    }

    // ---- Stopping ----------------------------------------------------------------------------------------------

    /**
     * Stops the FIB. With {@link FibSettings#persist} (the default) Petrel's routes stay in the kernel so that
     * forwarding goes on while it restarts; without, they are removed first.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        queue.add(new Stop());
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        thread.interrupt();
        monitor.interrupt();
        try {
            monitor.join(2000); // the monitor's poll returns within its 500 ms timeout
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kernel.close();
        for (Object c; (c = queue.poll()) != null; ) {
            if (c instanceof Query<?> q) {
                q.answer().completeExceptionally(new IllegalStateException("the FIB is closed"));
            }
        }
    }

    private void stop() {
        if (settings.persist()) {
            long n = routes.values().stream().filter(r -> r.installed != null).count();
            LOG.info("FIB: stopping; {} route{} left in the kernel (persist)", n, n == 1 ? "" : "s");
            return;
        }
        stopping = true;
        for (FibRoute r : routes.values()) {
            setDesired(r, null);
            r.stale = false;
            r.refused = null;
            mark(r);
        }
        converged = true;
        write();
        LOG.info("FIB: stopping; Petrel's routes removed from the kernel");
    }
}
