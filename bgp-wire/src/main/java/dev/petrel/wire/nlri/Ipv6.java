package dev.petrel.wire.nlri;

/** RFC 5952 text for IPv6 addresses held as two longs, without InetAddress or DNS. */
public final class Ipv6 {
    private Ipv6() {}

    public static String format(long high, long low) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xffff;
        }
        // RFC 5952 §4.2: compress the longest run (at least two) of zero groups, the first if tied.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** Parses an IPv6 address (with "::" and an optional dotted-quad tail) into {high, low}. */
    public static long[] parse(String text) {
        int[] g = new int[8];
        String s = text;
        int dbl = s.indexOf("::");
        if (dbl != s.lastIndexOf("::")) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        String[] head;
        String[] tail;
        if (dbl >= 0) {
            head = s.substring(0, dbl).isEmpty() ? new String[0] : s.substring(0, dbl).split(":", -1);
            tail = s.substring(dbl + 2).isEmpty() ? new String[0] : s.substring(dbl + 2).split(":", -1);
        } else {
            head = s.split(":", -1);
            tail = new String[0];
        }
        int[] hv = groups(head, text);
        int[] tv = groups(tail, text);
        if (dbl < 0 && hv.length != 8 || dbl >= 0 && hv.length + tv.length > 7) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        System.arraycopy(hv, 0, g, 0, hv.length);
        System.arraycopy(tv, 0, g, 8 - tv.length, tv.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | g[i];
            lo = (lo << 16) | g[i + 4];
        }
        return new long[] {hi, lo};
    }

    private static int[] groups(String[] parts, String text) {
        int n = parts.length;
        boolean v4tail = n > 0 && parts[n - 1].contains(".");
        int[] out = new int[v4tail ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            if (v4tail && i == n - 1) {
                int v4 = Ipv4.parse(parts[i]);
                out[i] = v4 >>> 16;
                out[i + 1] = v4 & 0xffff;
                break;
            }
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
            try {
                out[i] = Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv6 address: " + text, e);
            }
        }
        return out;
    }

    /** The 16 octets of an IPv6 literal. */
    public static byte[] bytes(String text) {
        long[] hl = parse(text);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (hl[0] >>> (56 - 8 * i));
            out[8 + i] = (byte) (hl[1] >>> (56 - 8 * i));
        }
        return out;
    }

    public static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
