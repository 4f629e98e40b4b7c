package dev.petrel.daemon.show;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The route tables drawn from JSON the fixture RIB does not produce: multipath, stale, EGP, odd names. */
class RouteTextTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s);
    }

    @Test
    void staleEgpAsSetAndAControlCharacterInAName() throws Exception {
        JsonNode answer = json("""
                {"prefix": null, "routes": [{"prefix": "192.0.2.0/24", "paths": [
                  {"source": "a\\u001b[2J", "source_kind": "peer", "path_id": 0, "best": true, "eligible": true,
                   "stale": true, "next_hop": "10.0.0.1",
                   "attributes": {"origin": "EGP", "as_path": "65001 {65002 65003}", "med": 0, "local_pref": 100}},
                  {"source": "b", "source_kind": "peer", "path_id": 0, "best": false, "eligible": false,
                   "ineligible_reason": "rejected by import policy", "stale": false, "next_hop": "10.0.0.2",
                   "received": {"origin": "INCOMPLETE", "as_path": "65009"}, "attributes": null}]}]}""");
        assertEquals("""
                   Network       Next Hop  MED  LocPrf  Path                   From   Note
                *> 192.0.2.0/24  10.0.0.1  0    100     65001 {65002 65003} e  a?[2J  stale
                                 10.0.0.2  -    -       65009 ?                b      rejected by import policy

                1 prefix, 2 paths
                """, RoutesText.render(answer, false));
    }

    @Test
    void explainMarksMultipathAndNotEligible() throws Exception {
        JsonNode answer = json("""
                {"prefix": "10.0.0.0/8", "explanation": {"prefix": "10.0.0.0/8", "candidates": [
                  {"rank": 1, "multipath": true, "lost_to": null, "lost_at": null, "reason": "best",
                   "path": {"source": "a", "next_hop": "10.0.0.1",
                            "attributes": {"origin": "IGP", "as_path": "65001"}}},
                  {"rank": 2, "multipath": true, "lost_to": "a", "lost_at": "ROUTER_ID",
                   "reason": "router id 10.0.0.2 > 10.0.0.1",
                   "path": {"source": "b", "next_hop": "10.0.0.2",
                            "attributes": {"origin": "IGP", "as_path": "65001"}}},
                  {"rank": 0, "multipath": false, "lost_to": null, "lost_at": null,
                   "reason": "not eligible: next hop 127.0.0.1 is loopback",
                   "path": {"source": "c", "next_hop": "127.0.0.1", "attributes": null,
                            "received": {"origin": "IGP", "as_path": "65003"}}}]}}""");
        assertEquals("""
                10.0.0.0/8: 3 candidates
                Rank  From  Next Hop   MED  LocPrf  Path     Result
                1     a     10.0.0.1   -    -       65001 i  best (multipath)
                2     b     10.0.0.2   -    -       65001 i  lost to a at ROUTER_ID: router id 10.0.0.2 > 10.0.0.1 (multipath)
                -     c     127.0.0.1  -    -       65003 i  not eligible: next hop 127.0.0.1 is loopback
                """, ExplainText.render(answer));
    }

    @Test
    void emptyAnswers() throws Exception {
        assertEquals("no routes\n", RoutesText.render(json("{\"prefix\": null, \"routes\": []}"), false));
        assertEquals("no route for 10.1.1.1\n", RoutesText.render(json("{\"prefix\": \"10.1.1.1\", \"routes\": []}"),
                false));
        assertEquals("no route for 10.0.0.0/8\n",
                ExplainText.render(json("{\"prefix\": \"10.0.0.0/8\", \"explanation\": null}")));
        assertTrue(CountsText.render(json("{\"families\": [], \"peers\": [], \"update_groups\": 0, \"memory\": {}}"))
                .contains("no peer has sent or been sent a route\n"));
    }

    @Test
    void localRoutesWithoutANextHopAreSentWithOurs() throws Exception {
        assertEquals("self", RouteCells.nextHop(json("{\"source_kind\": \"local\", \"next_hop\": null}")));
        assertEquals("-", RouteCells.nextHop(json("{\"source_kind\": \"peer\", \"next_hop\": null}")));
        assertEquals("i", RouteCells.asPath(json("{\"origin\": \"IGP\", \"as_path\": \"\"}")));
        assertEquals("?", RouteCells.asPath(json("{\"origin\": null, \"as_path\": null}")));
    }

    @Test
    void bytesAsAnOperatorReadsThem() {
        assertEquals("0 B", CountsText.bytes(0));
        assertEquals("1023 B", CountsText.bytes(1023));
        assertEquals("1.5 KiB", CountsText.bytes(1536));
        assertEquals("120.0 MiB", CountsText.bytes(120L << 20));
        assertEquals("1.2 GiB", CountsText.bytes((long) (1.2 * (1L << 30))));
    }
}
