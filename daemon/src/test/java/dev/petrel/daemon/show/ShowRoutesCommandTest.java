package dev.petrel.daemon.show;

import static org.junit.jupiter.api.Assertions.*;

import dev.petrel.daemon.CommandRun;
import dev.petrel.daemon.admin.AdminServer;
import dev.petrel.daemon.admin.Fixtures;
import dev.petrel.daemon.admin.Golden;
import dev.petrel.daemon.admin.RibFixture;
import dev.petrel.daemon.admin.ShowRibInHandler;
import dev.petrel.daemon.admin.ShowRibOutHandler;
import dev.petrel.daemon.admin.ShowRoutesCountHandler;
import dev.petrel.daemon.admin.ShowRoutesHandler;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code petrel show routes}, {@code rib-in} and {@code rib-out} as an operator runs them: through the real admin
 * socket to a daemon whose RIB holds {@link RibFixture}'s table.
 */
@Timeout(30)
class ShowRoutesCommandTest {
    @TempDir
    static Path dir;
    static RibFixture fixture;
    static AdminServer server;
    static String socket;

    @BeforeAll
    static void start() throws Exception {
        fixture = new RibFixture();
        Path s = Fixtures.socketIn(dir);
        server = AdminServer.start(s, Map.of(
                ShowRoutesHandler.COMMAND, new ShowRoutesHandler(fixture.rib),
                ShowRoutesCountHandler.COMMAND, new ShowRoutesCountHandler(fixture.rib),
                ShowRibInHandler.COMMAND, new ShowRibInHandler(fixture.rib),
                ShowRibOutHandler.COMMAND, new ShowRibOutHandler(fixture.rib)));
        socket = s.toString();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        fixture.close();
    }

    static CommandRun show(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "show";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--socket";
        all[args.length + 2] = socket;
        return CommandRun.of(all);
    }

    static String ok(String... args) {
        CommandRun r = show(args);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        return r.out();
    }

    @Test
    void routes() {
        assertEquals(ROUTES, ok("routes"));
    }

    @Test
    void explain() {
        assertEquals(EXPLAIN, ok("routes", "192.0.2.0/24", "--explain"));
        assertTrue(ok("routes", "192.0.2.77", "--explain").startsWith("192.0.2.77 is routed by 192.0.2.0/24: "
                + "3 candidates\n"));
        assertEquals("no route for 192.0.2.0/25\n", ok("routes", "192.0.2.0/25", "--explain"));
    }

    @Test
    void onePrefixAFamilyALimit() {
        assertEquals(LOOP, ok("routes", "198.51.100.0/24"));
        assertEquals(IPV6, ok("routes", "--family", "ipv6-unicast"));
        assertEquals("no route for 198.51.100.1\n", ok("routes", "198.51.100.1"));
        // Cut to two prefixes of the RIB's choosing (the order of its tables), then sorted.
        String cut = ok("routes", "--limit", "2");
        assertTrue(cut.endsWith("\n2 prefixes, 4 paths\ncut at --limit 2: there are more; narrow with PREFIX or "
                + "--family, or raise --limit\n"), cut);
    }

    @Test
    void count() {
        String out = ok("routes", "--count");
        assertTrue(out.startsWith(COUNT), out);
        assertTrue(out.matches("(?s).*\n3 update groups\nMemory \\(estimated\\): [0-9.]+ (B|KiB) for 10 paths, "
                + "[0-9.]+ bytes per route; [0-9]+ attribute sets holding [0-9.]+ (B|KiB)\n"), out);
    }

    @Test
    void ribIn() {
        assertEquals(RIB_IN, ok("rib-in", "tor1"));
    }

    @Test
    void ribOut() {
        assertEquals(RIB_OUT, ok("rib-out", "tor2", "--family", "ipv4-unicast"));
        assertEquals("nothing advertised to down\n", ok("rib-out", "down"));
    }

    @Test
    void jsonIsTheDaemonsAnswerAsItIs() throws Exception {
        assertEquals(Golden.read(dev.petrel.daemon.admin.Golden.class, "show-rib-out.json"),
                ok("rib-out", "tor2", "--json"));
    }

