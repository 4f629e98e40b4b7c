package dev.petrel.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateStreamTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return GenerateStream.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesAnnouncementsAndPrintsCounts() throws Exception {
        Path file = dir.resolve("table.bin");
        assertEquals(0, run("--prefixes", "1_000", "--seed", "7", "--out", file.toString()));
        byte[] expected = FullTableStream.generate(1000, 7);
        assertArrayEquals(expected, Files.readAllBytes(file));
        String printed = out.toString(StandardCharsets.UTF_8);
        int messages = FullTableStreamTest.read(expected).messages;
        assertTrue(printed.contains(messages + " messages, 1000 prefixes announced, " + expected.length + " bytes"),
                printed);
    }

    @Test
    void writesWithdrawals() throws Exception {
        Path file = dir.resolve("withdraw.bin");
        assertEquals(0, run("--withdraw", "--out", file.toString(), "--prefixes", "5000", "--seed", "3"));
        assertArrayEquals(FullTableStream.generateWithdrawals(5000, 3), Files.readAllBytes(file));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("5000 prefixes withdrawn"));
    }

    @Test
    void rejectsBadArguments() {
        assertEquals(2, run("--prefixes", "10"));
        assertEquals(2, run("--prefixes", "ten", "--out", dir.resolve("x").toString()));
        assertEquals(2, run("--out"));
        assertEquals(2, run("--frobnicate", "--out", dir.resolve("x").toString()));
        assertEquals(2, run("--prefixes", "-1", "--out", dir.resolve("x").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: GenerateStream"));
    }
}
