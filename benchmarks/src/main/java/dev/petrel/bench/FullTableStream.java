package dev.petrel.bench;

import dev.petrel.wire.Framing;

/**
 * A synthetic IPv4 full table as the UPDATE messages an eBGP session with 4-octet AS numbers would receive.
 *
 * <p>The bytes are written here by hand, following RFC 4271 §4.3, and use nothing of the codec but the
 * {@link Framing} constants: the stream is an independent cross-check of the decoder, not its own echo.
 *
 * <p>What the stream looks like:
 *
 * <ul>
 *   <li>distinct prefixes (no two with the same address and length; more-specifics of one another may occur, as in
 *       the real table), host bits zero, lengths /13 to /24 in the mix of {@link #LENGTH_WEIGHTS_PPM}, outside the
 *       special-purpose ranges of {@link #EXCLUDED};
 *   <li>1 to 8 prefixes per UPDATE (about 3 on average), each UPDATE with its own attributes, in type-code order:
 *       ORIGIN (IGP, some INCOMPLETE), AS_PATH (one AS_SEQUENCE of 2 to 9 four-octet ASNs starting with the neighbour
 *       {@link #NEIGHBOUR_AS}, about 15% of the others above 65535, occasional origin prepending), NEXT_HOP
 *       10.255.0.1, MULTI_EXIT_DISC on about 30%, COMMUNITIES (1 to 6) on about 40%, LARGE_COMMUNITIES (1 to 3)
 *       on about 5%;
 *   <li>no message longer than {@link Framing#MAX_LENGTH}.
 * </ul>
 *
 * <p>The same count and seed give the same bytes on every JVM: the generator uses its own SplitMix64, not
 * java.util.Random. Prefixes and attributes come from two separate random streams, so {@link #generateWithdrawals}
 * reproduces the prefixes of {@link #generate} without the attributes.
 */
public final class FullTableStream {
    /** The neighbour's AS: the leftmost AS of every path. */
    public static final int NEIGHBOUR_AS = 65001;
    /** The NEXT_HOP of every route, 10.255.0.1. */
    public static final int NEXT_HOP = (10 << 24) | (255 << 16) | 1;
    /**
     * The largest count accepted. Up to about 2,000,000 the length mix holds; beyond, /16 and the shorter lengths run
     * short of free unicast space and the surplus becomes /24s.
     */
    public static final int MAX_PREFIXES = 4_000_000;

    /** The shortest and longest prefix lengths generated. */
    public static final int MIN_LENGTH = 13;
    public static final int MAX_LENGTH = 24;
    /** Weight of each length from {@link #MIN_LENGTH} to {@link #MAX_LENGTH}, in parts per million. */
    static final int[] LENGTH_WEIGHTS_PPM = {
        1_000, // /13
        1_500, // /14
        2_500, // /15
        20_000, // /16
        15_000, // /17
        20_000, // /18
        40_000, // /19
        50_000, // /20
        50_000, // /21
        120_000, // /22
        100_000, // /23
        580_000, // /24
    };

    /**
     * Address ranges no generated prefix overlaps, as {address, length} pairs: this network, RFC 1918, shared address
     * space, loopback, link local, the IETF protocol assignments and documentation nets, benchmarking, and 224/3
     * (multicast and reserved).
     */
    static final int[][] EXCLUDED = {
        {ip(0, 0, 0, 0), 8},
        {ip(10, 0, 0, 0), 8},
        {ip(100, 64, 0, 0), 10},
        {ip(127, 0, 0, 0), 8},
        {ip(169, 254, 0, 0), 16},
        {ip(172, 16, 0, 0), 12},
        {ip(192, 0, 0, 0), 24},
        {ip(192, 0, 2, 0), 24},
        {ip(192, 168, 0, 0), 16},
        {ip(198, 18, 0, 0), 15},
        {ip(198, 51, 100, 0), 24},
        {ip(203, 0, 113, 0), 24},
        {ip(224, 0, 0, 0), 3},
    };

    private static final int TYPE_UPDATE = 2;
    /** Withdrawn Routes Length, Total Path Attribute Length. */
    private static final int UPDATE_FIXED = Framing.HEADER_LENGTH + 2 + 2;

