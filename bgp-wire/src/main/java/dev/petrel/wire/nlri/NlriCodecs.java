package dev.petrel.wire.nlri;

import dev.petrel.wire.Family;
import java.util.Map;
import java.util.Set;

/** The families Petrel can decode, each with its codec: the one table to extend when a family is added. */
public final class NlriCodecs {
    private static final Map<Family, NlriCodec> CODECS = Map.of(
            Family.IPV4_UNICAST, Ipv4UnicastCodec.INSTANCE,
            Family.IPV6_UNICAST, Ipv6UnicastCodec.INSTANCE);

    private NlriCodecs() {}

    /** The codec for {@code family}, or null when Petrel does not decode it. */
    public static NlriCodec forFamily(Family family) {
        return CODECS.get(family);
    }

    public static Set<Family> supported() {
        return CODECS.keySet();
    }
}
