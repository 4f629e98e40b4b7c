package dev.petrel.wire.capture;

import dev.petrel.wire.Framing;
import dev.petrel.wire.MessageType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads MRT (RFC 6396) with the RFC 8050 ADD-PATH subtypes and two legacy forms still found in archives.
 *
 * <p>Every record has a 12-octet header: timestamp (seconds), type, subtype, length. The types read:
 * <ul>
 *   <li>12 TABLE_DUMP (subtype = AFI 1 or 2): one RIB entry per record, 2-octet AS numbers.
 *   <li>13 TABLE_DUMP_V2: 1 PEER_INDEX_TABLE (remembered for the entries that follow), 2-5 RIB_IPV4/IPV6 UNICAST /
 *       MULTICAST, 6 RIB_GENERIC (NLRI in the bit-length form, for the SAFIs that use it), 8-12 the same with
 *       ADD-PATH: each RIB entry carries a 4-octet path identifier (for RIB_GENERIC_ADDPATH this follows the way
 *       GoBGP and OpenBGPD write it, not RFC 8050's path identifier inside the NLRI). 7 GEO_PEER_TABLE is skipped.
 *   <li>16 BGP4MP and 17 BGP4MP_ET (a 4-octet microsecond field follows the header): 0 STATE_CHANGE,
 *       1 MESSAGE, 4 MESSAGE_AS4, 5 STATE_CHANGE_AS4, 6 MESSAGE_LOCAL, 7 MESSAGE_AS4_LOCAL, 8-11 their ADDPATH
 *       variants, and the deprecated 2 ENTRY (a RIB entry with its own AFI, SAFI and next hop; the next hop is not
 *       carried into the {@link RibEntryRecord}). 3 SNAPSHOT only names another file and is skipped.
 *   <li>5 BGP, 9 BGP4PLUS, 10 BGP4PLUS_01 (the pre-RFC Zebra/MRT types, with IPv4 and IPv6 addresses): peer AS,
 *       peer address, local AS, local address, then the message body without its 19-octet header. The header is
 *       rebuilt from the subtype (1 UPDATE, 5 OPEN, 6 NOTIFY, 7 KEEPALIVE) so that the result is an ordinary
 *       message. 3 STATE_CHANGE is a peer AS, address and two states; 0 NULL and 4 SYNC are skipped.
 * </ul>
 * Types 0-4 (NULL, START, DIE, I_AM_DEAD, PEER_DOWN) carry no BGP and are skipped silently; other types (RIP,
 * OSPF, IS-IS...) are reported once per file and skipped.
 *
 * <p>Every field read is bounded by its record ({@link ByteCursor}); a record that does not hold what its
 * subtype promises is reported as a {@link CaptureProblem.Kind#CONTAINER} problem and the next record is read.
 * A record whose length runs past the end of the file ends the reading with a problem. Records longer than
 * 64 KiB are fine (large RIB snapshots have them).
 */
final class MrtReader {
    static final int HEADER_LENGTH = 12;

    static final int TABLE_DUMP = 12;
    static final int TABLE_DUMP_V2 = 13;
    static final int BGP4MP = 16;
    static final int BGP4MP_ET = 17;
    static final int BGP = 5;
    static final int BGP4PLUS = 9;
    static final int BGP4PLUS_01 = 10;

    /** Records longer than this are not believed when detecting the format. */
    private static final long PLAUSIBLE_LENGTH = 1L << 26;

    private static final String[] RIB_SUBTYPES = {null, "PEER_INDEX_TABLE", "RIB_IPV4_UNICAST", "RIB_IPV4_MULTICAST",
        "RIB_IPV6_UNICAST", "RIB_IPV6_MULTICAST", "RIB_GENERIC", "GEO_PEER_TABLE", "RIB_IPV4_UNICAST_ADDPATH",
        "RIB_IPV4_MULTICAST_ADDPATH", "RIB_IPV6_UNICAST_ADDPATH", "RIB_IPV6_MULTICAST_ADDPATH", "RIB_GENERIC_ADDPATH"};

    private record Peer(Endpoint endpoint, long as) {}

    private final byte[] data;
    private final Emitter out;
    private List<Peer> peers;
    private final Set<String> reported = new HashSet<>();

    private MrtReader(byte[] data, Emitter out) {
        this.data = data;
        this.out = out;
    }

    /** Whether {@code type}/{@code subtype} is a record this reader knows (used for detection). */
    static boolean knownType(int type, int subtype) {
        return switch (type) {
            case TABLE_DUMP -> subtype == 1 || subtype == 2;
            case TABLE_DUMP_V2 -> subtype >= 1 && subtype <= 12;
            case BGP4MP, BGP4MP_ET -> subtype <= 11;
            case BGP, BGP4PLUS, BGP4PLUS_01 -> subtype <= 7;
            default -> false;
        };
    }

    /**
     * MRT has no magic number: a file is taken for MRT when its first record header names a known type and
     * subtype with a believable length, and the header after it (when {@code head} holds it) does too.
     */
    static boolean plausible(byte[] head) {
        if (head.length < HEADER_LENGTH || !plausibleHeader(head, 0)) {
            return false;
        }
        long next = HEADER_LENGTH + Bytes.u32(head, 8);
        return next + HEADER_LENGTH > head.length || plausibleHeader(head, (int) next);
    }

    private static boolean plausibleHeader(byte[] b, int off) {
        return knownType(Bytes.u16(b, off + 4), Bytes.u16(b, off + 6)) && Bytes.u32(b, off + 8) <= PLAUSIBLE_LENGTH;
    }

    static void read(byte[] data, Emitter out) {
        new MrtReader(data, out).readAll();
    }

    private void readAll() {
        int pos = 0;
        long index = 0;
        while (pos < data.length) {
            index++;
            String source = "mrt record " + index;
            int remaining = data.length - pos;
            if (remaining < HEADER_LENGTH) {
                out.problem(CaptureProblem.Kind.CONTAINER, "MRT header cut short: " + remaining + " octets at offset "
                        + pos, source, data, pos, remaining);
                return;
            }
            long seconds = Bytes.u32(data, pos);
            int type = Bytes.u16(data, pos + 4);
            int subtype = Bytes.u16(data, pos + 6);
            long length = Bytes.u32(data, pos + 8);
            if (length > remaining - HEADER_LENGTH) {
                out.problem(CaptureProblem.Kind.CONTAINER, "MRT record (type " + type + " subtype " + subtype
                        + ") declares " + length + " octets but only " + (remaining - HEADER_LENGTH)
                        + " remain at offset " + pos, source, data, pos, remaining);
                return;
            }
            out.observer().mrtRecord(type, subtype);
            ByteCursor c = new ByteCursor(data, pos + HEADER_LENGTH, (int) length);
            try {
                record(c, type, subtype, seconds, source);
            } catch (ByteCursor.Underflow e) {
                out.problem(CaptureProblem.Kind.CONTAINER, "MRT record (type " + type + " subtype " + subtype
                        + ") is cut short: " + e.getMessage(), source, data, pos, HEADER_LENGTH + (int) length);
            }
            pos += HEADER_LENGTH + (int) length;
        }
    }

    private void record(ByteCursor c, int type, int subtype, long seconds, String source) {
        switch (type) {
            case TABLE_DUMP -> tableDump(c, subtype, source);
            case TABLE_DUMP_V2 -> tableDumpV2(c, subtype, source);
            case BGP4MP -> bgp4mp(c, subtype, seconds * 1_000_000L, source);
            case BGP4MP_ET -> {
                long micros = c.u32("BGP4MP_ET microsecond timestamp");
                bgp4mp(c, subtype, seconds * 1_000_000L + micros, source);
            }
            case BGP, BGP4PLUS, BGP4PLUS_01 -> legacyBgp(c, type == BGP ? 4 : 16, subtype, seconds, source);
            case 0, 1, 2, 3, 4 -> { } // NULL, START, DIE, I_AM_DEAD, PEER_DOWN: no BGP in them
            default -> unsupported(type, -1, source, "MRT type " + type + " carries no BGP (or is unknown)");
        }
    }

    private void unsupported(int type, int subtype, String source, String what) {
        if (reported.add(type + "/" + subtype)) {
            out.problem(CaptureProblem.Kind.CONTAINER, what + "; records of this kind are skipped", source, null, 0, 0);
        }
    }

    private static int addressLength(int afi) {
        return switch (afi) {
            case 1 -> 4;
            case 2 -> 16;
            default -> -1;
        };
    }

    // ---------------------------------------------------------------- BGP4MP

    private void bgp4mp(ByteCursor c, int subtype, long micros, String source) {
        switch (subtype) {
            case 0, 5 -> stateChange(c, subtype == 5, micros, source);
            case 1, 4, 6, 7, 8, 9, 10, 11 -> {
                boolean as4 = subtype == 4 || subtype == 7 || subtype == 9 || subtype == 11;
                boolean local = subtype == 6 || subtype == 7 || subtype == 10 || subtype == 11;
                boolean addPath = subtype >= 8;
                long peerAs = as4 ? c.u32("peer AS") : c.u16("peer AS");
                long localAs = as4 ? c.u32("local AS") : c.u16("local AS");
                if (startsWithMarker(c)) {
                    zebraShortForm(c, source);
                    return;
                }
                c.skip(2, "interface index");
                int n = bgp4mpAddressLength(c, source);
                if (n < 0) {
                    return;
                }
                Endpoint peer = new Endpoint(c.address(n, "peer address"), -1);
                Endpoint me = new Endpoint(c.address(n, "local address"), -1);
                message(c.array(), c.position(), c.remaining(), local ? me : peer, local ? peer : me, micros, as4,
                        addPath, peerAs, localAs, source);
            }
            case 2 -> entry(c, source);
            case 3 -> { } // SNAPSHOT: a view number and the name of another file
            default -> unsupported(BGP4MP, subtype, source, "BGP4MP subtype " + subtype + " is unknown");
        }
    }

    /**
     * Early Zebra collectors (seen in RIPE RIS files of 2000) wrote BGP4MP records for sessions without a known
     * peer address with only the two AS numbers: no interface index, AFI or addresses. Such a record names no
     * peer, so it is reported and skipped rather than misread.
     */
    private void zebraShortForm(ByteCursor c, String source) {
        out.problem(CaptureProblem.Kind.CONTAINER, "BGP4MP record without interface index, address family and "
                + "addresses (early Zebra short form, no peer named); skipped", source, c.array(), c.position(),
                c.remaining());
    }

    private static boolean startsWithMarker(ByteCursor c) {
        int p = c.position();
        return c.remaining() >= Framing.MARKER_LENGTH
                && Framing.findMarker(c.array(), p, p + Framing.MARKER_LENGTH) == p;
    }

    /** Reads a BGP4MP address family: its address length, or -1 after reporting an unknown family. */
    private int bgp4mpAddressLength(ByteCursor c, String source) {
        int afi = c.u16("address family");
        int n = addressLength(afi);
        if (n < 0) {
            out.problem(CaptureProblem.Kind.CONTAINER, "BGP4MP address family " + afi + " is unknown", source,
                    c.array(), c.position() - 2, 2);
        }
        return n;
    }

    private void stateChange(ByteCursor c, boolean as4, long micros, String source) {
        long peerAs = as4 ? c.u32("peer AS") : c.u16("peer AS");
        c.skip(as4 ? 4 : 2, "local AS");
        if (c.remaining() == 4) {
            zebraShortForm(c, source);
            return;
        }
        c.skip(2, "interface index");
        int n = bgp4mpAddressLength(c, source);
        if (n < 0) {
            return;
        }
        Endpoint peer = new Endpoint(c.address(n, "peer address"), -1);
        c.skip(n, "local address");
        int oldState = c.u16("old state");
        int newState = c.u16("new state");
        out.emit(new StateChangeRecord(peer, peerAs, oldState, newState, micros, source));
    }

    /** The deprecated BGP4MP_ENTRY: a RIB entry with its own AFI, SAFI, next hop and prefix. */
    private void entry(ByteCursor c, String source) {
        long peerAs = c.u16("peer AS");
        c.skip(2, "local AS");
        c.skip(2, "interface index");
        int afi = c.u16("address family");
        int n = addressLength(afi);
        if (n < 0) {
            out.problem(CaptureProblem.Kind.CONTAINER, "BGP4MP_ENTRY address family " + afi + " is unknown", source,
                    c.array(), c.position() - 2, 2);
            return;
        }
        Endpoint peer = new Endpoint(c.address(n, "peer address"), -1);
        c.skip(n, "local address");
        c.skip(2, "view");
        c.skip(2, "status");
        long changed = c.u32("time last change");
        int entryAfi = c.u16("entry AFI");
        int safi = c.u8("entry SAFI");
        int nextHopLength = c.u8("next hop length");
        c.skip(nextHopLength, "next hop");
        byte[] prefix = prefix(c, maxPrefixBits(entryAfi), source);
        if (prefix == null) {
            return;
        }
        int attrLength = c.u16("attribute length");
        byte[] attrs = c.bytes(attrLength, "attributes");
        out.emit(new RibEntryRecord("BGP4MP_ENTRY", entryAfi, safi, prefix, -1, peer, peerAs, changed, attrs, false,
                source));
    }

    /**
     * Checks the BGP message MRT holds and emits it. The header must frame exactly the octets the record holds:
     * fewer is a truncated message, more leaves trailing octets that are reported.
     */
    private void message(byte[] buf, int off, int len, Endpoint from, Endpoint to, long micros, Boolean as4,
            boolean addPath, long peerAs, long localAs, String source) {
        int r = Framing.check(buf, off, len, Framing.MAX_EXTENDED_LENGTH);
        if (r == Framing.NEED_MORE) {
            out.problem(CaptureProblem.Kind.TRUNCATED, "MRT holds " + len + " octets, fewer than a BGP header", source,
                    buf, off, len);
            return;
        }
        if (r < 0) {
            CaptureProblem.Kind kind = r == Framing.BAD_MARKER ? CaptureProblem.Kind.BAD_MARKER
                    : r == Framing.BAD_TYPE ? CaptureProblem.Kind.BAD_TYPE : CaptureProblem.Kind.BAD_LENGTH;
            String what = r == Framing.BAD_MARKER ? "BGP marker is not all ones"
                    : r == Framing.BAD_TYPE ? "unknown BGP message type " + (buf[off + 18] & 0xff)
                    : "bad BGP length " + Bytes.u16(buf, off + 16) + " for type " + (buf[off + 18] & 0xff);
            out.problem(kind, what, source, buf, off, Framing.HEADER_LENGTH);
            return;
        }
        if (r > len) {
            out.problem(CaptureProblem.Kind.TRUNCATED, "BGP message of " + r + " octets but MRT holds only " + len,
                    source, buf, off, len);
            return;
        }
        byte[] message = java.util.Arrays.copyOfRange(buf, off, off + r);
        out.emit(new BgpMessageRecord(message, from, to, micros, as4, addPath, peerAs, localAs, source));
        if (r < len) {
            out.problem(CaptureProblem.Kind.CONTAINER, (len - r) + " octets follow the BGP message in the MRT record",
                    source, buf, off + r, len - r);
        }
    }

    // ---------------------------------------------------------------- legacy BGP, BGP4PLUS

    private void legacyBgp(ByteCursor c, int addressLength, int subtype, long seconds, String source) {
        long micros = seconds * 1_000_000L;
        MessageType type = switch (subtype) {
            case 1 -> MessageType.UPDATE;
            case 5 -> MessageType.OPEN;
            case 6 -> MessageType.NOTIFICATION;
            case 7 -> MessageType.KEEPALIVE;
            default -> null;
        };
        if (type != null) {
            long peerAs = c.u16("peer AS");
            Endpoint peer = new Endpoint(c.address(addressLength, "peer address"), -1);
            long localAs = c.u16("local AS");
            Endpoint me = new Endpoint(c.address(addressLength, "local address"), -1);
            int bodyLength = c.remaining();
            int total = Framing.HEADER_LENGTH + bodyLength;
            if (total > Framing.MAX_EXTENDED_LENGTH) {
                out.problem(CaptureProblem.Kind.BAD_LENGTH, "legacy MRT message body of " + bodyLength
                        + " octets does not fit a BGP message", source, c.array(), c.position(), bodyLength);
                return;
            }
            byte[] message = new byte[total];
            java.util.Arrays.fill(message, 0, Framing.MARKER_LENGTH, (byte) 0xff);
            message[16] = (byte) (total >>> 8);
            message[17] = (byte) total;
            message[18] = (byte) type.code();
            System.arraycopy(c.array(), c.position(), message, Framing.HEADER_LENGTH, bodyLength);
            message(message, 0, total, peer, me, micros, false, false, peerAs, localAs, source);
            return;
        }
        switch (subtype) {
            case 3 -> {
                long peerAs = c.u16("peer AS");
                Endpoint peer = new Endpoint(c.address(addressLength, "peer address"), -1);
                int oldState = c.u16("old state");
                int newState = c.u16("new state");
                out.emit(new StateChangeRecord(peer, peerAs, oldState, newState, micros, source));
            }
            case 0, 4 -> { } // NULL, SYNC (a view number and a file name)
            default -> unsupported(BGP, subtype, source, "legacy MRT BGP subtype " + subtype + " is not supported");
        }
    }

    // ---------------------------------------------------------------- TABLE_DUMP

    private void tableDump(ByteCursor c, int subtype, String source) {
        int n = addressLength(subtype);
        if (n < 0) {
            unsupported(TABLE_DUMP, subtype, source, "TABLE_DUMP subtype (AFI) " + subtype + " is unknown");
            return;
        }
        c.skip(2, "view number");
        c.skip(2, "sequence number");
        byte[] address = c.bytes(n, "prefix");
        int bits = c.u8("prefix length");
        c.skip(1, "status");
        long originated = c.u32("originated time");
        Endpoint peer = new Endpoint(c.address(n, "peer address"), -1);
        long peerAs = c.u16("peer AS");
        int attrLength = c.u16("attribute length");
        byte[] attrs = c.bytes(attrLength, "attributes");
        if (bits > n * 8) {
            out.problem(CaptureProblem.Kind.CONTAINER, "TABLE_DUMP prefix length " + bits + " exceeds the address",
                    source, address, 0, n);
            return;
        }
        out.emit(new RibEntryRecord(subtype == 1 ? "TABLE_DUMP_AFI_IPV4" : "TABLE_DUMP_AFI_IPV6", subtype, 1,
                canonical(address, 0, bits), -1, peer, peerAs, originated, attrs, false, source));
    }

    // ---------------------------------------------------------------- TABLE_DUMP_V2

    private void tableDumpV2(ByteCursor c, int subtype, String source) {
        switch (subtype) {
            case 1 -> peerIndexTable(c);
            case 2, 3, 4, 5, 8, 9, 10, 11 -> {
                int base = subtype >= 8 ? subtype - 6 : subtype;
                int afi = base <= 3 ? 1 : 2;
                int safi = base == 2 || base == 4 ? 1 : 2;
                c.skip(4, "sequence number");
                byte[] prefix = prefix(c, afi == 1 ? 32 : 128, source);
                if (prefix != null) {
                    ribEntries(c, RIB_SUBTYPES[subtype], afi, safi, prefix, subtype >= 8, source);
                }
            }
            case 6, 12 -> {
                c.skip(4, "sequence number");
                int afi = c.u16("AFI");
                int safi = c.u8("SAFI");
                if (!bitLengthNlri(safi)) {
                    unsupported(TABLE_DUMP_V2, subtype * 1000 + safi, source, RIB_SUBTYPES[subtype] + " with AFI "
                            + afi + " SAFI " + safi + ": the NLRI length cannot be known");
                    return;
                }
                byte[] prefix = prefix(c, 255, source);
                if (prefix != null) {
                    ribEntries(c, RIB_SUBTYPES[subtype], afi, safi, prefix, subtype == 12, source);
                }
            }
            case 7 -> { } // GEO_PEER_TABLE (RFC 6397): locations, no routes
            default -> unsupported(TABLE_DUMP_V2, subtype, source, "TABLE_DUMP_V2 subtype " + subtype + " is unknown");
        }
    }

    /** SAFIs whose NLRI is a length in bits and that many bits (labels and route distinguishers included). */
    private static boolean bitLengthNlri(int safi) {
        return switch (safi) {
            case 1, 2, 4, 128, 129, 132 -> true;
            default -> false;
        };
    }

    private void peerIndexTable(ByteCursor c) {
        List<Peer> table = new ArrayList<>();
        peers = table; // entries read before a cut are kept
        c.skip(4, "collector BGP identifier");
        int nameLength = c.u16("view name length");
        c.skip(nameLength, "view name");
        int count = c.u16("peer count");
        for (int i = 0; i < count; i++) {
            int peerType = c.u8("peer type");
            c.skip(4, "peer BGP identifier");
            String address = c.address((peerType & 0x01) != 0 ? 16 : 4, "peer address");
            long as = (peerType & 0x02) != 0 ? c.u32("peer AS") : c.u16("peer AS");
            table.add(new Peer(new Endpoint(address, -1), as));
        }
    }

    private void ribEntries(ByteCursor c, String subtype, int afi, int safi, byte[] prefix, boolean addPath,
            String source) {
        int count = c.u16("entry count");
        boolean badPeerReported = false;
        for (int i = 0; i < count; i++) {
            int peerIndex = c.u16("peer index");
            long originated = c.u32("originated time");
            long pathId = addPath ? c.u32("path identifier") : -1;
            int attrLength = c.u16("attribute length");
            byte[] attrs = c.bytes(attrLength, "attributes");
            if (peers == null || peerIndex >= peers.size()) {
                if (!badPeerReported) {
                    badPeerReported = true;
                    out.problem(CaptureProblem.Kind.CONTAINER, "RIB entry names peer " + peerIndex + " but the peer "
                            + "index table " + (peers == null ? "is missing" : "has " + peers.size() + " peers")
                            + "; such entries are skipped", source, null, 0, 0);
                }
                continue;
            }
            Peer peer = peers.get(peerIndex);
            out.emit(new RibEntryRecord(subtype, afi, safi, prefix, pathId, peer.endpoint(), peer.as(), originated,
                    attrs, true, source));
        }
    }

    private static int maxPrefixBits(int afi) {
        return afi == 1 ? 32 : afi == 2 ? 128 : 255;
    }

    /** Reads a length octet and its prefix octets; null (after a problem) when the length is impossible. */
    private byte[] prefix(ByteCursor c, int maxBits, String source) {
        int bits = c.u8("prefix length");
        if (bits > maxBits) {
            out.problem(CaptureProblem.Kind.CONTAINER, "prefix length " + bits + " exceeds " + maxBits, source,
                    c.array(), c.position() - 1, 1);
            return null;
        }
        int n = (bits + 7) / 8;
        c.skip(n, "prefix");
        return canonical(c.array(), c.position() - n, bits);
    }

    /** The NLRI form: the length octet, ceil(bits/8) octets from {@code buf[off]}, bits past the length cleared. */
    static byte[] canonical(byte[] buf, int off, int bits) {
        int n = (bits + 7) / 8;
        byte[] p = new byte[1 + n];
        p[0] = (byte) bits;
        System.arraycopy(buf, off, p, 1, n);
        if (bits % 8 != 0) {
            p[n] &= (byte) (0xff << (8 - bits % 8));
        }
        return p;
    }
}
