package dev.petrel.rib;

import dev.petrel.rib.policy.Policy;
import dev.petrel.rib.table.AttributeInterner;
import dev.petrel.rib.table.Ipv4Index;
import dev.petrel.rib.table.Ipv6Index;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Family;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.Notification;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.RouteRefresh;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.AttributeCodes;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4;
import dev.petrel.wire.nlri.Ipv4PrefixList;
import dev.petrel.wire.nlri.Ipv6PrefixList;
import dev.petrel.wire.nlri.Prefix;
import dev.petrel.wire.nlri.PrefixList;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every table and every peer's RIB state, and the operations on them. Only the RIB thread touches this.
 *
 * <p>Import of one UPDATE: the received attribute set is interned once for all its prefixes; eligibility (AS
 * loop, next hop) depends only on the attributes, so it is decided once per message; import policy runs per
 * prefix unless it is {@code all}; each prefix's path is added or changed in place in its prefix's candidate
 * list and the decision process re-run for that prefix; a changed best path marks the prefix in every update
 * group of its family.
 */
final class RibState {
    private static final Logger LOG = LoggerFactory.getLogger(Rib.class);

    final RibSettings settings;
    final AttributeInterner interner = new AttributeInterner();
    final Map<Family, RouteTable> tables = new LinkedHashMap<>();
    final Map<Integer, RibPeer> peers = new LinkedHashMap<>();
    final List<UpdateGroup> groups = new ArrayList<>();
    /** How many of the groups send several paths per prefix (ADD-PATH): they hear of every decision. */
    int addPathGroups;
    final Source localSource = Source.local(0);
    /** Routes the kernel holds that the learn policy picked up. */
    final Source kernelSource = Source.kernel(-2);
    private FibListener fib;
    /** Told every change; {@link Observers#any} is the one check the import path pays while none is attached. */
    final Observers observers = new Observers();
    private Policy kernelExport = Policy.ALL;
    private ImportInput fibInput;
    private Path[] fibPaths;
    /** Per peer and family: the next hop of the last MP_REACH, so a full table shares one NextHop object. */
    private final Map<Long, NextHop> nextHops = new HashMap<>();
    private final dev.petrel.rib.policy.PolicyResult policyResult = new dev.petrel.rib.policy.PolicyResult();
    /** Counters for `show` and metrics. */
    long updatesProcessed;
    long prefixesProcessed;

    RibState(RibSettings settings) {
        this.settings = settings;
        tables.put(Family.IPV4_UNICAST, new RouteTable(Family.IPV4_UNICAST));
        tables.put(Family.IPV6_UNICAST, new RouteTable(Family.IPV6_UNICAST));
    }

    RouteTable table(Family f) {
        return tables.get(f);
    }

    RibView view() {
        return new RibView(this);
    }

    // ---- Peers ------------------------------------------------------------------------------------------------

    void addPeer(RibPeer p) {
        peers.put(p.id, p);
    }

    void removePeer(RibPeer p) {
        if (p.up()) {
            peerDown(p, "removed", StaleRetention.NONE);
        }
        if (p.staleSource != null) {
            purgeStale(p, Set.copyOf(p.staleFamilies), "the peer was removed");
        }
        p.removed = true;
        peers.remove(p.id);
    }

    void reconfigure(RibPeer p, PeerRibConfig config) {
        PeerRibConfig old = p.config;
        p.config = config;
        if (!p.up()) {
            if (p.staleSource != null && !old.equals(config)) {
                // kept under the old configuration, with no session to re-import them against: they go
                purgeStale(p, Set.copyOf(p.staleFamilies), "its configuration changed while it restarts");
            }
            return;
        }
        // Import: re-run over what the peer sent (kept before policy), no refresh needed.
        forEachPath(p, (in, t, id, path) -> reimport(p, t, id, path));
        // Export: a different export policy, next-hop mode or number of ADD-PATH paths means another update group.
        if (!old.exportPolicies().equals(config.exportPolicies()) || old.nextHop() != config.nextHop()
                || old.addPathSend() != config.addPathSend()) {
            UpdateGroup.move(this, p);
        }
    }

    @FunctionalInterface
    private interface PathVisitor {
        void visit(AdjRibIn in, RouteTable t, int id, Path path);
    }

    /** Visits every path {@code p} sent, in every family, from a snapshot (the visitor may change the table). */
    private long forEachPath(RibPeer p, PathVisitor v) {
        long n = 0;
        for (Map.Entry<Family, AdjRibIn> e : p.in.entrySet()) {
            RouteTable t = table(e.getKey());
            if (t == null) {
                continue;
            }
            RouteTable.SourcePaths sp = t.pathsOf(p.source);
            for (int i = 0; i < sp.size(); i++) {
                v.visit(e.getValue(), t, sp.ids()[i], sp.paths()[i]);
                n++;
            }
        }
        return n;
    }

