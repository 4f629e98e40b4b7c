package dev.petrel.wire.attr;

import static dev.petrel.wire.attr.AttributeCodes.*;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.ErrorAction;
import dev.petrel.wire.Problems;
import dev.petrel.wire.SessionContext;
import java.util.Arrays;

/**
 * Decodes the Path Attributes field of an UPDATE into canonical {@link PathAttributes}, recording every problem
 * with the action RFC 7606 assigns (the table is {@link AttributeSpecs}). MP_REACH_NLRI and MP_UNREACH_NLRI are
 * located, flag-checked and left to the UPDATE decoder, which owns NLRI.
 *
 * <p>Reads nothing outside {@code [from, to)} and throws nothing on peer input.
 */
public final class AttributeDecoder {
    private static final int NOTIFY_UPDATE = 3;
    private static final int MALFORMED_ATTRIBUTE_LIST = 1;
    private static final int UNRECOGNIZED_WELL_KNOWN = 2;
    private static final int ATTRIBUTE_FLAGS_ERROR = 4;

    /** Where the MP attributes are, and which attributes appeared at all (even malformed). */
    public static final class Found {
        public int mpReachOff = -1;
        public int mpReachLen;
        /** Where the MP_REACH_NLRI attribute starts, header included (for NOTIFICATION data). */
        public int mpReachStart;
        public int mpUnreachOff = -1;
        public int mpUnreachLen;
        public int mpUnreachStart;
        /** Attributes other than MP_UNREACH_NLRI were present (RFC 7606 §5.2). */
        public boolean otherThanMpUnreach;
        /** The NEXT_HOP attribute's value, when one was kept ({@link #nextHopKept}). */
        public int nextHop;
        public boolean nextHopKept;
        private final long[] seen = new long[4];

        /** Forgets everything, so one instance can serve many decodes on one thread. */
        public void clear() {
            mpReachOff = -1;
            mpReachLen = 0;
            mpUnreachOff = -1;
            mpUnreachLen = 0;
            otherThanMpUnreach = false;
            nextHopKept = false;
            seen[0] = 0;
            seen[1] = 0;
            seen[2] = 0;
            seen[3] = 0;
        }

        public boolean saw(int type) {
            return (seen[type >>> 6] & (1L << (type & 63))) != 0;
        }

        private boolean markSeen(int type) {
            boolean was = saw(type);
            seen[type >>> 6] |= 1L << (type & 63);
            return was;
        }
    }

    /** Room for the (type, flags, offset, length) records of the kept attributes: at most one per type. */
    public static final int SCRATCH_INTS = 4 * 256;

    private AttributeDecoder() {}

