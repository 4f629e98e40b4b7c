package dev.petrel.bench.fulltable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reflector modes of the full-table benchmark, small: one client's 2,000 prefixes reflected to 3 others with
 * BIRD, and the Calico mesh (6 clients announcing 3 blocks each, each receiving the other 15 and never its own,
 * which the receivers check) with BIRD and with Petrel. It checks that the harness works end to end and asserts
 * no timing. The real run is {@code benchmarks/reflector.sh}. Skipped without root; BIRD cases without BIRD, the
 * Petrel case without a fresh daemon jar (see {@link FibSmokeTest}).
 */
class ReflectorSmokeTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void birdReflectsOneClientsPrefixesToTheOthers() throws Exception {
        assumeBird();
        FullTableBenchmark.Result r = run(FullTableBenchmark.Options.defaults().withRouter("bird")
                .withSize(3, 2_000).withShape(Router.Shape.REFLECTOR, 1), "fbr");
        assertEquals(2_000, r.get("received_prefixes_min"));
        assertEquals(2_000, r.get("received_prefixes_max"));
    }

    @Test
    @Timeout(60)
    void birdReflectsEveryNodesBlocksToEveryOtherNode() throws Exception {
        assumeBird();
        mesh("bird");
    }

    @Test
    @Timeout(90)
    void petrelReflectsEveryNodesBlocksToEveryOtherNodeAndNoneBack() throws Exception {
        assumeTrue(FibSmokeTest.freshDaemonJar(FullTableBenchmark.findRoot()), "the reflector smoke test runs"
                + " Petrel from daemon/target: build it first (mvn -o package -pl daemon -am -DskipTests)");
        mesh("petrel");
    }

    private void mesh(String router) throws Exception {
        FullTableBenchmark.Result r = run(FullTableBenchmark.Options.defaults().withRouter(router).withSize(6, 0)
                .withShape(Router.Shape.MESH, 3), "fbm");
        assertEquals(18, r.prefixes());
        // What a node holds: the others' 15 blocks; its own 3 back would make 18 (and fail the receivers' check).
        assertEquals(15, r.get("received_prefixes_min"));
        assertEquals(15, r.get("received_prefixes_max"));
    }

    private static void assumeBird() {
        assumeTrue(Exec.run("which", "bird").ok() && Exec.run("which", "birdc").ok(),
                "the reflector smoke test needs BIRD 2 (bird and birdc on the PATH)");
    }

    private FullTableBenchmark.Result run(FullTableBenchmark.Options options, String prefix) throws Exception {
        assumeTrue(Exec.run("id", "-u").output().trim().equals("0"),
                "the reflector smoke test needs root (it creates network namespaces)");
        String name = prefix + ProcessHandle.current().pid() % 1_000_000;
        FullTableBenchmark.Options o = options.withTimeout(20).withOut(dir).withName(name);
        Smoke.Run run = Smoke.run(o);
        FullTableBenchmark.Result r = run.result();
        String report = run.report();
        assertEquals(0, r.get("remaining_prefixes_max"), report);
        assertTrue(r.get("announce_s") > 0 && r.get("withdraw_s") > 0, report);
        return r;
    }
}
