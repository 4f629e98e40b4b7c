package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.interop.harness.Announcement;
import dev.petrel.interop.harness.Await;
import dev.petrel.interop.harness.BgpPath;
import dev.petrel.interop.harness.BgpState;
import dev.petrel.interop.harness.BirdConfig;
import dev.petrel.interop.harness.BirdOutput;
import dev.petrel.interop.harness.Capability;
import dev.petrel.interop.harness.FrrConfig;
import dev.petrel.interop.harness.FrrOutput;
import dev.petrel.interop.harness.KernelCounters;
import dev.petrel.interop.harness.PeerSnapshot;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Parsers and config generators on captured BIRD 2.0.12 / FRR 8.4 output; no daemons needed. */
class ParserTest {

    static final String BIRD_ESTABLISHED = """
            BIRD 2.0.12 ready.
            Name       Proto      Table      State  Since         Info
            peer1      BGP        ---        up     16:34:20.560  Established   \s
              BGP state:          Established
                Neighbor address: 10.255.1.2
                Neighbor AS:      65002
                Local AS:         65001
                Neighbor ID:      10.255.1.2
                Local capabilities
                  Multiprotocol
                    AF announced: ipv4 ipv6
                  Route refresh
                  Graceful restart
                  4-octet AS numbers
                  Enhanced refresh
                  Long-lived graceful restart
                Neighbor capabilities
                  Multiprotocol
                    AF announced: ipv4
                  Route refresh
                  Extended message
                  Graceful restart
                  4-octet AS numbers
                  ADD-PATH
                    RX: ipv4
                    TX:
                  Enhanced refresh
                  Long-lived graceful restart
                    LL stale time: 0
                    AF supported:
                    AF preserved: ipv4
                  Hostname: bbx15143
                Session:          external AS4
                Source address:   10.255.1.1
                Hold timer:       5.743/9
                Keepalive timer:  0.605/3
              Channel ipv4
                State:          UP
                Table:          master4
            """;

    static final String BIRD_ACTIVE = """
            BIRD 2.0.12 ready.
            Name       Proto      Table      State  Since         Info
            peer1      BGP        ---        start  16:34:45.188  Active        Socket: Connection reset by peer
              Message:        going down for test
              BGP state:          Active
                Neighbor address: 10.255.1.2
                Neighbor AS:      65002
                Local AS:         65001
                Connect delay:    0.649/1
                Last error:       Socket: Connection reset by peer
              Channel ipv4
                State:          DOWN
            """;

    static final String FRR_NEIGHBOR = """
            {
              "10.255.1.1":{
                "remoteAs":65001,
                "bgpState":"Established",
                "bgpTimerHoldTimeMsecs":9000,
                "bgpTimerKeepAliveIntervalMsecs":3000,
                "neighborCapabilities":{
                  "4byteAs":"advertisedAndReceived",
                  "extendedMessage":"advertised",
                  "addPath":{"ipv4Unicast":{"rxAdvertised":true}},
                  "longLivedGracefulRestart":"advertisedAndReceived",
                  "routeRefresh":"advertisedAndReceivedNew",
                  "enhancedRouteRefresh":"advertisedAndReceived",
                  "multiprotocolExtensions":{
                    "ipv4Unicast":{"advertisedAndReceived":true},
                    "ipv6Unicast":{"received":true}
                  },
                  "hostName":{"advHostName":"bb","advDomainName":"n\\/a"},
                  "gracefulRestart":"advertisedAndReceived"
                },
                "lastResetDueTo":"Waiting for peer OPEN",
                "lastResetCode":32
              }
            }
            """;

    static final String FRR_SHUT = """
            {"10.255.1.1":{"bgpState":"Idle","lastErrorCodeSubcode":"0602",
             "lastNotificationReason":"Cease/Administrative Shutdown","lastShutdownDescription":"maintenance now",
             "lastResetDueTo":"BGP Notification received","bgpTimerHoldTimeMsecs":9000}}
            """;

