package dev.petrel.wire.capture;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One TABLE_DUMP, TABLE_DUMP_V2 or BGP4MP_ENTRY RIB entry: a prefix with its path attributes as MRT stores them.
 *
 * <p>The attributes are passed through untouched; in particular the RFC 6396 §4.3.4 shortened MP_REACH_NLRI of
 * TABLE_DUMP_V2 is left for the attribute decoder.
 *
 * @param subtype the MRT subtype name, e.g. {@code "RIB_IPV4_UNICAST"}, {@code "RIB_GENERIC_ADDPATH"},
 *     {@code "TABLE_DUMP_AFI_IPV6"}, {@code "BGP4MP_ENTRY"}
 * @param afi the address family
 * @param safi the subsequent address family
 * @param prefix the prefix in canonical NLRI form: one length octet (in bits) then ceil(length/8) octets, bits
 *     past the length cleared (for RIB_GENERIC the NLRI as stored, which may include labels or a route
 *     distinguisher)
 * @param pathId the RFC 8050 path identifier, or -1 when the subtype has none
 * @param peer the peer that sent the route (port -1)
 * @param peerAs the peer AS
 * @param originatedTime when the route was received, seconds since the Unix epoch
 * @param attributes the raw path attribute octets
 * @param fourOctetAs whether AS numbers in the attributes are four octets wide (TABLE_DUMP and BGP4MP_ENTRY:
 *     false, TABLE_DUMP_V2: true)
 * @param source where in the capture, e.g. {@code "mrt record 40"}
 */
public record RibEntryRecord(String subtype, int afi, int safi, byte[] prefix, long pathId, Endpoint peer, long peerAs,
        long originatedTime, byte[] attributes, boolean fourOctetAs, String source) implements CaptureRecord {

    public RibEntryRecord {
        Objects.requireNonNull(subtype, "subtype");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(source, "source");
        if (prefix.length < 1) {
            throw new IllegalArgumentException("prefix needs its length octet");
        }
        prefix = prefix.clone();
        attributes = attributes.clone();
    }

    /** A copy of the prefix in NLRI form. */
    @Override
    public byte[] prefix() {
        return prefix.clone();
    }

    /** A copy of the attribute octets. */
    @Override
    public byte[] attributes() {
        return attributes.clone();
    }

    /** The prefix length in bits (the first octet of {@link #prefix()}). */
    public int prefixLength() {
        return prefix[0] & 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RibEntryRecord r && subtype.equals(r.subtype) && afi == r.afi && safi == r.safi
                && Arrays.equals(prefix, r.prefix) && pathId == r.pathId && peer.equals(r.peer)
                && peerAs == r.peerAs && originatedTime == r.originatedTime
                && Arrays.equals(attributes, r.attributes) && fourOctetAs == r.fourOctetAs
                && source.equals(r.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subtype, afi, safi, Arrays.hashCode(prefix), pathId, peer, peerAs, originatedTime,
                Arrays.hashCode(attributes), fourOctetAs, source);
    }

    @Override
    public String toString() {
        return "RibEntryRecord[" + subtype + " afi=" + afi + " safi=" + safi + " prefix="
                + HexFormat.of().formatHex(prefix) + (pathId >= 0 ? " pathId=" + pathId : "") + " peer=" + peer
                + " peerAs=" + peerAs + " originated=" + originatedTime + " attributes=" + attributes.length
                + " octets, as4=" + fourOctetAs + ", " + source + "]";
    }
}
