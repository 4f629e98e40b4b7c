package dev.petrel.interop;

import dev.petrel.interop.harness.Netns;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scenarios that share one {@link LanTopology} and run in order on it: a subclass builds it in its own
 * {@code @BeforeAll} with {@link #open}, this class skips the whole class first where BIRD/FRR or namespaces are
 * unusable, and closes the topology after the last scenario, also when building it failed half-way (JUnit runs
 * {@code @AfterAll} after a failed {@code @BeforeAll}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class LanScenarios {

    /** How long a session may take to reach Established. */
    static final Duration UP = LanTopology.UP;
    /** How long a route may take to propagate. */
    static final Duration CONVERGE = Duration.ofSeconds(30);

    /** The topology, once {@link #open} made it. */
    LanTopology topology;

    /** Runs before any subclass {@code @BeforeAll}: an unusable environment skips the class (fails under CI). */
    @BeforeAll
    final void requireInterop() {
        InteropSupport.requireInterop();
    }

    /** Creates this class's topology ({@link LanTopology#create}, labelled with the class name) and returns it. */
    final LanTopology open(String... roles) {
        if (topology != null) {
            throw new IllegalStateException(topology + " is already open");
        }
        topology = LanTopology.create(getClass().getSimpleName(), roles);
        return topology;
    }

    @AfterAll
    final void closeTopology() {
        if (topology != null) {
            topology.close();
        }
    }

    /** The IPv4 address of {@code host} on the LAN. */
    final String addr(Netns host) {
        return topology.addr(host);
    }
}
