package dev.petrel.daemon.show;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StatusTextTest {
    @Test
    void rendersIdentityUptimePhaseAndReasons() throws Exception {
        String json = """
                {"version":"0.1.0","router_id":"10.255.0.10","local_as":64512,"cluster_id":"10.255.0.100",
                 "started":"2026-12-07T04:00:00Z","time":"2026-12-07T05:02:03Z","uptime_seconds":3723,
                 "phase":"degraded","ready":true,"live":true,"peers":3,"established":2,
                 "reasons":["peer rr-2: session Active, not Established"]}
                """;
        assertEquals("""
                petrel 0.1.0, router ID 10.255.0.10, AS 64512, cluster ID 10.255.0.100
                up 01:02:03 since 2026-12-07T04:00:00Z
                phase degraded, ready, live; 2 of 3 peers Established
                  peer rr-2: session Active, not Established
                """, StatusText.render(new ObjectMapper().readTree(json)));
    }

    @Test
    void aClusterIdThatIsTheRouterIdAndUnknownLivenessAreLeftOut() throws Exception {
        String json = """
                {"version":"0.1.0","router_id":"10.255.0.1","local_as":64512,"cluster_id":"10.255.0.1",
                 "started":"2026-12-07T04:00:00Z","uptime_seconds":5,"phase":"starting","ready":false,
                 "peers":1,"established":0,"reasons":[]}
                """;
        assertEquals("""
                petrel 0.1.0, router ID 10.255.0.1, AS 64512
                up 00:00:05 since 2026-12-07T04:00:00Z
                phase starting, not ready; 0 of 1 peer Established
                """, StatusText.render(new ObjectMapper().readTree(json)));
    }
}