    void peerUp(RibPeer p, SessionInfo session, RouteSink sink) {
        if (p.removed) {
            return;
        }
        if (p.up()) {
            peerDown(p, "replaced by a new session", StaleRetention.NONE);
        }
        PeerRibConfig c = p.config;
        Source fresh = new Source(p.id, p.name, Source.Kind.PEER, c.peerType(), c.remoteAs(), session.peerRouterId(),
                c.address(), c.peerType() == PeerType.INTERNAL && c.routeReflectorClient());
        if (p.staleSource != null && System.nanoTime() - p.staleDeadline >= 0) {
            purgeStale(p, Set.copyOf(p.staleFamilies), "not back within its restart time");
        }
        if (p.staleSource != null) {
            fresh = takeOverStale(p, fresh, session);
        }
        p.source = fresh;
        p.session = session;
        p.sink = sink;
        p.in.keySet().retainAll(p.staleFamilies); // the counts of the stale routes kept; nothing else carries over
        UpdateGroup.join(this, p);
    }

    /**
     * The peer is back while its routes are kept stale (RFC 4724 §4.2): the new session takes them over and, as it
     * re-sends them, they are fresh again; what is still stale at its End-of-RIB goes. Those of a family whose
     * forwarding state the peer did not preserve (no F bit, or not negotiated now) go at once, and all of them when
     * the peer comes back as another source (its router ID or our configuration of it changed).
     */
    private Source takeOverStale(RibPeer p, Source fresh, SessionInfo session) {
        if (!fresh.equals(p.staleSource)) {
            purgeStale(p, Set.copyOf(p.staleFamilies), "the peer came back with another router ID or configuration");
            return fresh;
        }
        Set<Family> gone = new HashSet<>();
        for (Family f : p.staleFamilies) {
            if (!session.forwardingPreserved().contains(f) || !session.context().families().contains(f)) {
                gone.add(f);
            }
        }
        if (!gone.isEmpty()) {
            purgeStale(p, gone, "the peer did not preserve forwarding for them (F bit clear, RFC 4724 §4.2)");
        }
        if (p.staleSource == null) {
            return fresh; // nothing stale is left to take over
        }
        p.staleDeadline = System.nanoTime() + p.endOfRibWait.toNanos();
        LOG.info("peer {}: back; its stale {} routes go unless re-sent by its End-of-RIB, within {} s", p.name,
                p.staleFamilies, p.endOfRibWait.toSeconds());
        return p.staleSource;
    }

    void peerDown(RibPeer p, String reason, StaleRetention keep) {
        if (!p.up()) {
            return;
        }
        UpdateGroup.leave(this, p);
        Set<Family> kept = new HashSet<>(keep.families());
        kept.retainAll(p.in.keySet());
        long[] stale = {0};
        long removed = forEachPath(p, (in, t, id, path) -> {
            if (kept.contains(in.family) && !path.stale()) {
                markStale(in, path);
                stale[0]++;
                // a fresh path of another peer now wins the tie-breaker before the address (DecisionStep.STALE)
                decided(t, id, t.decide(id, null, settings.decision()));
            } else {
                // RFC 4724 §4.2: on consecutive restarts, what is still stale from the last one goes
                removePath(p, in, t, id, path);
            }
        }) - stale[0];
        p.in.keySet().retainAll(kept);
        for (AdjRibIn in : p.in.values()) {
            in.endOfRibReceived = false;
        }
        observers.sessionEnded(p);
        if (kept.isEmpty()) {
            clearStale(p);
            LOG.info("peer {}: down ({}): {} routes withdrawn", p.name, reason, removed);
        } else {
            keepStale(p, kept, keep);
            LOG.info("peer {}: down ({}): {} routes kept as stale while it restarts (up to {} s), {} withdrawn",
                    p.name, reason, stale[0], keep.restartTime().toSeconds(), removed);
        }
        p.source = null;
        p.sink = null;
        p.session = null;
        if (p.paused) {
            p.paused = false;
        }
    }

    void writable(RibPeer p) {
        if (p.group != null) {
            p.group.wake();
        }
    }

