package dev.petrel.daemon.decode;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SampleSessionTest {
    @Test
    void committedSampleIsWhatTheEncoderWrites() throws Exception {
        Path sample = Path.of("samples/session.bgp");
        byte[] expected = SampleSession.bytes();
        if (Boolean.getBoolean("petrel.regenerate")) {
            Files.write(sample, expected);
        }
        assertArrayEquals(expected, Files.readAllBytes(sample),
                "samples/session.bgp is stale: rerun with -Dpetrel.regenerate=true and review the diff");
    }
}
