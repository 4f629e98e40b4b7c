package dev.petrel.interop;

import dev.petrel.fsm.SessionState;
import dev.petrel.interop.harness.BgpState;
import dev.petrel.interop.harness.Lan;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.Petrel;
import dev.petrel.interop.harness.PetrelConf;
import dev.petrel.interop.harness.TestNetwork;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Petrel and BIRD/FRR routers on one LAN, each in a namespace of its own: the topology most scenarios share. It
 * names the hosts by role, addresses them ({@link #addr}), writes their specs ({@link #spec},
 * {@link #petrelConf}), starts the daemons in them and remembers what each was told, so that
 * {@link #awaitEstablished()} can wait for every configured session from both ends.
 *
 * <p>Everything it starts belongs to its {@link TestNetwork}; {@link #close()} stops the daemons newest first,
 * then deletes the namespaces newest first, carrying on past a failure and reporting them all at the end. A
 * topology that fails while being built closes what it had built before the failure propagates.
 */
final class LanTopology implements AutoCloseable {

    /** How long a session may take to reach Established. */
    static final Duration UP = Duration.ofSeconds(60);

    /** Starts BIRD or FRR in a namespace: {@link BirdRouter#start}, {@link FrrRouter#start}. */
    @FunctionalInterface
    interface Daemon {
        Router start(TestNetwork net, Netns ns, Router.Spec spec);
    }

    private record Started(Router router, Router.Spec spec) {}

    private final TestNetwork net;
    private final Lan lan;
    private final Map<String, Netns> hosts;
    /** Per host, in the order started; a restart in the same host replaces the entry. */
    private final Map<Netns, Started> routers = new LinkedHashMap<>();
    private final Map<Netns, Petrel> petrels = new LinkedHashMap<>();

    private LanTopology(TestNetwork net, Lan lan, Map<String, Netns> hosts) {
        this.net = net;
        this.lan = lan;
        this.hosts = hosts;
    }

    /**
     * A new test network labelled {@code label} with one namespace per role (1 to 3 of [a-z0-9], see
     * {@link TestNetwork#netns}) joined on one LAN; host {@code i} gets the {@code (i + 1)}th address, so the
     * order of {@code roles} is the order of their router IDs.
     */
    static LanTopology create(String label, String... roles) {
        TestNetwork net = TestNetwork.create(label);
        try {
            Map<String, Netns> hosts = new LinkedHashMap<>();
            for (String role : roles) {
                if (hosts.put(role, net.netns(role)) != null) {
                    throw new IllegalArgumentException("role " + role + " given twice");
                }
            }
            Lan lan = net.lan(hosts.values().toArray(Netns[]::new));
            return new LanTopology(net, lan, hosts);
        } catch (RuntimeException | Error e) {
            try {
                net.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    TestNetwork net() {
        return net;
    }

    Lan lan() {
        return lan;
    }

    /** The namespace of {@code role}. */
    Netns host(String role) {
        Netns ns = hosts.get(role);
        if (ns == null) {
            throw new IllegalArgumentException("no host " + role + " in " + hosts.keySet());
        }
        return ns;
    }

    /** The IPv4 address of {@code host} on the LAN (by convention also its router ID). */
    String addr(Netns host) {
        return lan.address(host, false);
    }

    /** The IPv6 address of {@code host} on the LAN. */
    String addr6(Netns host) {
        return lan.address(host, true);
    }

    /** A router named {@code name} in {@code host}, AS {@code as}, with its LAN addresses and no neighbors yet. */
    Router.Spec spec(String name, Netns host, long as) {
        return Router.Spec.of(name, as, addr(host), addr6(host));
    }

    /** Petrel in {@code host}, AS {@code as}: router ID its IPv4 address, listening there on port 179. */
    PetrelConf petrelConf(Netns host, long as) {
        return PetrelConf.of(addr(host), as).listen(addr(host), 179);
    }

    /** Starts {@code daemon} in {@code host} as {@code spec} says, and remembers its neighbors. */
    Router router(Daemon daemon, Netns host, Router.Spec spec) {
        Router r = daemon.start(net, host, spec);
        routers.put(host, new Started(r, spec));
        return r;
    }

    /**
     * Starts Petrel in {@code host} with {@code conf}, and remembers its peers; one already started there must
     * have been stopped (a restart with another configuration).
     */
    Petrel petrel(Netns host, PetrelConf conf) {
        return petrel(host, conf, List.of());
    }

    /** The same with more options for {@code petrel run}. */
    Petrel petrel(Netns host, PetrelConf conf, List<String> runOptions) {
        Petrel p = Petrel.start(net, host, conf, runOptions);
        petrels.put(host, p);
        return p;
    }

    /**
     * Waits until every session started so far is Established from both ends, first as each Petrel sees its
     * configured peers, then as each router sees its neighbors (in the order they were started).
     */
    void awaitEstablished() {
        for (Petrel p : petrels.values()) {
            awaitEstablished(p, p.conf().peers().stream().map(PetrelConf.Peer::name).toArray(String[]::new));
        }
        for (Started s : routers.values()) {
            for (Router.Neighbor n : s.spec().neighbors()) {
                s.router().awaitState(n.address(), BgpState.ESTABLISHED, UP);
            }
        }
    }

    /** Waits until {@code petrel}'s sessions with {@code peers} (by name) are Established. */
    void awaitEstablished(Petrel petrel, String... peers) {
        for (String peer : peers) {
            petrel.awaitState(peer, SessionState.ESTABLISHED, UP);
        }
    }

    /** Waits until {@code router}'s sessions with the hosts {@code neighbors} are Established. */
    void awaitEstablished(Router router, Netns... neighbors) {
        for (Netns n : neighbors) {
            router.awaitState(addr(n), BgpState.ESTABLISHED, UP);
        }
    }

    /**
     * Stops every daemon newest first and deletes the namespaces newest first ({@link TestNetwork#close}): each
     * step runs even when an earlier one failed. Idempotent.
     */
    @Override
    public void close() {
        net.close();
    }

    @Override
    public String toString() {
        return "LanTopology " + net.label() + "-" + net.suffix() + " " + hosts.keySet();
    }
}
