package dev.petrel.speaker;

import dev.petrel.config.KernelOptions;
import dev.petrel.config.PeerConfig;
import dev.petrel.config.PetrelConfig;
import dev.petrel.fib.Fib;
import dev.petrel.fib.FibGuardCheck;
import dev.petrel.fib.FibSettings;
import dev.petrel.fib.KernelObserver;
import dev.petrel.fib.kernel.DryRunKernel;
import dev.petrel.fib.kernel.Kernel;
import dev.petrel.fib.kernel.KernelAddress;
import dev.petrel.fib.kernel.KernelEvent;
import dev.petrel.fib.kernel.KernelException;
import dev.petrel.fib.kernel.KernelLink;
import dev.petrel.fib.kernel.KernelNextHop;
import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.RtNetlinkKernel;
import dev.petrel.fib.learn.FibGuard;
import dev.petrel.fib.learn.GuardOptions;
import dev.petrel.fib.learn.InterfaceGlob;
import dev.petrel.fib.learn.LearnPolicy;
import dev.petrel.fib.learn.LearnSink;
import dev.petrel.fib.learn.LearnedRoute;
import dev.petrel.fib.learn.Learner;
import dev.petrel.rib.Rib;
import dev.petrel.wire.attr.AsPath;
import dev.petrel.wire.attr.Origin;
import dev.petrel.wire.attr.PathAttributes;
import dev.petrel.wire.nlri.Prefix;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the kernel FIB to the RIB: the RIB's Loc-RIB (after the kernel export policy) goes into the kernel, and
 * the kernel routes the learn policy picks come back into the RIB as candidates from the kernel source, which
 * peers' export policies can then advertise (with our address as next hop, as a locally originated route).
 */
final class KernelFib {
    private static final Logger LOG = LoggerFactory.getLogger(KernelFib.class);
    /** Large enough that a burst of a few hundred thousand notifications is not lost (and when it is: a re-read). */
    static final int MONITOR_BUFFER = 32 << 20;
    /** Learned routes carry ORIGIN INCOMPLETE, as BIRD and FRR give redistributed kernel routes. */
    static final PathAttributes LEARNED = PathAttributes.builder().origin(Origin.INCOMPLETE).asPath(AsPath.EMPTY)
            .build();

    private KernelFib() {}

    static FibSettings settings(KernelOptions k) {
        return new FibSettings((int) k.table(), k.protocol(), (int) k.metric(), k.persist(), k.mergePaths(),
                k.convergenceDeferral(), k.verifyInterval(), Duration.ofSeconds(1), 2048);
    }

    static LearnPolicy learnPolicy(KernelOptions k) {
        KernelOptions.Learn l = k.learn();
        Set<Integer> tables = l.tables().stream().map(Long::intValue).collect(Collectors.toSet());
        List<InterfaceGlob> globs = InterfaceGlob.parseAll(l.interfaces());
        // Connected subnets: of every interface but the pods' veths and kube-proxy's dummy, as Calico's direct
        // protocol does; the globs above are for the routes' output interfaces.
        return new LearnPolicy(Set.copyOf(l.protocols()), tables, LearnPolicy.types(l.types().toArray(String[]::new)),
                globs, l.connected(), LearnPolicy.DEFAULT.connectedInterfaces(), false, k.protocol());
    }

    /**
     * Opens netlink in this process's network namespace, reads the kernel, adopts Petrel's routes found there, and
     * starts feeding the kernel from the RIB. With {@code kernel.dry-run} the kernel is an in-memory one instead:
     * nothing is opened or written, so no CAP_NET_ADMIN is needed, and several speakers can share a process.
     *
     * @throws KernelException when netlink cannot be opened (no CAP_NET_ADMIN, no such namespace): the message
     *     says what to do
     */
    static Fib start(PetrelConfig config, Rib rib) throws KernelException {
        if (config.kernel().dryRun()) {
            LOG.info("FIB: dry run (kernel.dry-run): routes are computed and kept in memory, nothing is written to"
                    + " the kernel");
            return start(config, rib, new DryRunKernel());
        }
        return start(config, rib, RtNetlinkKernel.open(null, MONITOR_BUFFER));
    }

    static Fib start(PetrelConfig config, Rib rib, Kernel kernel) throws KernelException {
        KernelOptions k = config.kernel();
        Learner learner = new Learner(learnPolicy(k), new LearnSink() {
            @Override
            public void learned(Prefix prefix, LearnedRoute route) {
                rib.learn(prefix, LEARNED, null, route.interfaceName(), route.priority());
            }

            @Override
            public void unlearned(Prefix prefix) {
                rib.unlearn(prefix);
            }
        });
        FibGuard guard = new FibGuard(new GuardOptions(k.protectedPrefixes(), k.allowDefault(), false),
                learner.state());
        KernelObserver observer = new KernelObserver() {
            @Override
            public void reset(List<KernelLink> links, List<KernelAddress> addresses, List<KernelRoute> routes) {
                learner.reset(links, addresses, routes);
            }

            @Override
            public void event(KernelEvent event) {
                learner.accept(event);
            }

            @Override
            public int interfaceOf(InetAddress ourAddress) {
                KernelAddress a = learner.state().ownAddress(ourAddress);
                return a == null ? 0 : a.ifindex();
            }
        };
        FibGuardCheck check = r -> guard.check(r.prefix(), gateways(r));
        List<String> peers = config.peers().stream().filter(p -> !p.shutdown()).map(PeerConfig::name).toList();
        Fib fib;
        try {
            fib = new Fib(settings(k), kernel, observer, check).start(peers);
        } catch (KernelException | RuntimeException e) {
            kernel.close();
            throw e;
        }
        rib.attachFib(fib, k.export());
        return fib;
    }

    private static List<InetAddress> gateways(KernelRoute r) {
        List<InetAddress> out = new ArrayList<>(r.nextHops().size());
        for (KernelNextHop h : r.nextHops()) {
            if (h.gateway() != null) {
                out.add(h.gateway());
            }
        }
        return out;
    }
}
