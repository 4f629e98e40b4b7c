package dev.petrel.daemon.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.daemon.CommandRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The daemon's log lines as text and as JSON lines, through the real logback.xml of the daemon. */
class LogFormatTest {
    private static final Logger LOG = LoggerFactory.getLogger("dev.petrel.fsm.session.PeerSession");

    @AfterEach
    void backToText() {
        System.clearProperty(LogFormat.PROPERTY);
        LogFormat.text.apply();
    }

    @Test
    void jsonWritesOneObjectPerLineWithTheFormattedMessage() throws Exception {
        assertNull(LogFormat.json.apply());
        String err = captureStderr(() -> {
            LOG.info("peer {}: {} -> {}: {}", "tor-a", "OpenConfirm", "Established", "KEEPALIVE received");
            LOG.warn("peer {}: \"quoted\" and a\nnewline", "tor-b");
        });
        String[] lines = err.strip().split("\n");
        assertEquals(2, lines.length, err);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines[0]);
        assertEquals("INFO", first.get("level").asText());
        assertEquals("dev.petrel.fsm.session.PeerSession", first.get("loggerName").asText());
        assertEquals("peer tor-a: OpenConfirm -> Established: KEEPALIVE received",
                first.get("formattedMessage").asText());
        assertTrue(first.get("timestamp").asLong() > 0, lines[0]);
        JsonNode second = json.readTree(lines[1]);
        assertEquals("WARN", second.get("level").asText());
        assertEquals("peer tor-b: \"quoted\" and a\nnewline", second.get("formattedMessage").asText());
    }

    @Test
    void textIsTheDefaultAndComesBack() throws Exception {
        assertNull(LogFormat.json.apply());
        assertNull(LogFormat.text.apply());
        String err = captureStderr(() -> LOG.info("peer {}: Idle -> Connect", "tor-a"));
        assertTrue(err.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  d\\.p\\.f\\.s\\.PeerSession - peer tor-a: Idle -> Connect\\R"),
                err);
    }

    @Test
    void anUnknownFormatIsRefusedWithTheChoices() {
        CommandRun run = CommandRun.of("run", "--config", "/nonexistent.conf", "--log-format", "xml");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--log-format") && run.err().contains("text, json"), run.err());
    }

    private static String captureStderr(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