    /**
     * @param kept scratch space of {@link #SCRATCH_INTS} ints, owned by the caller's thread
     */
    public static PathAttributes decode(byte[] b, int from, int to, SessionContext ctx, Problems problems,
            Found found, int[] kept) {
        int n = 0;
        boolean fourOctet = ctx.fourOctetAs();
        boolean external = ctx.isExternal();
        // True while the section is already canonical (types ascending, flags exactly as held, nothing skipped): then
        // the canonical bytes are a copy of the section.
        boolean pristine = fourOctet;
        int lastType = -1;
        int walked = 0; // attributes framed; the section is taken as it is only when every one of them was kept
        int p = from;
        while (p < to) {
            int left = to - p;
            if (left < 3) {
                truncated(-1, left + " octet(s) left at the end of the attribute section, fewer than an attribute"
                        + " header (RFC 7606 §4)", problems, found);
                break;
            }
            int flags = b[p] & 0xff;
            int type = b[p + 1] & 0xff;
            int hdr;
            int len;
            if ((flags & EXTENDED_LENGTH) != 0) {
                if (left < 4) {
                    truncated(type, "attribute " + type + " header with Extended Length is truncated (RFC 7606 §4)",
                            problems, found);
                    break;
                }
                hdr = 4;
                len = ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
            } else {
                hdr = 3;
                len = b[p + 2] & 0xff;
            }
            if (len > left - hdr) {
                truncated(type, AttributeSpecs.name(type) + " length " + len + " runs past the attribute section ("
                        + (left - hdr) + " octets left; RFC 7606 §4)", problems, found);
                break;
            }
            int off = p + hdr;
            int entryFlags = flags;
            p = off + len;
            walked++;
            if (type != MP_UNREACH_NLRI) {
                found.otherThanMpUnreach = true;
            }
            boolean duplicate = found.markSeen(type);
            if (type == MP_REACH_NLRI || type == MP_UNREACH_NLRI) {
                pristine = false;
                mpAttribute(b, p - hdr - len, hdr, flags, type, off, len, duplicate, problems, found);
                continue;
            }
            if (duplicate) {
                pristine = false;
                problems.add(ErrorAction.ATTRIBUTE_DISCARD, NOTIFY_UPDATE, MALFORMED_ATTRIBUTE_LIST, type,
                        "repeated " + AttributeSpecs.name(type) + ": the first is kept (RFC 7606 §3(g))");
                continue;
            }
            AttributeSpecs.Spec spec = AttributeSpecs.get(type);
            int keptFlags;
            if (spec == null) {
                if ((flags & OPTIONAL) == 0) {
                    // RFC 4271 says reset 3/2; RFC 7606 leaves it open; BIRD and FRR withdraw, and so does Petrel.
                    problems.add(ErrorAction.TREAT_AS_WITHDRAW, NOTIFY_UPDATE, UNRECOGNIZED_WELL_KNOWN, type,
                            "unrecognized well-known attribute " + type);
                    continue;
                }
                if ((flags & TRANSITIVE) == 0) {
                    // RFC 4271 §5: an unrecognized non-transitive attribute is quietly ignored and not passed along.
                    // What is held is what Petrel sends, so it is not held (extra case: unknown 0xFD); it is still
                    // reported, as information, so that nothing a peer sent disappears without a trace.
                    problems.add(ErrorAction.NONE, NOTIFY_UPDATE, 9, type, "unrecognized optional non-transitive "
                            + "attribute " + type + " (" + len + " octets) ignored (RFC 4271 §5)");
                    continue;
                }
                // RFC 4271 §5: we pass it on without having understood it.
                keptFlags = (flags & (OPTIONAL | TRANSITIVE | PARTIAL)) | PARTIAL;
            } else {
                if (external && (type == LOCAL_PREF || type == ORIGINATOR_ID || type == CLUSTER_LIST)) {
                    problems.add(ErrorAction.ATTRIBUTE_DISCARD, NOTIFY_UPDATE, spec.subcode(), type,
                            spec.name() + " from an external peer is discarded (RFC 7606 §7.5, §7.9, §7.10)");
                    continue;
                }
                if (external && (type == PREFIX_SID || type == BGP_LS)) {
                    problems.add(ErrorAction.ATTRIBUTE_DISCARD, NOTIFY_UPDATE, spec.subcode(), type,
                            spec.name() + " from an external peer is discarded and not propagated (RFC 8669 §6)");
                    continue;
                }
                if (fourOctet && (type == AS4_PATH || type == AS4_AGGREGATOR)) {
                    problems.add(ErrorAction.ATTRIBUTE_DISCARD, NOTIFY_UPDATE, spec.subcode(), type,
                            spec.name() + " between two 4-octet-AS speakers is discarded (RFC 6793 §6)");
                    continue;
                }
                String flagError = checkFlags(flags, spec);
                if (flagError != null) {
                    problems.add(new dev.petrel.wire.Problem(spec.onMalformed(), NOTIFY_UPDATE, ATTRIBUTE_FLAGS_ERROR,
                            Bytes.of(b, off - hdr, hdr + len), type, flagError));
                    continue;
                }
                if (spec.check() != null && !obviouslyValid(type, b, off, len, fourOctet)) {
                    String why = spec.check().check(b, off, len, fourOctet);
                    if (why != null) {
                        // RFC 4271 §6.3: the data of a reset names the erroneous attribute, all of it.
                        problems.add(new dev.petrel.wire.Problem(spec.onMalformed(), NOTIFY_UPDATE,
                                AttributeSpecs.subcodeFor(spec, why), Bytes.of(b, off - hdr, hdr + len), type,
                                AttributeSpecs.reason(why)));
                        continue;
                    }
                }
                keptFlags = spec.flags() | (flags & PARTIAL);
            }
            if (pristine && (type <= lastType || entryFlags != (keptFlags | (len > 255 ? EXTENDED_LENGTH : 0)))) {
                pristine = false;
            }
            lastType = type;
            if (type == NEXT_HOP) {
                found.nextHop = AttributeSpecs.read32(b, off);
                found.nextHopKept = true;
            }
            int i = 4 * n++;
            kept[i] = type;
            kept[i + 1] = keptFlags;
            kept[i + 2] = off;
            kept[i + 3] = len;
        }
        if (pristine && p == to && n > 0 && walked == n) {
            return canonicalAsReceived(b, from, to, kept, n, ctx, problems);
        }
        return canonical(b, kept, n, ctx, problems);
    }