    @Test
    void birdEstablished() {
        PeerSnapshot s = BirdOutput.protocol("peer1", BIRD_ESTABLISHED);
        assertEquals(BgpState.ESTABLISHED, s.state());
        assertEquals(9, s.holdTimeSeconds());
        assertEquals(3, s.keepaliveSeconds());
        assertEquals(EnumSet.of(Capability.MULTIPROTOCOL, Capability.ROUTE_REFRESH, Capability.EXTENDED_MESSAGE,
                Capability.GRACEFUL_RESTART, Capability.FOUR_OCTET_AS, Capability.ADD_PATH,
                Capability.ENHANCED_ROUTE_REFRESH, Capability.LONG_LIVED_GRACEFUL_RESTART, Capability.HOSTNAME),
                s.neighborCapabilities());
        assertTrue(s.localCapabilities().contains(Capability.MULTIPROTOCOL));
        assertEquals(Set.of("ipv4"), s.neighborAfis());
        assertNull(s.lastError());
        assertTrue(s.toString().contains("Hostname: bbx15143"), "raw text kept");
    }

    @Test
    void birdActiveWithErrorAndMessage() {
        PeerSnapshot s = BirdOutput.protocol("peer1", BIRD_ACTIVE);
        assertEquals(BgpState.ACTIVE, s.state());
        assertEquals("Socket: Connection reset by peer", s.lastError());
        assertEquals("going down for test", s.shutdownMessage());
        assertNull(s.holdTimeSeconds());
        assertTrue(s.neighborCapabilities().isEmpty());
    }

    @Test
    void birdGarbageIsUnknownWithRawText() {
        PeerSnapshot s = BirdOutput.protocol("peer1", "Unable to connect to server control socket");
        assertEquals(BgpState.UNKNOWN, s.state());
        assertTrue(s.toString().contains("Unable to connect"));
    }

    @Test
    void birdRoutes() {
        String raw = """
                BIRD 2.0.12 ready.
                Table master4:
                10.255.200.0/24      blackhole [static4 16:33:59.644] * (200)
                10.255.201.0/24      unicast [frr 16:34:21.001] * (100) [AS65002i]
                \tvia 10.255.1.2 on va0
                Table master6:
                fd00:255:f201::/48   unicast [frr 16:34:21.001] * (100) [AS65002i]
                """;
        assertEquals(Set.of("10.255.200.0/24", "10.255.201.0/24", "fd00:255:f201::/48"), BirdOutput.routes(raw));
    }

    @Test
    void frrEstablished() {
        PeerSnapshot s = FrrOutput.neighbor("10.255.1.1", FRR_NEIGHBOR);
        assertEquals(BgpState.ESTABLISHED, s.state());
        assertEquals(9, s.holdTimeSeconds());
        assertEquals(3, s.keepaliveSeconds());
        assertEquals(EnumSet.of(Capability.FOUR_OCTET_AS, Capability.LONG_LIVED_GRACEFUL_RESTART,
                Capability.ROUTE_REFRESH, Capability.ENHANCED_ROUTE_REFRESH, Capability.MULTIPROTOCOL,
                Capability.GRACEFUL_RESTART), s.neighborCapabilities());
        assertTrue(s.localCapabilities().containsAll(EnumSet.of(Capability.EXTENDED_MESSAGE, Capability.ADD_PATH,
                Capability.HOSTNAME)));
        assertEquals(Set.of("ipv4", "ipv6"), s.neighborAfis());
    }

    @Test
    void frrShutdownCommunication() {
        PeerSnapshot s = FrrOutput.neighbor("10.255.1.1", FRR_SHUT);
        assertEquals(BgpState.IDLE, s.state());
        assertEquals("0602", s.lastErrorCode());
        assertEquals("maintenance now", s.shutdownMessage());
        assertEquals("BGP Notification received; Cease/Administrative Shutdown", s.lastError());
        assertNull(s.holdTimeSeconds(), "hold time only while established");
    }

    @Test
    void frrNotJson() {
        assertEquals(BgpState.UNKNOWN, FrrOutput.neighbor("10.255.1.1", "% No such neighbor").state());
        assertEquals(Set.of("10.0.0.0/8"), FrrOutput.routes("{\"routes\":{\"10.0.0.0/8\":[]}}"));
    }

    @Test
    void stateNames() {
        assertEquals(BgpState.OPEN_SENT, BgpState.parse("OpenSent"));
        assertEquals(BgpState.OPEN_CONFIRM, BgpState.parse("Open confirm"));
        assertEquals(BgpState.IDLE, BgpState.parse("Idle (Admin)"));
        assertEquals(BgpState.DOWN, BgpState.parse("Down"));
        assertEquals(BgpState.UNKNOWN, BgpState.parse("Clearing"));
    }

