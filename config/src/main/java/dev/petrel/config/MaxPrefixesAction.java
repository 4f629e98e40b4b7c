package dev.petrel.config;

/** What happens when a peer sends more prefixes than its {@code max-prefixes}. */
public enum MaxPrefixesAction {
    /**
     * Close the session with NOTIFICATION Cease/1, Maximum Number of Prefixes Reached (RFC 4486 §4), whose data
     * is the AFI, SAFI and the limit; it comes back after the idle hold time, like any other reset.
     */
    RESET("reset"),
    /** Keep the session and ignore the prefixes beyond the limit until others are withdrawn. */
    REJECT("reject"),
    /** Log it and accept the routes. */
    WARN("warn");

    private final String configName;

    MaxPrefixesAction(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    static MaxPrefixesAction fromConfigName(String name) {
        for (MaxPrefixesAction a : values()) {
            if (a.configName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
