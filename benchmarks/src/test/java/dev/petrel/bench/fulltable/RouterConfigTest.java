package dev.petrel.bench.fulltable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.config.ConfigLoader;
import dev.petrel.config.ConfigResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated router configurations, without starting a router. */
class RouterConfigTest {
    @Test
    void petrelConfigIsValidAndHasOnePassivePeerPerSpeaker() {
        String conf = PetrelRouter.config(10, "/tmp/petrel-fulltable-x/petrel.sock");
        ConfigResult r = ConfigLoader.parse(conf, "fulltable");
        ConfigResult.Valid valid = assertInstanceOf(ConfigResult.Valid.class, r, () -> r.errors().toString());
        assertEquals(11, valid.config().peers().size());
        assertTrue(conf.contains("{ name = injector, address = \"10.255.0.1\", remote-as = 65001, import = all,"
                + " export = none }"), conf);
        assertTrue(conf.contains("{ name = r09, address = \"10.255.2.19\", remote-as = 65002, import = none,"
                + " export = all }"), conf);
        assertTrue(conf.contains("passive = true"), conf);
    }

    @Test
    void birdConfigHasOneProtocolPerSpeakerAndNoKernelProtocol() {
        String conf = BirdRouter.config(2);
        assertTrue(conf.contains("protocol bgp injector {\n  local 10.255.0.2 as 65000;\n"
                + "  neighbor 10.255.0.1 as 65001;\n  passive on;\n  ipv4 { import all; export none; };\n}"), conf);
        assertTrue(conf.contains("protocol bgp r01 {\n  local 10.255.2.1 as 65000;\n"
                + "  neighbor 10.255.2.11 as 65002;\n  passive on;\n  ipv4 { import none; export all; };\n}"), conf);
        assertTrue(!conf.contains("kernel"), conf);
    }

    @Test
    void petrelAsAReflectorHasIbgpClientsAndTheMeshNoInjector() {
        String conf = PetrelRouter.config(250, "/tmp/s", false, Router.Shape.REFLECTOR);
        ConfigResult r = ConfigLoader.parse(conf, "reflector");
        ConfigResult.Valid valid = assertInstanceOf(ConfigResult.Valid.class, r, () -> r.errors().toString());
        assertEquals(251, valid.config().peers().size());
        assertTrue(valid.config().peers().stream().allMatch(p -> p.ribOptions().routeReflectorClient()), conf);
        assertTrue(conf.contains("local-as = 64512"), conf);
        assertTrue(conf.contains("{ name = injector, address = \"10.255.0.1\", remote-as = 64512, import = all,"
                + " export = none }"), conf);
        // Receiver 200 is the first of the next /24.
        assertTrue(conf.contains("{ name = r200, address = \"10.255.3.10\", remote-as = 64512, import = none,"
                + " export = all }"), conf);
        String mesh = PetrelRouter.config(3, "/tmp/s", false, Router.Shape.MESH);
        assertFalse(mesh.contains("injector"), mesh);
        assertTrue(mesh.contains("{ name = r02, address = \"10.255.2.12\", remote-as = 64512, import = all,"
                + " export = all }"), mesh);
    }

    @Test
    void birdAsAReflectorHasDirectRrClients() {
        String conf = BirdRouter.config(2, false, 0, Router.Shape.REFLECTOR);
        assertTrue(conf.contains("protocol bgp injector {\n  local 10.255.0.2 as 64512;\n"
                + "  neighbor 10.255.0.1 as 64512;\n  passive on;\n  direct;\n  rr client;\n"
                + "  ipv4 { import all; export none; };\n}"), conf);
        assertTrue(conf.contains("protocol bgp r01 {\n  local 10.255.2.1 as 64512;\n"
                + "  neighbor 10.255.2.11 as 64512;\n  passive on;\n  direct;\n  rr client;\n"
                + "  ipv4 { import none; export all; };\n}"), conf);
        String mesh = BirdRouter.config(2, false, 0, Router.Shape.MESH);
        assertFalse(mesh.contains("injector"), mesh);
        assertTrue(mesh.contains("ipv4 { import all; export all; };"), mesh);
    }

    @Test
    void receiversSpreadOverOneSlash24PerTwoHundred() {
        assertEquals("10.255.2.10", Testbed.receiver(0).getHostAddress());
        assertEquals("10.255.2.209", Testbed.receiver(199).getHostAddress());
        assertEquals("10.255.3.10", Testbed.receiver(200).getHostAddress());
        assertEquals("10.255.6.209", Testbed.receiver(999).getHostAddress());
    }

    @Test
    void petrelShowPeersJsonIsRead() {
        String json = """
                {
                  "time" : "2026-11-23T18:00:00Z",
                  "peers" : [ {
                    "name" : "injector",
                    "address" : "10.255.0.1",
                    "remote_as" : 65001,
                    "state" : "Established",
                    "established_since" : "2026-11-23T17:59:00Z"
                  }, {
                    "name" : "r00",
                    "address" : "10.255.2.10",
                    "remote_as" : 65002,
                    "state" : "Active",
                    "established_since" : null
                  } ]
                }
                """;
        assertEquals(Map.of("injector", "Established", "r00", "Active"), PetrelRouter.peerStates(json));
    }

    @Test
    void heapUsedIsTheSumOfTheHeapSpaces() {
        String serial = """
                24655:
                DefNew     total 116224K, used 2048K [0x0000000687400000, 0x000000068f210000, 0x0000000704d50000)
                 eden space 103360K,   1% used [0x0000000687400000, 0x0000000687400000, 0x000000068d8f0000)
                 from space 12864K,   0% used [0x000000068d8f0000, 0x000000068d8f0000, 0x000000068e580000)
                 to   space 12864K,   0% used [0x000000068e580000, 0x000000068e580000, 0x000000068f210000)
                Tenured    total 258048K, used 1247K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
                 the  space 258048K,   0% used [0x0000000704d50000, 0x0000000704e87cb0, 0x0000000714950000)
                 Metaspace       used 7442K, committed 7680K, reserved 1114112K
                """;
        assertEquals(2048 + 1247, PetrelRouter.heapUsedKb(serial));
        assertEquals(12345, PetrelRouter.heapUsedKb(" garbage-first heap   total 262144K, used 12345K [0x0...)\n"
                + "  region size 1024K, 3 young (3072K), 0 survivors (0K)\n Metaspace       used 700K, committed 900K"));
    }

    @Test
    void birdMemoryUnits() {
        assertEquals(1360.0, BirdRouter.bytes("1360.0", "B"));
        assertEquals(19.2 * 1024, BirdRouter.bytes("19.2", "kB"), 1e-9);
        assertEquals(183.1 * 1024 * 1024, BirdRouter.bytes("183.1", "MB"), 1e-6);
    }
}