    private static final int FLAG_TRANSITIVE = 0x40;
    private static final int FLAG_OPTIONAL = 0x80;
    private static final int FLAG_OPTIONAL_TRANSITIVE = 0xC0;
    private static final int ATTR_ORIGIN = 1;
    private static final int ATTR_AS_PATH = 2;
    private static final int ATTR_NEXT_HOP = 3;
    private static final int ATTR_MED = 4;
    private static final int ATTR_COMMUNITIES = 8;
    private static final int ATTR_LARGE_COMMUNITIES = 32;
    private static final int AS_SEQUENCE = 2;
    private static final int ORIGIN_IGP = 0;
    private static final int ORIGIN_INCOMPLETE = 2;
    private static final int AS_TRANS = 23456;

    /** Prefixes per UPDATE, 1 to 8, per mille: mean 3.02. */
    private static final int[] GROUP_WEIGHTS = {300, 220, 150, 100, 80, 60, 50, 40};
    /** AS_PATH lengths, 2 to 9, per mille: mean 4.25. */
    private static final int[] PATH_WEIGHTS = {100, 250, 280, 180, 100, 50, 30, 10};
    /** Communities per UPDATE that has them, 1 to 6, per mille. */
    private static final int[] COMMUNITY_WEIGHTS = {300, 250, 180, 120, 90, 60};

    private FullTableStream() {}

    /**
     * The UPDATE messages announcing {@code prefixCount} distinct IPv4 prefixes.
     *
     * @throws IllegalArgumentException when the count is negative or above {@link #MAX_PREFIXES}
     */
    public static byte[] generate(int prefixCount, long seed) {
        Prefixes prefixes = prefixes(prefixCount, seed);
        return announce(prefixes, new SplitMix64(seed ^ 0x5DEECE66DL));
    }

    /**
     * The UPDATE messages withdrawing the prefixes of {@code generate(prefixCount, seed)}, in the same order, as many
     * per message as fit in {@link Framing#MAX_LENGTH} octets.
     */
    public static byte[] generateWithdrawals(int prefixCount, long seed) {
        return withdraw(prefixes(prefixCount, seed));
    }

    /** The prefixes of a stream, in announcement order: address (host bits zero) and length. */
    public record Prefixes(int[] addresses, byte[] lengths) {
        public int size() {
            return addresses.length;
        }
    }

    /** The prefixes that {@code generate(count, seed)} announces, in its order, without building the messages. */
    public static Prefixes prefixes(int count, long seed) {
        if (count < 0 || count > MAX_PREFIXES) {
            throw new IllegalArgumentException("prefix count must be in [0, " + MAX_PREFIXES + "]: " + count);
        }
        SplitMix64 rng = new SplitMix64(seed);
        int[] cumulative = cumulative(LENGTH_WEIGHTS_PPM);
        int[] addresses = new int[count];
        byte[] lengths = new byte[count];
        LongSet seen = new LongSet(count);
        for (int i = 0; i < count; i++) {
            int length = MIN_LENGTH + pick(rng, cumulative);
            int address;
            int tries = 0;
            while (true) {
                address = rng.nextInt() & mask(length);
                if (!excluded(address, length) && seen.add(key(address, length))) {
                    break;
                }
                // A length whose free space is nearly used up (only near MAX_PREFIXES) falls back to /24.
                if (++tries == 64) {
                    length = MAX_LENGTH;
                }
            }
            addresses[i] = address;
            lengths[i] = (byte) length;
        }
        return new Prefixes(addresses, lengths);
    }

