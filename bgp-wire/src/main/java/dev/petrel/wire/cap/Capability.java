package dev.petrel.wire.cap;

import dev.petrel.wire.Bytes;
import dev.petrel.wire.Family;
import java.util.List;

/**
 * A capability advertised in OPEN (RFC 5492). Each known capability is a record; any other is kept as
 * {@link Unknown} so the session can log it and a tool can print it (RFC 5492 §3: unknown ones are ignored).
 */
public sealed interface Capability {
    int code();

    int MULTIPROTOCOL = 1;
    int ROUTE_REFRESH = 2;
    int EXTENDED_NEXT_HOP = 5;
    int EXTENDED_MESSAGE = 6;
    int ROLE = 9;
    int GRACEFUL_RESTART = 64;
    int FOUR_OCTET_AS = 65;
    int ADD_PATH = 69;
    int ENHANCED_ROUTE_REFRESH = 70;
    int LONG_LIVED_GRACEFUL_RESTART = 71;
    int FQDN = 73;
    int SOFTWARE_VERSION = 75;

    /** RFC 4760. */
    record Multiprotocol(Family family) implements Capability {
        public int code() {
            return MULTIPROTOCOL;
        }
    }

    /** RFC 2918. */
    record RouteRefresh() implements Capability {
        public int code() {
            return ROUTE_REFRESH;
        }
    }

    /** RFC 7313. */
    record EnhancedRouteRefresh() implements Capability {
        public int code() {
            return ENHANCED_ROUTE_REFRESH;
        }
    }

    /** RFC 8654. */
    record ExtendedMessage() implements Capability {
        public int code() {
            return EXTENDED_MESSAGE;
        }
    }

    /** RFC 6793: the sender's real AS number. */
    record FourOctetAs(long as) implements Capability {
        public FourOctetAs {
            if (as < 0 || as > 0xffffffffL) {
                throw new IllegalArgumentException("AS must be 0..4294967295, got " + as);
            }
        }

        public int code() {
            return FOUR_OCTET_AS;
        }
    }

    /**
     * RFC 4724 with RFC 8538: R (restarting), N (notification support), restart time in seconds (12 bits), and
     * per family the F bit (forwarding state preserved).
     */
    record GracefulRestart(boolean restarting, boolean notification, int restartTime, List<GrFamily> families)
            implements Capability {
        public GracefulRestart {
            if (restartTime < 0 || restartTime > 4095) {
                throw new IllegalArgumentException("restart time must be 0..4095 s, got " + restartTime);
            }
            families = List.copyOf(families);
        }

        public int code() {
            return GRACEFUL_RESTART;
        }
    }

    record GrFamily(Family family, boolean forwardingPreserved) {}

    /** RFC 9494: per family, the F bit and the long-lived stale time (24 bits, seconds). */
    record LongLivedGracefulRestart(List<LlgrFamily> families) implements Capability {
        public LongLivedGracefulRestart {
            families = List.copyOf(families);
        }

        public int code() {
            return LONG_LIVED_GRACEFUL_RESTART;
        }
    }

    record LlgrFamily(Family family, boolean forwardingPreserved, int staleTime) {
        public LlgrFamily {
            if (staleTime < 0 || staleTime > 0xffffff) {
                throw new IllegalArgumentException("stale time must be 0..16777215 s, got " + staleTime);
            }
        }
    }

    /** RFC 7911: per family, whether the sender can receive, send, or both. */
    record AddPath(List<AddPathFamily> families) implements Capability {
        public AddPath {
            families = List.copyOf(families);
        }

        public int code() {
            return ADD_PATH;
        }
    }

    record AddPathFamily(Family family, boolean receive, boolean send) {}

    /** RFC 8950: NLRI of one family may carry a next hop of another AFI. */
    record ExtendedNextHop(List<ExtendedNextHopEntry> entries) implements Capability {
        public ExtendedNextHop {
            entries = List.copyOf(entries);
        }

        public int code() {
            return EXTENDED_NEXT_HOP;
        }
    }

    /** {@code nlriSafi} is 16 bits wide in this capability. */
    record ExtendedNextHopEntry(int nlriAfi, int nlriSafi, int nextHopAfi) {}

    /** RFC 9234. */
    record Role(BgpRole role) implements Capability {
        public int code() {
            return ROLE;
        }
    }

    /** draft-walton-bgp-hostname-capability: host and domain name. */
    record Fqdn(String hostname, String domain) implements Capability {
        public int code() {
            return FQDN;
        }
    }

    /** draft-abraitis-bgp-version-capability. */
    record SoftwareVersion(String version) implements Capability {
        public int code() {
            return SOFTWARE_VERSION;
        }
    }

    /** Any capability Petrel does not interpret, kept byte-exact. */
    record Unknown(int code, Bytes value) implements Capability {}
}