    void endOfRib(RibPeer p, Family f) {
        if (p.up()) {
            boolean already = converged(p);
            AdjRibIn in = p.in(f);
            boolean first = !in.endOfRibReceived;
            in.endOfRibReceived = true;
            // RFC 7313: an End-of-RIB also ends an enhanced refresh that never sent EoRR.
            sweepStale(p, f);
            if (first && observers.any()) {
                observers.endOfRib(p, f); // after the sweep: every route before it has been reported
            }
            if (fib != null && !already && converged(p)) {
                fib.peerConverged(p.name);
            }
        }
    }

    void refresh(RibPeer p, RouteRefresh r) {
        if (!p.up()) {
            return;
        }
        switch (r.subtype()) {
            case RouteRefresh.NORMAL -> {
                if (p.member != null) {
                    p.group.refresh(p.member, r.family());
                }
            }
            case RouteRefresh.BORR -> markStale(p, r.family());
            case RouteRefresh.EORR -> sweepStale(p, r.family());
            default -> LOG.info("peer {}: ROUTE-REFRESH subtype {} ignored", p.name, r.subtype());
        }
    }

    /** RFC 7313 §4: on BoRR, everything the peer sent in the family is stale until re-sent. */
    private void markStale(RibPeer p, Family f) {
        RouteTable t = table(f);
        AdjRibIn in = p.in.get(f);
        if (t == null || in == null) {
            return;
        }
        RouteTable.SourcePaths sp = t.pathsOf(p.source);
        for (int i = 0; i < sp.size(); i++) {
            markStale(in, sp.paths()[i]);
        }
    }

    /** Flags {@code path} stale; an accepted one stops counting against the route limit ({@link AdjRibIn#staleAccepted}). */
    private static void markStale(AdjRibIn in, Path path) {
        if (!path.stale() && path.eligible()) {
            in.staleAccepted++;
        }
        path.flag(Path.STALE, true);
    }

    /** RFC 7313 §4 (EoRR) and RFC 4724 (End-of-RIB): what is still stale was not re-sent: withdraw it. */
    private void sweepStale(RibPeer p, Family f) {
        int swept = removeStale(p, p.source, f);
        if (swept > 0) {
            LOG.info("peer {}: {} stale {} routes removed: not sent again by its End-of-RIB or End-of-Route-Refresh",
                    p.name, swept, f.name());
        }
        if (p.staleFamilies.remove(f) && p.staleFamilies.isEmpty()) {
            clearStale(p);
        }
    }

    /** Removes {@code source}'s stale paths in family {@code f} (a walk of the table); returns how many. */
    private int removeStale(RibPeer p, Source source, Family f) {
        RouteTable t = table(f);
        AdjRibIn in = p.in.get(f);
        if (t == null || in == null) {
            return 0;
        }
        int removed = 0;
        RouteTable.SourcePaths sp = t.pathsOf(source);
        for (int i = 0; i < sp.size(); i++) {
            if (sp.paths()[i].stale()) {
                removePath(p, in, t, sp.ids()[i], sp.paths()[i]);
                removed++;
            }
        }
        return removed;
    }

    // ---- Receiving speaker (RFC 4724 §4.2): a restarting peer's stale routes --------------------------------------

    /** Peers whose routes are kept stale: while none, the RIB thread's clock check costs a comparison. */
    private int stalePeers;

    boolean holdsStale() {
        return stalePeers > 0;
    }

    private void keepStale(RibPeer p, Set<Family> families, StaleRetention keep) {
        if (p.staleSource == null) {
            stalePeers++;
        }
        p.staleSource = p.source;
        p.staleFamilies.clear();
        p.staleFamilies.addAll(families);
        p.staleDeadline = System.nanoTime() + keep.restartTime().toNanos();
        p.endOfRibWait = keep.endOfRibWait();
    }

    private void clearStale(RibPeer p) {
        if (p.staleSource != null) {
            stalePeers--;
        }
        p.staleSource = null;
        p.staleFamilies.clear();
    }

    /** Stale routes whose time is up go: the peer did not come back within its restart time, or sent no EoR. */
    void expireStale(long now) {
        if (stalePeers == 0) {
            return;
        }
        for (RibPeer p : List.copyOf(peers.values())) {
            if (p.staleSource != null && now - p.staleDeadline >= 0) {
                purgeStale(p, Set.copyOf(p.staleFamilies), p.up()
                        ? "no End-of-RIB within " + p.endOfRibWait.toSeconds() + " s (graceful-restart.stale-routes-time)"
                        : "not back within its restart time");
            }
        }
    }

    /** The stale routes of {@code families} go now. */
    private void purgeStale(RibPeer p, Set<Family> families, String why) {
        int purged = 0;
        for (Family f : families) {
            purged += removeStale(p, p.staleSource, f);
            p.staleFamilies.remove(f);
            if (!p.up()) {
                p.in.remove(f);
            }
        }
        LOG.info("peer {}: {} stale routes withdrawn ({}): {}", p.name, purged, families, why);
        if (p.staleFamilies.isEmpty()) {
            clearStale(p);
        }
    }

