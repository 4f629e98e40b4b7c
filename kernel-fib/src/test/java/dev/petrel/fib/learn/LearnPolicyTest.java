package dev.petrel.fib.learn;

import static dev.petrel.fib.learn.K.blackhole;
import static dev.petrel.fib.learn.K.dev;
import static dev.petrel.fib.learn.K.p;
import static dev.petrel.fib.learn.K.route;
import static dev.petrel.fib.learn.K.via;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.fib.kernel.KernelRoute;
import dev.petrel.fib.kernel.Rtnl;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LearnPolicyTest {
    private static final LearnPolicy D = LearnPolicy.DEFAULT;
    private static final int FELIX = 80; // the protocol number Calico's Felix writes

    @Test
    void defaultLearnsBlackholesOfAnyProtocolInMain() {
        for (int proto : new int[] {Rtnl.RTPROT_BOOT, Rtnl.RTPROT_STATIC, FELIX, Rtnl.RTPROT_BIRD}) {
            LearnDecision d = D.matches(blackhole("10.244.1.0/26", proto), null);
            assertTrue(d.learned(), d::toString);
            assertTrue(d.why().contains("blackhole"), d::toString);
        }
    }

    @Test
    void defaultLearnsRoutesOnCaliVethsOnly() {
        KernelRoute pod = dev("10.244.1.5/32", 7, FELIX);
        LearnDecision cali = D.matches(pod, "cali1234abcd");
        assertTrue(cali.learned(), cali::toString);
        assertTrue(cali.why().contains("cali1234abcd matches \"cali*\""), cali::toString);

        LearnDecision ipvs = D.matches(dev("10.96.0.10/32", 9, Rtnl.RTPROT_KERNEL), "kube-ipvs0");
        assertFalse(ipvs.learned());
        assertEquals("interface kube-ipvs0 matches no interface glob [\"cali*\"]", ipvs.why());

        assertFalse(D.matches(via("10.0.0.0/8", "10.255.1.1", 2, Rtnl.RTPROT_STATIC, 254, 0), "eth0").learned());
    }

    @Test
    void ownProtocolIsNeverLearned() {
        LearnDecision d = D.matches(blackhole("10.244.9.0/26", LearnPolicy.DEFAULT_OWN_PROTOCOL), null);
        assertFalse(d.learned());
        assertEquals("protocol 186 is Petrel's own", d.why());
        assertFalse(D.matches(dev("10.244.1.5/32", 7, 186), "cali1").learned());

        LearnPolicy other = new LearnPolicy(Set.of(), Set.of(254), EnumSet.allOf(LearnedRoute.Type.class),
                InterfaceGlob.parseAll("*"), false, List.of(), false, 201);
        assertFalse(other.matches(blackhole("10.1.0.0/16", 201), null).learned());
        assertTrue(other.matches(blackhole("10.1.0.0/16", 186), null).learned(),
                "186 is only special while it is our number");
    }

    @Test
    void localTableNeverAndOtherTablesOnlyWhenListed() {
        KernelRoute local = route("10.255.1.2/32", Rtnl.RT_TABLE_LOCAL, Rtnl.RTPROT_KERNEL, Rtnl.RTN_LOCAL, 0,
                List.of());
        assertEquals("the local table is never learned", D.matches(local, null).why());
        assertThrows(IllegalArgumentException.class, () -> D.withTables(Set.of(254, 255)));

        KernelRoute t100 = route("10.50.0.0/16", 100, Rtnl.RTPROT_STATIC, Rtnl.RTN_BLACKHOLE, 0, List.of());
        assertEquals("table 100 is not learned (tables [254])", D.matches(t100, null).why());
        assertTrue(D.withTables(Set.of(100, 254)).matches(t100, null).learned());
    }

    @Test
    void typesByName() {
        assertEquals(EnumSet.of(LearnedRoute.Type.BLACKHOLE, LearnedRoute.Type.UNREACHABLE),
                LearnPolicy.types("blackhole", " Unreachable"));
        assertThrows(IllegalArgumentException.class, () -> LearnPolicy.types("local"));
        LearnPolicy onlyBlackhole = D.withTypes(LearnPolicy.types("blackhole"));
        KernelRoute unreachable = route("10.9.0.0/16", 254, Rtnl.RTPROT_STATIC, Rtnl.RTN_UNREACHABLE, 0, List.of());
        assertEquals("unreachable routes are not learned", onlyBlackhole.matches(unreachable, null).why());
        assertTrue(D.matches(unreachable, null).learned());
        KernelRoute broadcast = route("10.9.0.255/32", 254, Rtnl.RTPROT_KERNEL, Rtnl.RTN_BROADCAST, 0, List.of());
        assertEquals("broadcast routes are not learned", D.matches(broadcast, null).why());
    }

    @Test
    void protocolListRestricts() {
        LearnPolicy staticOnly = D.withProtocols(Set.of(Rtnl.RTPROT_STATIC));
        assertTrue(staticOnly.matches(blackhole("10.1.0.0/16", Rtnl.RTPROT_STATIC), null).learned());
        LearnDecision boot = staticOnly.matches(blackhole("10.1.0.0/16", Rtnl.RTPROT_BOOT), null);
        assertEquals("protocol 3 is not learned (protocols [4])", boot.why());
        assertThrows(IllegalArgumentException.class, () -> D.withProtocols(Set.of(186)));
    }

    @Test
    void excludeBeforeIncludeAndUnknownInterface() {
        LearnPolicy p = D.withInterfaces(InterfaceGlob.parseAll("-kube-ipvs*", "*"));
        assertTrue(p.matches(dev("10.1.0.0/16", 2, Rtnl.RTPROT_STATIC), "eth0").learned());
        assertEquals("interface kube-ipvs0 is excluded by -\"kube-ipvs*\"",
                p.matches(dev("10.96.0.1/32", 9, Rtnl.RTPROT_STATIC), "kube-ipvs0").why());
        assertEquals("output interface #9 is not known",
                p.matches(dev("10.96.0.1/32", 9, Rtnl.RTPROT_STATIC), null).why());
        KernelRoute noOif = route("10.1.0.0/16", 254, Rtnl.RTPROT_STATIC, Rtnl.RTN_UNICAST, 0, List.of());
        assertEquals("unicast route without an output interface", p.matches(noOif, null).why());
    }

    @Test
    void connectedSubnets() {
        assertEquals("connected subnets are not learned", D.matchesConnected(p("10.255.1.0/24"), "eth0").why());
        LearnPolicy on = D.withConnected(true, D.connectedInterfaces(), false);
        assertTrue(on.matchesConnected(p("10.255.1.0/24"), "eth0").learned());
        assertTrue(on.matchesConnected(p("2001:db8:1::/64"), "eth0").learned());
        assertEquals("link-local subnet", on.matchesConnected(p("fe80::/64"), "eth0").why());
        assertEquals("link-local subnet", on.matchesConnected(p("169.254.0.0/16"), "eth0").why());
        assertFalse(on.matchesConnected(p("10.96.0.10/32"), "eth0").learned());
        assertFalse(on.matchesConnected(p("2001:db8::1/128"), "lo").learned());
        assertFalse(on.matchesConnected(p("10.244.1.0/24"), "cali12").learned());
        assertFalse(on.matchesConnected(p("10.96.0.0/24"), "kube-ipvs0").learned());

        LearnPolicy hosts = D.withConnected(true, InterfaceGlob.parseAll("*"), true);
        assertTrue(hosts.matchesConnected(p("10.96.0.10/32"), "tunl0").learned());
        assertFalse(hosts.matchesConnected(p("fe80::1/128"), "eth0").learned(), "link-local even as a host");
    }
}
