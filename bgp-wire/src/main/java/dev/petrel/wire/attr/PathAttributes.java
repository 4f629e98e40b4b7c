package dev.petrel.wire.attr;

import static dev.petrel.wire.attr.AttributeCodes.*;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.nlri.Ipv4;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The path attributes of a route, except MP_REACH_NLRI and MP_UNREACH_NLRI (which carry NLRI, not attributes).
 *
 * <p><b>Canonical form.</b> The attributes are held as one byte array in the wire's own layout, {@code [flags][type]
 * [length: 1 octet, or 2 when the Extended Length flag is set][value]}, with the Extended Length flag set exactly
 * when the value is longer than 255 octets, sorted by type, one entry per type, with AS numbers always 4 octets (an AS_PATH and AGGREGATOR from a
 * 2-octet session are rebuilt with AS4_PATH and AS4_AGGREGATOR, RFC 6793 §4.2.3, and those two are not kept).
 * Every entry has passed the checks of RFC 7606 when it came from a peer. So two routes with the same
 * attributes hold equal arrays whatever order, AS width or header encoding they arrived in (AS_PATH segments are
 * kept as sent: {@code [a][b]} and {@code [a b]} differ, as they may on the wire), and the RIB can intern attribute sets
 * by hashing the array; and an UPDATE from a 4-octet-AS session whose attributes are already canonical (the usual
 * case) is taken with one copy and sent with one write. Typed views ({@link #asPath()}, {@link #communities()}, ...) are parsed on demand.
 *
 * <p>Flags: known attributes hold their standard flags; unknown optional transitive attributes hold the Partial bit
 * (RFC 4271 §5: a speaker that passes one on sets it), so what is held is what Petrel would send.
 */
public final class PathAttributes {
    public static final PathAttributes EMPTY = new PathAttributes(new byte[0]);

    private final byte[] data;
    private int hash;

    private PathAttributes(byte[] data) {
        this.data = data;
    }

    /** Wraps canonical bytes produced by this package (the decoder and the builder). */
    static PathAttributes ofCanonical(byte[] data) {
        return data.length == 0 ? EMPTY : new PathAttributes(data);
    }

    /** The canonical bytes; a copy. */
    public byte[] canonicalBytes() {
        return data.clone();
    }

    /** Octets held: what a route's attribute set costs in memory, besides the object itself. */
    public int size() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    /** Offset of the entry for {@code type}, or -1. */
    private int find(int type) {
        for (int p = 0; p < data.length; p += entryLength(p)) {
            int t = data[p + 1] & 0xff;
            if (t == type) {
                return p;
            }
            if (t > type) {
                return -1;
            }
        }
        return -1;
    }

    private int valueLength(int entry) {
        return (data[entry] & EXTENDED_LENGTH) != 0 ? ((data[entry + 2] & 0xff) << 8) | (data[entry + 3] & 0xff)
                : data[entry + 2] & 0xff;
    }

    /** Where the value of the entry at {@code entry} starts. */
    private int vo(int entry) {
        return entry + ((data[entry] & EXTENDED_LENGTH) != 0 ? 4 : 3);
    }

    private int entryLength(int entry) {
        return vo(entry) - entry + valueLength(entry);
    }

    /** The canonical bytes, shared: for the encoder, which only reads them. */
    byte[] array() {
        return data;
    }

    public boolean has(int type) {
        return find(type) >= 0;
    }

    /** The type codes held, ascending. */
    public int[] types() {
        int n = 0;
        for (int p = 0; p < data.length; p += entryLength(p)) {
            n++;
        }
        int[] out = new int[n];
        int i = 0;
        for (int p = 0; p < data.length; p += entryLength(p)) {
            out[i++] = data[p + 1] & 0xff;
        }
        return out;
    }

    /** The held flags of {@code type} (Optional, Transitive, Partial), or -1 when absent. */
    public int flags(int type) {
        int e = find(type);
        return e < 0 ? -1 : data[e] & 0xff & ~EXTENDED_LENGTH;
    }

    /** The value octets of {@code type}, or null when absent. */
    public Bytes value(int type) {
        int e = find(type);
        return e < 0 ? null : Bytes.of(data, vo(e), valueLength(e));
    }

    /**
     * Whether {@code other} holds the same value of {@code type} (both absent counts as the same), compared in
     * place: the decision process asks it of AS_PATH for iBGP multipath and must not copy on that path.
     */
    public boolean sameValue(int type, PathAttributes other) {
        int e = find(type);
        int f = other.find(type);
        if (e < 0 || f < 0) {
            return e < 0 && f < 0;
        }
        int len = valueLength(e);
        return len == other.valueLength(f)
                && Arrays.equals(data, vo(e), vo(e) + len, other.data, other.vo(f), other.vo(f) + len);
    }

    public Origin origin() {
        int e = find(ORIGIN);
        return e < 0 ? null : Origin.fromCode(data[vo(e)] & 0xff);
    }

    public AsPath asPath() {
        int e = find(AS_PATH);
        return e < 0 ? null : AsPath.parse(data, vo(e), valueLength(e));
    }

    /** The AS_PATH length for route selection without building an {@link AsPath}; -1 when absent. */
    public int asPathLength() {
        int e = find(AS_PATH);
        if (e < 0) {
            return -1;
        }
        int n = 0;
        for (int p = vo(e), end = p + valueLength(e); p < end; ) {
            int type = data[p] & 0xff;
            int count = data[p + 1] & 0xff;
            n += type == 2 ? count : type == 1 ? 1 : 0;
            p += 2 + 4 * count;
        }
        return n;
    }

    /**
     * The AS the route was learned from, for MED comparison (RFC 4271 §9.1.2.2 (c)): the first AS of the AS_PATH
     * when it starts with an AS_SEQUENCE, else 0 (an empty path: a route from our own AS, or one starting with an
     * AS_SET, whose neighbour is not defined).
     */
    public long neighborAs() {
        int e = find(AS_PATH);
        if (e < 0 || valueLength(e) < 6) {
            return 0;
        }
        int p = vo(e);
        if ((data[p] & 0xff) != 2 || (data[p + 1] & 0xff) == 0) {
            return 0;
        }
        return Integer.toUnsignedLong(Ipv4.read(data, p + 2));
    }

    /** How many times {@code asn} occurs in the AS_PATH (any segment type): the AS loop check of RFC 4271 §9.1.2. */
    public int asPathCount(long asn) {
        int e = find(AS_PATH);
        if (e < 0) {
            return 0;
        }
        int target = (int) asn;
        int n = 0;
        for (int p = vo(e), end = p + valueLength(e); p < end; ) {
            int count = data[p + 1] & 0xff;
            for (int i = 0; i < count; i++) {
                if (Ipv4.read(data, p + 2 + 4 * i) == target) {
                    n++;
                }
            }
            p += 2 + 4 * count;
        }
        return n;
    }

    /**
     * Whether the AS_PATH starts with {@code asns}, in order (unsigned AS numbers), read across its leading
     * AS_SEQUENCE segments (a long sequence is held as several segments of at most 255). An AS_SET or a
     * confederation segment ends the sequence; an empty {@code asns} always matches. For policy matches.
     */
    public boolean asPathStartsWith(List<Long> asns) {
        int n = asns.size();
        if (n == 0) {
            return true;
        }
        int e = find(AS_PATH);
        if (e < 0) {
            return false;
        }
        int i = 0;
        for (int p = vo(e), end = p + valueLength(e); p < end && i < n; ) {
            if ((data[p] & 0xff) != 2) {
                return false;
            }
            int count = data[p + 1] & 0xff;
            for (int j = 0; j < count && i < n; j++, i++) {
                if (Ipv4.read(data, p + 2 + 4 * j) != (int) (long) asns.get(i)) {
                    return false;
                }
            }
            p += 2 + 4 * count;
        }
        return i == n;
    }

    /** Whether COMMUNITIES holds {@code community} (RFC 1997), read in place: for policy matches. */
    public boolean hasCommunity(int community) {
        int e = find(COMMUNITIES);
        if (e < 0) {
            return false;
        }
        for (int p = vo(e), end = p + valueLength(e); p < end; p += 4) {
            if (Ipv4.read(data, p) == community) {
                return true;
            }
        }
        return false;
    }

    /** Whether LARGE_COMMUNITIES holds {@code c} (RFC 8092), read in place: for policy matches. */
    public boolean hasLargeCommunity(LargeCommunity c) {
        int e = find(LARGE_COMMUNITIES);
        if (e < 0) {
            return false;
        }
        int g = (int) c.global();
        int l1 = (int) c.local1();
        int l2 = (int) c.local2();
        for (int p = vo(e), end = p + valueLength(e); p < end; p += 12) {
            if (Ipv4.read(data, p) == g && Ipv4.read(data, p + 4) == l1 && Ipv4.read(data, p + 8) == l2) {
                return true;
            }
        }
        return false;
    }

    /** The number of cluster IDs in CLUSTER_LIST (RFC 4456 §9 tie-breaker); 0 when absent. */
    public int clusterListLength() {
        int e = find(CLUSTER_LIST);
        return e < 0 ? 0 : valueLength(e) / 4;
    }

    /** Whether CLUSTER_LIST holds {@code clusterId} (RFC 4456 §8 loop check). */
    public boolean clusterListContains(long clusterId) {
        int e = find(CLUSTER_LIST);
        if (e < 0) {
            return false;
        }
        for (int p = vo(e), end = p + valueLength(e); p < end; p += 4) {
            if (Ipv4.read(data, p) == (int) clusterId) {
                return true;
            }
        }
        return false;
    }

    /** A hash of the canonical bytes mixed with {@code seed} (murmur3-style). {@link #hashCode} uses a random seed. */
    public int seededHash(int seed) {
        int h = seed ^ data.length;
        int i = 0;
        for (; i + 4 <= data.length; i += 4) {
            int k = Ipv4.read(data, i) * 0xcc9e2d51;
            k = Integer.rotateLeft(k, 15) * 0x1b873593;
            h = Integer.rotateLeft(h ^ k, 13) * 5 + 0xe6546b64;
        }
        for (; i < data.length; i++) {
            h = (h ^ (data[i] & 0xff)) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** The NEXT_HOP attribute as an int, or 0 when absent (0.0.0.0 is never a usable next hop). */
    public int nextHop() {
        int e = find(NEXT_HOP);
        return e < 0 ? 0 : Ipv4.read(data, vo(e));
    }

    public boolean hasNextHop() {
        return find(NEXT_HOP) >= 0;
    }

    /** MULTI_EXIT_DISC as an unsigned value, or -1 when absent. */
    public long med() {
        return u32(MULTI_EXIT_DISC);
    }

    /** LOCAL_PREF as an unsigned value, or -1 when absent. */
    public long localPref() {
        return u32(LOCAL_PREF);
    }

    /** ORIGINATOR_ID as an unsigned value, or -1 when absent. */
    public long originatorId() {
        return u32(ORIGINATOR_ID);
    }

    /** OTC (RFC 9234) as an unsigned AS number, or -1 when absent. */
    public long otc() {
        return u32(OTC);
    }

    private long u32(int type) {
        int e = find(type);
        return e < 0 ? -1 : Integer.toUnsignedLong(Ipv4.read(data, vo(e)));
    }

    public boolean atomicAggregate() {
        return find(ATOMIC_AGGREGATE) >= 0;
    }

    public Aggregator aggregator() {
        int e = find(AGGREGATOR);
        return e < 0 ? null
                : new Aggregator(Integer.toUnsignedLong(Ipv4.read(data, vo(e))), Ipv4.read(data, vo(e) + 4));
    }

    public List<Community> communities() {
        int e = find(COMMUNITIES);
        if (e < 0) {
            return List.of();
        }
        int n = valueLength(e) / 4;
        List<Community> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Community(Ipv4.read(data, vo(e) + 4 * i)));
        }
        return out;
    }

    public List<ExtendedCommunity> extendedCommunities() {
        int e = find(EXTENDED_COMMUNITIES);
        if (e < 0) {
            return List.of();
        }
        int n = valueLength(e) / 8;
        List<ExtendedCommunity> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int p = vo(e) + 8 * i;
            out.add(new ExtendedCommunity(((long) Ipv4.read(data, p) << 32) | Integer.toUnsignedLong(Ipv4.read(data, p + 4))));
        }
        return out;
    }

    public List<LargeCommunity> largeCommunities() {
        int e = find(LARGE_COMMUNITIES);
        if (e < 0) {
            return List.of();
        }
        int n = valueLength(e) / 12;
        List<LargeCommunity> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int p = vo(e) + 12 * i;
            out.add(new LargeCommunity(Integer.toUnsignedLong(Ipv4.read(data, p)),
                    Integer.toUnsignedLong(Ipv4.read(data, p + 4)), Integer.toUnsignedLong(Ipv4.read(data, p + 8))));
        }
        return out;
    }

    /** CLUSTER_LIST (RFC 4456) as unsigned cluster IDs, first (most recent) first. */
    public List<Long> clusterList() {
        int e = find(CLUSTER_LIST);
        if (e < 0) {
            return List.of();
        }
        int n = valueLength(e) / 4;
        List<Long> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Integer.toUnsignedLong(Ipv4.read(data, vo(e) + 4 * i)));
        }
        return out;
    }

    /** Every attribute without a typed view here, in type order (unknown ones, AIGP, Prefix-SID, ...). */
    public List<RawAttribute> others() {
        List<RawAttribute> out = new ArrayList<>();
        for (int p = 0; p < data.length; p += entryLength(p)) {
            int t = data[p + 1] & 0xff;
            if (!Builder.TYPED.contains(t)) {
                out.add(new RawAttribute(data[p] & 0xff & ~EXTENDED_LENGTH, t, Bytes.of(data, vo(p), valueLength(p))));
            }
        }
        return out;
    }

    /**
     * Writes one canonical entry at {@code p} (Extended Length exactly when the value is longer than 255 octets);
     * returns the position after it.
     */
    static int writeEntry(byte[] out, int p, int flags, int type, byte[] src, int off, int len) {
        int f = flags & (OPTIONAL | TRANSITIVE | PARTIAL);
        if (len > 255) {
            out[p] = (byte) (f | EXTENDED_LENGTH);
            out[p + 1] = (byte) type;
            out[p + 2] = (byte) (len >>> 8);
            out[p + 3] = (byte) len;
            p += 4;
        } else {
            out[p] = (byte) f;
            out[p + 1] = (byte) type;
            out[p + 2] = (byte) len;
            p += 3;
        }
        System.arraycopy(src, off, out, p, len);
        return p + len;
    }

    /** Octets {@link #writeEntry} writes for a value of {@code len}. */
    static int entrySize(int len) {
        return (len > 255 ? 4 : 3) + len;
    }

    /** Visits each entry: for the encoder, which writes entries with their wire headers. */
    void forEachEntry(EntryVisitor v) {
        for (int p = 0; p < data.length; p += entryLength(p)) {
            v.entry(data[p] & 0xff & ~EXTENDED_LENGTH, data[p + 1] & 0xff, data, vo(p), valueLength(p));
        }
    }

    @FunctionalInterface
    interface EntryVisitor {
        void entry(int flags, int type, byte[] buf, int off, int len);
    }

    // ---- Byte-level derivations (the RIB's export transforms: no parse, one copy) ------------------------------

    /**
     * These attributes with the entry of {@code type} set to {@code value} with {@code flags} (Optional,
     * Transitive, Partial; Extended Length is chosen here), replacing any entry of that type and keeping type order.
     */
    public PathAttributes with(int flags, int type, byte[] value) {
        int at = 0;
        int skip = 0;
        for (int p = 0; p < data.length; p += entryLength(p)) {
            int t = data[p + 1] & 0xff;
            if (t == type) {
                at = p;
                skip = entryLength(p);
                break;
            }
            if (t > type) {
                at = p;
                break;
            }
            at = p + entryLength(p);
        }
        int head = value.length > 255 ? 4 : 3;
        byte[] out = new byte[data.length - skip + head + value.length];
        System.arraycopy(data, 0, out, 0, at);
        int q = at;
        out[q++] = (byte) ((flags & ~EXTENDED_LENGTH) | (value.length > 255 ? EXTENDED_LENGTH : 0));
        out[q++] = (byte) type;
        if (value.length > 255) {
            out[q++] = (byte) (value.length >>> 8);
        }
        out[q++] = (byte) value.length;
        System.arraycopy(value, 0, out, q, value.length);
        q += value.length;
        System.arraycopy(data, at + skip, out, q, data.length - at - skip);
        return ofCanonical(out);
    }

    /** These attributes without the entry of {@code type}; this instance when there is none. */
    public PathAttributes without(int type) {
        int e = find(type);
        if (e < 0) {
            return this;
        }
        int len = entryLength(e);
        byte[] out = new byte[data.length - len];
        System.arraycopy(data, 0, out, 0, e);
        System.arraycopy(data, e + len, out, e, data.length - e - len);
        return ofCanonical(out);
    }

    /** NEXT_HOP set to {@code ipv4} (well-known transitive). */
    public PathAttributes withNextHop(int ipv4) {
        int e = find(NEXT_HOP);
        if (e >= 0 && Ipv4.read(data, vo(e)) == ipv4) {
            return this;
        }
        return with(TRANSITIVE, NEXT_HOP, octets(ipv4));
    }

    /** LOCAL_PREF set to {@code pref} (well-known). */
    public PathAttributes withLocalPref(long pref) {
        return localPref() == pref ? this : with(TRANSITIVE, LOCAL_PREF, octets((int) pref));
    }

    /** MULTI_EXIT_DISC set to {@code med} (optional non-transitive). */
    public PathAttributes withMed(long med) {
        return med() == med ? this : with(OPTIONAL, MULTI_EXIT_DISC, octets((int) med));
    }

    private static byte[] octets(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /**
     * {@code asn} prepended {@code count} times to the AS_PATH (RFC 4271 §5.1.2): into the leading AS_SEQUENCE
     * while it has room for 255 ASNs, else in a new leading AS_SEQUENCE; an absent AS_PATH becomes one.
     */
    public PathAttributes prependAs(long asn, int count) {
        int e = find(AS_PATH);
        int vlen = e < 0 ? 0 : valueLength(e);
        int v = e < 0 ? 0 : vo(e);
        boolean merge = vlen >= 2 && (data[v] & 0xff) == 2 && (data[v + 1] & 0xff) + count <= 255;
        byte[] value = new byte[vlen + 4 * count + (merge ? 0 : 2)];
        int q = 0;
        if (merge) {
            value[q++] = 2;
            value[q++] = (byte) ((data[v + 1] & 0xff) + count);
        } else {
            value[q++] = 2;
            value[q++] = (byte) count;
        }
        for (int i = 0; i < count; i++) {
            value[q++] = (byte) (asn >>> 24);
            value[q++] = (byte) (asn >>> 16);
            value[q++] = (byte) (asn >>> 8);
            value[q++] = (byte) asn;
        }
        if (merge) {
            System.arraycopy(data, v + 2, value, q, vlen - 2);
        } else if (vlen > 0) {
            System.arraycopy(data, v, value, q, vlen);
        }
        return with(TRANSITIVE, AS_PATH, value);
    }

    /** A builder starting from these attributes. */
    public Builder toBuilder() {
        Builder b = new Builder();
        forEachEntry((flags, type, buf, off, len) -> b.put(flags, type, Arrays.copyOfRange(buf, off, off + len)));
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof PathAttributes a && Arrays.equals(data, a.data);
    }

    /**
     * Seeded at random per process ({@link #seededHash}), and cached: the RIB interns attribute sets in hash
     * tables keyed by this, and a peer must not be able to craft sets that all collide there (hash flooding).
     */
    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = seededHash(HASH_SEED);
            hash = h;
        }
        return h;
    }

    private static final int HASH_SEED = new java.security.SecureRandom().nextInt();

    /** "origin=IGP as-path=65001 65002 next-hop=10.0.0.1 ...": for logs. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        forEachEntry((flags, type, buf, off, len) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(AttributeSpecs.name(type)).append('=');
            switch (type) {
                case ORIGIN -> sb.append(origin());
                case AS_PATH -> sb.append(asPath());
                case NEXT_HOP -> sb.append(Ipv4.format(nextHop()));
                case MULTI_EXIT_DISC -> sb.append(med());
                case LOCAL_PREF -> sb.append(localPref());
                case ATOMIC_AGGREGATE -> sb.append("true");
                case AGGREGATOR -> sb.append(aggregator());
                case COMMUNITIES -> sb.append(communities());
                case ORIGINATOR_ID -> sb.append(Ipv4.format((int) originatorId()));
                case CLUSTER_LIST -> sb.append(clusterList());
                case EXTENDED_COMMUNITIES -> sb.append(extendedCommunities());
                case LARGE_COMMUNITIES -> sb.append(largeCommunities());
                case OTC -> sb.append(otc());
                default -> sb.append(Bytes.of(buf, off, len).hex());
            }
        });
        return sb.append('}').toString();
    }

    /** Builds canonical attributes from typed values; for local origination, policy and tests. */
    public static final class Builder {
        static final java.util.Set<Integer> TYPED = java.util.Set.of(ORIGIN, AS_PATH, NEXT_HOP, MULTI_EXIT_DISC,
                LOCAL_PREF, ATOMIC_AGGREGATE, AGGREGATOR, COMMUNITIES, ORIGINATOR_ID, CLUSTER_LIST,
                EXTENDED_COMMUNITIES, LARGE_COMMUNITIES, OTC);

        private final Map<Integer, byte[]> values = new TreeMap<>();
        private final Map<Integer, Integer> flags = new TreeMap<>();

        Builder put(int flag, int type, byte[] value) {
            if (type == MP_REACH_NLRI || type == MP_UNREACH_NLRI || type == AS4_PATH || type == AS4_AGGREGATOR) {
                throw new IllegalArgumentException("attribute " + type + " is not held in PathAttributes");
            }
            if (value.length > 0xffff) {
                throw new IllegalArgumentException("attribute " + type + " value longer than 65535 octets");
            }
            values.put(type, value);
            flags.put(type, flag & (OPTIONAL | TRANSITIVE | PARTIAL));
            return this;
        }

        private Builder putKnown(int type, byte[] value) {
            return put(AttributeSpecs.standardFlags(type), type, value);
        }

        public Builder remove(int type) {
            values.remove(type);
            flags.remove(type);
            return this;
        }

        public Builder origin(Origin o) {
            return putKnown(ORIGIN, new byte[] {(byte) o.code()});
        }

        public Builder asPath(AsPath p) {
            return putKnown(AS_PATH, p.encode());
        }

        public Builder nextHop(int ipv4) {
            return putKnown(NEXT_HOP, u32(ipv4));
        }

        public Builder nextHop(String ipv4) {
            return nextHop(Ipv4.parse(ipv4));
        }

        public Builder med(long med) {
            return putKnown(MULTI_EXIT_DISC, u32((int) checkU32(med)));
        }

        public Builder localPref(long pref) {
            return putKnown(LOCAL_PREF, u32((int) checkU32(pref)));
        }

        public Builder atomicAggregate() {
            return putKnown(ATOMIC_AGGREGATE, new byte[0]);
        }

        public Builder aggregator(Aggregator a) {
            byte[] v = new byte[8];
            System.arraycopy(u32((int) checkU32(a.as())), 0, v, 0, 4);
            System.arraycopy(u32(a.address()), 0, v, 4, 4);
            return putKnown(AGGREGATOR, v);
        }

        public Builder communities(List<Community> cs) {
            if (cs.isEmpty()) {
                return remove(COMMUNITIES);
            }
            byte[] v = new byte[4 * cs.size()];
            for (int i = 0; i < cs.size(); i++) {
                System.arraycopy(u32(cs.get(i).value()), 0, v, 4 * i, 4);
            }
            return putKnown(COMMUNITIES, v);
        }

        public Builder originatorId(int id) {
            return putKnown(ORIGINATOR_ID, u32(id));
        }

        public Builder clusterList(List<Long> ids) {
            if (ids.isEmpty()) {
                return remove(CLUSTER_LIST);
            }
            byte[] v = new byte[4 * ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                System.arraycopy(u32((int) checkU32(ids.get(i))), 0, v, 4 * i, 4);
            }
            return putKnown(CLUSTER_LIST, v);
        }

        public Builder extendedCommunities(List<ExtendedCommunity> cs) {
            if (cs.isEmpty()) {
                return remove(EXTENDED_COMMUNITIES);
            }
            byte[] v = new byte[8 * cs.size()];
            for (int i = 0; i < cs.size(); i++) {
                long x = cs.get(i).value();
                System.arraycopy(u32((int) (x >>> 32)), 0, v, 8 * i, 4);
                System.arraycopy(u32((int) x), 0, v, 8 * i + 4, 4);
            }
            return putKnown(EXTENDED_COMMUNITIES, v);
        }

        public Builder largeCommunities(List<LargeCommunity> cs) {
            if (cs.isEmpty()) {
                return remove(LARGE_COMMUNITIES);
            }
            byte[] v = new byte[12 * cs.size()];
            for (int i = 0; i < cs.size(); i++) {
                LargeCommunity c = cs.get(i);
                System.arraycopy(u32((int) c.global()), 0, v, 12 * i, 4);
                System.arraycopy(u32((int) c.local1()), 0, v, 12 * i + 4, 4);
                System.arraycopy(u32((int) c.local2()), 0, v, 12 * i + 8, 4);
            }
            return putKnown(LARGE_COMMUNITIES, v);
        }

        public Builder otc(long as) {
            return putKnown(OTC, u32((int) checkU32(as)));
        }

        /**
         * Any other attribute, with its Optional/Transitive/Partial flags; an optional transitive one is held with
         * the Partial bit set when its type is not one Petrel recognises (RFC 4271 §5).
         */
        public Builder raw(int flags, int type, Bytes value) {
            int f = flags;
            if (!AttributeSpecs.isKnown(type) && (f & (OPTIONAL | TRANSITIVE)) == (OPTIONAL | TRANSITIVE)) {
                f |= PARTIAL;
            }
            return put(f, type, value.toByteArray());
        }

        public PathAttributes build() {
            int size = 0;
            for (byte[] v : values.values()) {
                size += (v.length > 255 ? 4 : 3) + v.length;
            }
            byte[] out = new byte[size];
            int p = 0;
            for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
                p = writeEntry(out, p, flags.get(e.getKey()), e.getKey(), e.getValue(), 0, e.getValue().length);
            }
            return ofCanonical(out);
        }

        private static long checkU32(long v) {
            if (v < 0 || v > 0xffffffffL) {
                throw new IllegalArgumentException("value must be 0..4294967295, got " + v);
            }
            return v;
        }

        private static byte[] u32(int v) {
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
    }
}