    @Test
    void configs() {
        String bird = BirdConfig.routerId("10.255.0.1").staticRoute("10.255.200.0/24").staticRoute("fd00:255:f::/48")
                .peer(BirdConfig.BgpPeer.of("n1", "10.255.0.1", 65001, "10.255.0.2", 65002).password("k")
                        .passive(true).ttlSecurity(true).holdTime(30))
                .render();
        assertTrue(bird.contains("neighbor 10.255.0.2 as 65002;"), bird);
        assertTrue(bird.contains("password \"k\";") && bird.contains("passive on;")
                && bird.contains("ttl security on;") && bird.contains("hold time 30;"), bird);
        assertTrue(bird.contains("route fd00:255:f::/48 blackhole;"), bird);
        String frr = FrrConfig.router(65002, "10.255.0.2").network("10.255.201.0/24")
                .neighbor(FrrConfig.Neighbor.of("10.255.0.1", 65001).password("k").ttlSecurityHops(1).passive(true))
                .renderBgpd("h");
        assertTrue(frr.contains(" neighbor 10.255.0.1 remote-as 65001\n"), frr);
        assertTrue(frr.contains(" neighbor 10.255.0.1 password k\n") && frr.contains("ttl-security hops 1")
                && frr.contains(" neighbor 10.255.0.1 passive\n") && frr.contains("timers 3 9"), frr);
        assertTrue(frr.contains("  network 10.255.201.0/24\n  neighbor 10.255.0.1 activate\n"), frr);
    }

    /** {@code birdc show route PREFIX all} with two paths, from BIRD 2.0.12 (the twin of RouteScenarios). */
    static final String BIRD_ROUTE = """
            BIRD 2.0.12 ready.
            Table master4:
            10.255.248.0/24      unicast [i1 19:16:15.617] * (100) [AS65009i]
            \tvia 10.255.228.5 on l8qn51r0h6a
            \tType: BGP univ
            \tBGP.origin: IGP
            \tBGP.as_path: 65009
            \tBGP.next_hop: 10.255.228.5
            \tBGP.local_pref: 200
            \tBGP.community: (65100,5) (65001,7)
                                 unicast [petrel4 19:16:15.530 from 10.255.228.1] (100) [i]
            \tvia 10.255.228.6 on l8qn51r0h6a
            \tType: BGP univ
            \tBGP.origin: Incomplete
            \tBGP.as_path:\s
            \tBGP.next_hop: 10.255.228.6
            \tBGP.med: 50
            \tBGP.local_pref: 100
            """;

    /** {@code vtysh show bgp ipv4 unicast PREFIX json}, from FRR 8.4 (shortened). */
    static final String FRR_ROUTE = """
            {"prefix":"10.255.247.0/24","version":14,"paths":[
              {"aspath":{"string":"65001","length":1},"origin":"IGP","metric":0,"valid":true,"multipath":true,
               "bestpath":{"bestpathFromAs":65001,"overall":true,"selectionReason":"Router ID"},
               "community":{"string":"65100:2 65001:7","list":["65100:2","65001:7"]},
               "nexthops":[{"ip":"10.255.158.2","afi":"ipv4","metric":0,"accessible":true,"used":true}],
               "peer":{"peerId":"10.255.158.2","routerId":"10.255.158.2","type":"external"}},
              {"aspath":{"string":"","length":0},"origin":"incomplete","locPrf":100,"valid":true,"multipath":true,
               "nexthops":[{"ip":"fd00:255:2:1e::1","afi":"ipv6","scope":"global","used":true},
                           {"ip":"fe80::1","afi":"ipv6","scope":"link-local","used":true}],
               "peer":{"peerId":"10.255.158.1","routerId":"10.255.158.1","type":"internal"}},
              {"aspath":{"string":"Local"},"origin":"IGP","weight":32768,"valid":true,
               "nexthops":[{"ip":"0.0.0.0"}],"peer":{"peerId":"0.0.0.0","routerId":"10.255.158.3"}}]}
            """;

    @Test
    void birdRoutePaths() {
        List<BgpPath> paths = BirdOutput.paths("10.255.248.0/24", BIRD_ROUTE);
        assertEquals(2, paths.size(), paths::toString);
        BgpPath a = paths.get(0);
        assertEquals("i1", a.from());
        assertTrue(a.best());
        assertEquals("65009", a.asPath());
        assertEquals("igp", a.origin());
        assertEquals("10.255.228.5", a.nextHop());
        assertEquals(Long.valueOf(200), a.localPref());
        assertNull(a.med());
        assertEquals(List.of("65100:5", "65001:7"), a.communities());
        BgpPath b = paths.get(1);
        assertEquals("petrel4", b.from());
        assertFalse(b.best());
        assertEquals("", b.asPath());
        assertEquals("incomplete", b.origin());
        assertEquals(Long.valueOf(50), b.med());
        assertEquals(List.of(), b.communities());
        assertTrue(BirdOutput.paths("10.255.249.0/24", BIRD_ROUTE).isEmpty());
        assertTrue(BirdOutput.paths("10.255.248.0/24", "BIRD 2.0.12 ready.\nNetwork not found\n").isEmpty());
    }