    @Test
    void errorsComeFromTheDaemonAndExitOne() {
        CommandRun r = show("rib-in", "tor9");
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals("petrel show rib-in: the daemon says: no peer named tor9; peers: tor1, tor2, rr, down\n",
                r.err());
        r = show("routes", "192.0.2.0/33");
        assertEquals(1, r.exit());
        assertEquals("petrel show routes: the daemon says: bad prefix 192.0.2.0/33: IPv4 prefix length must be "
                + "0..32, got 33 (expected ADDRESS/LENGTH or an address)\n", r.err());
        r = show("rib-out", "tor1", "--family", "ipv5");
        assertEquals(1, r.exit());
        assertTrue(r.err().endsWith("unknown family ipv5; families: ipv4-unicast, ipv6-unicast, all\n"), r.err());
    }

    @Test
    void usageErrorsAreCaughtBeforeAsking() {
        CommandRun r = show("routes", "--explain");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--explain needs a PREFIX"), r.err());
        r = show("routes", "10.0.0.0/8", "--count");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--count counts the whole RIB"), r.err());
        r = show("rib-in");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Missing required parameter: 'PEER'"), r.err());
    }

    static final String ROUTES = """
               Network           Next Hop        MED  LocPrf  Path           From       Note
            *> 10.0.0.0/8        10.255.3.2      -    100     i              rr path 1
            *                    10.255.3.3      -    100     i              rr path 2
            *> 10.244.1.0/26     self            -    -       i              local
            *> 192.0.2.0/24      10.255.3.2      -    200     65100 i        rr
            *                    10.255.2.2      -    -       65002 65100 i  tor2
            *                    10.255.1.2      50   -       65001 65100 i  tor1
               198.51.100.0/24   10.255.1.2      -    -       65001 65000 i  tor1       AS loop: our AS 65000 appears 1 time in the AS_PATH
            *> 203.0.113.0/25    10.255.2.2      -    -       65002 ?        tor2
            *> 203.0.113.128/25  10.255.2.2      -    -       65002 ?        tor2
            *> 2001:db8::/32     2001:db8:ff::2  -    -       65001 i        tor1

            7 prefixes, 10 paths
            """;
    static final String EXPLAIN = """
            192.0.2.0/24: 3 candidates
            Rank  From  Next Hop    MED  LocPrf  Path           Result
            1     rr    10.255.3.2  -    200     65100 i        best
            2     tor1  10.255.1.2  50   -       65001 65100 i  lost to rr at LOCAL_PREF: LOCAL_PREF 100 < 200
            3     tor2  10.255.2.2  -    -       65002 65100 i  lost to rr at LOCAL_PREF: LOCAL_PREF 100 < 200
            """;
    static final String LOOP = """
               Network          Next Hop    MED  LocPrf  Path           From  Note
               198.51.100.0/24  10.255.1.2  -    -       65001 65000 i  tor1  AS loop: our AS 65000 appears 1 time in the AS_PATH

            1 prefix, 1 path
            """;
    static final String IPV6 = """
               Network        Next Hop        MED  LocPrf  Path     From  Note
            *> 2001:db8::/32  2001:db8:ff::2  -    -       65001 i  tor1

            1 prefix, 1 path
            """;
    static final String COUNT = """
            Family        Prefixes  Paths  Best
            ipv4-unicast  6         9      5
            ipv6-unicast  1         1      1

            Peer  Family        Received  Accepted  Best  Advertised
            tor1  ipv4-unicast  2         1         0     5
            tor1  ipv6-unicast  1         1         1     0
            tor2  ipv4-unicast  3         3         2     3
            tor2  ipv6-unicast  0         0         0     1
            rr    ipv4-unicast  3         3         2     3
            rr    ipv6-unicast  0         0         0     1
            """;
    /** As received: tor1's MED 50 is there, the looped path unmarked with its reason. */
    static final String RIB_IN = """
               Network          Next Hop        MED  LocPrf  Path           From  Note
            *  192.0.2.0/24     10.255.1.2      50   -       65001 65100 i  tor1
               198.51.100.0/24  10.255.1.2      -    -       65001 65000 i  tor1  AS loop: our AS 65000 appears 1 time in the AS_PATH
            *> 2001:db8::/32    2001:db8:ff::2  -    -       65001 i        tor1

            3 prefixes, 3 paths
            """;
    /** To an eBGP peer: our AS prepended, our address as next hop, no LOCAL_PREF. */
    static final String RIB_OUT = """
            Network        Next Hop    MED  LocPrf  Path
            10.0.0.0/8     10.255.2.1  -    -       65000 i
            10.244.1.0/26  10.255.2.1  -    -       65000 i
            192.0.2.0/24   10.255.2.1  -    -       65000 65100 i

            3 prefixes advertised to tor2
            """;
}
