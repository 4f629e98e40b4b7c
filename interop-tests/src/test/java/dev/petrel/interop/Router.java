package dev.petrel.interop;

import dev.petrel.interop.harness.Announcement;
import dev.petrel.interop.harness.BgpPath;
import dev.petrel.interop.harness.BgpState;
import dev.petrel.interop.harness.PeerSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A BIRD or FRR router with any number of neighbors, seen through its own control channel: the daemon side of
 * {@link RouteScenarios}. Implementations: {@link BirdRouter}, {@link FrrRouter}.
 */
interface Router {

    /** "BIRD" or "FRR". */
    String kind();

    /** Its name in messages (the namespace's role). */
    String name();

    /** Every path it has for {@code prefix} (exact match), best marked. */
    List<BgpPath> paths(String prefix);

    /** Its paths for {@code prefix} learned from {@code neighborAddress}. */
    default List<BgpPath> pathsFrom(String prefix, String neighborAddress) {
        String key = fromKey(neighborAddress);
        return paths(prefix).stream().filter(p -> key.equals(p.from())).toList();
    }

    /** Its best path for {@code prefix}, or null. */
    default BgpPath best(String prefix) {
        return paths(prefix).stream().filter(BgpPath::best).findFirst().orElse(null);
    }

    /** What {@link BgpPath#from} says for paths from {@code neighborAddress} (BIRD: the protocol name). */
    String fromKey(String neighborAddress);

    /** The raw routing table text for {@code prefix}, for messages. */
    String showRoute(String prefix);

    /**
     * The RFC 4456 attributes of its path for {@code prefix} from {@code neighborAddress} (IPv4 only), or null when
     * it has no such path: BIRD {@code BGP.originator_id} and {@code BGP.cluster_list}, FRR {@code originatorId}
     * and {@code clusterList}.
     */
    default Reflection reflection(String prefix, String neighborAddress) {
        List<Reflection> all = reflections(prefix, neighborAddress);
        return all.isEmpty() ? null : all.get(0);
    }

    /**
     * {@link #reflection} of every path for {@code prefix} from {@code neighborAddress} (several with ADD-PATH), in
     * the order of {@link #pathsFrom}; empty when there is none.
     */
    List<Reflection> reflections(String prefix, String neighborAddress);

    /** ORIGINATOR_ID (null when absent) and CLUSTER_LIST (dotted quads, first the most recent reflector). */
    record Reflection(String originatorId, List<String> clusterList) {
        public Reflection {
            clusterList = List.copyOf(clusterList);
        }
    }

    /** Its view of the session with {@code neighborAddress}. */
    PeerSnapshot neighbor(String neighborAddress);

    /** Waits until the session with {@code neighborAddress} is in {@code state}. */
    PeerSnapshot awaitState(String neighborAddress, BgpState state, Duration timeout);

    /** How many times the session with {@code neighborAddress} reached Established, by the daemon's own count. */
    int sessionsEstablished(String neighborAddress);

    /** Starts (or changes) originating {@code a}, in the running daemon, without touching any session. */
    void announce(Announcement a);

    /** Stops originating {@code prefix}. */
    void withdraw(String prefix);

    /**
     * Makes the daemon send its Adj-RIB-Out again from its table (a soft reset out, RFC 2918 style, on the sending
     * side), so an entry it kept after the route left its table is withdrawn. A workaround for a daemon's lost
     * withdrawal, never for Petrel's behaviour; does nothing where it is not needed.
     */
    default void resendAll() {}

    /** The last lines of the BGP daemon's log. */
    String logTail(int lines);

