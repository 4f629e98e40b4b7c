package dev.petrel.wire.nlri;

import dev.petrel.wire.Family;
import io.netty.buffer.ByteBuf;

/**
 * The NLRI encoding of one address family: a family is added by writing one of these and registering it in
 * {@link NlriCodecs}, without touching the others (the shape of BIRD's {@code bgp_af_table[]}).
 */
public interface NlriCodec {
    Family family();

    /**
     * Decodes the NLRI in {@code buf[from, to)}.
     *
     * @param addPath each prefix is preceded by a 4-octet path identifier (RFC 7911)
     * @param why receives a sentence when the field is malformed
     * @return the prefixes, or null when the field is malformed (a prefix length too long for the family, or a
     *     prefix running past {@code to}); nothing is read outside [from, to)
     */
    PrefixList decode(byte[] buf, int from, int to, boolean addPath, StringBuilder why);

    /** Octets entry {@code i} of {@code list} takes on the wire. */
    int encodedLength(PrefixList list, int i, boolean addPath);

    void encode(PrefixList list, int i, boolean addPath, ByteBuf out);

    /** The next-hop lengths RFC 4760 and the family's RFC allow in MP_REACH_NLRI. */
    boolean isValidNextHopLength(int length, boolean extendedNextHop);
}
