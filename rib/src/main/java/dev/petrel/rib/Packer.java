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
 */
final class Packer {
    record Encoded(ByteBuf buf, int messages, int prefixes) {}

    private static final class Bucket {
        PathAttributes attributes;
        NextHop nextHop;
        int[] ids = new int[64];
        /** ADD-PATH path identifiers, parallel to ids; only written for an ADD-PATH output. */
        int[] pathIds;
        int n;
        Bucket other; // same attributes, another next hop

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
        return nw == 0 && order.isEmpty();
    }

    /** About how many octets the slice will encode to: for deciding when to write. */
    int bytes() {
        return bytes;
    }

    void withdraw(int id) {
        if (nw == withdrawn.length) {
            withdrawn = Arrays.copyOf(withdrawn, nw * 2);
        }
        withdrawn[nw++] = id;
        bytes += 5;
    }

    /** ADD-PATH: withdraws path {@code pathId} of prefix {@code id}. */
    void withdraw(int id, int pathId) {
        if (withdrawnPaths.length < withdrawn.length) {
            withdrawnPaths = Arrays.copyOf(withdrawnPaths, withdrawn.length);
        }
        if (nw == withdrawn.length) {
            withdrawn = Arrays.copyOf(withdrawn, nw * 2);
            withdrawnPaths = Arrays.copyOf(withdrawnPaths, nw * 2);
        }
        withdrawnPaths[nw] = pathId;
        withdrawn[nw++] = id;
        bytes += 9;
    }

    void announce(int id, PathAttributes a, NextHop nh) {
        bucket(a, nh).add(id);
        bytes += 5;
    }

    /** ADD-PATH: announces path {@code pathId} of prefix {@code id}. */
    void announce(int id, int pathId, PathAttributes a, NextHop nh) {
        bucket(a, nh).add(id, pathId);
        bytes += 9;
    }

    private Bucket bucket(PathAttributes a, NextHop nh) {
        Bucket b = buckets.get(a);
        Bucket first = b;
        while (b != null && !java.util.Objects.equals(b.nextHop, nh)) {
            b = b.other;
        }
        if (b == null) {
            b = spare.isEmpty() ? new Bucket() : spare.remove(spare.size() - 1);
            b.attributes = a;
            b.nextHop = nh;
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
        int messages = 0;
        int prefixes = nw;
        try {
            if (nw > 0) {
                messages += UpdateEncoder.withdraw(list(withdrawn, withdrawnPaths, nw), ctx, buf);
            }
            for (Bucket b : order) {
                messages += UpdateEncoder.announce(b.attributes, b.nextHop, list(b.ids, b.pathIds, b.n), ctx, buf);
                prefixes += b.n;
            }
        } catch (RuntimeException e) {
            buf.release();
            reset();
            throw e;
        }
        return new Encoded(buf, messages, prefixes);
    }

    void reset() {
        nw = 0;
        bytes = 0;
        for (Bucket b : order) {
            b.attributes = null;
            b.nextHop = null;
            b.other = null;
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
