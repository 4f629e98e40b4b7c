package dev.petrel.interop;

import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.TestNetwork;
import org.junit.jupiter.api.Tag;

/** {@link GracefulRestartScenarios} with BIRD 2 as the helper. */
@Tag("interop")
class GracefulRestartBirdTest extends GracefulRestartScenarios {
    @Override
    Router startRouter(TestNetwork net, Netns ns, Router.Spec spec) {
        return BirdRouter.start(net, ns, spec);
    }

    @Override
    boolean routersClaimRestart() {
        return false;
    }
}
