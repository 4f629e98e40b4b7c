package dev.petrel.interop;

import dev.petrel.interop.harness.Netns;
import dev.petrel.interop.harness.TestNetwork;
import org.junit.jupiter.api.Tag;

/** {@link ReflectorClientScenarios} with FRR 8 as the route reflector and as the other client. */
@Tag("interop")
class ReflectorClientFrrTest extends ReflectorClientScenarios {
    @Override
    Router startRouter(TestNetwork net, Netns ns, Router.Spec spec) {
        return FrrRouter.start(net, ns, spec);
    }
}
