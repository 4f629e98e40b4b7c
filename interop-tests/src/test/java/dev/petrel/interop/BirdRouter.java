package dev.petrel.interop;

import dev.petrel.interop.harness.Announcement;
import dev.petrel.interop.harness.BgpPath;
import dev.petrel.interop.harness.BgpState;
import dev.petrel.interop.harness.Bird;
import dev.petrel.interop.harness.BirdConfig;
import dev.petrel.daemon.exec.CommandResult;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.PeerSnapshot;
import dev.petrel.interop.harness.TestNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Router} that is BIRD 2: one BGP protocol per neighbor (named as the neighbor), the neighbor's address
 * family its only channel; announcements are blackhole static routes whose attributes each protocol's export
 * filter sets. iBGP neighbors are {@code direct} with {@code gateway direct} (all next hops are on the LAN, and
 * there is no IGP to resolve them through).
 */
final class BirdRouter implements Router {
    private final Router.Spec spec;
    private final BirdConfig cfg;
    private final Bird bird;

    private BirdRouter(Router.Spec spec, BirdConfig cfg, Bird bird) {
        this.spec = spec;
        this.cfg = cfg;
        this.bird = bird;
    }

    static BirdRouter start(TestNetwork net, Netns ns, Router.Spec spec) {
        BirdConfig cfg = BirdConfig.routerId(spec.routerId());
        spec.announcements().forEach(cfg::announce);
        for (Router.Neighbor n : spec.neighbors()) {
            boolean ibgp = n.as() == spec.as();
            BirdConfig.BgpPeer p = BirdConfig.BgpPeer.of(n.name(), spec.localAddress(n), spec.as(), n.address(), n.as())
                    .channels(n.carriesIpv4(), n.carriesIpv6())
                    .importAll(n.importAll())
                    .export(n.exportAll() ? BirdConfig.BgpPeer.Export.ALL
                            : n.exportAnnounced() ? BirdConfig.BgpPeer.Export.ANNOUNCED
                            : BirdConfig.BgpPeer.Export.NONE)
                    .direct(ibgp)
                    .gatewayDirect(ibgp)
                    .password(n.password());
            if (n.addPathRx()) {
                p.channelExtra("add paths rx");
            }
            if (n.rrClient()) {
                p.extra("rr client");
            }
            if (ibgp && spec.clusterId() != null) {
                p.extra("rr cluster id " + spec.clusterId());
            }
            if (spec.reference()) {
                // BIRD's default is off: one pass comparing MED wherever the neighbour AS matches, whose result
                // depends on the order the routes arrived in. Petrel and FRR (since 7.4) default to on.
                p.extra("deterministic med on");
            }
            cfg.peer(p);
        }
        return new BirdRouter(spec, cfg, Bird.start(net, ns, cfg));
    }

    /** {@code birdc disable NAME}: the neighbor's session ends with a Cease (Administrative Shutdown). */
    void disable(String neighborName) {
        bird.disable(neighborName);
    }

    /** {@code birdc enable NAME}: the neighbor's protocol starts again. */
    void enable(String neighborName) {
        bird.enable(neighborName);
    }

    @Override
    public String kind() {
        return "BIRD";
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public List<BgpPath> paths(String prefix) {
        return bird.paths(prefix);
    }

    @Override
    public String fromKey(String neighborAddress) {
        return neighbor0(neighborAddress).name();
    }

    private Router.Neighbor neighbor0(String address) {
        return spec.neighbors().stream().filter(n -> n.address().equals(address)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(spec.name() + " has no neighbor " + address));
    }

    @Override
    public String showRoute(String prefix) {
        return bird.showRoute(prefix);
    }

    @Override
    public List<Router.Reflection> reflections(String prefix, String neighborAddress) {
        return parseReflections(bird.showRoute(prefix), fromKey(neighborAddress));
    }

    /**
     * From {@code show route PREFIX all} text: the blocks of the routes whose first line names protocol
     * {@code proto} ({@code [NAME ...]}), each up to the next route line, in the order shown.
     */
    static List<Router.Reflection> parseReflections(String showRouteAll, String proto) {
        String key = "[" + proto + " ";
        List<Router.Reflection> out = new ArrayList<>();
        boolean in = false;
        String originator = null;
        List<String> clusters = new ArrayList<>();
        for (String line : showRouteAll.lines().toList()) {
            boolean routeLine = line.contains(" [") && (line.contains(" unicast ") || line.contains(" blackhole "));
            if (routeLine) {
                if (in) {
                    out.add(new Router.Reflection(originator, clusters));
                }
                in = line.contains(key);
                originator = null;
                clusters = new ArrayList<>();
                continue;
            }
            if (!in) {
                continue;
            }
            String t = line.strip();
            if (t.startsWith("BGP.originator_id:")) {
                originator = t.substring("BGP.originator_id:".length()).strip();
            } else if (t.startsWith("BGP.cluster_list:")) {
                clusters.addAll(List.of(t.substring("BGP.cluster_list:".length()).strip().split("\\s+")));
            }
        }
        if (in) {
            out.add(new Router.Reflection(originator, clusters));
        }
        return out;
    }

    @Override
    public PeerSnapshot neighbor(String neighborAddress) {
        return bird.protocol(fromKey(neighborAddress));
    }

    @Override
    public PeerSnapshot awaitState(String neighborAddress, BgpState state, Duration timeout) {
        return bird.awaitState(fromKey(neighborAddress), state, timeout);
    }

    @Override
    public int sessionsEstablished(String neighborAddress) {
        String marker = fromKey(neighborAddress) + ": BGP session established";
        return (int) bird.process().log().lines().filter(l -> l.contains(marker)).count();
    }

    @Override
    public void announce(Announcement a) {
        cfg.announce(a);
        reconfigure();
    }

    @Override
    public void withdraw(String prefix) {
        cfg.withdraw(prefix);
        reconfigure();
    }

    private void reconfigure() {
        CommandResult r = bird.reconfigure(cfg);
        if (!r.stdout().contains("Reconfigured") && !r.stdout().contains("Reconfiguration in progress")) {
            throw new IllegalStateException("BIRD " + spec.name() + " refused the configuration: " + r.describe()
                    + "\n" + cfg.render());
        }
    }

    @Override
    public String logTail(int lines) {
        return bird.logTail(lines);
    }

    @Override
    public String toString() {
        return "BIRD " + spec.name();
    }
}
