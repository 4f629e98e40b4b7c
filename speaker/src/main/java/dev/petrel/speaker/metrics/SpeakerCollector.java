package dev.petrel.speaker.metrics;

import dev.petrel.fib.Fib;
import dev.petrel.fib.FibCounts;
import dev.petrel.rib.MemoryReport;
import dev.petrel.rib.Rib;
import dev.petrel.rib.RouteCounts;
import dev.petrel.speaker.PeerStatus;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The speaker's figures as Prometheus metrics, read at scrape time from what the sessions, the RIB and the FIB
 * already keep: nothing is counted twice and an idle daemon does no metrics work between scrapes.
 *
 * <p>The RIB's and the FIB's figures come from their owner threads through {@code query}; a scrape waits for them
 * at most {@link #OWNER_WAIT} and otherwise reports {@code petrel_rib_responding 0} (or the FIB's) without
 * them, so a stuck table shows up in metrics instead of hanging the scrape.
 */
final class SpeakerCollector implements MultiCollector {
    static final Duration OWNER_WAIT = Duration.ofSeconds(1);

    private record RibFigures(RouteCounts counts, MemoryReport memory, int groups) {}

    private final Supplier<List<PeerStatus>> peers;
    private final Rib rib;
    private final Supplier<Fib> fib;
    private final Supplier<Instant> clock;

    SpeakerCollector(Supplier<List<PeerStatus>> peers, Rib rib, Supplier<Fib> fib, Supplier<Instant> clock) {
        this.peers = peers;
        this.rib = rib;
        this.fib = fib;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        Snapshots s = new Snapshots();
        List<PeerStatus> ps = peers.get();
        Instant now = clock.get();
        for (PeerStatus p : ps) {
            peer(s, p, now);
        }
        RibFigures r = ask(rib.query(v -> new RibFigures(v.counts(), v.memory(), v.groupCount())));
        s.gauge("petrel_rib_responding", "1 when the RIB thread answered this scrape within 1 s",
                r == null ? 0 : 1);
        s.gauge("petrel_rib_queue_depth", "commands waiting for the RIB thread", rib.queueDepth());
        if (r != null) {
            rib(s, r);
        }
        Fib f = fib.get();
        if (f != null) {
            // Read without the FIB thread: it keeps growing when that thread is stuck, which is when it matters.
            s.gauge("petrel_fib_sync_lag_seconds", "how long the oldest route change the kernel does not hold yet"
                    + " has waited (0 when in sync; refused and stale routes do not count)",
                    f.syncLag(System.nanoTime()) / 1e9);
            FibCounts c = ask(f.query(Fib::counts));
            s.gauge("petrel_fib_responding", "1 when the FIB thread answered this scrape within 1 s",
                    c == null ? 0 : 1);
            if (c != null) {
                fib(s, c);
            }
        }
        return s.build();
    }

    private static void peer(Snapshots s, PeerStatus p, Instant now) {
        String peer = p.name();
        // The BGP4-MIB's bgpPeerState numbering (RFC 4273): idle(1) .. established(6).
        s.gauge("petrel_peer_state", "session state as in the BGP4-MIB: 1 Idle, 2 Connect, 3 Active, 4 OpenSent,"
                + " 5 OpenConfirm, 6 Established", p.state().ordinal() + 1, "peer", peer, "address", p.address(),
                "remote_as", Long.toString(p.remoteAs()));
        Duration up = p.uptime(now);
        s.gauge("petrel_peer_established_seconds", "how long the session has been Established (0 when it is not)",
                up == null ? 0 : up.toMillis() / 1000.0, "peer", peer);
        s.counter("petrel_peer_established_transitions", "times the session reached Established",
                p.establishedTransitions(), "peer", peer);
        PeerStatus.Counters c = p.counters();
        messages(s, "petrel_peer_messages_received", "BGP messages received, by type", peer, c.opensReceived(),
                c.updatesReceived(), c.notificationsReceived(), c.keepalivesReceived(), c.routeRefreshesReceived());
        messages(s, "petrel_peer_messages_sent", "BGP messages sent, by type", peer, c.opensSent(), c.updatesSent(),
                c.notificationsSent(), c.keepalivesSent(), c.routeRefreshesSent());
        s.counter("petrel_peer_octets_received", "octets read from the peer's connections (whole messages with"
                + " headers)", c.octetsReceived(), "peer", peer);
        s.counter("petrel_peer_octets_sent", "octets written to the peer's connections (whole messages with"
                + " headers)", c.octetsSent(), "peer", peer);
        s.counter("petrel_peer_prefixes_received", "prefixes in UPDATEs received (announcements)",
                c.prefixesReceived(), "peer", peer);
        s.counter("petrel_peer_prefixes_sent", "prefixes in UPDATEs sent (announcements)", c.prefixesSent(),
                "peer", peer);
        s.counter("petrel_peer_malformed_updates", "UPDATEs with an RFC 7606 problem", c.malformedUpdates(),
                "peer", peer);
        PeerStatus.LastError e = p.lastError();
        if (e != null) {
            s.gauge("petrel_peer_last_error_timestamp_seconds", "when the last NOTIFICATION or transport error"
                    + " happened, with its direction and code/subcode (0/0 for a transport error)",
                    e.at().toEpochMilli() / 1000.0, "peer", peer, "direction", e.direction(), "code",
                    Integer.toString(e.code()), "subcode", Integer.toString(e.subcode()));
        }
    }

    /** One data point per BGP message type (RFC 4271 §4.1 and RFC 2918), named as the RFCs name them. */
    private static void messages(Snapshots s, String name, String help, String peer, long open, long update,
            long notification, long keepalive, long routeRefresh) {
        s.counter(name, help, open, "peer", peer, "type", "open");
        s.counter(name, help, update, "peer", peer, "type", "update");
        s.counter(name, help, notification, "peer", peer, "type", "notification");
        s.counter(name, help, keepalive, "peer", peer, "type", "keepalive");
        s.counter(name, help, routeRefresh, "peer", peer, "type", "route-refresh");
    }

    private static void rib(Snapshots s, RibFigures r) {
        for (RouteCounts.FamilyCount f : r.counts().families()) {
            String family = f.family().toString();
            s.gauge("petrel_rib_prefixes", "prefixes known, by family", f.prefixes(), "family", family);
            s.gauge("petrel_rib_paths", "paths held (Adj-RIB-In entries), by family", f.paths(), "family", family);
            s.gauge("petrel_rib_best_prefixes", "prefixes with a best path, by family", f.best(), "family", family);
        }
        for (RouteCounts.PeerCount p : r.counts().peers()) {
            String family = p.family().toString();
            String help = "routes per peer and family: received (held), accepted (after import policy), best"
                    + " (chosen), advertised (in the peer's Adj-RIB-Out)";
            s.gauge("petrel_peer_routes", help, p.received(), "peer", p.peer(), "family", family, "stage",
                    "received");
            s.gauge("petrel_peer_routes", help, p.accepted(), "peer", p.peer(), "family", family, "stage",
                    "accepted");
            s.gauge("petrel_peer_routes", help, p.best(), "peer", p.peer(), "family", family, "stage", "best");
            s.gauge("petrel_peer_routes", help, p.advertised(), "peer", p.peer(), "family", family, "stage",
                    "advertised");
        }
        MemoryReport m = r.memory();
        s.gauge("petrel_rib_attribute_sets", "distinct interned path attribute sets", m.attributeSets());
        s.gauge("petrel_rib_memory_bytes", "estimated octets held by the RIB's tables, paths and attribute sets",
                m.total());
        s.gauge("petrel_rib_bytes_per_route", "estimated octets per path held", m.bytesPerRoute());
        s.gauge("petrel_rib_update_groups", "update groups (peers sharing one Adj-RIB-Out count once)", r.groups());
    }

    private static void fib(Snapshots s, FibCounts c) {
        String help = "prefixes in the FIB by state: installed, pending (waiting to be written or removed), failed"
                + " (last write failed, retried), refused (by the install guard), stale (found at start)";
        s.gauge("petrel_fib_routes", help, c.installed(), "state", "installed");
        s.gauge("petrel_fib_routes", help, c.pending(), "state", "pending");
        s.gauge("petrel_fib_routes", help, c.failed(), "state", "failed");
        s.gauge("petrel_fib_routes", help, c.refused(), "state", "refused");
        s.gauge("petrel_fib_routes", help, c.stale(), "state", "stale");
        s.counter("petrel_fib_writes", "successful route installs and removals", c.writes());
        c.errors().forEach((errno, n) -> s.counter("petrel_fib_errors", "failed kernel writes, by errno", n,
                "errno", errno));
        s.counter("petrel_fib_repairs", "our routes someone else deleted or replaced, written back", c.repairs());
        s.counter("petrel_fib_overruns", "lost kernel notifications (ENOBUFS), each followed by a re-read",
                c.overruns());
        s.counter("petrel_fib_reconciles", "full re-reads of the kernel's routes", c.reconciles());
        s.gauge("petrel_fib_converged", "1 once the start-up wait for End-of-RIB is over", c.converged() ? 1 : 0);
    }

    private static <T> T ask(CompletableFuture<T> answer) {
        try {
            return answer.get(OWNER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }
}
