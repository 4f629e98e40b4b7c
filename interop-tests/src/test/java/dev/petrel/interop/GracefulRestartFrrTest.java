package dev.petrel.interop;

import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.TestNetwork;
import org.junit.jupiter.api.Tag;

/** {@link GracefulRestartScenarios} with FRR as the helper. */
@Tag("interop")
class GracefulRestartFrrTest extends GracefulRestartScenarios {
    @Override
    Router startRouter(TestNetwork net, Netns ns, Router.Spec spec) {
        return FrrRouter.start(net, ns, spec);
    }

    @Override
    boolean routersClaimRestart() {
        return true;
    }
}