    @Test
    void frrRoutePaths() {
        List<BgpPath> paths = FrrOutput.paths("10.255.247.0/24", FRR_ROUTE);
        assertEquals(3, paths.size(), paths::toString);
        BgpPath a = paths.get(0);
        assertEquals("10.255.158.2", a.from());
        assertTrue(a.best() && a.multipath());
        assertEquals(Long.valueOf(0), a.med());
        assertNull(a.localPref());
        assertEquals(List.of("65100:2", "65001:7"), a.communities());
        BgpPath b = paths.get(1);
        assertFalse(b.best());
        assertEquals("fd00:255:2:1e::1", b.nextHop(), "the global next hop, not the link-local one");
        assertEquals("incomplete", b.origin());
        assertEquals(Long.valueOf(100), b.localPref());
        assertNull(b.med());
        BgpPath local = paths.get(2);
        assertNull(local.from(), "a network statement's own path");
        assertEquals("", local.asPath());
        assertTrue(FrrOutput.paths("10.255.247.0/24", "% Network not in table").isEmpty());
    }

    @Test
    void announcementsRender() {
        Announcement a = Announcement.of("10.255.244.0/24").prepend(2).med(50).origin("incomplete").localPref(200)
                .community("65100:2");
        String bird = BirdConfig.routerId("10.255.0.2").announce(a).announce(Announcement.of("fd00:255:f241::/48"))
                .peer(BirdConfig.BgpPeer.of("p", "10.255.0.2", 65001, "10.255.0.1", 65002)
                        .export(BirdConfig.BgpPeer.Export.ANNOUNCED).importAll(false))
                .render();
        assertTrue(bird.contains("route 10.255.244.0/24 blackhole;") && bird.contains("route fd00:255:f241::/48"
                + " blackhole;"), bird);
        assertTrue(bird.contains("if source != RTS_STATIC then reject;") && bird.contains("import none;"), bird);
        assertTrue(bird.contains("if net = 10.255.244.0/24 then { bgp_origin = ORIGIN_INCOMPLETE; bgp_med = 50;"
                + " bgp_local_pref = 200; bgp_path.prepend(65001); bgp_path.prepend(65001);"
                + " bgp_community.add((65100,2)); }"), bird);
        String frr = FrrConfig.router(65001, "10.255.0.2").announce(a)
                .neighbor(FrrConfig.Neighbor.of("10.255.0.1", 65002).export(FrrConfig.Neighbor.Export.ANNOUNCED)
                        .importAll(false))
                .renderBgpd("h");
        assertTrue(frr.contains("route-map ANN-10-255-244-0-24 permit 10\n set origin incomplete\n set tag 100\n"
                + " set metric 50\n set local-preference 200\n set as-path prepend 65001 65001\n"
                + " set community 65100:2 additive\nexit\n"), frr);
        assertTrue(frr.contains("  network 10.255.244.0/24 route-map ANN-10-255-244-0-24\n"), frr);
        assertTrue(frr.contains("  neighbor 10.255.0.1 route-map PETREL-NONE in\n"
                + "  neighbor 10.255.0.1 route-map PETREL-LOCAL out\n"), frr);
        assertTrue(frr.contains("route-map PETREL-LOCAL permit 10\n match tag 100\n"), frr);
    }

    @Test
    void awaitCarriesLastObservation() {
        AtomicInteger n = new AtomicInteger();
        AssertionError e = assertThrows(AssertionError.class, () -> Await.until("n reaches 1000",
                Duration.ofMillis(400), n::incrementAndGet, v -> v >= 1000, v -> "raw n=" + v));
        assertTrue(e.getMessage().contains("n reaches 1000") && e.getMessage().contains("raw n="), e.getMessage());
        assertEquals(3, Await.until("n reaches 3", Duration.ofSeconds(5), n::get, v -> v >= 0) >= 0 ? 3 : 0);
        AssertionError never = assertThrows(AssertionError.class, () -> Await.never("n grows",
                Duration.ofSeconds(5), n::incrementAndGet, v -> v > 0));
        assertTrue(never.getMessage().contains("must never happen"), never.getMessage());
        AssertionError gaveUp = assertThrows(AssertionError.class, () -> Await.until("dead", Duration.ofSeconds(30),
                () -> {
                    throw new Await.GiveUp("daemon exited");
                }, v -> true));
        assertTrue(gaveUp.getMessage().contains("daemon exited"));
    }

