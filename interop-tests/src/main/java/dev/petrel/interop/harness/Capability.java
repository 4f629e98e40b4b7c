package dev.petrel.interop.harness;

import java.util.Locale;
import java.util.Optional;

/** BGP capabilities under one name for BIRD's and FRR's different spellings. */
public enum Capability {
    MULTIPROTOCOL,
    ROUTE_REFRESH,
    ENHANCED_ROUTE_REFRESH,
    GRACEFUL_RESTART,
    LONG_LIVED_GRACEFUL_RESTART,
    FOUR_OCTET_AS,
    EXTENDED_MESSAGE,
    ADD_PATH,
    EXTENDED_NEXT_HOP,
    HOSTNAME,
    ROLE;

    /** BIRD's {@code show protocols all} line ("4-octet AS numbers", "Hostname: x", "ADD-PATH"...). */
    public static Optional<Capability> fromBird(String line) {
        String l = line.strip().toLowerCase(Locale.ROOT);
        if (l.startsWith("multiprotocol")) {
            return Optional.of(MULTIPROTOCOL);
        } else if (l.startsWith("route refresh")) {
            return Optional.of(ROUTE_REFRESH);
        } else if (l.startsWith("enhanced refresh")) {
            return Optional.of(ENHANCED_ROUTE_REFRESH);
        } else if (l.startsWith("graceful restart")) {
            return Optional.of(GRACEFUL_RESTART);
        } else if (l.startsWith("long-lived graceful restart")) {
            return Optional.of(LONG_LIVED_GRACEFUL_RESTART);
        } else if (l.startsWith("4-octet as")) {
            return Optional.of(FOUR_OCTET_AS);
        } else if (l.startsWith("extended message")) {
            return Optional.of(EXTENDED_MESSAGE);
        } else if (l.startsWith("add-path")) {
            return Optional.of(ADD_PATH);
        } else if (l.startsWith("extended next hop")) {
            return Optional.of(EXTENDED_NEXT_HOP);
        } else if (l.startsWith("hostname")) {
            return Optional.of(HOSTNAME);
        } else if (l.startsWith("role")) {
            return Optional.of(ROLE);
        }
        return Optional.empty();
    }

    /** A key of FRR's {@code neighborCapabilities} JSON object ("4byteAs", "routeRefresh", "hostName"...). */
    public static Optional<Capability> fromFrr(String key) {
        return switch (key) {
            case "multiprotocolExtensions" -> Optional.of(MULTIPROTOCOL);
            case "routeRefresh" -> Optional.of(ROUTE_REFRESH);
            case "enhancedRouteRefresh" -> Optional.of(ENHANCED_ROUTE_REFRESH);
            case "gracefulRestart", "gracefulRestartCapability" -> Optional.of(GRACEFUL_RESTART);
            case "longLivedGracefulRestart" -> Optional.of(LONG_LIVED_GRACEFUL_RESTART);
            case "4byteAs" -> Optional.of(FOUR_OCTET_AS);
            case "extendedMessage" -> Optional.of(EXTENDED_MESSAGE);
            case "addPath" -> Optional.of(ADD_PATH);
            case "extendedNexthop" -> Optional.of(EXTENDED_NEXT_HOP);
            case "hostName" -> Optional.of(HOSTNAME);
            case "role" -> Optional.of(ROLE);
            default -> Optional.empty();
        };
    }
}
