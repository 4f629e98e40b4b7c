package dev.petrel.interop;

import dev.petrel.interop.harness.Announcement;
import dev.petrel.interop.harness.Frr;
import dev.petrel.interop.harness.FrrConfig;
import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.TestNetwork;
import org.junit.jupiter.api.Tag;

/**
 * {@link GracefulHelperScenarios} with FRR 8.4 restarting: {@code bgp graceful-restart} and {@code
 * preserve-fw-state} list IPv4 with the F bit; bgpd is killed and started again, zebra stays (FRR's own model of a
 * restart), and the new bgpd's OPEN sets the R bit.
 */
@Tag("interop")
class GracefulHelperFrrTest extends GracefulHelperScenarios {
    private Frr frr;

    @Override
    void startRouter(TestNetwork net, Netns r, String addrR, String addrA, boolean withGone) {
        frr = Frr.start(net, r, conf(addrR, addrA, withGone, net));
    }

    @Override
    void crashRouter() {
        frr.killBgpd();
    }

    @Override
    void startRouterAgain(TestNetwork net, Netns r, String addrR, String addrA) {
        frr = frr.startBgpdAgain(net, conf(addrR, addrA, false, net));
    }

    @Override
    String routerLog() {
        return frr.bgpd().logTail(20);
    }

    static FrrConfig conf(String addrR, String addrA, boolean withGone, TestNetwork net) {
        FrrConfig c = FrrConfig.router(AS_R, addrR).hostname("r-" + net.suffix()).announce(Announcement.of(P_KEPT));
        if (withGone) {
            c.announce(Announcement.of(P_GONE));
        }
        c.extraBgp("bgp graceful-restart");
        c.extraBgp("bgp graceful-restart preserve-fw-state");
        c.extraBgp("bgp graceful-restart restart-time 120");
        // the restarted bgpd defers its best-path selection until every peer's End-of-RIB, or this long
        c.extraBgp("bgp graceful-restart select-defer-time 30");
        return c.neighbor(FrrConfig.Neighbor.of(addrA, AS_PETREL).importAll(true)
                .export(FrrConfig.Neighbor.Export.ALL));
    }
}
