package dev.petrel.wire.attr;

/**
 * AS_PATH and AS4_PATH at the byte level: syntax checks (RFC 7606 §7.2), widening 2-octet ASNs, and the
 * RFC 6793 §4.2.3 reconstruction of a path from AS_PATH and AS4_PATH. Every loop advances by at least two octets.
 */
final class AsPaths {
    private AsPaths() {}

    static String checkSyntax(byte[] b, int off, int len, int asnSize) {
        int p = off;
        int end = off + len;
        while (p < end) {
            if (end - p < 2) {
                return "AS_PATH has a single octet left over after its last segment";
            }
            int t = b[p] & 0xff;
            int n = b[p + 1] & 0xff;
            if (t < 1 || t > 4) {
                return "AS_PATH segment type " + t + " is not 1 (AS_SET), 2 (AS_SEQUENCE), 3 or 4 (confederation)";
            }
            if (n == 0) {
                return "AS_PATH segment of length 0";
            }
            if (p + 2 + n * asnSize > end) {
                return "AS_PATH segment of " + n + " " + asnSize + "-octet ASNs runs past the attribute ("
                        + (end - p - 2) + " octets left)";
            }
            p += 2 + n * asnSize;
        }
        return null;
    }

    /** A validated 2-octet AS_PATH rewritten with 4-octet ASNs. */
    static byte[] widen(byte[] b, int off, int len) {
        int size = 0;
        for (int p = off; p < off + len; ) {
            int n = b[p + 1] & 0xff;
            size += 2 + 4 * n;
            p += 2 + 2 * n;
        }
        byte[] out = new byte[size];
        int q = 0;
        for (int p = off; p < off + len; ) {
            int n = b[p + 1] & 0xff;
            out[q++] = b[p];
            out[q++] = b[p + 1];
            p += 2;
            for (int i = 0; i < n; i++) {
                out[q + 2] = b[p];
                out[q + 3] = b[p + 1];
                q += 4;
                p += 2;
            }
        }
        return out;
    }

    /** The number of ASes as RFC 6793 §4.2.3 counts them: a set counts 1, confederation segments 0. */
    static int count(byte[] b, int off, int len) {
        int c = 0;
        for (int p = off; p < off + len; ) {
            int t = b[p] & 0xff;
            int n = b[p + 1] & 0xff;
            c += t == 2 ? n : t == 1 ? 1 : 0;
            p += 2 + 4 * n;
        }
        return c;
    }

    /** A syntactically valid 4-octet path holds AS 0 somewhere. */
    static boolean hasAsZero(byte[] b, int off, int len) {
        for (int p = off; p < off + len; ) {
            int n = b[p + 1] & 0xff;
            for (int i = 0; i < n; i++) {
                if (AttributeSpecs.read32(b, p + 2 + 4 * i) == 0) {
                    return true;
                }
            }
            p += 2 + 4 * n;
        }
        return false;
    }

    static boolean hasConfedSegment(byte[] b, int off, int len) {
        for (int p = off; p < off + len; ) {
            int t = b[p] & 0xff;
            if (t == 3 || t == 4) {
                return true;
            }
            p += 2 + 4 * (b[p + 1] & 0xff);
        }
        return false;
    }

    /**
     * RFC 6793 §4.2.3: the leading (count(AS_PATH) - count(AS4_PATH)) ASes of AS_PATH, then AS4_PATH. Both are
     * canonical (4-octet) and the caller has checked count(AS_PATH) >= count(AS4_PATH).
     *
     * <p>The segments are kept as they came, so that a path sent towards a 2-octet peer decodes to what was sent,
     * as it does on a 4-octet session. Only the seam is joined: an OLD speaker prepended its AS into the first
     * AS_SEQUENCE of AS_PATH, so a sequence taken from AS_PATH and one starting AS4_PATH become one segment (when
     * they fit in 255 ASNs), which is what a 4-octet session would have carried.
     */
    static byte[] merge(byte[] asPath, byte[] as4, int as4Off, int as4Len) {
        int keep = count(asPath, 0, asPath.length) - count(as4, as4Off, as4Len);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(asPath.length + as4Len);
        int p = 0;
        boolean tookNonConfed = false;
        int lastSequenceAt = -1; // where in out the last segment taken starts, when it is an AS_SEQUENCE
        while (p < asPath.length) {
            int t = asPath[p] & 0xff;
            int n = asPath[p + 1] & 0xff;
            if (t == 3 || t == 4) {
                if (tookNonConfed && keep == 0) {
                    break;
                }
                out.write(asPath, p, 2 + 4 * n);
                lastSequenceAt = -1;
            } else if (keep == 0) {
                break;
            } else if (t == 1) {
                out.write(asPath, p, 2 + 4 * n);
                keep--;
                tookNonConfed = true;
                lastSequenceAt = -1;
            } else {
                int take = Math.min(n, keep);
                lastSequenceAt = out.size();
                out.write(t);
                out.write(take);
                out.write(asPath, p + 2, 4 * take);
                keep -= take;
                tookNonConfed = true;
            }
            p += 2 + 4 * n;
        }
        byte[] head = out.toByteArray();
        if (lastSequenceAt >= 0 && as4Len > 0 && (as4[as4Off] & 0xff) == 2) {
            int n1 = head[lastSequenceAt + 1] & 0xff;
            int n2 = as4[as4Off + 1] & 0xff;
            if (n1 + n2 <= 255) {
                byte[] joined = new byte[head.length + as4Len - 2];
                System.arraycopy(head, 0, joined, 0, head.length);
                joined[lastSequenceAt + 1] = (byte) (n1 + n2);
                System.arraycopy(as4, as4Off + 2, joined, head.length, as4Len - 2);
                return joined;
            }
        }
        byte[] merged = new byte[head.length + as4Len];
        System.arraycopy(head, 0, merged, 0, head.length);
        System.arraycopy(as4, as4Off, merged, head.length, as4Len);
        return merged;
    }

    /**
     * Semantic checks on a canonical AS_PATH, or null when it passes: AS 0 (RFC 7607), AS_SET and AS_CONFED_SET
     * (RFC 9774), confederation segments from outside the confederation (RFC 5065 §5), and the leftmost AS of an
     * eBGP route (RFC 4271 §6.3, RFC 7606 §7.2).
     */
    static String checkSemantics(byte[] b, int off, int len, boolean external, long enforceFirstAs) {
        if (external && enforceFirstAs != 0) {
            if (len == 0) {
                return "empty AS_PATH from an external peer";
            }
            int t = b[off] & 0xff;
            long first = Integer.toUnsignedLong(AttributeSpecs.read32(b, off + 2));
            if (t != 2 || first != enforceFirstAs) {
                return "AS_PATH does not start with the peer's AS " + enforceFirstAs;
            }
        }
        for (int p = off; p < off + len; ) {
            int t = b[p] & 0xff;
            int n = b[p + 1] & 0xff;
            if (t == 1 || t == 4) {
                return (t == 1 ? "AS_SET" : "AS_CONFED_SET") + " in AS_PATH (RFC 9774)";
            }
            if (t == 3 && external) {
                return "AS_CONFED_SEQUENCE in AS_PATH from a peer outside the confederation (RFC 5065)";
            }
            for (int i = 0; i < n; i++) {
                if (AttributeSpecs.read32(b, p + 2 + 4 * i) == 0) {
                    return "AS 0 in AS_PATH (RFC 7607)";
                }
            }
            p += 2 + 4 * n;
        }
        return null;
    }
}
