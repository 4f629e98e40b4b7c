package dev.petrel.interop;

import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.TestNetwork;
import org.junit.jupiter.api.Tag;

/** {@link RouteScenarios} with BIRD 2 as every other router. */
@Tag("interop")
class RoutesBirdTest extends RouteScenarios {
    @Override
    Router startRouter(TestNetwork net, Netns ns, Router.Spec spec) {
        return BirdRouter.start(net, ns, spec);
    }
}