    static boolean excluded(int address, int length) {
        for (int[] range : EXCLUDED) {
            int common = Math.min(length, range[1]);
            if (((address ^ range[0]) & mask(common)) == 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] announce(Prefixes prefixes, SplitMix64 rng) {
        int n = prefixes.size();
        int[] groupCumulative = cumulative(GROUP_WEIGHTS);
        int[] pathCumulative = cumulative(PATH_WEIGHTS);
        int[] communityCumulative = cumulative(COMMUNITY_WEIGHTS);
        Out out = new Out(n * 36 + 4096);
        int[] path = new int[9];
        int i = 0;
        while (i < n) {
            int group = Math.min(1 + pick(rng, groupCumulative), n - i);
            int start = out.beginMessage();
            out.u16(0); // no withdrawn routes
            int attrLengthAt = out.pos;
            out.u16(0);

            out.attr(FLAG_TRANSITIVE, ATTR_ORIGIN, 1);
            out.u8(rng.nextInt(1000) < 880 ? ORIGIN_IGP : ORIGIN_INCOMPLETE);

            int pathLength = 2 + pick(rng, pathCumulative);
            path[0] = NEIGHBOUR_AS;
            for (int p = 1; p < pathLength; p++) {
                path[p] = randomAsn(rng);
            }
            if (pathLength >= 3 && rng.nextInt(1000) < 80) {
                int prepends = 1 + rng.nextInt(Math.min(3, pathLength - 2));
                int origin = path[pathLength - 1 - prepends];
                for (int p = pathLength - prepends; p < pathLength; p++) {
                    path[p] = origin;
                }
            }
            out.attr(FLAG_TRANSITIVE, ATTR_AS_PATH, 2 + 4 * pathLength);
            out.u8(AS_SEQUENCE);
            out.u8(pathLength);
            for (int p = 0; p < pathLength; p++) {
                out.u32(path[p]);
            }

            out.attr(FLAG_TRANSITIVE, ATTR_NEXT_HOP, 4);
            out.u32(NEXT_HOP);

            if (rng.nextInt(1000) < 300) {
                out.attr(FLAG_OPTIONAL, ATTR_MED, 4);
                out.u32(rng.nextInt(4) == 0 ? 0 : rng.nextInt(2000));
            }
            if (rng.nextInt(1000) < 400) {
                int count = 1 + pick(rng, communityCumulative);
                out.attr(FLAG_OPTIONAL_TRANSITIVE, ATTR_COMMUNITIES, 4 * count);
                for (int c = 0; c < count; c++) {
                    int asn = rng.nextInt(10) < 6 ? NEIGHBOUR_AS : randomAsn16(rng);
                    out.u16(asn);
                    out.u16(rng.nextInt(10_000));
                }
            }
            if (rng.nextInt(1000) < 50) {
                int count = 1 + rng.nextInt(3);
                out.attr(FLAG_OPTIONAL_TRANSITIVE, ATTR_LARGE_COMMUNITIES, 12 * count);
                for (int c = 0; c < count; c++) {
                    out.u32(rng.nextInt(2) == 0 ? NEIGHBOUR_AS : randomAsn(rng));
                    out.u32(rng.nextInt(1000));
                    out.u32(rng.nextInt(100_000));
                }
            }
            out.patch16(attrLengthAt, out.pos - attrLengthAt - 2);

            for (int g = 0; g < group; g++, i++) {
                out.prefix(prefixes.addresses[i], prefixes.lengths[i]);
            }
            out.endMessage(start);
        }
        return out.toArray();
    }

    private static byte[] withdraw(Prefixes prefixes) {
        int n = prefixes.size();
        int room = Framing.MAX_LENGTH - UPDATE_FIXED;
        Out out = new Out(n * 4 + 4096);
        int i = 0;
        while (i < n) {
            int start = out.beginMessage();
            int withdrawnLengthAt = out.pos;
            out.u16(0);
            int used = 0;
            while (i < n) {
                int size = 1 + (prefixes.lengths[i] + 7) / 8;
                if (used + size > room) {
                    break;
                }
                out.prefix(prefixes.addresses[i], prefixes.lengths[i]);
                used += size;
                i++;
            }
            out.patch16(withdrawnLengthAt, used);
            out.u16(0); // no path attributes, so no NLRI
            out.endMessage(start);
        }
        return out.toArray();
    }

    /** A public ASN: 15% from the 4-octet range in use (131072 and up), the rest 16-bit. */
    private static int randomAsn(SplitMix64 rng) {
        return rng.nextInt(100) < 15 ? 131_072 + rng.nextInt(270_000) : randomAsn16(rng);
    }

    /** A public 16-bit ASN, 1 to 64495, never AS_TRANS. */
    private static int randomAsn16(SplitMix64 rng) {
        int asn = 1 + rng.nextInt(64_495);
        return asn == AS_TRANS ? AS_TRANS + 1 : asn;
    }

    private static int[] cumulative(int[] weights) {
        int[] c = new int[weights.length];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }

    /** An index drawn with the weights whose running sums are {@code cumulative}. */
    private static int pick(SplitMix64 rng, int[] cumulative) {
        int r = rng.nextInt(cumulative[cumulative.length - 1]);
        int i = 0;
        while (r >= cumulative[i]) {
            i++;
        }
        return i;
    }

    static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    private static long key(int address, int length) {
        return ((address & 0xFFFF_FFFFL) << 6) | length;
    }

    static int ip(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    /** SplitMix64 (Steele, Lea and Flood 2014): small, fast, and fixed here so that seeds mean the same forever. */
    static final class SplitMix64 {
        private long state;

        SplitMix64(long seed) {
            state = seed;
        }

        long nextLong() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        int nextInt() {
            return (int) (nextLong() >>> 32);
        }

        /** Uniform in [0, bound) for bound > 0 (the multiply-shift bias is below 2^-32 and of no concern here). */
        int nextInt(int bound) {
            return (int) (((nextLong() >>> 32) * bound) >>> 32);
        }
    }

    /** An open-addressing set of non-zero longs with linear probing: no boxing, one array. */
    static final class LongSet {
        private final long[] slots;
        private final int mask;
        private final int shift;

        /** Room for {@code expected} keys at a load of at most one half. */
        LongSet(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
            slots = new long[capacity];
            mask = capacity - 1;
            shift = 64 - Integer.numberOfTrailingZeros(capacity);
        }

        /** Adds a non-zero key; false when it was there already. */
        boolean add(long key) {
            int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
            while (true) {
                long k = slots[i];
                if (k == 0) {
                    slots[i] = key;
                    return true;
                }
                if (k == key) {
                    return false;
                }
                i = (i + 1) & mask;
            }
        }
    }

    /** A growable big-endian byte buffer. */
    private static final class Out {
        byte[] buf;
        int pos;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        private void ensure(int more) {
            if (pos + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
            }
        }

        /** Writes the marker, a length to patch, and the UPDATE type; returns where the message starts. */
        int beginMessage() {
            ensure(Framing.MAX_LENGTH);
            int start = pos;
            for (int i = 0; i < Framing.MARKER_LENGTH; i++) {
                buf[pos++] = (byte) 0xFF;
            }
            pos += 2;
            buf[pos++] = TYPE_UPDATE;
            return start;
        }

        void endMessage(int start) {
            int length = pos - start;
            if (length > Framing.MAX_LENGTH) {
                throw new IllegalStateException("message of " + length + " octets");
            }
            patch16(start + Framing.MARKER_LENGTH, length);
        }

        void u8(int v) {
            buf[pos++] = (byte) v;
        }

        void u16(int v) {
            buf[pos++] = (byte) (v >>> 8);
            buf[pos++] = (byte) v;
        }

        void u32(int v) {
            buf[pos++] = (byte) (v >>> 24);
            buf[pos++] = (byte) (v >>> 16);
            buf[pos++] = (byte) (v >>> 8);
            buf[pos++] = (byte) v;
        }

        void patch16(int at, int v) {
            buf[at] = (byte) (v >>> 8);
            buf[at + 1] = (byte) v;
        }

        /** An attribute header with a one-octet length (every attribute here is shorter than 256 octets). */
        void attr(int flags, int type, int length) {
            buf[pos++] = (byte) flags;
            buf[pos++] = (byte) type;
            buf[pos++] = (byte) length;
        }

        /** A prefix as RFC 4271 §4.3 encodes it: the length in bits, then only the octets that hold them. */
        void prefix(int address, int length) {
            buf[pos++] = (byte) length;
            for (int octets = (length + 7) / 8, shift = 24; octets > 0; octets--, shift -= 8) {
                buf[pos++] = (byte) (address >>> shift);
            }
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(buf, pos);
        }
    }
}