    @Test
    void kernelCountersUseNstatNames() {
        // /proc/net/snmp, /proc/net/netstat and /proc/net/snmp6 as one cat prints them (shortened).
        String text = """
                Ip: Forwarding DefaultTTL InReceives InHdrErrors
                Ip: 1 64 120 7
                Icmp: InMsgs OutMsgs OutTimeExcds
                Icmp: 0 7 7
                IcmpMsg: OutType11
                IcmpMsg: 7
                TcpExt: SyncookiesSent TCPMinTTLDrop
                TcpExt: 0 3
                Ip6InReceives                   	40
                Ip6InHdrErrors                  	2
                Icmp6OutTimeExcds               	2
                """;
        Map<String, Long> c = KernelCounters.parse(text);
        assertEquals(7L, c.get("IpInHdrErrors"));
        assertEquals(7L, c.get("IcmpOutTimeExcds"));
        assertEquals(7L, c.get("IcmpMsgOutType11"));
        assertEquals(3L, c.get("TcpExtTCPMinTTLDrop"));
        assertEquals(2L, c.get("Ip6InHdrErrors"));
        assertEquals(2L, c.get("Icmp6OutTimeExcds"));
        assertEquals(1L, c.get("IpForwarding"));
    }

    @Test
    void birdReflectionsOfEveryPathFromOneProtocol() {
        // Captured from ReflectorAddPathBirdTest (two paths over ADD-PATH from protocol petrel), with a third route
        // from protocol rr2 (its CLUSTER_LIST of two, as BIRD prints it) added after them.
        String text = """
                BIRD 2.0.12 ready.
                Table master4:
                10.255.247.0/24      unicast [petrel 04:18:09.152 from 10.255.148.1] * (100) [i]
                \tvia 10.255.148.2 on lrxm22x0h3a
                \tType: BGP univ
                \tBGP.origin: IGP
                \tBGP.as_path:\s
                \tBGP.next_hop: 10.255.148.2
                \tBGP.local_pref: 100
                \tBGP.originator_id: 10.255.148.2
                \tBGP.cluster_list: 10.255.0.140
                                     unicast [petrel 04:18:09.138 from 10.255.148.1] (100) [i]
                \tvia 10.255.148.3 on lrxm22x0h3a
                \tType: BGP univ
                \tBGP.origin: IGP
                \tBGP.as_path:\s
                \tBGP.next_hop: 10.255.148.3
                \tBGP.local_pref: 100
                \tBGP.originator_id: 10.255.148.3
                \tBGP.cluster_list: 10.255.0.140
                                     unicast [rr2 04:18:10.001 from 10.255.148.4] (100) [i]
                \tvia 10.255.148.3 on lrxm22x0h3a
                \tType: BGP univ
                \tBGP.origin: IGP
                \tBGP.as_path:\s
                \tBGP.next_hop: 10.255.148.3
                \tBGP.local_pref: 100
                \tBGP.originator_id: 10.255.148.3
                \tBGP.cluster_list: 10.255.0.131 10.255.0.140
                """;
        assertEquals(List.of(new Router.Reflection("10.255.148.2", List.of("10.255.0.140")),
                new Router.Reflection("10.255.148.3", List.of("10.255.0.140"))), BirdRouter.parseReflections(text, "petrel"));
        assertEquals(List.of(new Router.Reflection("10.255.148.3", List.of("10.255.0.131", "10.255.0.140"))),
                BirdRouter.parseReflections(text, "rr2"));
        assertEquals(List.of(), BirdRouter.parseReflections(text, "rr1"));
        // The paths' own parser sees the same two from petrel, in the same order (reflections pair with them).
        List<BgpPath> paths = BirdOutput.paths("10.255.247.0/24", text).stream()
                .filter(p -> "petrel".equals(p.from())).toList();
        assertEquals(List.of("10.255.148.2", "10.255.148.3"), paths.stream().map(BgpPath::nextHop).toList());
    }
}