    /** The section is canonical already: check the AS_PATH's meaning, then take the octets as they are. */
    private static PathAttributes canonicalAsReceived(byte[] b, int from, int to, int[] kept, int n,
            SessionContext ctx, Problems problems) {
        int asPathIdx = indexOf(kept, n, AS_PATH);
        if (asPathIdx >= 0) {
            checkAsPath(b, kept[4 * asPathIdx + 2], kept[4 * asPathIdx + 3], ctx, problems);
        }
        return PathAttributes.ofCanonical(java.util.Arrays.copyOfRange(b, from, to));
    }

    private static void checkAsPath(byte[] b, int off, int len, SessionContext ctx, Problems problems) {
        String why = AsPaths.checkSemantics(b, off, len, ctx.isExternal(),
                ctx.isExternal() && ctx.enforceFirstAs() ? ctx.peerAs() : 0);
        if (why != null) {
            problems.add(ErrorAction.TREAT_AS_WITHDRAW, 3, 11, AS_PATH, why);
        }
    }

    /** RFC 7606 §4: the attribute section ends inside an attribute's header or value (type -1: unknown). */
    private static void truncated(int type, String why, Problems problems, Found found) {
        if (type != MP_UNREACH_NLRI) {
            // RFC 7606 §5.2: a malformed attribute is still a path attribute; without NLRI this must reset (case 17).
            found.otherThanMpUnreach = true;
        }
        // RFC 7606 §3(j): treat-as-withdraw needs MP_REACH_NLRI and MP_UNREACH_NLRI parsed, and one cut short
        // cannot be (case 43): only a reset is left. 3/1, the subcode of the framing error, as FRR sends.
        boolean mp = type == MP_REACH_NLRI || type == MP_UNREACH_NLRI;
        problems.add(mp ? ErrorAction.SESSION_RESET : ErrorAction.TREAT_AS_WITHDRAW, NOTIFY_UPDATE,
                MALFORMED_ATTRIBUTE_LIST, type, why);
    }

    /**
     * The common attributes' validity, checked without the table's (megamorphic) check call: true only where the
     * table's check would pass. Anything else goes through the table, which also says what is wrong.
     */
    private static boolean obviouslyValid(int type, byte[] b, int off, int len, boolean fourOctet) {
        return switch (type) {
            case ORIGIN -> len == 1 && (b[off] & 0xff) <= 2;
            case NEXT_HOP, MULTI_EXIT_DISC, LOCAL_PREF, ORIGINATOR_ID -> len == 4;
            case COMMUNITIES, CLUSTER_LIST -> len > 0 && (len & 3) == 0;
            case EXTENDED_COMMUNITIES -> len > 0 && (len & 7) == 0;
            case LARGE_COMMUNITIES -> len > 0 && len % 12 == 0;
            case AS_PATH -> AsPaths.checkSyntax(b, off, len, fourOctet ? 4 : 2) == null;
            default -> false;
        };
    }

