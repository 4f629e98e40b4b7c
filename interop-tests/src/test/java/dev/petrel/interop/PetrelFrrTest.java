package dev.petrel.interop;

import dev.petrel.interop.harness.BgpState;
import dev.petrel.interop.harness.Frr;
import dev.petrel.interop.harness.FrrConfig;
import dev.petrel.interop.harness.ManagedProcess;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.PeerSnapshot;
import dev.petrel.interop.harness.TestNetwork;
import java.time.Duration;
import org.junit.jupiter.api.Tag;

/** {@link PetrelInteropScenarios} against FRR 8 (zebra and bgpd on host b, neighbor = Petrel's address). */
@Tag("interop")
class PetrelFrrTest extends PetrelInteropScenarios {

    @Override
    Counterpart startCounterpart(TestNetwork net, Netns ns, Counterpart.Setup s) {
        return startFrr(net, ns, s);
    }

    /** zebra and bgpd on {@code ns} as {@code s} says, Petrel their only neighbor. */
    static Counterpart startFrr(TestNetwork net, Netns ns, Counterpart.Setup s) {
        FrrConfig.Neighbor n = FrrConfig.Neighbor.of(s.petrelAddress(), s.petrelAs())
                .passive(s.passive())
                .password(s.password())
                .ttlSecurityHops(s.ttlSecurity() ? s.hops() : null)
                // FRR refuses ebgp-multihop together with ttl-security; iBGP is multihop already.
                .ebgpMultihop(!s.ttlSecurity() && !s.internal() && s.hops() > 1 ? s.hops() : null);
        FrrConfig cfg = FrrConfig.router(s.localAs(), s.routerId()).network(s.prefix()).neighbor(n);
        return new FrrCounterpart(net, ns, cfg, s.petrelAddress(), Frr.start(net, ns, cfg));
    }

    private static final class FrrCounterpart implements Counterpart {
        private final TestNetwork net;
        private final Netns ns;
        private final FrrConfig cfg;
        private final String neighbor;
        private Frr frr;
        /** connectionsEstablished of bgpd processes already stopped by {@link #restart}. */
        private int establishedBefore;

        FrrCounterpart(TestNetwork net, Netns ns, FrrConfig cfg, String neighbor, Frr frr) {
            this.net = net;
            this.ns = ns;
            this.cfg = cfg;
            this.neighbor = neighbor;
            this.frr = frr;
        }

        @Override
        public String kind() {
            return "FRR";
        }

        @Override
        public PeerSnapshot snapshot() {
            return frr.neighbor(neighbor);
        }

        @Override
        public PeerSnapshot awaitState(BgpState state, Duration timeout) {
            return frr.awaitState(neighbor, state, timeout);
        }

        @Override
        public ManagedProcess bgpProcess() {
            return frr.bgpd();
        }

        @Override
        public void restart() {
            establishedBefore += established();
            frr.close();
            frr = Frr.start(net, ns, cfg);
        }

        @Override
        public void shutdown(String message) {
            frr.shutdown(neighbor, message);
        }

        @Override
        public void enable() {
            frr.noShutdown(neighbor);
        }

        @Override
        public int sessionsEstablished() {
            return establishedBefore + established();
        }

        private int established() {
            return frr.json("show bgp neighbors " + neighbor + " json").path(neighbor).path("connectionsEstablished")
                    .asInt(-1000);
        }

        @Override
        public String logTail(int lines) {
            return frr.logTail(lines);
        }
    }
}
