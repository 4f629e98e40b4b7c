package dev.petrel.rib;

import dev.petrel.rib.policy.Policy;
import dev.petrel.wire.Family;
import dev.petrel.wire.MessageEncoder;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.PeerType;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.Update;
import dev.petrel.wire.attr.PathAttributes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peers whose UPDATEs would be byte for byte the same share one Adj-RIB-Out: same export policies, same kind of
 * session (eBGP and its AS, or iBGP), same next-hop rule and our same address as next hop, same encoding
 * (4-octet AS, ADD-PATH send, message size, families). The group decides and encodes each change once and
 * writes the same buffer to every member, so 200 peers cost about what one does.
 *
 * <p>Each family's {@link Out} keeps what was last sent for every prefix ({@code advertised}, interned attribute
 * sets, indexed by prefix id) and the prefixes whose best path changed since ({@code dirty}). Flushing drains the
 * dirty set: the export of the current best path is compared with what was sent; prefixes with the same new
 * attribute set are packed into shared UPDATEs.
 *
 * <p>A peer that joins a group that already sent routes gets them from {@code advertised} by a walk of its own
 * (chunked like everything else), while the live changes go to it with the rest; a ROUTE-REFRESH walks again.
 * End-of-RIB (RFC 4724) follows once its walk is done and the group has nothing pending.
 *
 * <p>No member is sent a route it is the source of, as BIRD does not (FRR spares only a peer alone in its update
 * group, FRRouting/frr#3044; RFC 4456 §8 would let the client
 * drop it by ORIGINATOR_ID, but that costs it the work): such a route is packed apart and cut out of what that
 * member is written ({@link Packer#forMember}), the slice still encoded once; where the group advertises a
 * member's own route in place of one it had sent it, that member alone is sent the withdrawal. {@link Out#origin}
 * remembers which advertised routes a member was not sent.
 *
 * <p>A member whose channel is not writable holds the group back (so one buffer serves all), but not for long:
 * once it has been unwritable for {@link RibSettings#slowMember} while another member could take more and the
 * group has work, it is split out into a group of its own ({@link #split}), which starts from what the old group
 * had written to it (all of it is in its channel) and catches up at its own pace; the group goes on without it,
 * still encoding once. A split member stays on its own until its session ends or its export changes.
 */
final class UpdateGroup {
    private static final Logger LOG = LoggerFactory.getLogger(Rib.class);
    /** Prefixes decided per slice of a flush. */
    private static final int SLICE = 4096;
    /** Write once the encoded output reaches this. */
    private static final int WRITE_AT = 256 * 1024;

    /**
     * What makes two peers' UPDATEs identical. {@code addPaths}: with ADD-PATH send negotiated in some family, how
     * many paths per prefix (the best N, or Integer.MAX_VALUE for all); 0 without, so that plain peers configured
     * differently still share a group. {@code client}: the members are route-reflector clients (RFC 4456 §6), which
     * are sent the routes of non-client iBGP peers as well. {@code solo}: 0, or the id of the one peer split
     * out of its group for being slow ({@link #split}), so that no other peer joins it.
     */
    record Key(Map<Family, Policy> exports, PeerType type, long remoteAs, NextHopMode nextHop, InetAddress selfV4,
            InetAddress selfV6, boolean fourOctetAs, boolean extendedMessage, Set<Family> families,
            Set<Family> addPathSend, int addPaths, boolean client, int solo) {}

    final RibState rib;
    final Key key;
    final SessionContext context;
    final List<Member> members = new ArrayList<>();
    final Map<Family, Out> outs = new LinkedHashMap<>();
    private final Exporter exporter;
    private final Packer packer = new Packer();
    /** Some family sends several paths per prefix: every decision at a prefix is news, not only a new best. */
    final boolean addPath;
    /** The members by the id of their source, for telling a route from a member ({@link #memberSource}). */
    private Member[] bySource = new Member[0];

    static final class Member {
        final RibPeer peer;
        /** The id of the member's {@link Source}: routes from it are not sent to it. */
        final int source;
        /** {@code System.nanoTime()} when its channel was first seen unwritable while the group waited; -1 not. */
        long stalledSince = -1;
        /** Per family (index in outs order): the next prefix id of this member's walk, or -1 when not walking. */
        final int[] walk;
        final boolean[] eorSent;
        /** An enhanced route refresh (RFC 7313) is being answered: EoRR follows the walk. */
        final boolean[] eorrPending;
        /**
         * Per family, prefix ids the peer was sent by its previous group (export policy changed): after the walk,
         * those this group does not advertise are withdrawn from it. Each id is held until then.
         */
        final int[][] previous;
        /** Under ADD-PATH, parallel to {@link #previous}: the path identifier sent with each (an id per path). */
        final int[][] previousPaths;
        final int[] previousCount;

        Member(RibPeer peer, int families) {
            this.peer = peer;
            this.source = peer.source == null ? Packer.ALL : peer.source.id();
            this.walk = new int[families];
            this.eorSent = new boolean[families];
            this.eorrPending = new boolean[families];
            this.previous = new int[families][];
            this.previousPaths = new int[families][];
            this.previousCount = new int[families];
        }
    }

    private UpdateGroup(RibState rib, Key key, SessionContext context) {
        this.rib = rib;
        this.key = key;
        this.context = context;
        boolean any = false;
        for (Family f : key.families()) {
            RouteTable t = rib.table(f);
            if (t != null) {
                int paths = key.addPathSend().contains(f) ? key.addPaths() : 0;
                any |= paths > 0;
                outs.put(f, new Out(f, t, key.exports().getOrDefault(f, Policy.NONE), paths));
            }
        }
        this.addPath = any;
        this.exporter = new Exporter(rib, key);
    }

    // ---- Membership -------------------------------------------------------------------------------------------

    static void join(RibState rib, RibPeer p) {
        join(rib, p, 0);
    }

    private static void join(RibState rib, RibPeer p, int solo) {
        Key k = keyOf(rib, p, solo);
        UpdateGroup g = null;
        for (UpdateGroup x : rib.groups) {
            if (x.key.equals(k)) {
                g = x;
                break;
            }
        }
        boolean fresh = g == null;
        if (fresh) {
            g = new UpdateGroup(rib, k, p.session.context());
            rib.groups.add(g);
            if (g.addPath) {
                rib.addPathGroups++;
            }
            for (Out o : g.outs.values()) {
                o.markAll();
            }
        }
        Member m = new Member(p, g.outs.size());
        g.members.add(m);
        if (m.source >= 0) {
            if (m.source >= g.bySource.length) {
                g.bySource = java.util.Arrays.copyOf(g.bySource, Math.max(m.source + 1, 2 * g.bySource.length));
            }
            g.bySource[m.source] = m;
        }
        p.group = g;
        p.member = m;
        // Walk what the group already sent; a new group has sent nothing, its dirty set holds the whole table.
        java.util.Arrays.fill(m.walk, fresh ? -1 : 0);
    }

    /**
     * The peer's export changed: it moves to the group that now fits it, which sends what it advertises (the walk)
     * and then withdraws what the old group had sent and the new one does not: only the difference changes at the
     * peer, and the session stays up.
     */
    static void move(RibState rib, RibPeer p) {
        move(rib, p, 0);
    }

    /** {@link #move}, to a group of its own when {@code solo} is the peer's id. */
    private static void move(RibState rib, RibPeer p, int solo) {
        UpdateGroup old = p.group;
        // Per family: the prefix ids sent and, under ADD-PATH, the path identifiers (one entry per path).
        Map<Family, int[][]> sent = new LinkedHashMap<>();
        if (old != null) {
            for (Out o : old.outs.values()) {
                int[] ids = new int[o.count];
                int[] paths = o.addPaths > 0 ? new int[o.count] : null;
                int n = 0;
                for (int id = 0, lim = o.limit(); id < lim; id++) {
                    if (o.addPaths == 0) {
                        if (o.advertised(id) == null || o.origin(id) == p.member.source) {
                            continue; // not advertised, or the peer's own route, which it was not sent
                        }
                        if (n == ids.length) {
                            ids = java.util.Arrays.copyOf(ids, 2 * n + 1);
                        }
                        ids[n++] = id;
                        o.table.hold(id);
                        continue;
                    }
                    Out.Sent x = o.sent(id);
                    for (int j = 0; x != null && j < x.n; j++) {
                        if (x.from[j] == p.member.source && p.member.source != Packer.ALL) {
                            continue; // its own path, which it was not sent
                        }
                        if (n == ids.length) {
                            ids = java.util.Arrays.copyOf(ids, 2 * n + 1);
                            paths = java.util.Arrays.copyOf(paths, 2 * n + 1);
                        }
                        paths[n] = x.ids[j];
                        ids[n++] = id;
                        o.table.hold(id);
                    }
                }
                sent.put(o.family, new int[][] {java.util.Arrays.copyOf(ids, n),
                    paths == null ? null : java.util.Arrays.copyOf(paths, n)});
            }
        }
        leave(rib, p);
        join(rib, p, solo);
        Member m = p.member;
        int i = 0;
        for (Out o : p.group.outs.values()) {
            int[][] was = sent.get(o.family);
            // The session is the same, so ADD-PATH is on in both groups or in neither; were it not, the old
            // routes could not be named the way they were sent, and they are left to the walk and the peer.
            if (was != null && (was[1] != null) == (o.addPaths > 0)) {
                sent.remove(o.family);
                m.previous[i] = was[0];
                m.previousPaths[i] = was[1];
                m.previousCount[i] = was[0].length;
                m.eorSent[i] = true; // it had its End-of-RIB from the old group
            }
            i++;
        }
        for (Map.Entry<Family, int[][]> e : sent.entrySet()) {
            RouteTable t = rib.table(e.getKey());
            for (int id : e.getValue()[0]) {
                t.unhold(id);
            }
        }
    }

    static void leave(RibState rib, RibPeer p) {
        UpdateGroup g = p.group;
        if (g == null) {
            return;
        }
        g.members.remove(p.member);
        if (p.member.source >= 0 && g.bySource[p.member.source] == p.member) {
            g.bySource[p.member.source] = null;
        }
        int k = 0;
        for (Out o : g.outs.values()) {
            for (int j = 0; j < p.member.previousCount[k]; j++) {
                o.table.unhold(p.member.previous[k][j]);
            }
            p.member.previousCount[k++] = 0;
        }
        p.group = null;
        p.member = null;
        if (g.members.isEmpty()) {
            g.dispose();
            rib.groups.remove(g);
            if (g.addPath) {
                rib.addPathGroups--;
            }
        }
    }

    private static Key keyOf(RibState rib, RibPeer p, int solo) {
        SessionContext c = p.session.context();
        InetAddress local = p.session.localAddress();
        InetAddress other = p.session.otherFamilyAddress();
        InetAddress v4 = local instanceof Inet4Address ? local : other instanceof Inet4Address ? other : null;
        // An IPv6 route over an IPv4 session: our IPv6 address on that interface, else (as a last resort, which
        // some peers refuse) our IPv4 address mapped into IPv6.
        InetAddress v6 = local instanceof Inet6Address ? local : other instanceof Inet6Address ? other
                : local == null ? null : RibState.mapped(local);
        PeerType type = p.config.peerType();
        Map<Family, Policy> exports = new LinkedHashMap<>();
        for (Family f : c.families()) {
            exports.put(f, p.config.exportPolicy(f));
        }
        // ADD-PATH send is negotiated only where configured; should the configuration have changed since, the
        // session still sends path identifiers: one path each, then.
        int paths = c.addPathSend().isEmpty() ? 0 : Math.max(1, p.config.addPathSend());
        return new Key(exports, type, type == PeerType.EXTERNAL ? p.config.remoteAs() : 0, p.config.nextHop(), v4,
                v6, c.fourOctetAs(), c.extendedMessage(), c.families(), c.addPathSend(), paths,
                p.source.reflectionClient(), solo);
    }

    private void dispose() {
        for (Out o : outs.values()) {
            o.dispose(rib);
        }
        exporter.clear();
    }

    /**
     * A member's peer asked for the routes again (ROUTE-REFRESH, RFC 2918): walk for it once more. With enhanced
     * route refresh (RFC 7313 §4) the walk is framed by BoRR and EoRR, so the peer can drop what was not re-sent.
     */
    void refresh(Member m, Family f) {
        int i = 0;
        for (Family g : outs.keySet()) {
            if (g.equals(f)) {
                m.walk[i] = 0;
                if (m.peer.session.enhancedRefresh()) {
                    message(m, new dev.petrel.wire.RouteRefresh(f, dev.petrel.wire.RouteRefresh.BORR));
                    m.eorrPending[i] = true;
                }
            }
            i++;
        }
    }

    private void message(Member m, dev.petrel.wire.BgpMessage msg) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(32);
        MessageEncoder.encode(msg, context, buf);
        if (msg instanceof dev.petrel.wire.RouteRefresh) {
            m.peer.sink.writeRouteRefresh(buf);
        } else {
            m.peer.sink.write(buf, 1, 0);
        }
    }

    /** The source id of {@code path} when that source is a member of this group, else {@link Packer#ALL}. */
    private int memberSource(Path path) {
        int id = path.source.id(); // local and kernel sources have ids of their own, never a member's
        return path.source.isPeer() && id >= 0 && id < bySource.length && bySource[id] != null ? id : Packer.ALL;
    }

    // ---- Changes ----------------------------------------------------------------------------------------------

    /**
     * Prefix {@code id} in {@code t} was decided again: its best path changed ({@code best}), or, news only for an
     * ADD-PATH output, some other path did.
     */
    void changed(RouteTable t, int id, boolean best) {
        Out o = outs.get(t.family);
        if (o != null && (best || o.addPaths > 0)) {
            o.mark(id);
        }
    }

    boolean hasWork() {
        return writable() && pending();
    }

    /** Something to decide or send: dirty prefixes, a walk, an End-of-RIB, withdrawals after a move. */
    private boolean pending() {
        for (Out o : outs.values()) {
            if (!o.dirty.isEmpty()) {
                return true;
            }
        }
        for (Member m : members) {
            for (int i = 0; i < m.walk.length; i++) {
                if (m.walk[i] >= 0 || !m.eorSent[i] || m.eorrPending[i] || m.previousCount[i] > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A member's channel became writable: the next flush picks up. */
    void wake() {}

    /** Every member can take more; a member that can is no longer stalled. */
    private boolean writable() {
        boolean all = true;
        for (Member m : members) {
            if (m.peer.sink.isWritable()) {
                m.stalledSince = -1;
            } else {
                all = false;
            }
        }
        return all;
    }

    /**
     * The group is held back: every member that has been unwritable for {@link RibSettings#slowMember} while
     * another member could take more is split out ({@link #split}), if the group has work for the others.
     */
    private void splitSlowMembers() {
        long now = System.nanoTime();
        boolean someoneWaits = false;
        List<Member> slow = new ArrayList<>();
        for (Member m : members) {
            if (m.peer.sink.isWritable()) {
                someoneWaits = true;
                continue;
            }
            if (m.stalledSince < 0) {
                m.stalledSince = now;
            }
            if (now - m.stalledSince >= rib.settings.slowMember().toNanos() && settled(m)) {
                slow.add(m);
            }
        }
        if (!someoneWaits || slow.isEmpty() || !pending()) {
            return;
        }
        for (Member m : slow) {
            split(m.peer);
        }
    }

    /**
     * The member has had everything this group advertises written to it (no walk, no withdrawals after a move
     * pending), so that what it holds once its channel drains is exactly this group's Adj-RIB-Out.
     */
    private static boolean settled(Member m) {
        for (int i = 0; i < m.walk.length; i++) {
            if (m.walk[i] >= 0 || m.previousCount[i] > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Moves a slow member into a group of its own: what this group had written to it is all in its channel, so
     * the new group starts from this group's Adj-RIB-Out as the peer's previous routes ({@link #move}): it sends
     * the current table at the peer's pace, then withdraws what this group had sent and no longer advertises.
     */
    private void split(RibPeer p) {
        LOG.info("RIB: {} is slow (its channel unwritable for {} while the rest of its update group waited):"
                + " it goes on in an update group of its own", p.name, rib.settings.slowMember());
        move(rib, p, p.id);
    }

    /**
     * Decides and sends up to {@code slices} slices of pending work, while every member can take it. Unless
     * {@code idle} (no command is waiting), only full slices: while a table streams in, the changes gather into
     * large writes (a few per 100,000 routes and member) instead of one small write per command batch.
     */
    void flush(int slices, boolean idle) {
        if (!writable()) {
            splitSlowMembers();
        }
        for (int s = 0; s < slices && writable(); s++) {
            boolean did = false;
            for (Out o : outs.values()) {
                if (idle ? !o.dirty.isEmpty() : o.dirty.size() >= SLICE) {
                    if (o.addPaths == 0) {
                        flushDirty(o);
                    } else {
                        flushDirtyPaths(o);
                    }
                    did = true;
                }
            }
            did |= walks();
            if (!did) {
                return;
            }
        }
    }

    private void flushDirty(Out o) {
        packer.begin(o);
        int n = 0;
        for (int id; n < SLICE && packer.bytes() < WRITE_AT && (id = o.dirty.poll()) >= 0; n++) {
            Path best = o.table.best(id);
            PathAttributes out = best == null ? null : exporter.export(o, best, id);
            boolean input = out != null && exporter.cacheable();
            NextHop nh = out == null ? null : exporter.nextHop();
            // What the group records: the route's own (input) set for a cacheable export, else the set sent.
            PathAttributes record = input ? best.attributes : out;
            PathAttributes prev = o.advertised(id);
            // A member is not sent its own route: that one's for all but it.
            int from = out == null ? Packer.ALL : memberSource(best);
            int was = o.origin(id);
            if (record == prev && from == was
                    && (out == null || input == o.viaInput(id) && Objects.equals(nh, o.advertisedNextHop(id)))) {
                if (out != null && !input) {
                    rib.interner.release(out);
                }
            } else if (out == null) {
                // the id is let go once encoded (below): its prefix must still be known. A member whose own route
                // it was never had it.
                packer.withdrawExcept(id, was);
                continue;
            } else {
                packer.announceExcept(id, out, nh, from);
                if (from != Packer.ALL && prev != null && was != from) {
                    packer.withdrawOnly(id, from); // it had the route we advertised before its own
                }
                o.set(rib, id, record, nh, input);
                o.setOrigin(id, from);
                if (!input) {
                    packing.add(out); // released once encoded; o.set took its own reference
                }
            }
            o.table.unhold(id);
        }
        if (!packer.isEmpty()) {
            Packer.Encoded e = packer.encode(context);
            for (int i = 0; i < packer.withdrawnCount(); i++) {
                int id = packer.withdrawnId(i);
                o.set(rib, id, null, null, false);
                o.table.unhold(id);
            }
            packer.reset();
            releasePacking();
            send(e, null);
        }
    }

    // ---- ADD-PATH send (RFC 7911) --------------------------------------------------------------------------------

    private final BestPath.Ranker ranker = new BestPath.Ranker();
    /** Scratch for one prefix's new advertisement: path ids, recorded sets, next hops, input flags. */
    private int[] nIds = new int[8];
    private PathAttributes[] nRecords = new PathAttributes[8];
    private NextHop[] nHops = new NextHop[8];
    private boolean[] nInput = new boolean[8];
    private int[] nFrom = new int[8];
    /** Prefix ids whose pending hold is let go once the slice is encoded (a withdrawal still names them). */
    private int[] released = new int[64];

    /**
     * The ADD-PATH form of {@link #flushDirty}: per prefix, the eligible paths in decision order (the best N, or
     * all), each through the export rules; a path refused is not among them. Against what was sent: path ids no
     * longer there are withdrawn, new ones and those whose export changed are announced with their id.
     */
    private void flushDirtyPaths(Out o) {
        packer.begin(o);
        int nr = 0;
        int n = 0;
        for (int id; n < SLICE && packer.bytes() < WRITE_AT && (id = o.dirty.poll()) >= 0; n++) {
            Out.Sent prev = o.sent(id);
            int k = ranker.rank(o.table.head(id), rib.settings.decision(), o.addPaths);
            if (k > nIds.length) {
                int c = Math.max(k, 2 * nIds.length);
                nIds = new int[c];
                nRecords = new PathAttributes[c];
                nHops = new NextHop[c];
                nInput = new boolean[c];
                nFrom = new int[c];
            }
            int m = 0;
            boolean changed = false;
            for (int r = 0; r < k; r++) {
                Path path = ranker.get(r);
                PathAttributes out = exporter.export(o, path, id);
                if (out == null) {
                    continue;
                }
                boolean input = exporter.cacheable();
                NextHop nh = exporter.nextHop();
                if (!input) {
                    packing.add(out); // released once encoded; setPaths takes its own reference
                }
                PathAttributes record = input ? path.attributes : out;
                int j = prev == null ? -1 : prev.indexOf(path.sendId);
                int from = memberSource(path);
                if (j < 0 || prev.attributes[j] != record || prev.input[j] != input
                        || !Objects.equals(nh, prev.nextHop(j))) {
                    packer.announceExcept(id, path.sendId, out, nh, from); // not to its source
                    changed = true;
                }
                nFrom[m] = from;
                nIds[m] = path.sendId;
                nRecords[m] = record;
                nHops[m] = nh;
                nInput[m++] = input;
            }
            ranker.clear(k);
            boolean withdrew = false;
            for (int j = 0; prev != null && j < prev.n; j++) {
                if (indexOf(nIds, m, prev.ids[j]) < 0) {
                    packer.withdrawExcept(id, prev.ids[j], prev.from[j]); // its source never had it
                    withdrew = true;
                }
            }
            if (changed || withdrew || (prev == null ? 0 : prev.n) != m) {
                o.setPaths(rib, id, m, nIds, nRecords, nHops, nInput, nFrom);
            }
            java.util.Arrays.fill(nRecords, 0, m, null);
            java.util.Arrays.fill(nHops, 0, m, null);
            if (withdrew) {
                if (nr == released.length) {
                    released = java.util.Arrays.copyOf(released, 2 * nr);
                }
                released[nr++] = id; // its withdrawal names the prefix: held until encoded
            } else {
                o.table.unhold(id);
            }
        }
        Packer.Encoded e = packer.isEmpty() ? null : packer.encode(context);
        packer.reset();
        for (int i = 0; i < nr; i++) {
            o.table.unhold(released[i]);
        }
        releasePacking();
        if (e != null) {
            send(e, null);
        }
    }

    private static int indexOf(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    /** The path of prefix {@code id} sent with path identifier {@code sendId}, or null. */
    private static Path pathBySendId(Out o, int id, int sendId) {
        for (Path p = o.table.head(id); p != null; p = p.next) {
            if (p.sendId == sendId) {
                return p;
            }
        }
        return null;
    }

    /**
     * Under ADD-PATH, what was sent for path {@code j} of {@code x} at prefix {@code id}: the recorded set, or,
     * where it recorded the input set, the export of that path now (the same set unless a change is pending).
     * Sets the next hop in {@link #walkHop}; an interned set comes with a reference added to {@link #packing}.
     */
    private PathAttributes sentPath(Out o, int id, Out.Sent x, int j) {
        walkHop = x.nextHop(j);
        if (!x.input[j]) {
            return x.attributes[j];
        }
        Path path = pathBySendId(o, id, x.ids[j]);
        if (path == null) {
            return null;
        }
        PathAttributes out = exporter.export(o, path, id);
        if (out != null && !exporter.cacheable()) {
            packing.add(out);
        }
        walkHop = exporter.nextHop();
        return out;
    }

    private NextHop walkHop;

    /**
     * Packs again what the group advertises for prefix {@code id}, for the walk of member {@code m}; returns how
     * many routes. Not the member's own routes: it was not sent them.
     */
    private int repack(Out o, int id, Member m) {
        if (o.addPaths == 0) {
            if (o.origin(id) == m.source && m.source != Packer.ALL) {
                return 0;
            }
            PathAttributes a = sent(o, id);
            if (a == null) {
                return 0;
            }
            packer.announce(id, a, o.viaInput(id) ? exporter.nextHop() : o.advertisedNextHop(id));
            return 1;
        }
        Out.Sent x = o.sent(id);
        int n = 0;
        for (int j = 0; x != null && j < x.n; j++) {
            if (x.from[j] == m.source && m.source != Packer.ALL) {
                continue;
            }
            PathAttributes a = sentPath(o, id, x, j);
            if (a != null) {
                packer.announce(id, x.ids[j], a, walkHop);
                n++;
            }
        }
        return n;
    }

    /** Interned output sets referenced by the slice being packed, released once it is encoded. */
    private final List<PathAttributes> packing = new ArrayList<>();

    private void releasePacking() {
        for (PathAttributes a : packing) {
            rib.interner.release(a);
        }
        packing.clear();
    }

    /**
     * What the group sent for {@code id}: the recorded set, or, where it recorded the input set, the export of
     * the current best path (the same set, unless a change is pending). Interned sets come with a reference the
     * caller adds to {@link #packing}; null when nothing is to be sent now.
     */
    private PathAttributes sent(Out o, int id) {
        if (!o.viaInput(id)) {
            return o.advertised(id);
        }
        Path best = o.table.best(id);
        if (best == null) {
            return null;
        }
        PathAttributes out = exporter.export(o, best, id);
        if (out != null && !exporter.cacheable()) {
            packing.add(out);
        }
        return out;
    }

    /** For `show rib-out`: the attributes sent for {@code id} (see {@link #sent}), with no reference kept. */
    PathAttributes shown(Out o, int id) {
        PathAttributes a = sent(o, id);
        releasePacking();
        return a;
    }

    /** For `show rib-out` under ADD-PATH: adds each path sent for {@code id} to {@code out}, up to {@code limit}. */
    void shownPaths(Out o, int id, int member, List<AdvertisedRoute> out, int limit) {
        Out.Sent x = o.sent(id);
        for (int j = 0; x != null && j < x.n && out.size() < limit; j++) {
            if (member != Packer.ALL && x.from[j] == member) {
                continue; // the member's own path: not sent to it
            }
            PathAttributes a = sentPath(o, id, x, j);
            if (a != null) {
                out.add(new AdvertisedRoute(o.table.index.prefix(id), a, walkHop, Integer.toUnsignedLong(x.ids[j])));
            }
        }
        releasePacking();
    }

    /** Advances every walking member by one slice; sends End-of-RIB where a walk is done. */
    private boolean walks() {
        boolean did = false;
        for (Member m : members) {
            int i = 0;
            for (Out o : outs.values()) {
                if (m.walk[i] >= 0) {
                    did = true;
                    packer.begin(o);
                    int id = m.walk[i];
                    int limit = o.limit();
                    for (int n = 0; id < limit && n < SLICE && packer.bytes() < WRITE_AT; id++) {
                        // a pending change goes to every member, this one included, with the next flush
                        if (o.has(id) && !o.dirty.contains(id)) {
                            n += repack(o, id, m);
                        }
                    }
                    m.walk[i] = id >= limit ? -1 : id;
                    if (!packer.isEmpty()) {
                        Packer.Encoded e = packer.encode(context);
                        packer.reset();
                        send(e, m);
                    }
                    releasePacking();
                }
                if (m.walk[i] < 0 && m.previousCount[i] > 0 && o.dirty.isEmpty()) {
                    withdrawPrevious(m, i, o);
                    did = true;
                }
                if (m.walk[i] < 0 && !m.eorSent[i] && o.dirty.isEmpty()) {
                    m.eorSent[i] = true;
                    message(m, Update.endOfRib(o.family));
                    did = true;
                }
                if (m.walk[i] < 0 && m.eorrPending[i]) {
                    m.eorrPending[i] = false;
                    message(m, new dev.petrel.wire.RouteRefresh(o.family, dev.petrel.wire.RouteRefresh.EORR));
                    did = true;
                }
                i++;
            }
        }
        return did;
    }

    private void withdrawPrevious(Member m, int i, Out o) {
        packer.begin(o);
        int[] ids = m.previous[i];
        int[] paths = m.previousPaths[i];
        int n = m.previousCount[i];
        for (int j = 0; j < n; j++) {
            if (paths == null) {
                if (o.advertised(ids[j]) == null || o.origin(ids[j]) == m.source) {
                    packer.withdraw(ids[j]); // not advertised, or its own route, which it is not sent
                }
            } else {
                Out.Sent x = o.sent(ids[j]);
                int k = x == null ? -1 : x.indexOf(paths[j]);
                if (k < 0 || x.from[k] == m.source) {
                    packer.withdraw(ids[j], paths[j]); // not advertised, or its own path, which it is not sent
                }
            }
        }
        if (!packer.isEmpty()) {
            Packer.Encoded e = packer.encode(context);
            packer.reset();
            send(e, m);
        }
        for (int j = 0; j < n; j++) {
            o.table.unhold(ids[j]);
        }
        m.previous[i] = null;
        m.previousPaths[i] = null;
        m.previousCount[i] = 0;
    }

    /**
     * Writes the encoded slice to {@code only}, or to every member, each the parts meant for it
     * ({@link Packer#forMember}: shared octets, no copy); releases it.
     */
    private void send(Packer.Encoded e, Member only) {
        try {
            if (only != null) {
                write(only, e);
                return;
            }
            for (Member m : members) {
                write(m, e);
            }
        } finally {
            e.buf().release();
        }
    }

    private static void write(Member m, Packer.Encoded e) {
        Packer.Piece piece = Packer.forMember(e, m.source);
        if (piece != null) {
            m.peer.sink.write(piece.buf(), piece.messages(), piece.prefixes());
            m.peer.updatesSent += piece.messages();
            m.peer.prefixesSent += piece.prefixes();
        }
    }

    /** Prefixes this group has advertised in {@code f}: for `show routes --count`. */
    int advertisedCount(Family f) {
        Out o = outs.get(f);
        return o == null ? 0 : o.count;
    }

    static final Logger log() {
        return LOG;
    }
}
