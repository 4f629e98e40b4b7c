package dev.petrel.daemon.admin;

import static dev.petrel.daemon.admin.Golden.answer;
import static dev.petrel.daemon.admin.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The route commands' JSON, from a real RIB holding {@link RibFixture}'s table: golden files and errors. */
@Timeout(30)
class RouteHandlersTest {
    static RibFixture fixture;
    static ShowRoutesHandler routes;
    static ShowRibInHandler ribIn;
    static ShowRibOutHandler ribOut;
    static ShowRoutesCountHandler count;

    @BeforeAll
    static void start() throws Exception {
        fixture = new RibFixture();
        routes = new ShowRoutesHandler(fixture.rib);
        ribIn = new ShowRibInHandler(fixture.rib);
        ribOut = new ShowRibOutHandler(fixture.rib);
        count = new ShowRoutesCountHandler(fixture.rib);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void everyRouteSortedByPrefixBestPathFirst() throws Exception {
        assertGolden(getClass(), "show-routes.json", answer(routes, "{\"command\":\"show-routes\"}"));
    }

    @Test
    void onePrefixExplained() throws Exception {
        assertGolden(getClass(), "show-routes-explain.json", answer(routes,
                "{\"command\":\"show-routes\",\"prefix\":\"192.0.2.0/24\",\"explain\":\"true\"}"));
    }

    @Test
    void anAddressFindsTheLongestPrefixWithABestPath() throws Exception {
        JsonNode a = answer(routes, "{\"command\":\"show-routes\",\"prefix\":\"203.0.113.200\"}");
        assertEquals("203.0.113.200", a.get("prefix").asText());
        assertEquals("203.0.113.128/25", a.get("routes").get(0).get("prefix").asText());
        // 198.51.100.0/24 holds only a looped path: no route forwards 198.51.100.1.
        assertEquals(0, answer(routes, "{\"command\":\"show-routes\",\"prefix\":\"198.51.100.1\"}")
                .get("routes").size());
        a = answer(routes, "{\"command\":\"show-routes\",\"prefix\":\"2001:db8:1::1\",\"explain\":true}");
        assertEquals("2001:db8::/32", a.get("explanation").get("prefix").asText());
    }

    @Test
    void anExactPrefixThatIsNotThereIsNoRouteNotAnError() throws Exception {
        JsonNode a = answer(routes, "{\"command\":\"show-routes\",\"prefix\":\"192.0.2.0/25\",\"explain\":true}");
        assertEquals(0, a.get("routes").size());
        assertTrue(a.get("explanation").isNull());
        // The looped path is held and shown, though not eligible.
        a = answer(routes, "{\"command\":\"show-routes\",\"prefix\":\"198.51.100.0/24\"}");
        assertFalse(a.get("routes").get(0).get("paths").get(0).get("eligible").asBoolean());
    }

    @Test
    void familyAndLimit() throws Exception {
        JsonNode a = answer(routes, "{\"command\":\"show-routes\",\"family\":\"ipv6-unicast\"}");
        assertEquals("ipv6-unicast", a.get("family").asText());
        assertEquals(1, a.get("routes").size());
        a = answer(routes, "{\"command\":\"show-routes\",\"family\":\"ipv4\",\"limit\":\"2\"}");
        assertEquals(2, a.get("routes").size());
        assertTrue(a.get("truncated").asBoolean());
        assertEquals(2, a.get("limit").asInt());
        a = answer(routes, "{\"command\":\"show-routes\",\"limit\":7}");
        assertEquals(7, a.get("routes").size());
        assertFalse(a.get("truncated").asBoolean(), "exactly the limit is not cut");
    }

    @Test
    void ribInHasBothAttributeSetsAndAddPathPathsTogether() throws Exception {
        assertGolden(getClass(), "show-rib-in.json", answer(ribIn, "{\"command\":\"show-rib-in\",\"peer\":\"rr\"}"));
        JsonNode tor1 = answer(ribIn, "{\"command\":\"show-rib-in\",\"peer\":\"tor1\",\"family\":\"ipv4-unicast\"}");
        assertEquals(2, tor1.get("routes").size());
        JsonNode looped = tor1.get("routes").get(1).get("paths").get(0);
        assertEquals("AS loop: our AS 65000 appears 1 time in the AS_PATH", looped.get("ineligible_reason").asText());
        assertEquals("65001 65000", looped.get("received").get("as_path").asText());
        assertTrue(looped.get("attributes").isNull());
    }

    @Test
    void ribOutIsWhatThePeerWasSent() throws Exception {
        assertGolden(getClass(), "show-rib-out.json",
                answer(ribOut, "{\"command\":\"show-rib-out\",\"peer\":\"tor2\"}"));
        JsonNode down = answer(ribOut, "{\"command\":\"show-rib-out\",\"peer\":\"down\"}");
        assertEquals(0, down.get("routes").size(), "a peer that is down has been sent nothing");
    }

    @Test
    void countsPerFamilyPerPeerAndMemory() throws Exception {
        JsonNode a = answer(count, "{\"command\":\"show-routes-count\"}");
        // The memory estimate follows the RIB's internals; here only its arithmetic is checked, and zeroed for the
        // golden file.
        JsonNode m = a.get("memory");
        assertEquals(m.get("table_bytes").asLong() + m.get("path_bytes").asLong()
                + m.get("attribute_set_bytes").asLong(), m.get("total_bytes").asLong());
        assertEquals(m.get("total_bytes").asDouble() / m.get("paths").asLong(), m.get("bytes_per_route").asDouble(),
                0.05);
        assertTrue(m.get("attribute_sets").asLong() > 0);
        for (String f : new String[] {"attribute_sets", "attribute_bytes", "table_bytes", "path_bytes",
                "attribute_set_bytes", "total_bytes", "bytes_per_route"}) {
            ((ObjectNode) m).put(f, 0);
        }
        assertGolden(getClass(), "show-routes-count.json", a);
    }

    @Test
    void addressesAsRfc5952WritesThem() throws Exception {
        assertEquals("2001:db8::1", AttributesJson.address(RibFixture.ip("2001:db8:0:0:0:0:0:1")));
        assertEquals("::ffff:10.255.2.1", AttributesJson.address(
                java.net.Inet6Address.getByAddress(null, dev.petrel.wire.nlri.Ipv6.bytes("::ffff:aff:201"), -1)));
        assertEquals("10.255.2.1", AttributesJson.address(RibFixture.ip("10.255.2.1")));
    }

    @Test
    void unknownPeerNamesThePeersThereAre() {
        for (AdminHandler h : new AdminHandler[] {ribIn, ribOut}) {
            AdminException e = assertThrows(AdminException.class,
                    () -> answer(h, "{\"command\":\"x\",\"peer\":\"tor9\"}"));
            assertEquals("no peer named tor9; peers: tor1, tor2, rr, down", e.getMessage());
            e = assertThrows(AdminException.class, () -> answer(h, "{\"command\":\"x\"}"));
            assertEquals("which peer? (\"peer\" is missing)", e.getMessage());
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertError("bad prefix 10.0.0.300/24: not an IPv4 address: 10.0.0.300 (expected ADDRESS/LENGTH or an "
                + "address)", "\"prefix\":\"10.0.0.300/24\"");
        assertError("bad prefix 10.0.0.0/33: IPv4 prefix length must be 0..32, got 33 (expected ADDRESS/LENGTH or "
                + "an address)", "\"prefix\":\"10.0.0.0/33\"");
        assertError("bad prefix tor1: not an IPv4 address: tor1 (expected ADDRESS/LENGTH or an address)",
                "\"prefix\":\"tor1\"");
        assertError("unknown family ipv4-multicast; families: ipv4-unicast, ipv6-unicast, all",
                "\"family\":\"ipv4-multicast\"");
        assertError("prefix 2001:db8::/32 is not in family ipv4-unicast",
                "\"prefix\":\"2001:db8::/32\",\"family\":\"ipv4-unicast\"");
        assertError("limit must be from 1 to 100000, got 0", "\"limit\":\"0\"");
        assertError("limit must be a number from 1 to 100000, got lots", "\"limit\":\"lots\"");
        assertError("explain needs a prefix: which route should be explained?", "\"explain\":true");
        assertError("explain must be true or false, got yes", "\"prefix\":\"10.0.0.0/8\",\"explain\":\"yes\"");
    }

    private static void assertError(String message, String args) {
        AdminException e = assertThrows(AdminException.class,
                () -> answer(routes, "{\"command\":\"show-routes\"," + args + "}"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aBusyRibIsSaidToBeBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // Hold the RIB thread, as a burst of UPDATEs would.
        fixture.rib.query(Fixtures.holdUntil(release));
        try {
            AdminException e = assertThrows(AdminException.class, () -> answer(
                    new ShowRoutesCountHandler(fixture.rib, Duration.ofMillis(200)), "{\"command\":\"x\"}"));
            assertTrue(e.getMessage().startsWith("the RIB did not answer within 200ms ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("commands queued ahead of the question); try again"), e.getMessage());
        } finally {
            release.countDown();
        }
        fixture.sync();
    }
}
