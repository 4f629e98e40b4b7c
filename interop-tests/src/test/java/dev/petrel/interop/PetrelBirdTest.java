package dev.petrel.interop;

import dev.petrel.interop.harness.BgpState;
import dev.petrel.interop.harness.Bird;
import dev.petrel.interop.harness.BirdConfig;
import dev.petrel.interop.harness.ManagedProcess;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.PeerSnapshot;
import dev.petrel.interop.harness.TestNetwork;
import java.time.Duration;
import org.junit.jupiter.api.Tag;

/** {@link PetrelInteropScenarios} against BIRD 2 (protocol {@code petrel} on host b). */
@Tag("interop")
class PetrelBirdTest extends PetrelInteropScenarios {

    private static final String PROTOCOL = "petrel";

    @Override
    Counterpart startCounterpart(TestNetwork net, Netns ns, Counterpart.Setup s) {
        return startBird(net, ns, s);
    }

    /** BIRD on {@code ns} as {@code s} says: protocol {@value #PROTOCOL}, Petrel its only neighbor. */
    static Counterpart startBird(TestNetwork net, Netns ns, Counterpart.Setup s) {
        BirdConfig.BgpPeer peer = BirdConfig.BgpPeer.of(PROTOCOL, s.localAddress(), s.localAs(), s.petrelAddress(),
                        s.petrelAs())
                .channels(!s.ipv6(), s.ipv6())
                .passive(s.passive())
                .password(s.password())
                .ttlSecurity(s.ttlSecurity())
                .multihop(s.hops() > 1 ? s.hops() : null)
                // BIRD treats iBGP neighbors as multihop by default; this one is on the link.
                .direct(s.internal() && s.hops() == 1);
        BirdConfig cfg = BirdConfig.routerId(s.routerId()).staticRoute(s.prefix()).peer(peer);
        return new BirdCounterpart(net, ns, cfg, Bird.start(net, ns, cfg));
    }

    private static final class BirdCounterpart implements Counterpart {
        private final TestNetwork net;
        private final Netns ns;
        private final BirdConfig cfg;
        private Bird bird;
        /** "BGP session established" lines in the logs of BIRD processes already stopped by {@link #restart}. */
        private int establishedBefore;

        BirdCounterpart(TestNetwork net, Netns ns, BirdConfig cfg, Bird bird) {
            this.net = net;
            this.ns = ns;
            this.cfg = cfg;
            this.bird = bird;
        }

        @Override
        public String kind() {
            return "BIRD";
        }

        @Override
        public PeerSnapshot snapshot() {
            return bird.protocol(PROTOCOL);
        }

        @Override
        public PeerSnapshot awaitState(BgpState state, Duration timeout) {
            return bird.awaitState(PROTOCOL, state, timeout);
        }

        @Override
        public ManagedProcess bgpProcess() {
            return bird.process();
        }

        @Override
        public void restart() {
            establishedBefore += countEstablished(bird.process().log());
            bird.close();
            bird = Bird.start(net, ns, cfg);
        }

        @Override
        public void shutdown(String message) {
            bird.disable(PROTOCOL, message);
        }

        @Override
        public void enable() {
            bird.enable(PROTOCOL);
        }

        @Override
        public int sessionsEstablished() {
            return establishedBefore + countEstablished(bird.process().log());
        }

        private static int countEstablished(String log) {
            return (int) log.lines().filter(l -> l.contains(PROTOCOL + ": BGP session established")).count();
        }

        @Override
        public String logTail(int lines) {
            return bird.logTail(lines);
        }
    }
}
