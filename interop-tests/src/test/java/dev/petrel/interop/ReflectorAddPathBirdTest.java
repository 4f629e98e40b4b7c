package dev.petrel.interop;

import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.TestNetwork;
import org.junit.jupiter.api.Tag;

/** {@link ReflectorAddPathScenarios} with BIRD 2 as the clients of Petrel the route reflector. */
@Tag("interop")
class ReflectorAddPathBirdTest extends ReflectorAddPathScenarios {
    @Override
    Router startRouter(TestNetwork net, Netns ns, Router.Spec spec) {
        return BirdRouter.start(net, ns, spec);
    }
}