    // ---- Import -----------------------------------------------------------------------------------------------

    void routes(RibPeer p, Update u, ErrorAction action) {
        if (!p.up()) {
            return;
        }
        updatesProcessed++;
        if (action == ErrorAction.TREAT_AS_WITHDRAW) {
            // RFC 7606 §2: the routes are withdrawn, and with them any earlier version of each.
            for (PrefixList l : u.treatAsWithdraw()) {
                withdraw(p, l);
            }
            return;
        }
        withdraw(p, u.withdrawn());
        if (u.mpUnreach() != null) {
            withdraw(p, u.mpUnreach().withdrawn());
        }
        if (!u.nlri().isEmpty()) {
            announce(p, u.nlri(), u.attributes(), null);
        }
        if (u.mpReach() != null && !u.mpReach().nlri().isEmpty()) {
            announce(p, u.mpReach().nlri(), u.attributes(), u.mpReach().nextHop());
        }
    }

    private void withdraw(RibPeer p, PrefixList list) {
        if (list.isEmpty()) {
            return;
        }
        RouteTable t = table(list.family());
        AdjRibIn in = t == null ? null : p.in.get(list.family());
        if (in == null) {
            return;
        }
        prefixesProcessed += list.size();
        for (int i = 0; i < list.size(); i++) {
            int id = find(t, list, i);
            if (id < 0) {
                continue;
            }
            Path path = t.find(id, p.source, (int) list.pathId(i));
            if (path != null) {
                removePath(p, in, t, id, path);
            }
        }
    }

    private static int find(RouteTable t, PrefixList list, int i) {
        if (list instanceof Ipv4PrefixList v4) {
            return ((Ipv4Index) t.index).find(v4.entry(i));
        }
        Ipv6PrefixList v6 = (Ipv6PrefixList) list;
        return ((Ipv6Index) t.index).find(v6.high(i), v6.low(i), v6.length(i));
    }

    private static int intern(RouteTable t, PrefixList list, int i) {
        int id;
        if (list instanceof Ipv4PrefixList v4) {
            id = ((Ipv4Index) t.index).intern(v4.entry(i));
        } else {
            Ipv6PrefixList v6 = (Ipv6PrefixList) list;
            id = ((Ipv6Index) t.index).intern(v6.high(i), v6.low(i), v6.length(i));
        }
        t.ensureCapacity();
        return id;
    }

    private void announce(RibPeer p, PrefixList list, PathAttributes attrs, NextHop mpNextHop) {
        Family f = list.family();
        RouteTable t = table(f);
        if (t == null || !p.session.context().families().contains(f)) {
            return;
        }
        prefixesProcessed += list.size();
        AdjRibIn in = p.in(f);
        // One reference each to the received set and, for `all`, the post-policy set, held while the loop runs;
        // every path that takes one is counted and the counts adjusted once at the end (no per-prefix hashing).
        PathAttributes received = interner.intern(attrs);
        int receivedUses = 0;
        NextHop nh = mpNextHop != null ? nextHop(p, f, mpNextHop) : v4NextHop(p, received);
        String why = ineligible(p, received, nh, f);
        PathAttributes base = importBase(p, received);
        Policy policy = p.config.importPolicy(f);
        PathAttributes all = why == null && policy == Policy.ALL ? interner.intern(base) : null;
        int allUses = 0;
        ImportInput input = null;
        boolean observing = observers.any();
        for (int i = 0; i < list.size(); i++) {
            int id = intern(t, list, i);
            int pathId = (int) list.pathId(i);
            Path path = t.find(id, p.source, pathId);
            if (path == null) {
                path = new Path(p.source, pathId);
                t.add(id, path);
                in.paths++;
            } else {
                if (observing) {
                    observers.before(t, id, path);
                }
                // A reference to the sets this message shares may be one of its uncounted uses (the prefix came
                // twice in this UPDATE): giving it back through the interner could free the set mid-loop, so the
                // count of uses goes down instead; for a reference held from an earlier message the sum is the same.
                if (all != null && path.attributes == all) {
                    path.attributes = null;
                    allUses--;
                }
                unaccept(in, path);
                if (path.received == received) {
                    receivedUses--;
                } else {
                    interner.release(path.received);
                }
                path.flag(Path.STALE, false);
            }
            receivedUses++;
            path.received = received;
            path.nextHop = nh;
            if (why != null) {
                reject(path, why);
            } else if (all != null) {
                if (accepted(p, in, path, all, -1)) {
                    allUses++;
                }
            } else if (policy == Policy.NONE) {
                reject(path, "import policy none");
            } else {
                if (input == null) {
                    input = new ImportInput(settings.localAs());
                }
                applyPolicy(p, in, t, id, path, base, policy, input);
            }
            if (p.up()) {
                Path old = t.decide(id, path, settings.decision());
                if (observing) {
                    observers.adjChanged(p, t, id, path);
                }
                decided(t, id, old);
            }
        }
        interner.adjust(received, receivedUses - 1);
        if (all != null) {
            interner.adjust(all, allUses - 1);
        }
        if (base != received) {
            interner.release(base);
        }
    }