    /** RFC 4271 §4.3 and RFC 7606 §3(c): Optional and Transitive must match; Partial only on optional transitive. */
    private static String checkFlags(int flags, AttributeSpecs.Spec spec) {
        int ot = flags & (OPTIONAL | TRANSITIVE);
        if (ot != spec.flags()) {
            return String.format("%s flags 0x%02x: Optional/Transitive should be 0x%02x (RFC 7606 §3(c))",
                    spec.name(), flags, spec.flags());
        }
        if ((flags & PARTIAL) != 0 && spec.flags() != (OPTIONAL | TRANSITIVE)) {
            return String.format("%s flags 0x%02x: Partial set on a %s attribute", spec.name(), flags,
                    (spec.flags() & OPTIONAL) == 0 ? "well-known" : "non-transitive");
        }
        return null;
    }

    private static void mpAttribute(byte[] b, int start, int hdr, int flags, int type, int off, int len,
            boolean duplicate, Problems problems, Found found) {
        String name = AttributeSpecs.name(type);
        Bytes data = Bytes.of(b, start, hdr + len); // RFC 4271 §6.3: the whole attribute, all of it received
        if (duplicate) {
            problems.add(new dev.petrel.wire.Problem(ErrorAction.SESSION_RESET, NOTIFY_UPDATE,
                    MALFORMED_ATTRIBUTE_LIST, Bytes.EMPTY, type, name + " appears more than once (RFC 7606 §3(g))"));
            return;
        }
        if ((flags & (OPTIONAL | TRANSITIVE)) != OPTIONAL || (flags & PARTIAL) != 0) {
            problems.add(new dev.petrel.wire.Problem(ErrorAction.SESSION_RESET, NOTIFY_UPDATE, ATTRIBUTE_FLAGS_ERROR,
                    data, type, String.format("%s flags 0x%02x are not optional non-transitive (RFC 4760, RFC 7606 §5.3)",
                            name, flags)));
            return;
        }
        if (type == MP_REACH_NLRI) {
            found.mpReachOff = off;
            found.mpReachLen = len;
            found.mpReachStart = start;
        } else {
            found.mpUnreachOff = off;
            found.mpUnreachLen = len;
            found.mpUnreachStart = start;
        }
    }

