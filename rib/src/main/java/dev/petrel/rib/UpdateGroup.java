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
 * <p>A member whose channel is not writable holds the whole group back (so one buffer serves all): splitting
 * slow members out is not built yet.
 */
final class UpdateGroup {
    private static final Logger LOG = LoggerFactory.getLogger(Rib.class);
    /** Prefixes decided per slice of a flush. */
    private static final int SLICE = 4096;
    /** Write once the encoded output reaches this. */
    private static final int WRITE_AT = 256 * 1024;

    /** What makes two peers' UPDATEs identical. */
    record Key(Map<Family, Policy> exports, PeerType type, long remoteAs, NextHopMode nextHop, InetAddress selfV4,
            InetAddress selfV6, boolean fourOctetAs, boolean extendedMessage, Set<Family> families,
            Set<Family> addPathSend) {}

    final RibState rib;
    final Key key;
    final SessionContext context;
    final List<Member> members = new ArrayList<>();
    final Map<Family, Out> outs = new LinkedHashMap<>();
    private final Exporter exporter;
    private final Packer packer = new Packer();

    static final class Member {
        final RibPeer peer;
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
        final int[] previousCount;

        Member(RibPeer peer, int families) {
            this.peer = peer;
            this.walk = new int[families];
            this.eorSent = new boolean[families];
            this.eorrPending = new boolean[families];
            this.previous = new int[families][];
            this.previousCount = new int[families];
        }
    }

    private UpdateGroup(RibState rib, Key key, SessionContext context) {
        this.rib = rib;
        this.key = key;
        this.context = context;
        for (Family f : key.families()) {
            RouteTable t = rib.table(f);
            if (t != null) {
                outs.put(f, new Out(f, t, key.exports().getOrDefault(f, Policy.NONE)));
            }
        }
        this.exporter = new Exporter(rib, key);
    }

    // ---- Membership -------------------------------------------------------------------------------------------

    static void join(RibState rib, RibPeer p) {
        Key k = keyOf(rib, p);
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
            for (Out o : g.outs.values()) {
                o.markAll();
            }
        }
        Member m = new Member(p, g.outs.size());
        g.members.add(m);
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
        UpdateGroup old = p.group;
        Map<Family, int[]> sent = new LinkedHashMap<>();
        if (old != null) {
            for (Out o : old.outs.values()) {
                int[] ids = new int[o.count];
                int n = 0;
                for (int id = 0, lim = o.limit(); id < lim && n < ids.length; id++) {
                    if (o.advertised(id) != null) {
                        ids[n++] = id;
                        o.table.hold(id);
                    }
                }
                sent.put(o.family, java.util.Arrays.copyOf(ids, n));
            }
        }
        leave(rib, p);
        join(rib, p);
        Member m = p.member;
        int i = 0;
        for (Out o : p.group.outs.values()) {
            int[] ids = sent.remove(o.family);
            if (ids != null) {
                m.previous[i] = ids;
                m.previousCount[i] = ids.length;
                m.eorSent[i] = true; // it had its End-of-RIB from the old group
            }
            i++;
        }
        for (Map.Entry<Family, int[]> e : sent.entrySet()) {
            RouteTable t = rib.table(e.getKey());
            for (int id : e.getValue()) {
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
        }
    }

    private static Key keyOf(RibState rib, RibPeer p) {
        SessionContext c = p.session.context();
        InetAddress local = p.session.localAddress();
        InetAddress v4 = local instanceof Inet4Address ? local : null;
        InetAddress v6 = local instanceof Inet6Address ? local : local == null ? null : RibState.mapped(local);
        PeerType type = p.config.peerType();
        Map<Family, Policy> exports = new LinkedHashMap<>();
        for (Family f : c.families()) {
            exports.put(f, p.config.exportPolicy(f));
        }
        return new Key(exports, type, type == PeerType.EXTERNAL ? p.config.remoteAs() : 0, p.config.nextHop(), v4,
                v6, c.fourOctetAs(), c.extendedMessage(), c.families(), c.addPathSend());
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
        m.peer.sink.write(buf, 1, 0);
    }

    // ---- Changes ----------------------------------------------------------------------------------------------

    /** The best path of prefix {@code id} in {@code t} changed. */
    void changed(RouteTable t, int id) {
        Out o = outs.get(t.family);
        if (o != null) {
            o.mark(id);
        }
    }

    boolean hasWork() {
        if (!writable()) {
            return false;
        }
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

    private boolean writable() {
        for (Member m : members) {
            if (!m.peer.sink.isWritable()) {
                return false;
            }
        }
        return true;
    }

    /** Decides and sends up to {@code slices} slices of pending work, while every member can take it. */
    void flush(int slices) {
        for (int s = 0; s < slices && writable(); s++) {
            boolean did = false;
            for (Out o : outs.values()) {
                if (!o.dirty.isEmpty()) {
                    flushDirty(o);
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
            if (record == prev && (out == null || input == o.viaInput(id) && Objects.equals(nh, o.advertisedNextHop(id)))) {
                if (out != null && !input) {
                    rib.interner.release(out);
                }
            } else if (out == null) {
                packer.withdraw(id); // the id is let go once encoded (below): its prefix must still be known
                continue;
            } else {
                packer.announce(id, out, nh);
                o.set(rib, id, record, nh, input);
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
                        if (o.advertised(id) != null && !o.dirty.contains(id)) {
                            PathAttributes a = sent(o, id);
                            if (a != null) {
                                packer.announce(id, a, o.viaInput(id) ? exporter.nextHop() : o.advertisedNextHop(id));
                                n++;
                            }
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
        int n = m.previousCount[i];
        for (int j = 0; j < n; j++) {
            if (o.advertised(ids[j]) == null) {
                packer.withdraw(ids[j]);
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
        m.previousCount[i] = 0;
    }

    /** Writes the encoded {@code buf} to {@code only}, or to every member; releases it. */
    private void send(Packer.Encoded e, Member only) {
        ByteBuf buf = e.buf();
        try {
            if (only != null) {
                only.peer.sink.write(buf.retain(), e.messages(), e.prefixes());
                count(only.peer, e);
                return;
            }
            for (Member m : members) {
                m.peer.sink.write(buf.retainedDuplicate(), e.messages(), e.prefixes());
                count(m.peer, e);
            }
        } finally {
            buf.release();
        }
    }

    private static void count(RibPeer p, Packer.Encoded e) {
        p.updatesSent += e.messages();
        p.prefixesSent += e.prefixes();
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
