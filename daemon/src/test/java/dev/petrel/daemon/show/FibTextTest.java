package dev.petrel.daemon.show;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.daemon.CommandRun;
import dev.petrel.daemon.admin.AdminServer;
import dev.petrel.daemon.admin.Fixtures;
import dev.petrel.daemon.admin.Golden;
import dev.petrel.daemon.admin.ShowFibHandler;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code show fib} as text, drawn from the handler's golden answers and from JSON the fixture does not produce. */
@Timeout(30)
class FibTextTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode golden(String name) throws Exception {
        return MAPPER.readTree(Golden.read(Golden.class, name));
    }

    static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s);
    }

    @Test
    void everyState() throws Exception {
        assertEquals("""
                installed 3, pending 0, failed 1, refused 1, stale 1; waiting for End-of-RIB from tor2
                write errors since start: ENETUNREACH 1
                Prefix           State      Next Hops               Metric  Peer  Problem
                10.0.0.0/8       installed  10.255.1.1              20      tor1  -
                172.16.0.0/12    failed     10.255.9.9              20      tor2  ENETUNREACH (Nexthop has invalid gateway) (1 attempt)
                192.0.2.0/24     installed  10.255.1.1, 10.255.2.1  20      tor1  -
                198.51.100.0/24  stale      10.255.3.1              20      -     -
                203.0.113.0/24   refused    10.255.2.1              20      tor2  table 254 holds a route of protocol 4 for 203.0.113.0/24 with metric 20: Petrel does not replace routes it does not own
                2001:db8::/32    installed  2001:db8:ff::2          20      tor2  -
                """, FibText.render(golden("show-fib.json")));
    }

    @Test
    void theDiff() throws Exception {
        assertEquals("""
                installed 3, pending 0, failed 1, refused 1, stale 1; waiting for End-of-RIB from tor2
                write errors since start: ENETUNREACH 1
                missing from the kernel:
                  10.0.0.0/8 via 10.255.1.1 metric 20
                  172.16.0.0/12 via 10.255.9.9 metric 20
                ours in the kernel, not wanted:
                  198.51.100.0/24 via 10.255.3.1 metric 20
                different:
                  want 192.0.2.0/24 via 10.255.1.1 via 10.255.2.1 metric 20
                    kernel has 192.0.2.0/24 via 10.255.7.7 metric 20
                """, FibText.render(golden("show-fib-diff.json")));
    }

    static final String COUNTS = """
            {"installed": 2, "pending": 1, "failed": 0, "refused": 0, "stale": 0, "errors": {},
             "converged": true, "waiting_for": []}""";

    @Test
    void convergedAndTheKernelMatches() throws Exception {
        assertEquals("installed 2, pending 1, failed 0, refused 0, stale 0; converged\nthe kernel matches\n",
                FibText.render(json("{\"counts\": " + COUNTS + ", \"entries\": null, \"diff\": "
                        + "{\"missing\": [], \"extra\": [], \"different\": []}}")));
        assertEquals("installed 0, pending 0, failed 0, refused 0, stale 0; not converged yet\nno FIB entries\n",
                FibText.render(json("{\"counts\": {\"converged\": false, \"waiting_for\": []}, \"entries\": [],"
                        + " \"diff\": null}")));
    }

    @Test
    void onePrefixShowsBothSidesWeightsInterfacesAndTheCut() throws Exception {
        JsonNode answer = json("{\"counts\": " + COUNTS + """
                , "prefix": "192.0.2.0/24", "limit": 1, "truncated": false, "diff": null, "entries": [
                  {"prefix": "192.0.2.0/24", "state": "pending", "peer": "a\\u001b[2J", "problem": null,
                   "attempts": 0,
                   "desired": {"prefix": "192.0.2.0/24", "type": "unicast", "metric": 20, "next_hops": [
                     {"gateway": "10.0.0.1", "ifindex": 0, "weight": 2, "onlink": false},
                     {"gateway": "fe80::1", "ifindex": 3, "weight": 1, "onlink": true}]},
                   "installed": {"prefix": "192.0.2.0/24", "type": "blackhole", "metric": 20,
                     "next_hops": []}}]}""");
        assertEquals("""
                installed 2, pending 1, failed 0, refused 0, stale 0; converged
                Prefix        State    Next Hops                                Metric  Peer   Problem
                192.0.2.0/24  pending  10.0.0.1 weight 2, fe80::1 dev#3 onlink  20      a?[2J  -
                wanted:    192.0.2.0/24 via 10.0.0.1 weight 2 via fe80::1 dev#3 onlink metric 20
                in kernel: blackhole 192.0.2.0/24 metric 20
                """, FibText.render(answer));
        ((com.fasterxml.jackson.databind.node.ObjectNode) answer).put("truncated", true);
        assertTrue(FibText.render(answer).endsWith("cut at --limit 1: there are more; raise --limit\n"));
    }

    @TempDir
    Path dir;

    @Test
    void theCommandAsksTheDaemon() throws Exception {
        Path socket = Fixtures.socketIn(dir);
        try (AdminServer server = AdminServer.start(socket, Map.of(ShowFibHandler.COMMAND, new ShowFibHandler(null)))) {
            CommandRun r = CommandRun.of("show", "fib", "--socket", socket.toString());
            assertEquals(1, r.exit());
            assertEquals("", r.out());
            assertEquals("petrel show fib: the daemon says: the kernel FIB is off (kernel.enabled = false)\n", r.err());
            r = CommandRun.of("show", "fib", "10.0.0.0/8", "--diff", "--socket", socket.toString());
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("--diff compares the whole table: it takes no PREFIX"), r.err());
        }
    }
}