    /** Import again (policy changed) from the attributes kept as received. */
    private void reimport(RibPeer p, RouteTable t, int id, Path path) {
        AdjRibIn in = p.in(t.family);
        boolean observing = observers.any();
        if (observing) {
            observers.before(t, id, path);
        }
        unaccept(in, path);
        String why = ineligible(p, path.received, path.nextHop, t.family);
        PathAttributes base = importBase(p, path.received);
        Policy policy = p.config.importPolicy(t.family);
        if (why != null) {
            reject(path, why);
        } else if (policy == Policy.ALL) {
            accept(p, in, path, base, -1);
        } else if (policy == Policy.NONE) {
            reject(path, "import policy none");
        } else {
            applyPolicy(p, in, t, id, path, base, policy, new ImportInput(settings.localAs()));
        }
        if (base != path.received) {
            interner.release(base);
        }
        Path old = t.decide(id, path, settings.decision());
        if (observing) {
            observers.adjChanged(p, t, id, path);
        }
        decided(t, id, old);
    }

    private void applyPolicy(RibPeer p, AdjRibIn in, RouteTable t, int id, Path path, PathAttributes base,
            Policy policy, ImportInput input) {
        input.set(t.family, t.index.prefix(id), p.source, base, path.nextHop);
        var r = policy.evaluate(input, policyResult);
        if (!r.accepted()) {
            reject(path, "rejected by import policy " + policy.name());
            return;
        }
        accept(p, in, path, r.attributes() == base ? base : r.attributes(), r.kernelPriority());
    }

    /** Takes {@code attrs} (interned here) as the path's post-policy attributes, subject to the route limit. */
    private void accept(RibPeer p, AdjRibIn in, Path path, PathAttributes attrs, int kernelPriority) {
        PathAttributes interned = interner.intern(attrs);
        if (!accepted(p, in, path, interned, kernelPriority)) {
            interner.release(interned);
        }
    }

    /**
     * Takes the interned {@code attrs} as the path's post-policy attributes, subject to the route limit. Returns
     * whether the path now holds it (the caller then owes the interner one reference for it).
     */
    private boolean accepted(RibPeer p, AdjRibIn in, Path path, PathAttributes attrs, int kernelPriority) {
        Integer limit = p.config.maxPrefixes().get(in.family);
        path.attributes = attrs;
        path.kernelPriority(kernelPriority);
        path.ineligible = null;
        path.flag(Path.ELIGIBLE, true);
        in.accepted++;
        if (path.stale()) {
            in.staleAccepted++;
        }
        if (limit != null && in.accepted - in.staleAccepted > limit) {
            overLimit(p, in, path, limit);
        }
        return path.attributes != null;
    }

    private void overLimit(RibPeer p, AdjRibIn in, Path path, int limit) {
        Family f = in.family;
        switch (p.config.limitAction()) {
            case WARN -> {
                if (!in.limitWarned) {
                    in.limitWarned = true;
                    LOG.warn("peer {}: {} accepted {} prefixes exceed the limit of {} (limit action warn: kept)",
                            p.name, in.accepted, f.name(), limit);
                }
            }
            case REJECT -> {
                in.accepted--;
                if (path.stale()) {
                    in.staleAccepted--;
                }
                in.overLimit++;
                path.flag(Path.ELIGIBLE, false);
                path.ineligible = "over the route limit of " + limit;
                if (!in.limitWarned) {
                    in.limitWarned = true;
                    LOG.warn("peer {}: {} prefixes reached the limit of {}: further ones are held but not used",
                            p.name, f.name(), limit);
                }
            }
            case RESET -> {
                if (!in.limitWarned) {
                    in.limitWarned = true;
                    LOG.warn("peer {}: {} accepted prefixes exceed the limit of {}: closing the session with Cease/1",
                            p.name, f.name(), limit);
                    // RFC 4486 §4: AFI (2 octets), SAFI (1), the upper bound (4).
                    byte[] data = {(byte) (f.afi() >>> 8), (byte) f.afi(), (byte) f.safi(), (byte) (limit >>> 24),
                        (byte) (limit >>> 16), (byte) (limit >>> 8), (byte) (int) limit};
                    p.sink.reset(new Notification(Notification.CEASE, 1, dev.petrel.wire.Bytes.of(data)));
                }
            }
        }
    }

