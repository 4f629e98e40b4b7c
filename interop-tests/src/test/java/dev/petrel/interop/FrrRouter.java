package dev.petrel.interop;

import dev.petrel.interop.harness.Announcement;
import dev.petrel.interop.harness.BgpPath;
import dev.petrel.interop.harness.BgpState;
import dev.petrel.interop.harness.Frr;
import dev.petrel.interop.harness.FrrConfig;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.PeerSnapshot;
import dev.petrel.interop.harness.TestNetwork;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Router} that is FRR 8 (zebra and bgpd): one {@code neighbor} per neighbor, activated in its address's
 * family only; announcements are {@code network} statements with a route-map each; export is limited to them by
 * a route tag the announcements set (FrrConfig.LOCAL_ONLY), import "none" is a deny-all route-map.
 */
final class FrrRouter implements Router {
    private final Router.Spec spec;
    private final Frr frr;

    private FrrRouter(Router.Spec spec, Frr frr) {
        this.spec = spec;
        this.frr = frr;
    }

    static FrrRouter start(TestNetwork net, Netns ns, Router.Spec spec) {
        FrrConfig cfg = FrrConfig.router(spec.as(), spec.routerId()).hostname(spec.name() + "-" + net.suffix());
        spec.announcements().forEach(cfg::announce);
        for (Router.Neighbor n : spec.neighbors()) {
            FrrConfig.Neighbor fn = FrrConfig.Neighbor.of(n.address(), n.as()).families(n.carriesIpv4(), n.carriesIpv6())
                    .importAll(n.importAll())
                    .password(n.password())
                    .export(n.exportAll() ? FrrConfig.Neighbor.Export.ALL
                            : n.exportAnnounced() ? FrrConfig.Neighbor.Export.ANNOUNCED
                            : FrrConfig.Neighbor.Export.NONE);
            if (n.rrClient()) {
                fn.afExtra("route-reflector-client");
            }
            if (n.addPathRxRefused()) {
                fn.afExtra("disable-addpath-rx");
            }
            cfg.neighbor(fn);
        }
        if (spec.clusterId() != null) {
            cfg.extraBgp("bgp cluster-id " + spec.clusterId());
        }
        if (spec.ibgpMultipath()) {
            cfg.afLine("maximum-paths ibgp 4");
        }
        if (spec.reference()) {
            // FRR prefers the older of two eBGP paths before comparing router IDs (RFC 5004); Petrel and BIRD
            // look only at the candidates. Deterministic MED is FRR's default since 7.4; said here for clarity.
            cfg.extraBgp("bgp bestpath compare-routerid");
            cfg.extraBgp("bgp deterministic-med");
            cfg.afLine("maximum-paths 4");
        }
        return new FrrRouter(spec, Frr.start(net, ns, cfg));
    }

    @Override
    public String kind() {
        return "FRR";
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public List<BgpPath> paths(String prefix) {
        return frr.paths(prefix);
    }

    @Override
    public String fromKey(String neighborAddress) {
        return neighborAddress;
    }

    @Override
    public String showRoute(String prefix) {
        return frr.vtysh("show bgp " + (prefix.contains(":") ? "ipv6" : "ipv4") + " unicast " + prefix).stdout();
    }

    @Override
    public List<Router.Reflection> reflections(String prefix, String neighborAddress) {
        List<Router.Reflection> out = new ArrayList<>();
        JsonNode j = frr.json("show bgp ipv4 unicast " + prefix + " json");
        for (JsonNode p : j.path("paths")) {
            if (!neighborAddress.equals(p.path("peer").path("peerId").asText())) {
                continue;
            }
            String originator = p.hasNonNull("originatorId") ? p.path("originatorId").asText() : null;
            JsonNode cl = p.path("clusterList");
            JsonNode list = cl.isArray() ? cl : cl.path("list");
            List<String> clusters = new ArrayList<>();
            list.forEach(c -> clusters.add(c.asText()));
            out.add(new Router.Reflection(originator, clusters));
        }
        return out;
    }

    @Override
    public PeerSnapshot neighbor(String neighborAddress) {
        return frr.neighbor(neighborAddress);
    }

    @Override
    public PeerSnapshot awaitState(String neighborAddress, BgpState state, Duration timeout) {
        return frr.awaitState(neighborAddress, state, timeout);
    }

    @Override
    public int sessionsEstablished(String neighborAddress) {
        return frr.json("show bgp neighbors " + neighborAddress + " json").path(neighborAddress)
                .path("connectionsEstablished").asInt(-1000);
    }

    @Override
    public void announce(Announcement a) {
        frr.announce(a);
    }

    @Override
    public void withdraw(String prefix) {
        frr.withdraw(prefix);
    }

    @Override
    public void resendAll() {
        frr.vtysh("clear bgp ipv4 unicast * soft out");
        frr.vtysh("clear bgp ipv6 unicast * soft out");
    }

    @Override
    public String logTail(int lines) {
        return frr.logTail(lines);
    }

    @Override
    public String toString() {
        return "FRR " + spec.name();
    }
}
