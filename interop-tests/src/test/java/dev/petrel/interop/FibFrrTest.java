package dev.petrel.interop;

import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.TestNetwork;
import org.junit.jupiter.api.Tag;

/** {@link FibScenarios} with FRR 8 as the counterpart. */
@Tag("interop")
class FibFrrTest extends FibScenarios {
    @Override
    Router startRouter(TestNetwork net, Netns ns, Router.Spec spec) {
        return FrrRouter.start(net, ns, spec);
    }
}
