package dev.petrel.bench.fulltable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-table benchmark, small, with BIRD as the router: 5,000 prefixes to 2 receivers and back. It checks that
 * the harness works end to end (namespaces, BIRD, both speaker JVMs, exact counts both ways, teardown) and asserts
 * no timing. The real run is {@code benchmarks/fulltable.sh}. Skipped without root or without BIRD.
 */
class FullTableSmokeTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void birdCarriesFiveThousandPrefixesToTwoReceiversAndWithdrawsThem() throws Exception {
        assumeTrue(Exec.run("id", "-u").output().trim().equals("0"),
                "the full-table smoke test needs root (it creates network namespaces)");
        assumeTrue(Exec.run("which", "bird").ok() && Exec.run("which", "birdc").ok(),
                "the full-table smoke test needs BIRD 2 (bird and birdc on the PATH)");
        String name = "fbt" + ProcessHandle.current().pid() % 1_000_000;
        FullTableBenchmark.Options o = FullTableBenchmark.Options.defaults().withRouter("bird").withSize(2, 5_000)
                .withTimeout(20).withOut(dir).withName(name);
        Smoke.Run run = Smoke.run(o);
        FullTableBenchmark.Result r = run.result();
        String report = run.report();
        assertEquals(5_000, r.get("received_prefixes_min"), report);
        assertEquals(5_000, r.get("received_prefixes_max"), report);
        assertEquals(0, r.get("remaining_prefixes_max"), report);
        assertTrue(r.get("announce_s") > 0 && r.get("withdraw_s") > 0, report);
        assertTrue(r.get("cpu_announce_s") >= 0 && r.get("peak_rss_mb") > 0, report);
        assertTrue(r.get("mem_b_per_route") > 0, report);
        assertTrue(report.contains("RESULT bird 2 5000 announce_s "), report);
    }

    @Test
    void aRouterThatSendsNothingFailsWithACount() {
        assertEquals("petrel: receivers got 0 of 1000000 prefixes after 120 s (petrel counted 1000000 prefixes"
                + " received from the injector)", FullTableBenchmark.incompleteMessage("petrel", 0, 0, 1_000_000, true,
                120, "petrel counted 1000000 prefixes received from the injector"));
        assertEquals("bird: receivers got 999000 to 1000000 withdrawn of 1000000 prefixes after 5 s (x)",
                FullTableBenchmark.incompleteMessage("bird", 0, 1000, 1_000_000, false, 5, "x"));
    }
}