    private void reject(Path path, String why) {
        path.attributes = null;
        path.flag(Path.ELIGIBLE, false);
        path.ineligible = why;
    }

    /** Undoes what {@link #accept} counted and interned, before the path is re-imported or removed. */
    private void unaccept(AdjRibIn in, Path path) {
        if (path.eligible()) {
            in.accepted--;
            if (path.stale()) {
                in.staleAccepted--;
            }
            if (in.accepted < Integer.MAX_VALUE && in.limitWarned && in.overLimit == 0) {
                in.limitWarned = false;
            }
        } else if (path.ineligible != null && path.ineligible.startsWith("over the route limit")) {
            in.overLimit--;
        }
        interner.release(path.attributes);
        path.attributes = null;
        path.flag(Path.ELIGIBLE, false);
    }

    private void removePath(RibPeer p, AdjRibIn in, RouteTable t, int id, Path path) {
        unaccept(in, path);
        interner.release(path.received);
        path.received = null;
        t.unlink(id, path);
        in.paths--;
        Path old = t.decide(id, null, settings.decision());
        if (observers.any()) {
            observers.adjRemoved(p, t, id, path);
        }
        decided(t, id, old);
        t.releaseIfEmpty(id);
    }

    /**
     * After a decision: a changed best path is news for the observers (unless what they see of it is unchanged),
     * for every update group of the family, and for the kernel. With ECMP the multipath set can change while the
     * best does not, so then every decision is news for the kernel; and any change at the prefix is news for a
     * group that sends several paths (ADD-PATH).
     */
    private void decided(RouteTable t, int id, Path oldBest) {
        if (observers.any()) {
            if (oldBest != null) {
                observers.bestChanged(t, id, oldBest);
            } else {
                observers.forget();
            }
        }
        if (fib != null && (oldBest != null || settings.decision().maxPaths() > 1)) {
            toFib(t, id);
        }
        if (oldBest == null) {
            if (addPathGroups > 0) {
                for (UpdateGroup g : groups) {
                    if (g.addPath) {
                        g.changed(t, id, false);
                    }
                }
            }
            return;
        }
        for (UpdateGroup g : groups) {
            g.changed(t, id, true);
        }
    }

    /**
     * Why a route with these attributes is not eligible, or null: AS loop (RFC 4271 §9.1.2, with {@code
     * allow-own-as}), an unusable next hop, our own ORIGINATOR_ID or our cluster ID in CLUSTER_LIST from an iBGP
     * peer (RFC 4456 §8).
     */
    private String ineligible(RibPeer p, PathAttributes a, NextHop nh, Family f) {
        int own = a.asPathCount(settings.localAs());
        if (own > p.config.allowOwnAs()) {
            return "AS loop: our AS " + settings.localAs() + " appears " + own + " time" + (own == 1 ? "" : "s")
                    + " in the AS_PATH" + (p.config.allowOwnAs() > 0 ? " (allowed: " + p.config.allowOwnAs() + ")" : "");
        }
        if (p.config.peerType() == PeerType.INTERNAL && a.originatorId() == settings.routerId()) {
            return "ORIGINATOR_ID is our router ID (RFC 4456 §8)";
        }
        if (p.config.peerType() == PeerType.INTERNAL && a.clusterListContains(settings.clusterId())) {
            return "CLUSTER_LIST holds our cluster ID " + dev.petrel.wire.nlri.Ipv4.format((int) settings.clusterId())
                    + " (RFC 4456 §8)";
        }
        if (nh == null) {
            return "no next hop";
        }
        String bad = unusableNextHop(nh.global());
        return bad == null ? null : "next hop " + nh.global().getHostAddress() + " is " + bad;
    }

