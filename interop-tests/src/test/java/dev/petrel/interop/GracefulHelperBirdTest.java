package dev.petrel.interop;

import dev.petrel.interop.harness.Announcement;
import dev.petrel.interop.harness.Bird;
import dev.petrel.interop.harness.BirdConfig;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.TestNetwork;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * {@link GracefulHelperScenarios} with BIRD 2 restarting: {@code graceful restart on} lists IPv4 with the F bit;
 * it is killed and started again in recovery mode ({@code bird -R}).
 */
@Tag("interop")
class GracefulHelperBirdTest extends GracefulHelperScenarios {
    private Bird bird;

    @Override
    void startRouter(TestNetwork net, Netns r, String addrR, String addrA, boolean withGone) {
        bird = Bird.start(net, r, conf(addrR, addrA, withGone));
    }

    @Override
    void crashRouter() {
        bird.kill();
    }

    @Override
    void startRouterAgain(TestNetwork net, Netns r, String addrR, String addrA) {
        bird = Bird.start(net, r, conf(addrR, addrA, false), List.of("-R"));
    }

    @Override
    String routerLog() {
        return bird.logTail(20);
    }

    static BirdConfig conf(String addrR, String addrA, boolean withGone) {
        BirdConfig c = BirdConfig.routerId(addrR).announce(Announcement.of(P_KEPT));
        if (withGone) {
            c.announce(Announcement.of(P_GONE));
        }
        // recovery (-R) ends at the End-of-RIB of every peer, or after this long
        c.extra("graceful restart wait 30;");
        return c.peer(BirdConfig.BgpPeer.of("petrel", addrR, AS_R, addrA, AS_PETREL).importAll(true)
                .export(BirdConfig.BgpPeer.Export.ALL).extra("graceful restart on")
                .extra("graceful restart time 120"));
    }
}
