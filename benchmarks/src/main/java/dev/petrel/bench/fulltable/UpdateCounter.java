package dev.petrel.bench.fulltable;

import dev.petrel.bench.FullTableStream;
import dev.petrel.bench.sessions.SpeakerMessages;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts the IPv4 unicast prefixes one BGP session announces and withdraws, straight from the bytes as they arrive,
 * for the full-table benchmark's receivers: it finds message boundaries, walks the Withdrawn Routes and NLRI fields
 * of every UPDATE and the MP_REACH_NLRI / MP_UNREACH_NLRI attributes for AFI 1 / SAFI 1, and nothing else.
 *
 * <p>It keeps the set of prefixes currently reachable, so a re-announcement or a duplicate counts once and a
 * withdrawal of a prefix that is not reachable counts nothing: {@link #reachable()} is exact. The set is a bitmap
 * over every prefix of length 0 to 26 (bit {@code 2^len + address >>> (32 - len)}, 2^27 bits), allocated in pages
 * of 8 KiB as they are first touched: a full table touches about 4 MiB of it, the reflector benchmark's mesh of
 * /26 blocks a few pages, so a thousand counting sessions fit in one JVM. Counting a prefix is a shift and an OR,
 * with no object and no hashing. Longer prefixes, which the benchmarks never send, go to a small {@link HashSet}
 * so that they are still counted right.
 *
 * <p>Messages other than UPDATE go to the {@link Control} callback whole. Bytes may be fed in pieces of any size;
 * a message split between two pieces is carried over. Not thread-safe: one session, one thread.
 */
public final class UpdateCounter {
    /** What the session does with the messages that are not UPDATEs. */
    @FunctionalInterface
    public interface Control {
        /** A whole message of {@code length} octets (header included) at {@code offset}; the array is reused. */
        void message(int type, byte[] bytes, int offset, int length);
    }

    /** A byte stream that is not BGP: the session should be closed. */
    public static final class MalformedException extends RuntimeException {
        MalformedException(String message) {
            super(message);
        }
    }

    static final int HEADER = 19;
    /** The largest message accepted (RFC 8654's extended messages; without them the peer sends at most 4096). */
    static final int MAX_MESSAGE = 65_535;
    /** Prefixes up to this length live in the bitmap. */
    static final int BITMAP_MAX_LENGTH = 26;
    /** Bits per page of the bitmap, as a shift: 2^16 bits, 8 KiB. */
    private static final int PAGE_SHIFT = 16;
    private static final int ATTR_MP_REACH = 14;
    private static final int ATTR_MP_UNREACH = 15;

    /** The bitmap's pages of 2^{@link #PAGE_SHIFT} bits each, null until a bit in it is set. */
    private final long[][] pages = new long[(1 << (BITMAP_MAX_LENGTH + 1)) >>> PAGE_SHIFT][];
    private final Set<Long> longer = new HashSet<>();
    private final Control control;
    private byte[] carry = new byte[4096];
    private int carried;

    private long reachable;
    private long announced;
    private long withdrawn;
    private long reannounced;
    private long unknownWithdrawn;
    private long updates;
    private long messages;
    private long octets;
    private long otherFamilies;

    public UpdateCounter(Control control) {
        this.control = control;
    }

    /**
     * Allocates the bitmap's pages for every prefix up to {@code maxLength} now (4 MiB for /24), so that a session
     * that will count a full table does not allocate them, and make its JVM collect, while the clock runs.
     */
    public UpdateCounter preallocate(int maxLength) {
        int pagesNeeded = Math.max(1, (1 << (Math.min(maxLength, BITMAP_MAX_LENGTH) + 1)) >>> PAGE_SHIFT);
        for (int i = 0; i < pagesNeeded; i++) {
            if (pages[i] == null) {
                pages[i] = new long[1 << (PAGE_SHIFT - 6)];
            }
        }
        return this;
    }

    /** Counts the messages of {@code length} octets of stream at {@code offset}, keeping any incomplete tail. */
    public void feed(byte[] b, int offset, int length) {
        octets += length;
        int p = offset;
        int end = offset + length;
        if (carried > 0) {
            p = completeCarried(b, p, end);
            if (carried > 0) {
                return; // all of it went into the carried message, which is still incomplete
            }
        }
        while (end - p >= HEADER) {
            int messageLength = messageLength(b, p);
            if (end - p < messageLength) {
                break;
            }
            message(b, p, messageLength);
            p += messageLength;
        }
        if (p < end) {
            ensureCarry(end - p);
            System.arraycopy(b, p, carry, 0, end - p);
            carried = end - p;
        }
    }

    /** Adds to the carried partial message; returns where the rest of the input starts. */
    private int completeCarried(byte[] b, int p, int end) {
        if (carried < HEADER) {
            int take = Math.min(HEADER - carried, end - p);
            System.arraycopy(b, p, carry, carried, take);
            carried += take;
            p += take;
            if (carried < HEADER) {
                return p;
            }
        }
        int messageLength = messageLength(carry, 0);
        ensureCarry(messageLength);
        int take = Math.min(messageLength - carried, end - p);
        System.arraycopy(b, p, carry, carried, take);
        carried += take;
        p += take;
        if (carried == messageLength) {
            carried = 0;
            message(carry, 0, messageLength);
        }
        return p;
    }

    private void ensureCarry(int size) {
        if (carry.length < size) {
            carry = Arrays.copyOf(carry, Math.max(size, Math.min(MAX_MESSAGE, carry.length * 2)));
        }
    }

    private int messageLength(byte[] b, int p) {
        for (int i = 0; i < 16; i++) {
            if (b[p + i] != (byte) 0xFF) {
                throw new MalformedException("no marker after " + messages + " messages");
            }
        }
        int length = u16(b, p + 16);
        if (length < HEADER || length > MAX_MESSAGE) {
            throw new MalformedException("message length " + length + " after " + messages + " messages");
        }
        return length;
    }

    private void message(byte[] b, int p, int length) {
        messages++;
        int type = b[p + 18] & 0xFF;
        if (type == SpeakerMessages.TYPE_UPDATE) {
            updates++;
            update(b, p, p + length);
        } else {
            control.message(type, b, p, length);
        }
    }

    private void update(byte[] b, int p, int end) {
        int q = p + HEADER;
        if (q + 2 > end) {
            throw malformed("no Withdrawn Routes Length");
        }
        int withdrawnEnd = q + 2 + u16(b, q);
        if (withdrawnEnd + 2 > end) {
            throw malformed("Withdrawn Routes overrun the message");
        }
        prefixes(b, q + 2, withdrawnEnd, false);
        q = withdrawnEnd;
        int attributesEnd = q + 2 + u16(b, q);
        if (attributesEnd > end) {
            throw malformed("path attributes overrun the message");
        }
        q += 2;
        while (q < attributesEnd) {
            if (q + 3 > attributesEnd) {
                throw malformed("attribute header overruns the attributes");
            }
            int flags = b[q] & 0xFF;
            int type = b[q + 1] & 0xFF;
            int length;
            if ((flags & 0x10) != 0) {
                if (q + 4 > attributesEnd) {
                    throw malformed("attribute header overruns the attributes");
                }
                length = u16(b, q + 2);
                q += 4;
            } else {
                length = b[q + 2] & 0xFF;
                q += 3;
            }
            if (q + length > attributesEnd) {
                throw malformed("attribute " + type + " overruns the attributes");
            }
            if (type == ATTR_MP_REACH) {
                mpReach(b, q, q + length);
            } else if (type == ATTR_MP_UNREACH) {
                mpUnreach(b, q, q + length);
            }
            q += length;
        }
        prefixes(b, attributesEnd, end, true);
    }

    private void mpReach(byte[] b, int p, int end) {
        if (p + 5 > end) {
            throw malformed("MP_REACH_NLRI too short");
        }
        if (!ipv4Unicast(b, p)) {
            otherFamilies++;
            return;
        }
        int nlri = p + 4 + (b[p + 3] & 0xFF) + 1; // AFI, SAFI, next hop length, next hop, reserved
        if (nlri > end) {
            throw malformed("MP_REACH_NLRI next hop overruns the attribute");
        }
        prefixes(b, nlri, end, true);
    }

    private void mpUnreach(byte[] b, int p, int end) {
        if (p + 3 > end) {
            throw malformed("MP_UNREACH_NLRI too short");
        }
        if (!ipv4Unicast(b, p)) {
            otherFamilies++;
            return;
        }
        prefixes(b, p + 3, end, false);
    }

    private static boolean ipv4Unicast(byte[] b, int p) {
        return u16(b, p) == 1 && b[p + 2] == 1;
    }

    private void prefixes(byte[] b, int p, int end, boolean announce) {
        while (p < end) {
            int length = b[p] & 0xFF;
            int octetCount = (length + 7) >>> 3;
            if (length > 32 || p + 1 + octetCount > end) {
                throw malformed("prefix of length " + length + " overruns its field");
            }
            int address = 0;
            for (int i = 0, shift = 24; i < octetCount; i++, shift -= 8) {
                address |= (b[p + 1 + i] & 0xFF) << shift;
            }
            p += 1 + octetCount;
            if (announce) {
                announced++;
                if (!add(address, length)) {
                    reannounced++;
                }
            } else {
                withdrawn++;
                if (!remove(address, length)) {
                    unknownWithdrawn++;
                }
            }
        }
    }

    private boolean add(int address, int length) {
        boolean added;
        if (length <= BITMAP_MAX_LENGTH) {
            int bit = bit(address, length);
            long[] page = pages[bit >>> PAGE_SHIFT];
            if (page == null) {
                page = pages[bit >>> PAGE_SHIFT] = new long[1 << (PAGE_SHIFT - 6)];
            }
            int w = (bit >>> 6) & ((1 << (PAGE_SHIFT - 6)) - 1);
            long word = page[w];
            long mask = 1L << bit;
            page[w] = word | mask;
            added = (word & mask) == 0;
        } else {
            added = longer.add(longKey(address, length));
        }
        if (added) {
            reachable++;
        }
        return added;
    }

    private boolean remove(int address, int length) {
        boolean removed;
        if (length <= BITMAP_MAX_LENGTH) {
            int bit = bit(address, length);
            long[] page = pages[bit >>> PAGE_SHIFT];
            int w = (bit >>> 6) & ((1 << (PAGE_SHIFT - 6)) - 1);
            long word = page == null ? 0 : page[w];
            long mask = 1L << bit;
            if (page != null) {
                page[w] = word & ~mask;
            }
            removed = (word & mask) != 0;
        } else {
            removed = longer.remove(longKey(address, length));
        }
        if (removed) {
            reachable--;
        }
        return removed;
    }

    /** Whether address/length is reachable now (host bits beyond the length are ignored). */
    public boolean contains(int address, int length) {
        if (length <= BITMAP_MAX_LENGTH) {
            int bit = bit(address, length);
            long[] page = pages[bit >>> PAGE_SHIFT];
            return page != null && (page[(bit >>> 6) & ((1 << (PAGE_SHIFT - 6)) - 1)] & (1L << bit)) != 0;
        }
        return longer.contains(longKey(address, length));
    }

    /** How many of {@code expected} are not reachable now. */
    public int missing(FullTableStream.Prefixes expected) {
        int missing = 0;
        for (int i = 0; i < expected.size(); i++) {
            if (!contains(expected.addresses()[i], expected.lengths()[i])) {
                missing++;
            }
        }
        return missing;
    }

    /** How many reachable prefixes are not in {@code expected} (which must hold distinct prefixes). */
    public long extra(FullTableStream.Prefixes expected) {
        return reachable - (expected.size() - missing(expected));
    }

    private static int bit(int address, int length) {
        return length == 0 ? 1 : (1 << length) | (address >>> (32 - length));
    }

    private static long longKey(int address, int length) {
        return ((address & (-1L << (32 - length)) & 0xFFFF_FFFFL) << 6) | length;
    }

    private MalformedException malformed(String what) {
        return new MalformedException("UPDATE " + updates + ": " + what);
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    /** Prefixes reachable now: announced and not withdrawn since, each counted once. */
    public long reachable() {
        return reachable;
    }

    /** Prefixes in NLRI and MP_REACH_NLRI fields, duplicates included. */
    public long announced() {
        return announced;
    }

    /** Prefixes in Withdrawn Routes and MP_UNREACH_NLRI fields, including those that were not reachable. */
    public long withdrawn() {
        return withdrawn;
    }

    /** Announcements of a prefix that was reachable already (implicit withdrawals, RFC 4271 §3.1). */
    public long reannounced() {
        return reannounced;
    }

    /** Withdrawals of a prefix that was not reachable. */
    public long unknownWithdrawn() {
        return unknownWithdrawn;
    }

    public long updates() {
        return updates;
    }

    public long messages() {
        return messages;
    }

    public long octets() {
        return octets;
    }

    /** MP_REACH_NLRI / MP_UNREACH_NLRI attributes of other families (not counted). */
    public long otherFamilies() {
        return otherFamilies;
    }
}
