package dev.petrel.bench.fulltable;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The smoke tests' one run of the benchmark: its result and report, and a check that no namespace is left. */
final class Smoke {
    record Run(FullTableBenchmark.Result result, String report) {}

    private Smoke() {}

    static Run run(FullTableBenchmark.Options o) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        FullTableBenchmark.Result r;
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            r = FullTableBenchmark.run(o, out);
        } finally {
            String namespaces = Exec.run("ip", "netns", "list").output();
            assertFalse(namespaces.contains(o.name() + "-"), "namespaces left behind:\n" + namespaces);
        }
        return new Run(r, text.toString(StandardCharsets.UTF_8));
    }
}
