package dev.petrel.rib;

import dev.petrel.wire.Family;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Read access to the tables, for {@link Rib#query} and {@link RibObserver#attached} only: it runs on the RIB thread
 * and must not be kept. Every method returns immutable snapshots.
 */
public final class RibView {
    private final RibState rib;

    RibView(RibState rib) {
        this.rib = rib;
    }

    public long localAs() {
        return rib.settings.localAs();
    }

    /** The entry for exactly {@code prefix}, or null. */
    public RouteEntry route(Prefix prefix) {
        RouteTable t = rib.table(family(prefix));
        int id = t.index.find(prefix);
        return id < 0 || t.head(id) == null ? null : entry(t, id);
    }

    /** Every candidate of exactly {@code prefix} with why it won or lost, or null when there is none. */
    public RouteExplanation explain(Prefix prefix) {
        RouteTable t = rib.table(family(prefix));
        int id = t.index.find(prefix);
        if (id < 0 || t.head(id) == null) {
            return null;
        }
        Explanation<Path> e = BestPath.explain(t.head(id), rib.settings.decision());
        Path best = t.best(id);
        List<RouteExplanation.Candidate> out = new ArrayList<>();
        for (Explanation.Entry<Path> x : e.entries()) {
            Path p = x.candidate();
            out.add(new RouteExplanation.Candidate(PathEntry.of(p, p == best), x.rank(), x.multipath(),
                    x.lostTo() == null ? null : x.lostTo().source.name(), x.lostAt(), x.reason()));
        }
        return new RouteExplanation(prefix, out);
    }

    /** Up to {@code limit} entries of {@code family} that have paths, in id order (not sorted: callers sort). */
    public List<RouteEntry> routes(Family family, int limit) {
        RouteTable t = rib.table(family);
        List<RouteEntry> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        for (int id = 0, n = t.index.limit(); id < n && out.size() < limit; id++) {
            if (t.head(id) != null) {
                out.add(entry(t, id));
            }
        }
        return out;
    }

    /**
     * Every prefix of {@code family} that has a best path, each as a {@link RouteEntry} holding only that path, in id
     * order (not sorted). The Loc-RIB snapshot of a {@link RibObserver}: one pass over the table, one entry and one
     * path object per prefix, no walk of the other candidates.
     */
    public List<RouteEntry> bestRoutes(Family family) {
        RouteTable t = rib.table(family);
        if (t == null) {
            return new ArrayList<>();
        }
        List<RouteEntry> out = new ArrayList<>(t.bestCount);
        for (int id = 0, n = t.index.limit(); id < n; id++) {
            Path best = t.best(id);
            if (best != null) {
                out.add(new RouteEntry(t.index.prefix(id), List.of(PathEntry.of(best, true))));
            }
        }
        return out;
    }

    /**
     * The paths {@code peer} sent in {@code family} (Adj-RIB-In, before and after policy), up to {@code limit}: every
     * path held, eligible or not; one that import policy rejected or that is ineligible has its received attributes
     * and null {@link PathEntry#attributes}. Each entry holds one path (several entries per prefix with ADD-PATH).
     */
    public List<RouteEntry> ribIn(String peer, Family family, int limit) {
        RibPeer p = peer(peer);
        RouteTable t = rib.table(family);
        List<RouteEntry> out = new ArrayList<>();
        AdjRibIn in = p == null || t == null ? null : p.in.get(family);
        if (in == null) {
            return out;
        }
        RouteTable.SourcePaths sp = t.pathsOf(p.source);
        for (int i = 0; i < sp.size() && out.size() < limit; i++) {
            int id = sp.ids()[i];
            Path path = sp.paths()[i];
            out.add(new RouteEntry(t.index.prefix(id), List.of(PathEntry.of(path, path == t.best(id)))));
        }
        return out;
    }

    /** What {@code peer}'s update group has advertised in {@code family} (Adj-RIB-Out), up to {@code limit}. */
    public List<AdvertisedRoute> ribOut(String peer, Family family, int limit) {
        RibPeer p = peer(peer);
        List<AdvertisedRoute> out = new ArrayList<>();
        if (p == null || p.group == null) {
            return out;
        }
        Out o = p.group.outs.get(family);
        if (o == null) {
            return out;
        }
        for (int id = 0, n = o.limit(); id < n && out.size() < limit; id++) {
            if (o.addPaths > 0) {
                p.group.shownPaths(o, id, p.source == null ? Packer.ALL : p.source.id(), out, limit);
            } else if (o.advertised(id) != null && (p.source == null || o.origin(id) != p.source.id())) {
                // A member is not sent the routes that came from it (Out.origin), so its view leaves them out.
                PathAttributes sent = p.group.shown(o, id);
                if (sent != null) {
                    out.add(new AdvertisedRoute(o.table.index.prefix(id), sent, o.advertisedNextHop(id)));
                }
            }
        }
        return out;
    }

    /** Update groups: peers sharing one Adj-RIB-Out count once. */
    public int groupCount() {
        return rib.groups.size();
    }

    /** The names of the peers known to the RIB, in the order they were added (configuration order). */
    public List<String> peerNames() {
        List<String> out = new ArrayList<>(rib.peers.size());
        for (RibPeer p : rib.peers.values()) {
            out.add(p.name);
        }
        return out;
    }

    /**
     * The families of {@code peer}'s current session from which End-of-RIB (RFC 4724 §2) has not arrived yet,
     * sorted by name: empty once the peer has sent its whole table. Null when the peer has no session
     * in the RIB (down, not yet up, or unknown).
     */
    public List<Family> awaitingEndOfRib(String peer) {
        RibPeer p = peer(peer);
        if (p == null || !p.up() || p.session == null) {
            return null;
        }
        List<Family> out = new ArrayList<>();
        for (Family f : p.session.context().families()) {
            AdjRibIn in = p.in.get(f);
            if (in == null || !in.endOfRibReceived) {
                out.add(f);
            }
        }
        out.sort(java.util.Comparator.comparing(Family::toString));
        return out;
    }

    /**
     * The families from which {@code peer} has sent End-of-RIB (RFC 4724 §2) in its current session, sorted by name:
     * empty when it has sent none or has no session in the RIB (down, not yet up, or unknown). What a
     * {@link RibObserver} starts from before its {@link RibObserver#endOfRib} callbacks.
     */
    public List<Family> endOfRibReceived(String peer) {
        RibPeer p = peer(peer);
        List<Family> out = new ArrayList<>();
        if (p == null || !p.up()) {
            return out;
        }
        for (Map.Entry<Family, AdjRibIn> e : p.in.entrySet()) {
            if (e.getValue().endOfRibReceived) {
                out.add(e.getKey());
            }
        }
        out.sort(java.util.Comparator.comparing(Family::toString));
        return out;
    }

    /** Whether a peer of this name is known to the RIB. */
    public boolean hasPeer(String name) {
        return peer(name) != null;
    }

    public RouteCounts counts() {
        List<RouteCounts.FamilyCount> fams = new ArrayList<>();
        for (Map.Entry<Family, RouteTable> e : rib.tables.entrySet()) {
            RouteTable t = e.getValue();
            fams.add(new RouteCounts.FamilyCount(e.getKey(), t.index.size(), t.paths, t.bestCount));
        }
        List<RouteCounts.PeerCount> peers = new ArrayList<>();
        for (RibPeer p : rib.peers.values()) {
            for (Family f : rib.tables.keySet()) {
                AdjRibIn in = p.in.get(f);
                long best = 0;
                if (in != null && p.source != null) {
                    RouteTable t = rib.table(f);
                    RouteTable.SourcePaths sp = t.pathsOf(p.source);
                    for (int i = 0; i < sp.size(); i++) {
                        if (t.best(sp.ids()[i]) == sp.paths()[i]) {
                            best++;
                        }
                    }
                }
                long adv = p.group == null ? 0 : p.group.advertisedCount(f);
                if (in != null || adv > 0) {
                    peers.add(new RouteCounts.PeerCount(p.name, f, in == null ? 0 : in.paths,
                            in == null ? 0 : in.accepted, best, adv));
                }
            }
        }
        return new RouteCounts(fams, peers);
    }

    public MemoryReport memory() {
        long prefixes = 0;
        long paths = 0;
        long table = 0;
        for (RouteTable t : rib.tables.values()) {
            prefixes += t.index.size();
            paths += t.paths;
            table += t.bytes();
        }
        for (UpdateGroup g : rib.groups) {
            for (Out o : g.outs.values()) {
                table += o.bytes();
            }
        }
        table += rib.interner.tableBytes();
        long sets = rib.interner.size();
        // PathAttributes: 12-octet header + array reference + cached hash = 24 octets (with alignment); its array
        // 16 octets of header plus the data rounded up to 8.
        long setBytes = sets * (24 + 16) + rib.interner.attributeBytes() + sets * 4;
        return new MemoryReport(prefixes, paths, sets, rib.interner.attributeBytes(), table, paths * PATH_BYTES,
                setBytes);
    }

    /**
     * A Path object with compressed references, as JOL lays it out: 12-octet header and 9 fields of 4 octets (source,
     * path id, send id, received, attributes, next hop, next, meta, reason) = 48 octets.
     */
    static final int PATH_BYTES = 48;

    private RibPeer peer(String name) {
        for (RibPeer p : rib.peers.values()) {
            if (p.name.equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static Family family(Prefix p) {
        return p.afi() == Family.AFI_IPV6 ? Family.IPV6_UNICAST : Family.IPV4_UNICAST;
    }

    private static RouteEntry entry(RouteTable t, int id) {
        Path best = t.best(id);
        List<PathEntry> paths = new ArrayList<>();
        if (best != null) {
            paths.add(PathEntry.of(best, true));
        }
        for (Path p = t.head(id); p != null; p = p.next) {
            if (p != best) {
                paths.add(PathEntry.of(p, false));
            }
        }
        return new RouteEntry(t.index.prefix(id), paths);
    }
}
