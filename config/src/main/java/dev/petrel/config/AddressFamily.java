package dev.petrel.config;

/**
 * An address family a peer may negotiate (RFC 4760 AFI/SAFI), by its configuration name. The speaker maps it to
 * the wire module's family; this module stays free of the wire codec.
 */
public enum AddressFamily {
    IPV4_UNICAST("ipv4-unicast"),
    IPV6_UNICAST("ipv6-unicast");

    private final String configName;

    AddressFamily(String configName) {
        this.configName = configName;
    }

    /** The name written in the configuration file. */
    public String configName() {
        return configName;
    }

    /** The family with this configuration name, or null. */
    public static AddressFamily fromConfigName(String name) {
        for (AddressFamily f : values()) {
            if (f.configName.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
