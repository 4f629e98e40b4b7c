package dev.petrel.daemon.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    @Test
    void sessionComesUpThenTheShutdownMessageArrivesAndTheReadmeQuotesIt() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = new DemoCommand().run(new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, out);
        assertTrue(out.matches("(?s).*tor +127\\.0\\.0\\.2 +65001 +Established .*"), out);
        assertTrue(out.contains("capabilities [four-octet-as, route-refresh, enhanced-route-refresh,"
                + " extended-message, graceful-restart, graceful-restart-notification]"), out);
        assertTrue(out.matches("(?s).*\\*> 10\\.244\\.1\\.0/26 +10\\.255\\.1\\.1 .*64512 i +node.*"),
                "the tor learns the node's pod block:\n" + out);
        String last = out.lines().filter(l -> l.startsWith("node's last error:")).findFirst().orElseThrow();
        assertTrue(last.contains("hard reset of 6/2 Cease / Administrative Shutdown: \""
                + DemoCommand.SHUTDOWN_MESSAGE + "\""), last);
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(last), "README.md quotes a line the demo no longer prints:\n" + last);
    }
}
