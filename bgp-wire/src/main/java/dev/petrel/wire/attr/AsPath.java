package dev.petrel.wire.attr;

import java.util.ArrayList;
import java.util.List;

/**
 * AS_PATH (RFC 4271 §4.3, RFC 5065 confederation segments) with 4-octet AS numbers, as Petrel holds it whatever
 * the session negotiated. Built from or written to the canonical attribute bytes; not on the hot path.
 */
public record AsPath(List<Segment> segments) {
    public static final AsPath EMPTY = new AsPath(List.of());

    public AsPath {
        segments = List.copyOf(segments);
    }

    public enum SegmentType {
        AS_SET(1, "{", "}"),
        AS_SEQUENCE(2, "", ""),
        AS_CONFED_SEQUENCE(3, "(", ")"),
        AS_CONFED_SET(4, "[", "]");

        final int code;
        final String open;
        final String close;

        SegmentType(int code, String open, String close) {
            this.code = code;
            this.open = open;
            this.close = close;
        }

        public int code() {
            return code;
        }

        public static SegmentType fromCode(int code) {
            return code >= 1 && code <= 4 ? values()[code - 1] : null;
        }
    }

    /** One segment; {@code asns} are unsigned 32-bit AS numbers. */
    public record Segment(SegmentType type, List<Long> asns) {
        public Segment {
            asns = List.copyOf(asns);
            if (asns.isEmpty()) {
                throw new IllegalArgumentException("an AS_PATH segment holds at least one AS");
            }
            for (long a : asns) {
                if (a < 0 || a > 0xffffffffL) {
                    throw new IllegalArgumentException("AS number out of range: " + a);
                }
            }
        }
    }

    /** An AS_PATH of one AS_SEQUENCE (empty list: the empty path). */
    public static AsPath sequence(long... asns) {
        if (asns.length == 0) {
            return EMPTY;
        }
        List<Long> l = new ArrayList<>(asns.length);
        for (long a : asns) {
            l.add(a);
        }
        return new AsPath(List.of(new Segment(SegmentType.AS_SEQUENCE, l)));
    }

    /** The path length for route selection (RFC 4271 §9.1.2.2 a; RFC 5065 §5.3: confederation segments count 0). */
    public int length() {
        int n = 0;
        for (Segment s : segments) {
            switch (s.type()) {
                case AS_SEQUENCE -> n += s.asns().size();
                case AS_SET -> n += 1;
                default -> { }
            }
        }
        return n;
    }

    /** Parses the canonical value (4-octet ASNs); the bytes must already be validated. */
    static AsPath parse(byte[] b, int off, int len) {
        List<Segment> segs = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (p < end) {
            SegmentType t = SegmentType.fromCode(b[p] & 0xff);
            int n = b[p + 1] & 0xff;
            p += 2;
            List<Long> asns = new ArrayList<>(n);
            for (int i = 0; i < n; i++, p += 4) {
                asns.add(Integer.toUnsignedLong(dev.petrel.wire.nlri.Ipv4.read(b, p)));
            }
            segs.add(new Segment(t, asns));
        }
        return new AsPath(segs);
    }

    /** The canonical value: 4-octet ASNs, segments of at most 255 ASNs (longer ones are split). */
    byte[] encode() {
        int size = 0;
        for (Segment s : segments) {
            int n = s.asns().size();
            size += 2 * ((n + 254) / 255) + 4 * n;
        }
        byte[] out = new byte[size];
        int p = 0;
        for (Segment s : segments) {
            List<Long> asns = s.asns();
            for (int start = 0; start < asns.size(); start += 255) {
                int n = Math.min(255, asns.size() - start);
                out[p++] = (byte) s.type().code;
                out[p++] = (byte) n;
                for (int i = 0; i < n; i++) {
                    long a = asns.get(start + i);
                    out[p++] = (byte) (a >>> 24);
                    out[p++] = (byte) (a >>> 16);
                    out[p++] = (byte) (a >>> 8);
                    out[p++] = (byte) a;
                }
            }
        }
        return out;
    }

    /** "65001 65002 {65003 65004} (65005)": the notation BIRD and FRR print. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(s.type().open);
            for (int i = 0; i < s.asns().size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(s.asns().get(i));
            }
            sb.append(s.type().close);
        }
        return sb.toString();
    }
}
