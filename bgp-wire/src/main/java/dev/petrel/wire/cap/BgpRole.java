package dev.petrel.wire.cap;

/** BGP roles (RFC 9234 §4.1), with the pairs that may peer (§4.2). */
public enum BgpRole {
    PROVIDER(0),
    ROUTE_SERVER(1),
    ROUTE_SERVER_CLIENT(2),
    CUSTOMER(3),
    PEER(4);

    private final int value;

    BgpRole(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The role with this value, or null for the unassigned values 5-255. */
    public static BgpRole fromValue(int v) {
        return v >= 0 && v <= 4 ? values()[v] : null;
    }

    /** The role a correct peer of ours has (RFC 9234 §4.2 table). */
    public BgpRole expectedPeerRole() {
        return switch (this) {
            case PROVIDER -> CUSTOMER;
            case CUSTOMER -> PROVIDER;
            case ROUTE_SERVER -> ROUTE_SERVER_CLIENT;
            case ROUTE_SERVER_CLIENT -> ROUTE_SERVER;
            case PEER -> PEER;
        };
    }
}
