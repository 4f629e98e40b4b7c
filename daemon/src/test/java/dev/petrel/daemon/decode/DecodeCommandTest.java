package dev.petrel.daemon.decode;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.daemon.CommandRun;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code petrel decode} as a user runs it: arguments in, JSON lines out. */
class DecodeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TESTDATA = Path.of("../shared/testdata");

    record Run(int exit, String out, String err) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> l = new ArrayList<>();
            for (String s : out.split("\n")) {
                if (!s.isBlank()) {
                    l.add(JSON.readTree(s));
                }
            }
            return l;
        }
    }

    static Run run(String... args) {
        CommandRun r = CommandRun.of(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    @Test
    void sampleSessionDecodesToTheDocumentedObjects() throws Exception {
        Run r = run("decode", "samples/session.bgp");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> l = r.lines();
        assertEquals(11, l.size(), r.out());
        assertEquals("OPEN", l.get(0).get("type").asText());
        assertEquals(65001, l.get(0).get("as").asLong());
        assertEquals("KEEPALIVE", l.get(1).get("type").asText());
        JsonNode pods = l.get(2);
        assertEquals("UPDATE", pods.get("type").asText());
        assertEquals("[\"10.42.0.0/26\",\"10.42.0.64/26\",\"10.42.1.0/26\"]", pods.get("nlri").toString());
        assertEquals("65001 65010", pods.get("attributes").get("as_path").asText());
        assertEquals("[\"65001:100\",\"no-export\"]", pods.get("attributes").get("communities").toString());
        assertEquals("none", pods.get("action").asText());
        JsonNode v6 = l.get(4);
        assertEquals("[\"fd00:42::/64\",\"fd00:42:0:1::/64\"]", v6.get("nlri").toString());
        assertEquals("fe80::1", v6.get("attributes").get("mp_reach_nlri").get("link_local_next_hop").asText());
        assertEquals("ipv4-unicast", l.get(5).get("end_of_rib").asText());
        assertEquals("ipv6-unicast", l.get(6).get("end_of_rib").asText());
        assertEquals("[\"10.42.1.0/26\",\"fd00:42:0:1::/64\"]", l.get(8).get("withdrawn").toString());
        JsonNode bad = l.get(9);
        assertEquals("treat-as-withdraw", bad.get("action").asText());
        assertEquals("[\"10.42.7.0/24\"]", bad.get("nlri").toString());
        assertTrue(bad.get("problems").get(0).get("description").asText().contains("ORIGIN value 7"));
        JsonNode bye = l.get(10);
        assertEquals("NOTIFICATION", bye.get("type").asText());
        assertEquals("maintenance: replacing optics, back at 14:00 UTC",
                bye.get("shutdown_communication").get("text").asText());
    }

    @Test
    void theReadmeShowsWhatTheDemoPrints() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String malformed = run("decode", "samples/session.bgp").out().lines()
                .filter(l -> l.contains("\"treat-as-withdraw\"")).findFirst().orElseThrow();
        assertTrue(readme.contains(malformed), "README.md quotes an output line the demo no longer prints:\n" + malformed);
    }

    @Test
    void summaryCountsMessagesAndPrefixes() {
        Run r = run("decode", "--summary", "samples/session.bgp");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("format: RAW"), r.out());
        assertTrue(r.out().contains("prefixes: announced 6, withdrawn 3, end-of-rib markers 2"), r.out());
        assertTrue(r.out().contains("TREAT_AS_WITHDRAW=1"), r.out());
    }

    @Test
    void badHeaderIsASessionResetAndDecodingGoesOn(@TempDir Path dir) throws Exception {
        byte[] keepalive = new byte[19];
        java.util.Arrays.fill(keepalive, 0, 16, (byte) 0xff);
        keepalive[17] = 19;
        keepalive[18] = 4;
        byte[] badLength = keepalive.clone();
        badLength[17] = 18;
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(badLength);
        s.writeBytes(keepalive);
        Path f = dir.resolve("stream.bin");
        Files.write(f, s.toByteArray());
        List<JsonNode> l = run("decode", f.toString()).lines();
        assertEquals("session-reset", l.get(0).get("action").asText());
        assertEquals(1, l.get(0).get("notification").get("code").asInt());
        assertEquals(2, l.get(0).get("notification").get("subcode").asInt());
        assertEquals("KEEPALIVE", l.get(l.size() - 1).get("type").asText());
    }

    @Test
    void missingFileIsAClearError() {
        Run r = run("decode", "no/such/file.pcap");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no such file"), r.err());
    }

    @Test
    void captureWithOpensUsesTheNegotiatedContext() throws Exception {
        Path f = TESTDATA.resolve("tcpdump/bgp-role.pcapng");
        Assumptions.assumeTrue(Files.exists(f), "../shared/testdata is absent");
        List<JsonNode> l = run("decode", f.toString()).lines();
        JsonNode open = l.get(0);
        assertEquals("OPEN", open.get("type").asText());
        boolean sawOtc = false;
        for (JsonNode n : l) {
            if (n.has("attributes") && n.get("attributes").has("otc")) {
                sawOtc = true;
                assertEquals("none", n.get("action").asText(), n.toString());
            }
        }
        assertTrue(sawOtc, "bgp-role.pcapng carries OTC (RFC 9234) attributes");
    }

    /**
     * bgpdump's sample ends its NLRI with {@code 0d 0b 0d 0b}: 11.8.0.0/13 written with host bits, then a lone
     * {@code 0b}, a /11 with no address octets. bgpdump prints the first prefix and drops the rest silently; RFC 7606
     * §5.3 makes an overrunning prefix a syntax error that resets the session, and that is what a speaker must do.
     */
    @Test
    void truncatedLastPrefixIsASessionResetNotASilentDrop() throws Exception {
        Path f = TESTDATA.resolve("bgpdump/test_data/updates.nlri_mask_trailing_bits.gz");
        Assumptions.assumeTrue(Files.exists(f), "../shared/testdata is absent");
        JsonNode u = run("decode", f.toString()).lines().get(0);
        assertEquals("session-reset", u.get("action").asText(), u.toString());
        assertEquals(10, u.get("notification").get("subcode").asInt());
        assertTrue(u.get("problems").get(0).get("description").asText().contains("/11 at octet 3 runs past"));
    }

    @Test
    void everyTestDataFileDecodesWithoutAnException() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(TESTDATA), "../shared/testdata is absent");
        List<Path> files;
        try (var s = Files.walk(TESTDATA)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Run r = run("decode", "--summary", f.toString());
            assertEquals(0, r.exit(), f + ": " + r.err());
            assertFalse(r.err().contains("Exception"), f + ": " + r.err());
        }
    }
}
