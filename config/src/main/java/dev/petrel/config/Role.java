package dev.petrel.config;

/**
 * Our BGP role towards a peer (RFC 9234 §4.1), as configured; the session checks the peer's role against it and
 * refuses a pair outside RFC 9234 §4.2's table with Role Mismatch (2/11).
 */
public enum Role {
    PROVIDER("provider"),
    ROUTE_SERVER("rs"),
    ROUTE_SERVER_CLIENT("rs-client"),
    CUSTOMER("customer"),
    PEER("peer");

    private final String configName;

    Role(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The role named {@code s} in a configuration, or null. */
    public static Role fromConfigName(String s) {
        for (Role r : values()) {
            if (r.configName.equals(s)) {
                return r;
            }
        }
        return null;
    }
}
