package dev.petrel.daemon.admin;

import static dev.petrel.daemon.admin.Golden.answer;
import static dev.petrel.daemon.admin.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.fib.Fib;
import dev.petrel.fib.kernel.Rtnl;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code show-fib}'s JSON, from a real FIB over an in-memory kernel holding {@link FibFixture}'s routes. */
@Timeout(30)
class ShowFibHandlerTest {
    FibFixture fixture;
    ShowFibHandler handler;

    @BeforeEach
    void start() throws Exception {
        fixture = new FibFixture();
        handler = new ShowFibHandler(fixture.fib);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void everyEntrySortedByPrefixWithTheCounts() throws Exception {
        assertGolden(getClass(), "show-fib.json", answer(handler, "{\"command\":\"show-fib\"}"));
    }

    @Test
    void onePrefix() throws Exception {
        JsonNode a = answer(handler, "{\"command\":\"show-fib\",\"prefix\":\"172.16.0.0/12\"}");
        assertEquals("172.16.0.0/12", a.get("prefix").asText());
        assertEquals(1, a.get("entries").size());
        JsonNode e = a.get("entries").get(0);
        assertEquals("failed", e.get("state").asText());
        assertEquals("ENETUNREACH (Nexthop has invalid gateway)", e.get("problem").asText());
        assertEquals(1, e.get("attempts").asInt());
        assertEquals("10.255.9.9", e.get("desired").get("next_hops").get(0).get("gateway").asText());
        assertTrue(e.get("installed").isNull());
        assertEquals(1, a.get("counts").get("errors").get("ENETUNREACH").asInt());
    }

    @Test
    void aPrefixWithoutAnEntryIsAnError() {
        AdminException e = assertThrows(AdminException.class,
                () -> answer(handler, "{\"command\":\"show-fib\",\"prefix\":\"10.9.0.0/16\"}"));
        assertEquals("no FIB entry for 10.9.0.0/16", e.getMessage());
        e = assertThrows(AdminException.class,
                () -> answer(handler, "{\"command\":\"show-fib\",\"prefix\":\"10.0.0.0/33\"}"));
        assertTrue(e.getMessage().startsWith("bad prefix 10.0.0.0/33"), e.getMessage());
    }

    @Test
    void theLimitCutsTheEntriesNotTheCounts() throws Exception {
        JsonNode a = answer(handler, "{\"command\":\"show-fib\",\"limit\":2}");
        assertEquals(2, a.get("entries").size());
        assertTrue(a.get("truncated").asBoolean());
        assertEquals("10.0.0.0/8", a.get("entries").get(0).get("prefix").asText());
        assertEquals(3, a.get("counts").get("installed").asInt());
        a = answer(handler, "{\"command\":\"show-fib\",\"limit\":\"6\"}");
        assertEquals(6, a.get("entries").size());
        assertFalse(a.get("truncated").asBoolean(), "exactly the limit is not cut");
    }

    @Test
    void theDiffReadsTheKernel() throws Exception {
        // Behind the FIB's back (no notifications): one route of ours gone, one changed.
        fixture.kernel.delete("10.0.0.0/8");
        fixture.kernel.put(FibFixture.route("192.0.2.0/24", Rtnl.RTPROT_BGP, "10.255.7.7"));
        assertGolden(getClass(), "show-fib-diff.json", answer(handler, "{\"command\":\"show-fib\",\"diff\":true}"));
    }

    @Test
    void aKernelThatCannotBeReadIsSaid() {
        fixture.kernel.dumpsFail = true;
        AdminException e = assertThrows(AdminException.class,
                () -> answer(handler, "{\"command\":\"show-fib\",\"diff\":\"true\"}"));
        assertEquals("reading the kernel failed: netlink dump: Connection reset by peer", e.getMessage());
        e = assertThrows(AdminException.class,
                () -> answer(handler, "{\"command\":\"show-fib\",\"diff\":true,\"prefix\":\"10.0.0.0/8\"}"));
        assertEquals("diff compares the whole table: it takes no prefix", e.getMessage());
    }

    @Test
    void theFibOff() {
        AdminException e = assertThrows(AdminException.class,
                () -> answer(new ShowFibHandler(null), "{\"command\":\"show-fib\"}"));
        assertEquals("the kernel FIB is off (kernel.enabled = false)", e.getMessage());
    }

    @Test
    void aBusyFibIsSaidToBeBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // Hold the FIB thread, as a long kernel write would.
        fixture.fib.query(Fixtures.holdUntil(release));
        try {
            AdminException e = assertThrows(AdminException.class, () -> answer(
                    new ShowFibHandler(fixture.fib, Duration.ofMillis(200)), "{\"command\":\"show-fib\"}"));
            assertEquals("the FIB did not answer within 200ms; try again", e.getMessage());
        } finally {
            release.countDown();
        }
        fixture.fib.query(Fib::counts).get(5, TimeUnit.SECONDS);
    }
}
