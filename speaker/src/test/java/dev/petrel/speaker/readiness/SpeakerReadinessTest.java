package dev.petrel.speaker.readiness;

import static dev.petrel.speaker.Loopback.await;
import static dev.petrel.speaker.Loopback.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.speaker.Loopback;
import dev.petrel.speaker.Speaker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link SpeakerReadiness} over real speakers on loopback, with a fake clock: the grace period runs out on the
 * clock, End-of-RIB comes over a real session in both families.
 */
class SpeakerReadinessTest {
    private static final long S = 1_000_000_000L;

    @Test
    void startingUntilTheGraceRunsOutThenDownThenConvergedWhenThePeerSendsEndOfRib() throws Exception {
        int pa = freePort("127.0.0.1");
        int pb = freePort("127.0.0.2");
        AtomicLong clock = new AtomicLong(1000 * S);
        try (Speaker a = Speaker.start(Loopback.ibgpConfig("10.255.1.1", "127.0.0.1", pa, "127.0.0.2", pb))) {
            SpeakerReadiness readiness = new SpeakerReadiness(a, Duration.ofSeconds(120), clock::get);
            clock.addAndGet(20 * S);
            Readiness.Report r = readiness.assess().get(10, TimeUnit.SECONDS);
            assertFalse(r.ready());
            assertEquals("starting", r.phase());
            assertEquals(100, r.graceRemainingSeconds(), "the grace counts from the SpeakerReadiness's creation");
            assertEquals(1, r.peers());
            assertEquals(0, r.established());
            assertEquals("b", r.notReady().get(0).peer());
            assertTrue(r.notReady().get(0).reason().endsWith(", not Established"), r.toString());

            clock.addAndGet(100 * S);
            r = readiness.assess().get(10, TimeUnit.SECONDS);
            assertFalse(r.ready(), "start-up over and no peer Established");
            assertEquals("down", r.phase());
            assertEquals(0, r.graceRemainingSeconds());

            try (Speaker b = Speaker.start(Loopback.ibgpConfig("10.255.1.2", "127.0.0.2", pb, "127.0.0.1", pa))) {
                await("a converged", () -> readiness.assess().join().converged());
                r = readiness.assess().get(10, TimeUnit.SECONDS);
                assertTrue(r.ready());
                assertEquals("converged", r.phase());
                assertEquals(1, r.established());
                assertEquals(List.of(), r.notReady());
            }
        }
    }



}