    /** Applies RFC 6793 reconstruction and the AS_PATH semantic checks, then writes the canonical bytes. */
    private static PathAttributes canonical(byte[] b, int[] kept, int n, SessionContext ctx, Problems problems) {
        if (n == 0) {
            return PathAttributes.EMPTY;
        }
        sortByType(kept, n);
        byte[] asPath = null; // replacement value when rebuilt
        byte[] aggregator = null;
        int asPathIdx = indexOf(kept, n, AS_PATH);
        if (!ctx.fourOctetAs()) {
            int as4PathIdx = indexOf(kept, n, AS4_PATH);
            int aggIdx = indexOf(kept, n, AGGREGATOR);
            int as4AggIdx = indexOf(kept, n, AS4_AGGREGATOR);
            if (asPathIdx >= 0) {
                asPath = AsPaths.widen(b, kept[4 * asPathIdx + 2], kept[4 * asPathIdx + 3]);
            }
            if (aggIdx >= 0) {
                int o = kept[4 * aggIdx + 2];
                aggregator = new byte[8];
                aggregator[2] = b[o];
                aggregator[3] = b[o + 1];
                System.arraycopy(b, o + 2, aggregator, 4, 4);
            }
            boolean aggIsTrans = aggregator == null
                    || (((aggregator[2] & 0xff) << 8) | (aggregator[3] & 0xff)) == AS_TRANS;
            if (!aggIsTrans && (as4PathIdx >= 0 || as4AggIdx >= 0)) {
                problems.add(ErrorAction.NONE, 3, 9, AS4_PATH,
                        "AGGREGATOR AS is not AS_TRANS, so AS4_PATH and AS4_AGGREGATOR are ignored (RFC 6793 §4.2.3)");
            } else {
                if (as4AggIdx >= 0 && aggregator != null) {
                    System.arraycopy(b, kept[4 * as4AggIdx + 2], aggregator, 0, 8);
                }
                if (as4PathIdx >= 0 && asPath != null) {
                    int o = kept[4 * as4PathIdx + 2];
                    int l = kept[4 * as4PathIdx + 3];
                    if (AsPaths.hasConfedSegment(b, o, l)) {
                        problems.add(ErrorAction.ATTRIBUTE_DISCARD, 3, 9, AS4_PATH,
                                "AS4_PATH holds a confederation segment and is discarded (RFC 6793 §6)");
                    } else if (AsPaths.count(asPath, 0, asPath.length) < AsPaths.count(b, o, l)) {
                        problems.add(ErrorAction.ATTRIBUTE_DISCARD, 3, 9, AS4_PATH,
                                "AS4_PATH is longer than AS_PATH and is ignored (RFC 6793 §4.2.3)");
                    } else {
                        asPath = AsPaths.merge(asPath, b, o, l);
                    }
                }
            }
        }
        if (asPathIdx >= 0) {
            byte[] pb = asPath != null ? asPath : b;
            int po = asPath != null ? 0 : kept[4 * asPathIdx + 2];
            int pl = asPath != null ? asPath.length : kept[4 * asPathIdx + 3];
            checkAsPath(pb, po, pl, ctx, problems);
        }
        int size = 0;
        for (int i = 0; i < n; i++) {
            int t = kept[4 * i];
            if (t == AS4_PATH || t == AS4_AGGREGATOR) {
                continue;
            }
            int len = t == AS_PATH && asPath != null ? asPath.length : t == AGGREGATOR && aggregator != null ? 8
                    : kept[4 * i + 3];
            size += PathAttributes.entrySize(len);
        }
        byte[] out = new byte[size];
        int q = 0;
        for (int i = 0; i < n; i++) {
            int t = kept[4 * i];
            if (t == AS4_PATH || t == AS4_AGGREGATOR) {
                continue;
            }
            byte[] src = b;
            int off = kept[4 * i + 2];
            int len = kept[4 * i + 3];
            if (t == AS_PATH && asPath != null) {
                src = asPath;
                off = 0;
                len = asPath.length;
            } else if (t == AGGREGATOR && aggregator != null) {
                src = aggregator;
                off = 0;
                len = 8;
            }
            q = PathAttributes.writeEntry(out, q, kept[4 * i + 1], t, src, off, len);
        }
        return PathAttributes.ofCanonical(out);
    }

    private static int indexOf(int[] kept, int n, int type) {
        for (int i = 0; i < n; i++) {
            if (kept[4 * i] == type) {
                return i;
            }
        }
        return -1;
    }

    /** Insertion sort of the 4-int records by type: attributes almost always arrive sorted already. */
    private static void sortByType(int[] kept, int n) {
        for (int i = 1; i < n; i++) {
            if (kept[4 * i] >= kept[4 * (i - 1)]) {
                continue;
            }
            int[] rec = Arrays.copyOfRange(kept, 4 * i, 4 * i + 4);
            int j = i - 1;
            while (j >= 0 && kept[4 * j] > rec[0]) {
                System.arraycopy(kept, 4 * j, kept, 4 * (j + 1), 4);
                j--;
            }
            System.arraycopy(rec, 0, kept, 4 * (j + 1), 4);
        }
    }
}
