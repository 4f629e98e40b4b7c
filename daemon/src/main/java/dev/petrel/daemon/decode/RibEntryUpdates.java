package dev.petrel.daemon.decode;

import dev.petrel.wire.Family;
import dev.petrel.wire.attr.AttributeCodes;
import java.io.ByteArrayOutputStream;

/**
 * Turns an MRT RIB entry (a prefix and its attributes) into the UPDATE a peer would have sent, so that one decoder
 * with one set of RFC 7606 rules reads both. RFC 6396 §4.3.4: in TABLE_DUMP_V2 the MP_REACH_NLRI attribute holds
 * only the next-hop length and next hop; it is expanded here with the AFI/SAFI and the entry's prefix.
 */
final class RibEntryUpdates {
    private RibEntryUpdates() {}

    /**
     * @param prefix the NLRI encoding of the prefix (length octet and address octets)
     * @param pathId the ADD-PATH identifier, or -1
     */
    static boolean lacksNextHop(int afi, int safi, byte[] attributes) {
        if (afi == Family.AFI_IPV4 && safi == Family.SAFI_UNICAST) {
            return false;
        }
        for (int p = 0; p + 3 <= attributes.length; ) {
            int flags = attributes[p] & 0xff;
            boolean ext = (flags & AttributeCodes.EXTENDED_LENGTH) != 0;
            if (ext && p + 4 > attributes.length) {
                return false;
            }
            int len = ext ? ((attributes[p + 2] & 0xff) << 8) | (attributes[p + 3] & 0xff) : attributes[p + 2] & 0xff;
            if ((attributes[p + 1] & 0xff) == AttributeCodes.MP_REACH_NLRI) {
                return false;
            }
            p += (ext ? 4 : 3) + len;
        }
        return true;
    }

    static byte[] toUpdate(int afi, int safi, byte[] prefix, long pathId, byte[] attributes) {
        byte[] nlri = pathId >= 0 ? withPathId(prefix, pathId) : prefix;
        boolean v4unicast = afi == Family.AFI_IPV4 && safi == Family.SAFI_UNICAST;
        ByteArrayOutputStream attrs = new ByteArrayOutputStream(attributes.length + nlri.length + 8);
        boolean sawMpReach = false;
        int p = 0;
        while (p < attributes.length) {
            if (attributes.length - p < 3) {
                attrs.write(attributes, p, attributes.length - p); // leave the defect for the decoder to report
                break;
            }
            int flags = attributes[p] & 0xff;
            int type = attributes[p + 1] & 0xff;
            boolean ext = (flags & AttributeCodes.EXTENDED_LENGTH) != 0;
            int hdr = ext ? 4 : 3;
            if (ext && attributes.length - p < 4) {
                attrs.write(attributes, p, attributes.length - p);
                break;
            }
            int len = ext ? ((attributes[p + 2] & 0xff) << 8) | (attributes[p + 3] & 0xff) : attributes[p + 2] & 0xff;
            if (p + hdr + len > attributes.length) {
                attrs.write(attributes, p, attributes.length - p);
                break;
            }
            int v = p + hdr;
            if (type == AttributeCodes.MP_REACH_NLRI && len > 0 && (attributes[v] & 0xff) + 1 == len) {
                // The abbreviated form: [next-hop length][next hop]. Rebuild AFI, SAFI, next hop, reserved, NLRI.
                int nhLen = attributes[v] & 0xff;
                int full = 2 + 1 + 1 + nhLen + 1 + (v4unicast ? 0 : nlri.length);
                attrs.write(AttributeCodes.OPTIONAL | AttributeCodes.EXTENDED_LENGTH);
                attrs.write(type);
                attrs.write(full >>> 8);
                attrs.write(full);
                attrs.write(afi >>> 8);
                attrs.write(afi);
                attrs.write(safi);
                attrs.write(attributes, v, 1 + nhLen);
                attrs.write(0);
                if (!v4unicast) {
                    attrs.write(nlri, 0, nlri.length);
                }
                sawMpReach = true;
            } else {
                attrs.write(attributes, p, hdr + len);
                sawMpReach |= type == AttributeCodes.MP_REACH_NLRI;
            }
            p = v + len;
        }
        if (!v4unicast && !sawMpReach) {
            // Some dumpers (BIRD's mrtdump) leave the next hop out of IPv6 entries. The prefix still belongs in
            // MP_REACH_NLRI; the unspecified address stands in for the next hop, and the caller says so.
            int nhLen = afi == Family.AFI_IPV6 ? 16 : 4;
            int full = 2 + 1 + 1 + nhLen + 1 + nlri.length;
            attrs.write(AttributeCodes.OPTIONAL | AttributeCodes.EXTENDED_LENGTH);
            attrs.write(AttributeCodes.MP_REACH_NLRI);
            attrs.write(full >>> 8);
            attrs.write(full);
            attrs.write(afi >>> 8);
            attrs.write(afi);
            attrs.write(safi);
            attrs.write(nhLen);
            attrs.write(new byte[nhLen], 0, nhLen);
            attrs.write(0);
            attrs.write(nlri, 0, nlri.length);
            sawMpReach = true;
        }
        byte[] a = attrs.toByteArray();
        boolean nlriField = v4unicast;
        int total = 19 + 2 + 2 + a.length + (nlriField ? nlri.length : 0);
        byte[] out = new byte[total];
        java.util.Arrays.fill(out, 0, 16, (byte) 0xff);
        out[16] = (byte) (total >>> 8);
        out[17] = (byte) total;
        out[18] = 2;
        out[21] = (byte) (a.length >>> 8);
        out[22] = (byte) a.length;
        System.arraycopy(a, 0, out, 23, a.length);
        if (nlriField) {
            System.arraycopy(nlri, 0, out, 23 + a.length, nlri.length);
        }
        return out;
    }

    private static byte[] withPathId(byte[] prefix, long pathId) {
        byte[] out = new byte[4 + prefix.length];
        out[0] = (byte) (pathId >>> 24);
        out[1] = (byte) (pathId >>> 16);
        out[2] = (byte) (pathId >>> 8);
        out[3] = (byte) pathId;
        System.arraycopy(prefix, 0, out, 4, prefix.length);
        return out;
    }
}
