package dev.petrel.wire;

/**
 * ROUTE-REFRESH (RFC 2918), with the Enhanced Route Refresh subtypes of RFC 7313: 0 a normal request, 1 the
 * Beginning of Route Refresh (BoRR), 2 the End of Route Refresh (EoRR). Subtypes 3-254 are kept so the session
 * can ignore them as RFC 7313 §4 asks; {@code orf} holds RFC 5291 ORF entries when a request carries them.
 */
public record RouteRefresh(Family family, int subtype, Bytes orf) implements BgpMessage {
    public static final int NORMAL = 0;
    public static final int BORR = 1;
    public static final int EORR = 2;

    public RouteRefresh {
        if (subtype < 0 || subtype > 255) {
            throw new IllegalArgumentException("subtype must be 0..255, got " + subtype);
        }
        if (orf == null) {
            orf = Bytes.EMPTY;
        }
    }

    public RouteRefresh(Family family, int subtype) {
        this(family, subtype, Bytes.EMPTY);
    }

    @Override
    public MessageType type() {
        return MessageType.ROUTE_REFRESH;
    }

    public String subtypeName() {
        return switch (subtype) {
            case NORMAL -> "request";
            case BORR -> "BoRR";
            case EORR -> "EoRR";
            default -> "reserved-" + subtype;
        };
    }
}
