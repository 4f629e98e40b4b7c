package dev.petrel.interop;

import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.TestNetwork;
import org.junit.jupiter.api.Tag;

/** {@link ReflectorPairScenarios} with FRR 8 as the clients of two Petrel route reflectors. */
@Tag("interop")
class ReflectorPairFrrTest extends ReflectorPairScenarios {
    @Override
    Router startRouter(TestNetwork net, Netns ns, Router.Spec spec) {
        return FrrRouter.start(net, ns, spec);
    }
}