    /**
     * One neighbor. The address family of {@code address} is the session's only one, unless {@code bothFamilies}.
     *
     * @param name a short name, [a-z][a-z0-9_]* (BIRD's protocol name)
     * @param address the neighbor's address
     * @param as the neighbor's AS
     * @param importAll accept what it sends (else nothing)
     * @param exportAnnounced send it this router's own announcements (else nothing)
     * @param bothFamilies the session carries IPv4 and IPv6 unicast, whatever its transport
     * @param addPathRx offer to receive ADD-PATH (RFC 7911) from it: BIRD {@code add paths rx} in the channels;
     *     FRR offers it to every neighbor anyway (8.4: unless {@code disable-addpath-rx})
     * @param exportAll send it every route this router selected, learned ones included (overrides
     *     {@code exportAnnounced}): what a route reflector does towards its clients
     * @param rrClient it is this router's route-reflector client (RFC 4456): BIRD {@code rr client}, FRR
     *     {@code neighbor X route-reflector-client}; iBGP only
     * @param addPathRxRefused FRR: {@code neighbor X disable-addpath-rx}, so that it does not offer to receive
     *     ADD-PATH; BIRD never offers it without {@code addPathRx}
     * @param password TCP MD5 key, or null
     */
    record Neighbor(String name, String address, long as, boolean importAll, boolean exportAnnounced,
            boolean bothFamilies, boolean addPathRx, boolean exportAll, boolean rrClient, boolean addPathRxRefused,
            String password) {
        Neighbor(String name, String address, long as, boolean importAll, boolean exportAnnounced,
                boolean bothFamilies, boolean addPathRx, boolean exportAll, boolean rrClient,
                boolean addPathRxRefused) {
            this(name, address, as, importAll, exportAnnounced, bothFamilies, addPathRx, exportAll, rrClient,
                    addPathRxRefused, null);
        }

        /** A neighbor whose session carries its address's family only. */
        Neighbor(String name, String address, long as, boolean importAll, boolean exportAnnounced) {
            this(name, address, as, importAll, exportAnnounced, false, false, false, false, false);
        }

        Neighbor(String name, String address, long as, boolean importAll, boolean exportAnnounced,
                boolean bothFamilies) {
            this(name, address, as, importAll, exportAnnounced, bothFamilies, false, false, false, false);
        }

        /** The same neighbor, offering to receive ADD-PATH. */
        Neighbor withAddPathRx() {
            return new Neighbor(name, address, as, importAll, exportAnnounced, bothFamilies, true, exportAll,
                    rrClient, false, password);
        }

        /** The same neighbor, not offering to receive ADD-PATH even where the daemon does by default (FRR). */
        Neighbor withoutAddPathRx() {
            return new Neighbor(name, address, as, importAll, exportAnnounced, bothFamilies, false, exportAll,
                    rrClient, true, password);
        }

        /** The same neighbor as this router's route-reflector client, sent every route the router selected. */
        Neighbor asReflectorClient() {
            return new Neighbor(name, address, as, importAll, exportAnnounced, bothFamilies, addPathRx, true, true,
                    addPathRxRefused, password);
        }

        /** The same neighbor, its session signed with TCP MD5 (RFC 2385) with {@code key}. */
        Neighbor withPassword(String key) {
            return new Neighbor(name, address, as, importAll, exportAnnounced, bothFamilies, addPathRx, exportAll,
                    rrClient, addPathRxRefused, key);
        }

        boolean ipv6() {
            return address.contains(":");
        }

        boolean carriesIpv4() {
            return bothFamilies || !ipv6();
        }

        boolean carriesIpv6() {
            return bothFamilies || ipv6();
        }
    }

    /**
     * How the router is set up.
     *
     * @param name for messages (the namespace's role)
     * @param as its AS
     * @param routerId its router ID (by convention its IPv4 address on the LAN)
     * @param address its IPv4 address (BIRD's {@code local} for IPv4 sessions)
     * @param address6 its IPv6 address
     * @param neighbors its neighbors
     * @param announcements what it originates from the start
     * @param reference it is the reference decision process: deterministic MED on (BIRD's default is off, FRR's
     *     on), router ID compared between eBGP paths (FRR prefers the older eBGP path by default:
     *     {@code bgp bestpath compare-routerid}), up to 4 ECMP paths (FRR {@code maximum-paths 4})
     * @param clusterId its RFC 4456 cluster ID when it reflects (BIRD {@code rr cluster id} in its iBGP protocols,
     *     FRR {@code bgp cluster-id}); null: the daemon's default, the router ID
     * @param ibgpMultipath FRR: up to 4 iBGP ECMP paths ({@code maximum-paths ibgp 4}); BIRD: nothing (its
     *     ECMP is a kernel protocol's {@code merge paths}, which these routers do not run)
     */
    record Spec(String name, long as, String routerId, String address, String address6, List<Neighbor> neighbors,
            List<Announcement> announcements, boolean reference, String clusterId, boolean ibgpMultipath) {
        public Spec {
            neighbors = List.copyOf(neighbors);
            announcements = List.copyOf(announcements);
        }

        static Spec of(String name, long as, String address, String address6) {
            return new Spec(name, as, address, address, address6, List.of(), List.of(), false, null, false);
        }

        Spec neighbor(Neighbor n) {
            List<Neighbor> all = new ArrayList<>(neighbors);
            all.add(n);
            return new Spec(name, as, routerId, address, address6, all, announcements, reference, clusterId,
                    ibgpMultipath);
        }

        Spec announce(Announcement... a) {
            List<Announcement> all = new ArrayList<>(announcements);
            all.addAll(List.of(a));
            return new Spec(name, as, routerId, address, address6, neighbors, all, reference, clusterId,
                    ibgpMultipath);
        }

        Spec reference(boolean on) {
            return new Spec(name, as, routerId, address, address6, neighbors, announcements, on, clusterId,
                    ibgpMultipath);
        }

        Spec clusterId(String id) {
            return new Spec(name, as, routerId, address, address6, neighbors, announcements, reference, id,
                    ibgpMultipath);
        }

        Spec ibgpMultipath(boolean on) {
            return new Spec(name, as, routerId, address, address6, neighbors, announcements, reference, clusterId,
                    on);
        }

        String localAddress(Neighbor n) {
            return n.ipv6() ? address6 : address;
        }
    }
}
