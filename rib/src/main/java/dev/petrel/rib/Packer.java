package dev.petrel.rib;

import dev.petrel.rib.table.Ipv4Index;
import dev.petrel.rib.table.Ipv6Index;
import dev.petrel.wire.NextHop;
import dev.petrel.wire.SessionContext;
import dev.petrel.wire.UpdateEncoder;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Ipv4PrefixList;
import dev.petrel.wire.nlri.Ipv6PrefixList;
import dev.petrel.wire.nlri.PrefixList;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Packs one slice of an update group's output: withdrawals together, announcements grouped by (interned)
 * attribute set and next hop, so each UPDATE carries as many prefixes as fit. Scratch arrays are reused from
 * slice to slice.
 *
 * <p>A route is never sent back to the peer it came from (as BIRD; FRR only spares a peer alone in its update
 * group), so a route from a member of the
 * group is packed apart, tagged with its source ({@link #announceExcept}, {@link #withdrawExcept}), and so is a
 * withdrawal only that member needs ({@link #withdrawOnly}: the group now advertises that member's own route in
 * place of one it had sent it). The slice is still encoded once, into one buffer, in {@link Part}s: first what
 * goes to everyone, then what goes to all but one member, by source, then what goes to one member only. Each
 * member is written the parts meant for it as slices of that one buffer ({@link #forMember}).
 */
final class Packer {
    /**
     * An encoded slice; {@code parts} null when every octet goes to every member, else its parts in order (every
     * member's first, then all-but-one by source, then one-only by source).
     */
    record Encoded(ByteBuf buf, int messages, int prefixes, Part[] parts) {}

    /**
     * Octets {@code [start, end)} of an encoded slice, holding {@code messages} UPDATEs and {@code prefixes} routes,
     * for every member ({@code source} -1), for every member but the one whose source id is {@code source}, or
     * ({@code only}) for that member alone.
     */
    record Part(int source, boolean only, int start, int end, int messages, int prefixes) {}

    /** What a member is written of a slice: a buffer (its own reference) and its message and route counts. */
    record Piece(ByteBuf buf, int messages, int prefixes) {}

    /** The tag of what goes to every member. */
    static final int ALL = -1;

    private static final class Bucket {
        PathAttributes attributes;
        NextHop nextHop;
        int[] ids = new int[64];
        /** ADD-PATH path identifiers, parallel to ids; only written for an ADD-PATH output. */
        int[] pathIds;
        int n;
        /** The source id of the member not to be sent these routes, or {@link #ALL}. */
        int except = ALL;
        Bucket other; // same attributes, another next hop or exception

        void add(int id) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
            }
            ids[n++] = id;
        }

        void add(int id, int pathId) {
            if (pathIds == null || pathIds.length < ids.length) {
                pathIds = pathIds == null ? new int[ids.length] : Arrays.copyOf(pathIds, ids.length);
            }
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
                pathIds = Arrays.copyOf(pathIds, n * 2);
            }
            pathIds[n] = pathId;
            ids[n++] = id;
        }
    }

    private Out out;
    private int[] withdrawn = new int[256];
    /** ADD-PATH: the path identifiers of the withdrawals, parallel to withdrawn. */
    private int[] withdrawnPaths = new int[0];
    private int nw;
    /** Per withdrawal: the source id of the member not to be sent it, or {@link #ALL}; null while all are ALL. */
    private int[] withdrawnExcept;
    /** Withdrawals for one member only: prefix ids and the member's source ids. */
    private int[] onlyIds = new int[16];
    private int[] onlySources = new int[16];
    private int no;
    /** Some route of the slice is tagged: it is encoded in parts. */
    private boolean tagged;
    private final IdentityHashMap<PathAttributes, Bucket> buckets = new IdentityHashMap<>();
    private final List<Bucket> order = new ArrayList<>();
    private final List<Bucket> spare = new ArrayList<>();
    private int bytes;
    private long[] words = new long[512];
    private byte[] lengths = new byte[256];

    void begin(Out o) {
        out = o;
    }

    boolean isEmpty() {
        return nw == 0 && order.isEmpty() && no == 0;
    }

    /** About how many octets the slice will encode to: for deciding when to write. */
    int bytes() {
        return bytes;
    }

    void withdraw(int id) {
        withdrawExcept(id, ALL);
    }

    /** Withdraws prefix {@code id} from every member but the one with source id {@code source} (ALL: none). */
    void withdrawExcept(int id, int source) {
        if (nw == withdrawn.length) {
            withdrawn = Arrays.copyOf(withdrawn, nw * 2);
        }
        if (source != ALL && withdrawnExcept == null) {
            withdrawnExcept = new int[withdrawn.length];
            Arrays.fill(withdrawnExcept, 0, nw, ALL);
        }
        if (withdrawnExcept != null) {
            if (withdrawnExcept.length < withdrawn.length) {
                int was = withdrawnExcept.length;
                withdrawnExcept = Arrays.copyOf(withdrawnExcept, withdrawn.length);
                Arrays.fill(withdrawnExcept, was, withdrawn.length, ALL);
            }
            withdrawnExcept[nw] = source;
        }
        tagged |= source != ALL;
        withdrawn[nw++] = id;
        bytes += 5;
    }

    /**
     * Withdraws prefix {@code id} from the member with source id {@code source} alone; the group's record of it
     * is not touched (it goes on advertising a route, to the others).
     */
    void withdrawOnly(int id, int source) {
        if (no == onlyIds.length) {
            onlyIds = Arrays.copyOf(onlyIds, no * 2);
            onlySources = Arrays.copyOf(onlySources, no * 2);
        }
        onlyIds[no] = id;
        onlySources[no++] = source;
        tagged = true;
        bytes += 28;
    }

    /** ADD-PATH: withdraws path {@code pathId} of prefix {@code id}. */
    void withdraw(int id, int pathId) {
        withdrawExcept(id, pathId, ALL);
    }

    /** ADD-PATH: withdraws path {@code pathId} of prefix {@code id} from all members but {@code source}'s. */
    void withdrawExcept(int id, int pathId, int source) {
        if (withdrawnPaths.length < withdrawn.length) {
            withdrawnPaths = Arrays.copyOf(withdrawnPaths, withdrawn.length);
        }
        if (nw == withdrawn.length) {
            withdrawnPaths = Arrays.copyOf(withdrawnPaths, nw * 2);
        }
        withdrawnPaths[nw] = pathId;
        withdrawExcept(id, source);
        bytes += 4;
    }

    void announce(int id, PathAttributes a, NextHop nh) {
        announceExcept(id, a, nh, ALL);
    }

    /** Announces prefix {@code id} to every member but the one with source id {@code source} (ALL: none). */
    void announceExcept(int id, PathAttributes a, NextHop nh, int source) {
        bucket(a, nh, source).add(id);
        bytes += 5;
    }

    /** ADD-PATH: announces path {@code pathId} of prefix {@code id}. */
    void announce(int id, int pathId, PathAttributes a, NextHop nh) {
        announceExcept(id, pathId, a, nh, ALL);
    }

    /** ADD-PATH: announces path {@code pathId} of prefix {@code id} to all members but {@code source}'s. */
    void announceExcept(int id, int pathId, PathAttributes a, NextHop nh, int source) {
        bucket(a, nh, source).add(id, pathId);
        bytes += 9;
    }

    private Bucket bucket(PathAttributes a, NextHop nh, int except) {
        Bucket b = buckets.get(a);
        Bucket first = b;
        while (b != null && (b.except != except || !java.util.Objects.equals(b.nextHop, nh))) {
            b = b.other;
        }
        if (b == null) {
            tagged |= except != ALL;
            b = spare.isEmpty() ? new Bucket() : spare.remove(spare.size() - 1);
            b.attributes = a;
            b.nextHop = nh;
            b.except = except;
            if (first == null) {
                buckets.put(a, b);
            } else {
                b.other = first.other;
                first.other = b;
            }
            order.add(b);
            bytes += 23 + a.size() + (nh == null ? 0 : 40);
        }
        return b;
    }

    int withdrawnCount() {
        return nw;
    }

    int withdrawnId(int i) {
        return withdrawn[i];
    }

    /** Encodes the slice for {@code ctx}; call {@link #reset} before the next slice. */
    Encoded encode(SessionContext ctx) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(Math.max(256, bytes + bytes / 8));
        try {
            if (!tagged) {
                int messages = 0;
                int prefixes = nw;
                if (nw > 0) {
                    messages += UpdateEncoder.withdraw(list(withdrawn, withdrawnPaths, nw), ctx, buf);
                }
                for (Bucket b : order) {
                    messages += UpdateEncoder.announce(b.attributes, b.nextHop, list(b.ids, b.pathIds, b.n), ctx,
                            buf);
                    prefixes += b.n;
                }
                return new Encoded(buf, messages, prefixes, null);
            }
            return encodeParts(ctx, buf);
        } catch (RuntimeException e) {
            buf.release();
            reset();
            throw e;
        }
    }

    /** Scratch for the tagged withdrawals: (tag + 1) << 32 | index, sorted. */
    private long[] keys = new long[64];
    private int[] partIds = new int[64];
    private int[] partPaths = new int[64];

    /**
     * The tagged form of {@link #encode}: the withdrawals and the buckets ordered by their exception (ALL first,
     * then by source id; both sorts keep the packing order within a tag), one part per tag, then the one-member
     * withdrawals, one part per member.
     */
    private Encoded encodeParts(SessionContext ctx, ByteBuf buf) {
        if (keys.length < Math.max(nw, no)) {
            keys = new long[Math.max(nw, no)];
        }
        for (int i = 0; i < nw; i++) {
            int tag = withdrawnExcept == null ? ALL : withdrawnExcept[i];
            keys[i] = ((long) (tag + 1) << 32) | i;
        }
        Arrays.sort(keys, 0, nw);
        order.sort(java.util.Comparator.comparingInt(b -> b.except));
        List<Part> parts = new ArrayList<>();
        int w = 0;
        int bi = 0;
        int messages = 0;
        int prefixes = 0;
        while (w < nw || bi < order.size()) {
            int tag = Math.min(w < nw ? (int) (keys[w] >>> 32) - 1 : Integer.MAX_VALUE,
                    bi < order.size() ? order.get(bi).except : Integer.MAX_VALUE);
            int start = buf.writerIndex();
            int m = 0;
            int n = 0;
            int k = 0;
            for (; w < nw && (int) (keys[w] >>> 32) - 1 == tag; w++, k++) {
                int i = (int) keys[w];
                grow(k + 1);
                partIds[k] = withdrawn[i];
                if (out.addPaths > 0) {
                    partPaths[k] = withdrawnPaths[i];
                }
            }
            if (k > 0) {
                m += UpdateEncoder.withdraw(list(partIds, partPaths, k), ctx, buf);
                n += k;
            }
            for (; bi < order.size() && order.get(bi).except == tag; bi++) {
                Bucket b = order.get(bi);
                m += UpdateEncoder.announce(b.attributes, b.nextHop, list(b.ids, b.pathIds, b.n), ctx, buf);
                n += b.n;
            }
            parts.add(new Part(tag, false, start, buf.writerIndex(), m, n));
            messages += m;
            prefixes += n;
        }
        for (int i = 0; i < no; i++) {
            keys[i] = ((long) onlySources[i] << 32) | i;
        }
        Arrays.sort(keys, 0, no);
        for (int j = 0; j < no; ) {
            int source = (int) (keys[j] >>> 32);
            int k = 0;
            for (; j < no && (int) (keys[j] >>> 32) == source; j++, k++) {
                grow(k + 1);
                partIds[k] = onlyIds[(int) keys[j]];
            }
            int start = buf.writerIndex();
            int m = UpdateEncoder.withdraw(list(partIds, null, k), ctx, buf);
            parts.add(new Part(source, true, start, buf.writerIndex(), m, k));
            messages += m;
            prefixes += k;
        }
        return new Encoded(buf, messages, prefixes, parts.toArray(new Part[0]));
    }

    private void grow(int n) {
        if (partIds.length < n) {
            partIds = Arrays.copyOf(partIds, 2 * n);
            partPaths = Arrays.copyOf(partPaths, 2 * n);
        }
    }

    /**
     * What the member with source id {@code source} is written of {@code e}: slices of its one buffer (each with a
     * reference of its own; the caller still releases {@code e}'s), or null when there is nothing for it.
     */
    static Piece forMember(Encoded e, int source) {
        if (e.parts() == null) {
            return new Piece(e.buf().retainedDuplicate(), e.messages(), e.prefixes());
        }
        // The parts for everyone and for all but one are contiguous: at most this member's own part is cut out.
        int end = 0;
        Part skip = null;
        Part only = null;
        for (Part p : e.parts()) {
            if (!p.only()) {
                end = p.end();
                if (p.source() == source && source != ALL) {
                    skip = p;
                }
            } else if (p.source() == source) {
                only = p;
            }
        }
        List<ByteBuf> slices = new ArrayList<>(3);
        int messages = 0;
        int prefixes = 0;
        int from = 0;
        if (skip != null) {
            if (skip.start() > 0) {
                slices.add(e.buf().retainedSlice(0, skip.start()));
            }
            from = skip.end();
            messages -= skip.messages();
            prefixes -= skip.prefixes();
        }
        if (end > from) {
            slices.add(e.buf().retainedSlice(from, end - from));
        }
        for (Part p : e.parts()) {
            if (!p.only()) {
                messages += p.messages();
                prefixes += p.prefixes();
            }
        }
        if (only != null) {
            slices.add(e.buf().retainedSlice(only.start(), only.end() - only.start()));
            messages += only.messages();
            prefixes += only.prefixes();
        }
        if (slices.isEmpty()) {
            return null;
        }
        ByteBuf buf = slices.size() == 1 ? slices.getFirst()
                : io.netty.buffer.Unpooled.wrappedBuffer(slices.toArray(new ByteBuf[0]));
        return new Piece(buf, messages, prefixes);
    }

    void reset() {
        nw = 0;
        no = 0;
        tagged = false;
        withdrawnExcept = null;
        bytes = 0;
        for (Bucket b : order) {
            b.attributes = null;
            b.nextHop = null;
            b.other = null;
            b.except = ALL;
            b.n = 0;
            spare.add(b);
        }
        order.clear();
        buckets.clear();
    }

    /**
     * The prefixes with ids {@code ids[0, n)} as a list over the scratch arrays (valid until the next call); with
     * the path identifiers {@code pathIds[0, n)} for an ADD-PATH output.
     */
    private PrefixList list(int[] ids, int[] pathIds, int n) {
        if (out.addPaths == 0) {
            pathIds = null;
        }
        if (words.length < 2 * n) {
            words = new long[2 * n];
            lengths = new byte[n];
        }
        if (out.table.index instanceof Ipv4Index v4) {
            for (int i = 0; i < n; i++) {
                words[i] = v4.key(ids[i]);
            }
            return Ipv4PrefixList.wrap(words, n, pathIds);
        }
        Ipv6Index v6 = (Ipv6Index) out.table.index;
        for (int i = 0; i < n; i++) {
            words[2 * i] = v6.high(ids[i]);
            words[2 * i + 1] = v6.low(ids[i]);
            lengths[i] = (byte) v6.length(ids[i]);
        }
        return Ipv6PrefixList.wrap(words, lengths, n, pathIds);
    }
}
