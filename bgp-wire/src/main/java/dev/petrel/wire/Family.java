package dev.petrel.wire;

/**
 * An address family: AFI (RFC 4760, IANA "Address Family Numbers") and SAFI.
 *
 * <p>Petrel decodes the unicast families itself (see {@link dev.petrel.wire.nlri.NlriCodecs}); other families
 * can appear in capabilities and in MP_REACH/MP_UNREACH and are then carried as numbers.
 */
public record Family(int afi, int safi) implements Comparable<Family> {
    public static final int AFI_IPV4 = 1;
    public static final int AFI_IPV6 = 2;
    public static final int SAFI_UNICAST = 1;
    public static final int SAFI_MULTICAST = 2;

    public static final Family IPV4_UNICAST = new Family(AFI_IPV4, SAFI_UNICAST);
    public static final Family IPV6_UNICAST = new Family(AFI_IPV6, SAFI_UNICAST);

    public Family {
        if (afi < 0 || afi > 0xffff || safi < 0 || safi > 0xff) {
            throw new IllegalArgumentException("AFI must be 0..65535 and SAFI 0..255, got " + afi + "/" + safi);
        }
    }

    public static Family of(int afi, int safi) {
        if (afi == AFI_IPV4 && safi == SAFI_UNICAST) {
            return IPV4_UNICAST;
        }
        if (afi == AFI_IPV6 && safi == SAFI_UNICAST) {
            return IPV6_UNICAST;
        }
        return new Family(afi, safi);
    }

    /** "ipv4-unicast", "ipv6-unicast", or "afi-25-safi-70" for families without a name here. */
    public String name() {
        String a = switch (afi) {
            case AFI_IPV4 -> "ipv4";
            case AFI_IPV6 -> "ipv6";
            default -> null;
        };
        String s = switch (safi) {
            case SAFI_UNICAST -> "unicast";
            case SAFI_MULTICAST -> "multicast";
            case 4 -> "labeled-unicast";
            case 128 -> "vpn";
            case 133 -> "flowspec";
            default -> null;
        };
        return a != null && s != null ? a + "-" + s : "afi-" + afi + "-safi-" + safi;
    }

    @Override
    public int compareTo(Family o) {
        return afi != o.afi ? Integer.compare(afi, o.afi) : Integer.compare(safi, o.safi);
    }

    @Override
    public String toString() {
        return name();
    }
}
