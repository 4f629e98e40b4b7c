package dev.petrel.bench.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness of the sessions-at-scale benchmark, small: 50 peers on the host's loopback, a 4 s idle window. It
 * checks that the test speakers' JVM starts, every session comes up and stays up, and every figure is produced;
 * it asserts no timing (CI machines are shared). The real run is {@code benchmarks/scale.sh}, never part of the
 * build.
 */
class ScaleBenchmarkSmokeTest {
    @TempDir
    Path dir;

    @Test
    void fiftyPeersComeUpAndStayUp() throws Exception {
        ScaleBenchmark.Options d = ScaleBenchmark.Options.defaults();
        ScaleBenchmark.Options o = new ScaleBenchmark.Options(50, true, 9, 3, 4, "127.0.0.1", 0, 1, true, false, 30,
                3100, d.speakerJavaOpts(), dir.resolve("petrel.log"), 5, 0);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ScaleBenchmark.Result r;
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            r = ScaleBenchmark.run(o, out);
        }
        String report = text.toString(StandardCharsets.UTF_8);
        assertEquals(50, r.established(), report);
        assertEquals(0, r.drops(), report);
        assertEquals(0, r.notifications(), report);
        assertEquals(0, r.sessionsWithoutIdleKeepalive(), report); // every session had a KEEPALIVE in the window
        assertTrue(r.keepalivesReceived() >= 50, report);
        assertTrue(r.allEstablishedMs() > 0, report);
        assertTrue(r.heapPerPeer() > 0 && r.heapPerConnection() > 0, report);
        assertTrue(report.contains("RESULT heap_per_peer_bytes"), report);
        assertTrue(report.contains("What an Established idle session holds"), report);
    }

    @Test
    void configNamesEveryPeerByItsOwnAddress() {
        ScaleBenchmark.Options d = ScaleBenchmark.Options.defaults();
        String c = ScaleBenchmark.config(d, 179);
        assertTrue(c.contains("{ name = p00000, address = \"127.1.0.1\", remote-as = 65000 }"), c);
        assertTrue(c.contains("{ name = p00999, address = \"127.1.3.250\", remote-as = 65000 }"), c);
        assertEquals(999, ScaleAddresses.index("p00999"));
        assertEquals((10 << 24) | (255 << 16) | (3 << 8) | 250, ScaleAddresses.routerId(999));
    }
}