    private static String unusableNextHop(InetAddress a) {
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a instanceof Inet4Address) {
            int first = a.getAddress()[0] & 0xff;
            if (first == 0 || first >= 240) {
                return "a reserved address";
            }
        }
        return null;
    }

    /**
     * The attributes import policy starts from: from an eBGP peer, without LOCAL_PREF (RFC 4271 §5.1.5: a
     * received LOCAL_PREF from an external peer is ignored). Interned; the caller releases it if it differs from
     * {@code received}.
     */
    private PathAttributes importBase(RibPeer p, PathAttributes received) {
        if (p.config.peerType() == PeerType.EXTERNAL && received.has(AttributeCodes.LOCAL_PREF)) {
            return interner.intern(received.without(AttributeCodes.LOCAL_PREF));
        }
        return received;
    }

    private NextHop nextHop(RibPeer p, Family f, NextHop nh) {
        long k = ((long) p.id << 8) | f.afi();
        NextHop last = nextHops.get(k);
        if (nh.equals(last)) {
            return last;
        }
        nextHops.put(k, nh);
        return nh;
    }

    private NextHop v4NextHop(RibPeer p, PathAttributes a) {
        if (!a.hasNextHop()) {
            return null;
        }
        int v = a.nextHop();
        long k = ((long) p.id << 8);
        NextHop last = nextHops.get(k);
        if (last != null && Ipv4.read(last.global().getAddress(), 0) == v) {
            return last;
        }
        try {
            NextHop nh = new NextHop(InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v}), null);
            nextHops.put(k, nh);
            return nh;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- Local origination ------------------------------------------------------------------------------------

    void originate(Prefix prefix, PathAttributes attrs, NextHop nh) {
        originate(localSource, prefix, attrs, nh, null, -1);
    }

    /** A kernel route the learn policy picked: a candidate like any other, from the kernel source. */
    void learn(Prefix prefix, PathAttributes attrs, NextHop nh, String interfaceName, int priority) {
        originate(kernelSource, prefix, attrs, nh, interfaceName, priority);
    }

    private void originate(Source source, Prefix prefix, PathAttributes attrs, NextHop nh, String interfaceName,
            int priority) {
        RouteTable t = table(prefix.afi() == Family.AFI_IPV6 ? Family.IPV6_UNICAST : Family.IPV4_UNICAST);
        int id = t.index.intern(prefix);
        t.ensureCapacity();
        Path path = t.find(id, source, 0);
        if (path != null && path instanceof LearnedPath l && !java.util.Objects.equals(l.interfaceName, interfaceName)) {
            withdrawLocal(source, prefix); // the interface is final in a path: replace the path
            id = t.index.intern(prefix);
            t.ensureCapacity();
            path = null;
        }
        if (path == null) {
            path = source.kind() == Source.Kind.KERNEL ? new LearnedPath(source, interfaceName) : new Path(source, 0);
            t.add(id, path);
        } else {
            if (observers.any()) {
                observers.before(t, id, path);
            }
            interner.release(path.received);
            interner.release(path.attributes);
        }
        path.received = interner.intern(attrs);
        path.attributes = interner.intern(attrs);
        path.nextHop = nh;
        path.flag(Path.ELIGIBLE, true);
        path.kernelPriority(priority);
        path.ineligible = null;
        decided(t, id, t.decide(id, path, settings.decision()));
    }

    void withdrawLocal(Prefix prefix) {
        withdrawLocal(localSource, prefix);
    }

    void unlearn(Prefix prefix) {
        withdrawLocal(kernelSource, prefix);
    }

    private void withdrawLocal(Source source, Prefix prefix) {
        RouteTable t = table(prefix.afi() == Family.AFI_IPV6 ? Family.IPV6_UNICAST : Family.IPV4_UNICAST);
        int id = t.index.find(prefix);
        Path path = id < 0 ? null : t.find(id, source, 0);
        if (path == null) {
            return;
        }
        interner.release(path.received);
        interner.release(path.attributes);
        t.unlink(id, path);
        decided(t, id, t.decide(id, null, settings.decision()));
        t.releaseIfEmpty(id);
    }

    // ---- The kernel FIB ---------------------------------------------------------------------------------------

    /** Starts feeding {@code listener}: every current best path first, then every change. */
    void attachFib(FibListener listener, Policy export) {
        fib = listener;
        kernelExport = export;
        fibInput = new ImportInput(settings.localAs());
        fibPaths = new Path[Math.max(1, settings.decision().maxPaths())];
        refeedFib();
        for (RibPeer p : peers.values()) {
            if (p.up() && converged(p)) {
                fib.peerConverged(p.name);
            }
        }
    }

    /** A new kernel export policy: every prefix with a best path is re-evaluated. */
    void kernelExport(Policy export) {
        kernelExport = export;
        if (fib != null) {
            refeedFib();
        }
    }

    private void refeedFib() {
        for (RouteTable t : tables.values()) {
            for (int id = 0, lim = t.index.limit(); id < lim; id++) {
                if (t.best(id) != null) {
                    toFib(t, id);
                }
            }
        }
    }

    private void toFib(RouteTable t, int id) {
        Prefix prefix = t.index.prefix(id);
        fib.changed(prefix, fibEntry(t, id, prefix));
    }

    /**
     * What the kernel should hold for prefix {@code id}: the best path and its ECMP companions, when the best is
     * from a BGP peer (local and kernel-learned routes are in the kernel already, or are not forwarding state)
     * and the kernel export policy accepts it.
     */
    FibEntry fibEntry(RouteTable t, int id, Prefix prefix) {
        Path best = t.best(id);
        if (best == null || best.source.kind() != Source.Kind.PEER || best.nextHop == null
                || kernelExport == Policy.NONE) {
            return null;
        }
        int priority = best.kernelPriority();
        if (kernelExport != Policy.ALL) {
            var r = kernelExport.evaluate(fibInput.set(t.family, prefix, best), policyResult);
            if (!r.accepted()) {
                return null;
            }
            if (r.kernelPriority() >= 0) {
                priority = r.kernelPriority();
            }
        }
        if (settings.decision().maxPaths() <= 1) {
            return new FibEntry(List.of(best.nextHop), priority, best.source.name(), linkLocal(best.nextHop)
                    ? java.util.Collections.singletonList(sessionAddress(best)) : null);
        }
        int n = BestPath.select(t.head(id), settings.decision(), fibPaths);
        List<NextHop> hops = new ArrayList<>(n);
        List<InetAddress> via = null;
        hops.add(best.nextHop);
        for (int i = 0; i < n; i++) {
            Path q = fibPaths[i];
            if (q.nextHop != null && q.source.kind() == Source.Kind.PEER && !hops.contains(q.nextHop)) {
                hops.add(q.nextHop);
            }
        }
        for (NextHop h : hops) {
            if (linkLocal(h)) {
                via = new ArrayList<>(hops.size());
                for (NextHop x : hops) {
                    via.add(sessionAddress(pathWith(fibPaths, n, x)));
                }
                break;
            }
        }
        return new FibEntry(hops, priority, best.source.name(), via);
    }

    /**
     * A next hop the kernel can only use with an interface: a link-local address where the global one goes (what
     * a peer without a global address sends, BGP unnumbered).
     */
    private static boolean linkLocal(NextHop h) {
        return h.global().isLinkLocalAddress();
    }

    private static Path pathWith(Path[] paths, int n, NextHop h) {
        for (int i = 0; i < n; i++) {
            if (h.equals(paths[i].nextHop)) {
                return paths[i];
            }
        }
        return null;
    }

    /** Our address on the session {@code path} came over, or null. */
    private InetAddress sessionAddress(Path path) {
        if (path == null || path.source.kind() != Source.Kind.PEER) {
            return null;
        }
        RibPeer p = peers.get(path.source.id());
        return p == null || p.session == null ? null : p.session.localAddress();
    }

    /** Whether {@code p} has sent End-of-RIB for every family of its session. */
    private static boolean converged(RibPeer p) {
        if (p.session == null) {
            return false;
        }
        for (Family f : p.session.context().families()) {
            AdjRibIn in = p.in.get(f);
            if (in == null || !in.endOfRibReceived) {
                return false;
            }
        }
        return true;
    }

    // ---- Output -----------------------------------------------------------------------------------------------

    /**
     * Nothing is sent to any peer while set: a graceful restart's selection deferral (RFC 4724 §4.1), during which
     * the tables fill from the peers and the local sources and the update groups only gather what changed.
     */
    boolean outputDeferred;

    boolean hasOutput() {
        if (outputDeferred) {
            return false;
        }
        for (UpdateGroup g : groups) {
            if (g.hasWork()) {
                return true;
            }
        }
        return false;
    }

    /** Gives every group a slice of encoding; {@code idle}: nothing is queued, so take more. */
    void flush(boolean idle) {
        if (outputDeferred) {
            return;
        }
        for (UpdateGroup g : List.copyOf(groups)) { // a slow member split out adds a group
            if (!groups.contains(g)) {
                continue; // emptied by a split and disposed
            }
            g.flush(idle ? 16 : 1, idle);
        }
    }

    void resumePaused() {
        for (RibPeer p : peers.values()) {
            if (p.paused) {
                p.paused = false;
                if (p.sink != null) {
                    p.sink.resumeReading();
                }
            }
        }
    }

    static InetAddress mapped(InetAddress v4) {
        byte[] b = v4.getAddress();
        byte[] m = new byte[16];
        m[10] = (byte) 0xff;
        m[11] = (byte) 0xff;
        System.arraycopy(b, 0, m, 12, 4);
        try {
            return java.net.Inet6Address.getByAddress(null, m, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
