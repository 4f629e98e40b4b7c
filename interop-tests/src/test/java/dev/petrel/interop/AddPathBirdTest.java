package dev.petrel.interop;

import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.TestNetwork;
import org.junit.jupiter.api.Tag;

/** {@link AddPathScenarios} with BIRD 2 as sources and receivers. */
@Tag("interop")
class AddPathBirdTest extends AddPathScenarios {
    @Override
    Router startRouter(TestNetwork net, Netns ns, Router.Spec spec) {
        return BirdRouter.start(net, ns, spec);
    }
}
