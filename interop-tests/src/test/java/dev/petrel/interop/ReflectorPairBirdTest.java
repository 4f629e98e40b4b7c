package dev.petrel.interop;

import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.TestNetwork;
import org.junit.jupiter.api.Tag;

/** {@link ReflectorPairScenarios} with BIRD 2 as the clients of two Petrel route reflectors. */
@Tag("interop")
class ReflectorPairBirdTest extends ReflectorPairScenarios {
    @Override
    Router startRouter(TestNetwork net, Netns ns, Router.Spec spec) {
        return BirdRouter.start(net, ns, spec);
    }
}
