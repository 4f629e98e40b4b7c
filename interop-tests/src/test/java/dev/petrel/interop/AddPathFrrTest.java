package dev.petrel.interop;

import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.TestNetwork;
import org.junit.jupiter.api.Tag;

/** {@link AddPathScenarios} with FRR 8 as sources and receivers. */
@Tag("interop")
class AddPathFrrTest extends AddPathScenarios {
    @Override
    Router startRouter(TestNetwork net, Netns ns, Router.Spec spec) {
        return FrrRouter.start(net, ns, spec);
    }
}
