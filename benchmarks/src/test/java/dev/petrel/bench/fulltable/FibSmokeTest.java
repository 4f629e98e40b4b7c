package dev.petrel.bench.fulltable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel FIB mode of the full-table benchmark, small: 2,000 prefixes into the router namespace's FIB and out
 * again, with BIRD's kernel protocol and with Petrel's kernel FIB. It checks that the harness works end to end
 * (namespaces, the router's kernel export, the notification counter reaching N and then 0, the dumps agreeing,
 * teardown) and asserts no timing. The real run is {@code benchmarks/fulltable.sh --fib}. Skipped without root;
 * the BIRD case without BIRD, the Petrel case without a daemon jar newer than every main source (bin/petrel would
 * otherwise build it, online, inside the test).
 */
class FibSmokeTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void birdsKernelProtocolInstallsTwoThousandRoutesAndRemovesThem() throws Exception {
        assumeTrue(Exec.run("which", "bird").ok() && Exec.run("which", "birdc").ok(),
                "the FIB smoke test needs BIRD 2 (bird and birdc on the PATH)");
        check("bird", 12);
    }

    @Test
    @Timeout(45)
    void petrelsKernelFibInstallsTwoThousandRoutesAndRemovesThem() throws Exception {
        Path root = FullTableBenchmark.findRoot();
        assumeTrue(freshDaemonJar(root), "the FIB smoke test runs Petrel from daemon/target: build it first"
                + " (mvn -o package -pl daemon -am -DskipTests)");
        check("petrel", 186);
    }

    private void check(String router, int protocol) throws Exception {
        assumeTrue(Exec.run("id", "-u").output().trim().equals("0"),
                "the FIB smoke test needs root (it creates network namespaces)");
        String name = "fbf" + ProcessHandle.current().pid() % 1_000_000;
        FullTableBenchmark.Options o = FullTableBenchmark.Options.defaults().withRouter(router).withSize(0, 2_000)
                .withTimeout(15).withOut(dir).withName(name).withFib(1);
        Smoke.Run run = Smoke.run(o);
        FullTableBenchmark.Result r = run.result();
        String report = run.report();
        assertEquals(2_000, r.get("fib_routes_loaded"), report); // the dump after the announcement
        assertEquals(0, r.get("fib_routes_end"), report); // the dump after the withdrawal
        assertTrue(r.get("fib_announce_s") > 0 && r.get("fib_withdraw_s") > 0, report);
        assertTrue(r.get("cpu_announce_s") >= 0 && r.get("idle_cpu_s") >= 0 && r.get("peak_rss_mb") > 0, report);
        assertEquals(0, r.get("overruns"), report);
        assertTrue(report.contains("routes of protocol " + protocol + " in table 254"), report);
        assertTrue(report.contains("RESULT " + router + " 0 2000 fib_announce_s "), report);
    }

    @Test
    void theFibModeConfiguresTheRoutersKernelExport() {
        String bird = BirdRouter.config(0, true, 2, Router.Shape.EBGP);
        assertTrue(bird.contains("protocol kernel {\n  ipv4 { export all; };\n  merge paths on;\n  scan time 2;\n}"),
                bird);
        assertFalse(BirdRouter.config(0, true, 0, Router.Shape.EBGP).contains("scan time"));
        assertFalse(BirdRouter.config(1).contains("protocol kernel"));
        assertTrue(PetrelRouter.config(0, "/tmp/s", true, Router.Shape.EBGP).contains("  kernel { enabled = true }\n"));
        assertFalse(PetrelRouter.config(1, "/tmp/s").contains("kernel"));
    }

    /** bin/petrel's own test: a daemon jar, and no main source or pom newer than it. */
    static boolean freshDaemonJar(Path root) throws IOException {
        Path jar;
        try (Stream<Path> s = Files.list(root.resolve("daemon/target"))) {
            jar = s.filter(p -> p.getFileName().toString().matches("petrel-daemon-.*\\.jar")
                            && !p.getFileName().toString().matches(".*-(sources|tests|javadoc)\\.jar"))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return false;
        }
        if (jar == null) {
            return false;
        }
        FileTime built = Files.getLastModifiedTime(jar);
        try (Stream<Path> modules = Files.list(root)) {
            for (Path m : modules.toList()) {
                if (Files.isRegularFile(m.resolve("pom.xml")) && newer(m.resolve("pom.xml"), built)) {
                    return false;
                }
                Path main = m.resolve("src/main");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        if (files.anyMatch(f -> Files.isRegularFile(f) && newer(f, built))) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    private static boolean newer(Path f, FileTime than) {
        try {
            return Files.getLastModifiedTime(f).compareTo(than) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
