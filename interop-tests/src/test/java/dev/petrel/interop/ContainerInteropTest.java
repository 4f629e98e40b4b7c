package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * The Testcontainers variant of the interop scenarios: runs only where a Docker engine is reachable. Without
 * one it skips at once (the engine probe gets a short deadline, so a missing or hung engine cannot stall the
 * build); the network-namespace runs ({@link BirdFrrSessionTest}) cover the same scenarios.
 */
@Tag("interop")
class ContainerInteropTest {

    private static final long PROBE_SECONDS = 20;

    @BeforeAll
    static void requireDocker() {
        boolean available;
        try {
            available = CompletableFuture.supplyAsync(() -> {
                try {
                    return DockerClientFactory.instance().isDockerAvailable();
                } catch (RuntimeException | LinkageError e) {
                    return false;
                }
            }).get(PROBE_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            available = false;
        }
        Assumptions.assumeTrue(available,
                "no Docker engine: Testcontainers scenarios skipped; the network-namespace runs cover them");
    }

    @Test
    void dockerEngineAnswers() {
        assertTrue(DockerClientFactory.instance().isDockerAvailable());
    }
}
